/**
 * 社会稳定风险评估 (稳评), reached by other modules and the registry only through this file: the year's list of
 * matters, the configurable steps with their evidence and minimum periods, the subject rule, the level and the
 * decision rule, mitigation measures, the archive checklist, the quarterly filing and the completion rate.
 */
export { RISK_MODULE } from './descriptor.ts';
export { riskRoutes } from './routes.ts';
export { createAssessment, type CreateAssessmentInput } from './create-assessment.ts';
export { RISK_ACTIONS } from './actions.ts';
