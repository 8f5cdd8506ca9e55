import type { SessionUser } from '../../../core/auth/types.ts';

/** 督查方式 (《政府督查工作条例》第十二条; the seeds' 督查办 practice 一听、二查、三看). */
export const CAMPAIGN_METHODS = {
  listen_check_see: '一听二查三看（听取汇报、查阅资料、实地查看）',
  unannounced: '暗访',
  random: '随机抽查',
} as const;
export type CampaignMethod = keyof typeof CAMPAIGN_METHODS;

/** The office's decision on an objection (复核决定). */
export const OBJECTION_DECISIONS = {
  upheld: '异议成立，更正督查结论',
  partly: '异议部分成立',
  rejected: '异议不成立，维持督查结论',
} as const;
export type ObjectionDecision = keyof typeof OBJECTION_DECISIONS;

export const RESPONSE_KINDS = { answer: '情况说明', objection: '异议（申请复核）' } as const;

/** The 督查办: plans campaigns, records findings, issues the 通报, decides objections. */
export const isCampaignOffice = (user: Pick<SessionUser, 'roles'>): boolean => user.roles.includes('dcb_staff');

/** Who reads every campaign at every stage: the office, county leaders, the administrator and the auditor. */
export const readsAllCampaigns = (user: Pick<SessionUser, 'roles'>): boolean =>
  user.roles.some((r) => r === 'dcb_staff' || r === 'county_leader' || r === 'sys_admin' || r === 'auditor');

/** The objection rule (period) and the office's answer rule, both in legal_rules. */
export const OBJECTION_RULE = 'dc.objection';
export const OBJECTION_ANSWER_RULE = 'dc.objection.answer';
