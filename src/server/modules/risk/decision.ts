import { RISK_LEVELS, type Decision, type RiskLevel } from './fields.ts';

/**
 * The decision rule (发改投资〔2012〕2492号 第四条; 重大行政决策程序暂行条例 第二十四条): a matter assessed 高 or 中
 * is not implemented as it stands — only once measures recorded for it bring the risk down to 低 (the lowered level
 * recorded with who decided), or it is postponed or dropped. Returns why a decision cannot be taken, or null.
 */
export function decisionProblem(input: { level: RiskLevel | null; decision: Decision; residualLevel?: RiskLevel | null; measureCount: number }): string | null {
  if (!input.level) return '须先确定风险等级';
  if (input.decision !== 'implement' || input.level === 'low') return null;
  const level = RISK_LEVELS[input.level];
  if (input.measureCount === 0) return `评估为${level}的事项不能按原方案实施：须先登记风险防范化解措施（责任单位、完成时限）`;
  if (input.residualLevel !== 'low') return `评估为${level}的事项，须经化解措施将风险降为低风险（记录降低后的风险等级）方可实施；否则应暂缓实施或不实施`;
  return null;
}
