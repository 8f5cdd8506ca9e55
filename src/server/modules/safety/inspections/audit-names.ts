/** The inspections' audit events, named for the audit viewer (merged into the hazard module's wording). */
export const INSPECTION_AUDIT_ACTIONS: Record<string, string> = {
  'hazard.checklist.create': '新增检查表',
  'hazard.checklist.update': '修改检查表',
  'hazard.inspection.plan': '制定检查计划',
  'hazard.inspection.draw': '双随机抽取',
  'hazard.inspection.tie': '登记回避关系',
  'hazard.inspection.record': '提交现场检查记录',
};
