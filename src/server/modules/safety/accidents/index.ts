/** 生产安全事故 (事故快报 → 调查 → 批复): its descriptor and routes, registered in modules/registry.ts. */
export { ACCIDENT_MODULE } from './descriptor.ts';
export { accidentRoutes } from './routes.ts';
export { ACCIDENT_ACTIONS } from './actions.ts';
export { reportAccident } from './create-accident.ts';
export { gradeAccident, GRADE_ZH, type AccidentGrade } from './grading.ts';
export { casualtyWindowJob, closeCasualtyWindows } from './casualty-window.job.ts';
