/** The words of the hazard ledger's coded fields (rules.md §3, 16号令). */
export const HAZARD_SOURCES = { self: '自查自报', inspection: '检查发现', report: '举报', supervision: '督查' } as const;
export type HazardSource = keyof typeof HAZARD_SOURCES;
export const HAZARD_GRADES = { general: '一般隐患', major: '重大隐患' } as const;
export type HazardGrade = keyof typeof HAZARD_GRADES;
export const SUPERVISION_LEVELS = { county: '县级挂牌督办', township: '乡镇（街道）督办', department: '行业主管部门督办' } as const;
export type SupervisionLevel = keyof typeof SUPERVISION_LEVELS;
export const DECISION_KINDS = { order: '责令限期整改', penalty: '行政处罚', suspend: '责令停产停业整顿' } as const;
export type DecisionKind = keyof typeof DECISION_KINDS;

/** The six elements of a 重大事故隐患治理方案 (16号令 第十五条): key → name. */
export const PLAN_ELEMENTS = {
  goals: '治理的目标和任务',
  methods: '采取的方法和措施',
  funds: '经费和物资的落实',
  organisation: '负责治理的机构和人员',
  timeline: '治理的时限和要求',
  safety: '安全措施和应急预案',
} as const;
export type PlanElement = keyof typeof PLAN_ELEMENTS;
export type HazardPlan = Partial<Record<PlanElement, string>>;

/** The elements a plan still lacks (blank or missing), by name. */
export function missingPlanElements(plan: HazardPlan | null | undefined): string[] {
  return (Object.keys(PLAN_ELEMENTS) as PlanElement[]).filter((k) => !plan?.[k] || plan[k]!.trim().length < 2).map((k) => PLAN_ELEMENTS[k]);
}
