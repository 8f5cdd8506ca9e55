/** The rules of the two reports upward (legal_rules, with their sources): a 重大事故隐患 found, and its 销号 (核销). */
export const UPWARD_RULES = { major: 'hz.major.report', closure: 'hz.major.close.report' } as const;
export const UPWARD_KINDS = { major: '重大事故隐患报告', closure: '重大事故隐患销号核销报告' } as const;
export type UpwardKind = keyof typeof UPWARD_KINDS;
