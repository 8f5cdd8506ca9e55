import type { ItemWording } from '../../kernel/catalog/index.ts';
import { DECISIONS, DIMENSIONS, MATTER_KINDS, RISK_LEVELS, SUBJECT_KINDS } from './fields.ts';
import { RISK_MACHINE } from './machine.ts';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const clip = (v: unknown, max = 120): string => {
  const t = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
  return t.length > max ? `${t.slice(0, max)}…` : t;
};
const word = (map: Record<string, string>, v: unknown) => (typeof v === 'string' ? (map[v] ?? '') : '');

/** How each input field of an assessment action reads on the timeline; fields not listed are left out. */
const INPUT_ZH: Record<string, (v: unknown) => string | null> = {
  summary: (v) => `工作情况：${clip(v)}`,
  attachmentIds: (v) => (Array.isArray(v) && v.length > 0 ? `佐证材料 ${v.length} 份` : null),
  level: (v) => `风险等级：${word(RISK_LEVELS, v)}`,
  basis: (v) => `定级依据：${clip(v)}`,
  content: (v) => `措施：${clip(v)}`,
  ownerName: (v) => `责任人：${clip(v)}`,
  dueOn: (v) => `完成时限：${clip(v)}`,
  result: (v) => `落实情况：${clip(v)}`,
  decision: (v) => `审定决策：${word(DECISIONS, v)}`,
  residualLevel: (v) => `落实措施后的风险等级：${word(RISK_LEVELS, v)}`,
  decidedBy: (v) => `决策机关或会议：${clip(v)}`,
  note: (v) => `说明：${clip(v)}`,
  counted: (v) => (v === true ? '纳入上级考核' : v === false ? '不纳入上级考核' : null),
  reason: (v) => `理由：${clip(v)}`,
  backdateReason: (v) => `补录说明：${clip(v)}`,
  ...Object.fromEntries(Object.entries(DIMENSIONS).map(([k, name]) => [k, (v: unknown) => `${name}：${clip(v, 60)}`])),
};

function describe(action: string, _before: unknown, after: unknown): string | null {
  const a = isPlain(after) ? after : {};
  if (action === 'risk.record') {
    return [
      `${word(MATTER_KINDS, a.matterKind)}：${clip(a.matterName)}`,
      `责任单位：${clip(a.responsibleUnit)}`,
      `评估主体：${word(SUBJECT_KINDS, a.subjectKind)}（${clip(a.subjectName)}）`,
      `${clip(a.planYear)}年度${a.counted === true ? '，纳入上级考核' : ''}`,
      `完成时限：${clip(a.targetOn)}`,
    ].join('；');
  }
  if (action === 'risk.create') return null;
  const input = isPlain(a.input) ? a.input : null;
  if (!input) return null;
  const parts = Object.entries(input)
    .filter(([k]) => k !== 'occurredOn' && k in INPUT_ZH)
    .map(([k, v]) => INPUT_ZH[k]!(v))
    .filter((p): p is string => !!p && !p.endsWith('：'));
  return parts.length ? parts.join('；') : null;
}

/** How the 稳评 module's audit events read in a timeline and the audit viewer. */
export const RISK_WORDING: ItemWording = {
  actions: {
    'risk.create': '稳评事项登记',
    'risk.record': '列入稳评事项清单',
    ...Object.fromEntries(Object.entries(RISK_MACHINE.actions).map(([code, def]) => [`risk.${code}`, def.name])),
  },
  describe,
  fields: {
    matterKind: { label: '事项类别', value: (v) => word(MATTER_KINDS, v) || null },
    matterName: { label: '事项名称' },
    responsibleUnit: { label: '责任单位' },
    subjectKind: { label: '评估主体', value: (v) => word(SUBJECT_KINDS, v) || null },
    subjectName: { label: '评估主体名称' },
    planYear: { label: '评估年度' },
    counted: { label: '纳入上级考核', value: (v) => (v === true ? '是' : v === false ? '否' : null) },
    targetOn: { label: '完成时限' },
  },
};
