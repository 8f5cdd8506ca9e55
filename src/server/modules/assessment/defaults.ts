import type { AppliesTo } from './indicators.ts';
import type { FormulaSpec } from './formula.ts';

/** An indicator as the county sets it up (a row of assessment_indicators before it has an id). */
export interface IndicatorSetting {
  name: string;
  source: 'stats' | 'accountability';
  module: string | null;
  measure: string | null;
  dimension: string | null;
  appliesTo: AppliesTo;
  weight: number;
  formula: FormulaSpec;
  note: string;
}

/**
 * A starting indicator set over the modules' declared statistics: shared 信访 and 问责 indicators for every unit, the
 * 隐患整改率 by 属地 and 调解成功率 for 乡镇（街道）, the 隐患整改率 by 行业主管部门 and 稳评完成率 for 县直部门 — each
 * group's weights add to 100. The demo county starts with it; a county changes it on the 考核指标 page.
 */
export const DEFAULT_INDICATORS: readonly IndicatorSetting[] = [
  {
    name: '信访及时受理率',
    source: 'stats',
    module: 'petition',
    measure: 'timelyAcceptance',
    dimension: 'unit',
    appliesTo: 'all',
    weight: 20,
    formula: { type: 'rate', target: 0.98, floor: 0.6, whenNoItems: 'full' },
    note: '',
  },
  {
    name: '信访按期办结率',
    source: 'stats',
    module: 'petition',
    measure: 'onTimeReply',
    dimension: 'unit',
    appliesTo: 'all',
    weight: 20,
    formula: { type: 'rate', target: 0.95, floor: 0.6, whenNoItems: 'full' },
    note: '',
  },
  {
    name: '群众满意率',
    source: 'stats',
    module: 'petition',
    measure: 'satisfactionRate',
    dimension: 'unit',
    appliesTo: 'all',
    weight: 15,
    formula: { type: 'rate', target: 0.9, floor: 0.5, whenNoItems: 'full' },
    note: '',
  },
  {
    name: '隐患整改率（属地）',
    source: 'stats',
    module: 'hazard',
    measure: 'rectifyRate',
    dimension: 'township',
    appliesTo: 'township',
    weight: 20,
    formula: { type: 'rate', target: 0.9, floor: 0.5, whenNoItems: 'full' },
    note: '',
  },
  {
    name: '矛盾纠纷调解成功率',
    source: 'stats',
    module: 'dispute',
    measure: 'successRate',
    dimension: 'township',
    appliesTo: 'township',
    weight: 15,
    formula: { type: 'rate', target: 0.95, floor: 0.6, whenNoItems: 'full' },
    note: '',
  },
  {
    name: '隐患整改率（行业监管）',
    source: 'stats',
    module: 'hazard',
    measure: 'rectifyRate',
    dimension: 'regulator',
    appliesTo: 'department',
    weight: 15,
    formula: { type: 'rate', target: 0.9, floor: 0.5, whenNoItems: 'full' },
    note: '',
  },
  {
    name: '稳评按时完成率',
    source: 'stats',
    module: 'risk',
    measure: 'completionRate',
    dimension: 'department',
    appliesTo: 'department',
    weight: 20,
    formula: { type: 'rate', target: 1, floor: 0.5, whenNoItems: 'full' },
    note: '',
  },
  {
    name: '问责扣分',
    source: 'accountability',
    module: null,
    measure: null,
    dimension: null,
    appliesTo: 'all',
    weight: 10,
    formula: { type: 'deduction', per: 5, cap: 10 },
    note: '被约谈、通报批评等每次扣 5 分',
  },
];
