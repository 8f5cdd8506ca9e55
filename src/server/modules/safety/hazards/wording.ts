import type { ItemWording } from '../../../kernel/catalog/index.ts';
import { DECISION_KINDS, HAZARD_GRADES, HAZARD_SOURCES, PLAN_ELEMENTS } from './fields.ts';
import { HAZARD_MACHINE } from './machine.ts';
import { INSPECTION_AUDIT_ACTIONS } from '../inspections/audit-names.ts';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const clip = (v: unknown, max = 120): string => {
  const t = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
  return t.length > max ? `${t.slice(0, max)}…` : t;
};
const word = (map: Record<string, string>, v: unknown) => (typeof v === 'string' ? (map[v] ?? '') : '');

/** How each input field of a hazard action reads on the timeline; fields not listed are left out. */
const INPUT_ZH: Record<string, (v: unknown) => string | null> = {
  occurredOn: (v) => `日期：${clip(v)}`,
  backdateReason: (v) => `补录说明：${clip(v)}`,
  measures: (v) => `整改措施：${clip(v)}`,
  responsibleName: (v) => `整改责任人：${clip(v)}`,
  tempMeasures: (v) => `临时防范措施：${clip(v)}`,
  rectification: (v) => `整改情况：${clip(v)}`,
  funds: (v) => (typeof v === 'number' ? `整改资金：${v}元` : null),
  reason: (v) => `退回理由：${clip(v)}`,
  dueOn: (v) => `整改期限：${clip(v)}`,
  passed: (v) => (v === true ? '审查结论：合格' : v === false ? '审查结论：不合格' : null),
  note: (v) => `意见：${clip(v)}`,
  conclusion: (v) => `复查验收结论：${clip(v)}`,
  kind: (v) => `决定种类：${word(DECISION_KINDS, v)}`,
  docNo: (v) => `文书编号：${clip(v)}`,
  content: (v) => `决定内容：${clip(v)}`,
  amount: (v) => (typeof v === 'number' ? `罚款：${v}元` : null),
  ...Object.fromEntries(Object.entries(PLAN_ELEMENTS).map(([k, name]) => [k, (v: unknown) => `${name}：${clip(v, 60)}`])),
};

function describe(action: string, before: unknown, after: unknown): string | null {
  const a = isPlain(after) ? after : {};
  if (action === 'hazard.record') {
    return [
      `隐患单位：${clip(a.enterprise)}`,
      `来源：${word(HAZARD_SOURCES, a.source)}`,
      `级别：${word(HAZARD_GRADES, a.grade)}`,
      `类别：${clip(a.category)}`,
      `整改期限：${clip(a.dueOn)}`,
    ].join('；');
  }
  if (action === 'hazard.enterprise.move') {
    const b = isPlain(before) ? before : {};
    const moved = (label: string, key: string) => (b[key] !== a[key] ? [`${label}：${clip(b[key])} → ${clip(a[key])}`] : []);
    return [...moved('属地', 'township'), ...moved('行业主管部门', 'regulator')].join('；') || null;
  }
  if (action === 'hazard.enterprise.close_flag') return `一百八十日内或一年内多次因重大事故隐患受到行政处罚，提请关闭（${clip(a.flaggedOn)}）`;
  if (action === 'hazard.create') return null;
  if (action === 'hazard.upward_report')
    return `${a.kind === 'closure' ? '重大事故隐患销号核销报告' : '重大事故隐患报告'}已上报${Array.isArray(a.recipients) ? a.recipients.join('、') : ''}（${clip(a.reportedOn)}）`;
  const input = isPlain(a.input) ? a.input : null;
  if (!input) return null;
  if (action === 'hazard.regrade') return `隐患级别调整为${word(HAZARD_GRADES, input.grade)}；调整理由：${clip(input.reason)}`;
  const parts = Object.entries(input)
    .filter(([k]) => k !== 'occurredOn' && k in INPUT_ZH)
    .map(([k, v]) => INPUT_ZH[k]!(v))
    .filter((p): p is string => !!p && !p.endsWith('：'));
  return parts.length ? parts.join('；') : null;
}

/** How the hazard module's audit events read in a timeline and the audit viewer. */
export const HAZARD_WORDING: ItemWording = {
  actions: {
    'hazard.create': '隐患登记',
    'hazard.record': '录入隐患台账',
    ...Object.fromEntries(Object.entries(HAZARD_MACHINE.actions).map(([code, def]) => [`hazard.${code}`, def.name])),
    'hazard.document.generate': '制作文书',
    'hazard.upward_report': '重大隐患上报',
    'hazard.stat_report.generate': '生成隐患统计表',
    'hazard.stat_report.sign': '签发隐患统计表',
    'hazard.stat_report.return': '退回隐患统计表',
    'hazard.stat_report.remind': '隐患统计表报送提醒',
    'hazard.enterprise.create': '企业（场所）登记',
    'hazard.enterprise.update': '修改企业（场所）登记信息',
    'hazard.enterprise.close_flag': '提请关闭',
    'hazard.enterprise.move': '企业属地或主管部门变更，隐患随之移交',
    'hazard.sector.create': '新增行业领域',
    'hazard.sector.update': '修改行业领域',
    'hazard.register.import': '导入企业登记册',
    'hazard.licence.remind': '证照到期提醒',
    ...INSPECTION_AUDIT_ACTIONS,
  },
  describe,
};
