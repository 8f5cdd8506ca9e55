import type { StatsIndicatorDef } from '../../../kernel/stats/index.ts';

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
  'linked',
  'concluded',
  'withdrawn',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

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
  linked: '关联其他事项的件次（如反映出安全隐患、引发矛盾纠纷）',
  concluded: '已办结（含不予受理、不再受理、复查复核终结）',
  withdrawn: '已撤回（信访人撤回，不计入办结）',
};

export const INDICATOR_KEYS = ['timelyAcceptance', 'onTimeReply', 'evaluationRate', 'satisfactionRate', 'repeatRate', 'onlineShare'] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export interface IndicatorDefinition extends StatsIndicatorDef<CountKey> {
  key: IndicatorKey;
}

/** the official source; the workbook's formulas sheet shows it to people outside, so it names no internal document */
const GD = '国信发〔2022〕11号（信访事项办理群众满意度评价）及地方统计口径';

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
    name: '网上信访占比',
    numerator: 'online',
    denominator: 'batches',
    formula: '网上信访件次 ÷ 全部件次（来信、来访、电话、网上、领导信箱、上级交办转送）',
    source: GD,
  },
];
