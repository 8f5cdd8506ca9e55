/** 监督检查: sector checklists, inspection plans (大检查, 专项整治, 双随机, 四不两直, 暗访), records and their documents. */
export { inspectionRoutes } from './routes.ts';
export { drawInspection, seededRandom } from './draw.ts';
export { targetVisibleSql, planVisibleSql, PLAN_KIND_ZH } from './plans.ts';

export { INSPECTION_AUDIT_ACTIONS } from './audit-names.ts';
