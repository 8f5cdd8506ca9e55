/**
 * 督查 inspection campaigns (issue 16): plan (groups, targets, method, checklist), records per target, problems → 督办事项,
 * the 通报 (DOCX), the targets' answers and objections (dc.objection). Reached by the registry only through this file.
 */
export { campaignRoutes } from './routes.ts';
