import type { FieldWord, ItemWording } from '../../kernel/catalog/index.ts';
import { PETITION_MACHINE, stateName } from './machine.ts';
import { petitionDocumentKinds } from './documents/kinds.ts';

/** How 信访's audit events read in a timeline and the audit viewer (the descriptor's `wording`). */

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (v === null || v === undefined ? '空' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** long texts (facts, notes) are cut: the timeline is a summary, the record holds the whole text */
const clip = (v: unknown, max = 120): string => {
  const t = show(v);
  return t.length > max ? `${t.slice(0, max)}…` : t;
};
const stateZh = (v: unknown): string => (typeof v === 'string' ? stateName(v) : show(v));

const CHANNEL_ZH: Record<string, string> = { letter: '来信', visit: '来访', phone: '电话', online: '网上', leader_mailbox: '领导信箱', upper: '上级交办转送' };
const MATTER_ZH: Record<string, string> = { suggestion: '建议意见类', accusation: '检举控告类', appeal: '申诉求决类' };
const STAGE_ZH: Record<string, string> = { initial: '初次办理', fucha: '复查', fuhe: '复核' };
const FLAG_ZH: Record<string, string> = {
  collective: '集体访',
  firstTime: '初信初访',
  repeat: '重复信访',
  skippedLevel: '越级',
  lawRelated: '涉法涉诉',
  afterTermination: '终结后重复',
};

/** How each input field of a 信访 action reads; fields not listed (unit/user ids, reasons) are left out. */
const PETITION_INPUT_ZH: Record<string, (v: unknown) => string | null> = {
  occurredOn: (v) => `日期：${show(v)}`,
  backdateReason: (v) => `补录说明：${clip(v)}`,
  toUnitName: (v) => `转送至：${show(v)}`,
  amount: (v) => (typeof v === 'number' ? `延长：${v}日` : null),
  outcome: (v) => `处理意见：${({ support: '支持', explain: '解释说明', reject: '不予支持' } as Record<string, string>)[String(v)] ?? show(v)}`,
  facts: (v) => `认定事实：${clip(v)}`,
  legalBasis: (v) => `依据：${clip(v)}`,
  result: (v) => `评价：${({ satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' } as Record<string, string>)[String(v)] ?? show(v)}`,
  decision: (v) => `决定：${({ uphold: '同意退回，重新交办', overrule: '不同意退回，维持交办' } as Record<string, string>)[String(v)] ?? show(v)}`,
  routes: (v) =>
    Array.isArray(v) && v.length
      ? `告知救济途径：${v.map((r) => (r === 'fuyi' ? '行政复议' : r === 'susong' ? '行政诉讼' : r === 'zhongcai' ? '劳动人事争议仲裁' : show(r))).join('、')}`
      : null,
  otherRoute: (v) => `其他途径：${clip(v)}`,
  petitionerAccepted: (v) => (v === true ? '信访人已明确接受处理意见' : null),
  note: (v) => `说明：${clip(v)}`,
};

function petitionDetail(action: string, before: Plain, after: Plain): string {
  const parts: string[] = [];
  if (action === 'petition.register') {
    if (after.caseNo) parts.push(`编号：${show(after.caseNo)}`);
    if (after.channel) parts.push(`渠道：${CHANNEL_ZH[String(after.channel)] ?? show(after.channel)}`);
    if (after.matterType) parts.push(`类型：${MATTER_ZH[String(after.matterType)] ?? show(after.matterType)}`);
    parts.push(after.anonymous === true ? '匿名' : `信访人：${show(after.petitioners)}人`);
    const flags = isPlain(after.flags)
      ? Object.entries(after.flags)
          .filter(([k, v]) => v === true && k in FLAG_ZH)
          .map(([k]) => FLAG_ZH[k]!)
      : [];
    if (flags.length) parts.push(`标记：${flags.join('、')}`);
    return parts.join('；');
  }
  if (action === 'petition.review_open') {
    return `${STAGE_ZH[String(after.stage)] ?? show(after.stage)}立案，编号：${show(after.caseNo)}；状态：${stateZh(after.state)}`;
  }
  if (action === 'petition.document.generate') {
    // 文书：复查意见书（青信〔2026〕15号）
    return typeof after.number === 'string'
      ? `文书：${show(after.name ?? petitionDocumentKinds.find(String(after.kind))?.name ?? '文书')}（${after.number}）`
      : '';
  }
  if ('state' in after && before.state !== after.state) parts.push(`状态：${stateZh(before.state)} → ${stateZh(after.state)}`);
  if (action === 'petition.chain') return parts.concat('随关联的复查/复核事项').join('；');
  const input = isPlain(after.input) ? after.input : {};
  for (const [k, v] of Object.entries(input)) {
    const word = PETITION_INPUT_ZH[k];
    const text = word && v !== null && v !== undefined && v !== '' ? word(v) : null;
    if (text) parts.push(text);
  }
  return parts.join('；');
}

/** The chain's actions (audited as petition.<action code>) by the machine's names, and the module's other events. */
const ACTIONS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(PETITION_MACHINE.actions as Record<string, { name: string }>).map(([code, a]) => [`petition.${code}`, a.name])),
  'petition.register': '登记',
  'petition.review_open': '复查/复核立案',
  'petition.chain': '关联事项状态变更',
  'petition.document.generate': '制作文书',
};

const named =
  (words: Record<string, string>) =>
  (v: unknown): string | null =>
    typeof v === 'string' ? (words[v] ?? null) : null;

/** How the fields of 信访's audited records read in the audit viewer (fields named nowhere go under 技术细节). */
const FIELDS: Record<string, FieldWord> = {
  caseNo: { label: '信访件编号' },
  channel: { label: '信访形式', value: named(CHANNEL_ZH) },
  matterType: { label: '事项类型', value: named(MATTER_ZH) },
  stage: { label: '办理阶段', value: named(STAGE_ZH) },
  anonymous: { label: '匿名' },
  petitioners: {
    label: '信访人',
    value: (v) => {
      const n = typeof v === 'number' ? v : Array.isArray(v) ? v.length : null;
      return n === null ? null : n === 0 ? '未留姓名（匿名）' : `${n}人`;
    },
  },
  flags: {
    label: '标记',
    value: (v) => {
      if (!isPlain(v)) return null;
      const on = Object.entries(v)
        .filter(([k, x]) => x === true && k in FLAG_ZH)
        .map(([k]) => FLAG_ZH[k]!);
      return on.length ? on.join('、') : '无';
    },
  },
  toUnitName: { label: '转送至' },
  outcome: { label: '处理意见', value: named({ support: '支持', explain: '解释说明', reject: '不予支持' }) },
  facts: { label: '认定事实' },
  legalBasis: { label: '依据' },
  result: { label: '评价', value: named({ satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' }) },
  decision: { label: '决定', value: named({ uphold: '同意退回，重新交办', overrule: '不同意退回，维持交办' }) },
  routes: {
    label: '告知救济途径',
    value: (v) =>
      Array.isArray(v) ? (v.length ? v.map((r) => (r === 'fuyi' ? '行政复议' : r === 'susong' ? '行政诉讼' : '其他途径')).join('、') : '无') : null,
  },
  otherRoute: { label: '其他途径' },
  petitionerAccepted: { label: '信访人接受处理意见' },
  receivedAt: { label: '收到时间' },
  amount: { label: '延长期限', value: (v) => (typeof v === 'number' ? `${v}日` : null) },
  reasons: { label: '退回理由' },
};

export const PETITION_WORDING: ItemWording = {
  actions: ACTIONS,
  fields: FIELDS,
  describe: (action, before, after) =>
    action.startsWith('petition.') ? petitionDetail(action, isPlain(before) ? before : {}, isPlain(after) ? after : {}) : null,
};
