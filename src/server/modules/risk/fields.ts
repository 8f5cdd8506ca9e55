/** The words of 稳评's coded fields, as county staff say them. */
export const MATTER_KINDS = { project: '重大固定资产投资项目', decision: '重大决策', event: '重大活动' } as const;
export const SUBJECT_KINDS = { department: '项目主管部门（责任单位）', third_party: '独立第三方机构' } as const;
export const RISK_LEVELS = { high: '高风险', medium: '中风险', low: '低风险' } as const;
export const DECISIONS = { implement: '实施', postpone: '暂缓实施', reject: '不实施' } as const;
export const DIMENSIONS = { legality: '合法性', reasonableness: '合理性', feasibility: '可行性', controllability: '可控性' } as const;

export type MatterKind = keyof typeof MATTER_KINDS;
export type SubjectKind = keyof typeof SUBJECT_KINDS;
export type RiskLevel = keyof typeof RISK_LEVELS;
export type Decision = keyof typeof DECISIONS;

/** A step of the procedure as configured (setting risk.steps) and copied onto each assessment. */
export interface StepDef {
  code: string;
  name: string;
  /** what the step needs before it closes: the four dimensions, the level, the decision (its own action), the follow-up (closing) */
  gate: 'dimensions' | 'level' | 'decision' | 'followUp' | null;
  /** the evidence the step is closed with (an attachment of the item is required), e.g. 评估工作方案 */
  evidence: string | null;
  /** legal_rules keys of the minimum periods that run from the step's start (公示 ≥10日, 征求意见 ≥30日) */
  minRules: string[];
}

export interface ArchiveItemDef {
  code: string;
  name: string;
}
