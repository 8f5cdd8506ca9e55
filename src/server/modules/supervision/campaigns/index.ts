/**
 * 督查 inspection campaigns (issue 16): plan (groups, targets, method, checklist), records per target, problems → 督办事项,
 * the 通报 (DOCX), the targets' answers and objections (dc.objection). Reached from outside through the module's index.
 */
export { campaignRoutes } from './routes.ts';
export { planCampaign, type PlanInput } from './plan.ts';
export { addRecord, addResponse, decideObjection, type RecordInput } from './findings.ts';
export { issueBulletin } from './bulletin.ts';
