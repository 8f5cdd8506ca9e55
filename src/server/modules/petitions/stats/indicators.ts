/**
 * The 信访 statistics of rules.md §2 as data: every count is a named predicate over one petition's facts
 * (see facts-sql.ts), every indicator is numerator / denominator of two counts. The screen, the Excel
 * formulas sheet and the drill-down all read these definitions, so a number and the items behind it agree.
 */

/** Counts of petitions (件次 = 批次), except `persons` which sums 人次. */
export const COUNT_KEYS = [
  'batches',
  'persons',
  'routeTimely',
  'routeLate',
  'routeOverdueOpen',
  'routeBase',
  'replyOnTime',
  'replyLate',
  'replyOverdueOpen',
  'replyBase',
  'evaluated',
  'evalOverdue',
  'evalBase',
  'satisfied',
  'nonLawRelated',
  'repeatNonLaw',
  'online',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export type Counts = Record<CountKey, number>;

export const COUNT_NAMES: Record<CountKey, string> = {
  batches: '批次（件次）',
  persons: '人次',
  routeTimely: '及时受理',
  routeLate: '超期受理',
  routeOverdueOpen: '超期未受理',
  routeBase: '应受理（及时+超期受理+超期未受理）',
  replyOnTime: '按期答复',
  replyLate: '超期答复',
  replyOverdueOpen: '超期未答复',
  replyBase: '应答复（按期+超期答复+超期未答复）',
  evaluated: '已评价',
  evalOverdue: '超期未评价',
  evalBase: '已评价+超期未评价',
  satisfied: '满意+基本满意',
  nonLawRelated: '非涉法涉诉件次',
  repeatNonLaw: '重复信访件次（不含涉法涉诉）',
  online: '网上信访件次',
};

export const INDICATOR_KEYS = ['timelyAcceptance', 'onTimeReply', 'evaluationRate', 'satisfactionRate', 'repeatRate', 'onlineShare'] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export interface IndicatorDefinition {
  key: IndicatorKey;
  name: string;
  numerator: CountKey;
  denominator: CountKey;
  /** shown in the tooltip and on the formulas sheet */
  formula: string;
  source: string;
}

const GD = '国信发〔2022〕11号（信访事项办理群众满意度评价）及地方统计口径，见 rules.md §2';

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    key: 'timelyAcceptance',
    name: '及时受理率',
    numerator: 'routeTimely',
    denominator: 'routeBase',
    formula: '及时受理 ÷ (及时受理 + 超期受理 + 超期未受理)；及时 = 在“受理/转送/交办”期限（xf.dept.route，15日）内作出受理、不予受理、转送或交办',
    source: `《信访工作条例》第二十一条、第二十二条；${GD}`,
  },
  {
    key: 'onTimeReply',
    name: '按期办结率',
    numerator: 'replyOnTime',
    denominator: 'replyBase',
    formula: '按期答复 ÷ (按期答复 + 超期答复 + 超期未答复)；按期 = 处理意见书出具日期不晚于办理期限（含延期）',
    source: `《信访工作条例》第三十二条；${GD}`,
  },
  {
    key: 'evaluationRate',
    name: '参评率',
    numerator: 'evaluated',
    denominator: 'evalBase',
    formula: '已评价 ÷ (已评价 + 超期未评价)；超期未评价 = 送达后评价期限已过仍未评价',
    source: GD,
  },
  {
    key: 'satisfactionRate',
    name: '满意率',
    numerator: 'satisfied',
    denominator: 'evaluated',
    formula: '(满意 + 基本满意) ÷ 已评价',
    source: GD,
  },
  {
    key: 'repeatRate',
    name: '重复信访率',
    numerator: 'repeatNonLaw',
    denominator: 'nonLawRelated',
    formula: '重复信访件次 ÷ 全部件次（均不含涉法涉诉）',
    source: GD,
  },
  {
    key: 'onlineShare',
    name: '网信占比',
    numerator: 'online',
    denominator: 'batches',
    formula: '网上信访件次 ÷ 全部件次（来信、来访、电话、网上、领导信箱、上级交办转送）',
    source: GD,
  },
];

export interface IndicatorValue {
  key: IndicatorKey;
  name: string;
  numerator: number;
  denominator: number;
  /** 0..1, or null when the denominator is 0 (shown as “—”, never as 0 % or 100 %) */
  value: number | null;
}

/** Pure: the indicators of one row of counts. */
export function computeIndicators(counts: Counts): IndicatorValue[] {
  return INDICATORS.map((d) => {
    const numerator = counts[d.numerator];
    const denominator = counts[d.denominator];
    return { key: d.key, name: d.name, numerator, denominator, value: denominator > 0 ? numerator / denominator : null };
  });
}

/** Pure: the change of a ratio against the previous period, in percentage points (null when either is undefined). */
export function changeInPoints(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return Math.round((current - previous) * 10000) / 100;
}

/** Pure: a count's relative change (增减幅度) against the previous period, in percent (null when previous is 0). */
export function changeInPercent(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) / previous) * 10000) / 100;
}

/** Pure: formats a ratio as “85.71%” (or “—”). */
export function formatRatio(value: number | null): string {
  return value === null ? '—' : `${(Math.round(value * 10000) / 100).toFixed(2)}%`;
}

export function zeroCounts(): Counts {
  return Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Counts;
}
