/** The words of the dispute register: codes as stored, names as county staff say them. */

export const DISPUTE_SOURCES = {
  screening: '排查发现',
  visit: '群众来访',
  grid: '网格员上报',
  petition: '信访转调',
  hotline: '12345热线',
} as const;
export type DisputeSource = keyof typeof DISPUTE_SOURCES;

export const RISK_KINDS = {
  domestic_violence: '有家庭暴力风险',
  violence: '有民转刑、暴力冲突风险',
  group: '可能引发群体性事件',
} as const;
export type RiskKind = keyof typeof RISK_KINDS;

export const MEDIATION_KINDS = {
  people: '人民调解',
  administrative: '行政调解',
  judicial: '司法调解（人民法院委派、委托）',
} as const;
export type MediationKindCode = keyof typeof MEDIATION_KINDS;

/** 司法调解: the court refers the dispute before filing (委派) or after (委托). */
export const COURT_REFERRALS = { pre_filing: '立案前委派调解', post_filing: '立案后委托调解' } as const;

export const AGREEMENT_FORMS = { written: '书面协议', oral: '口头协议' } as const;

export const PARTY_ROLES = { applicant: '申请人', respondent: '被申请人', third: '其他当事人' } as const;

export const FAILURE_ROUTES = { arbitration: '仲裁', admin_handling: '行政途径', litigation: '诉讼' } as const;
export type FailureRoute = keyof typeof FAILURE_ROUTES;

export const OUTCOMES = { resolved: '调解成功', failed: '调解不成', refused: '不予调解', escalated: '升级处理' } as const;

export const RESOLVED_LEVELS = { village: '村（社区）', township: '乡镇（街道）', county: '县级' } as const;
export type ResolvedLevel = keyof typeof RESOLVED_LEVELS;

export const ESCALATION_ROUTES = { petition: '转为信访事项', supervision: '纳入督查督办' } as const;

/** The level a dispute is resolved at, from the kind of the unit that mediates it (小事不出村、大事不出镇). */
export function levelOfUnitKind(kind: string): ResolvedLevel {
  if (kind === 'village' || kind === 'community') return 'village';
  if (kind === 'township' || kind === 'street') return 'township';
  return 'county';
}

/**
 * What 人民调解法 art. 29 requires a written agreement (调解协议书) to state, beyond the parties: the field of the
 * agreement and its name. An empty one is named in the refusal.
 */
export const ART29_CONTENTS = {
  points: '纠纷的主要事实、争议事项',
  responsibility: '各方当事人的责任',
  terms: '当事人达成调解协议的内容',
  performMethod: '履行的方式',
  performDueOn: '履行的期限',
} as const;
export type Art29Field = keyof typeof ART29_CONTENTS;

/** The contents art. 29 requires that `agreement` leaves empty (names, in the law's order). */
export function missingArt29(agreement: Partial<Record<Art29Field, string | null | undefined>>, partyCount: number): string[] {
  const missing: string[] = [];
  if (partyCount < 2) missing.push('双方当事人的基本情况');
  for (const [k, name] of Object.entries(ART29_CONTENTS)) {
    const v = agreement[k as Art29Field];
    if (typeof v !== 'string' || v.trim() === '') missing.push(name);
  }
  return missing;
}
