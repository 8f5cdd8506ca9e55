/** zh-CN wording of timeline entries: pure, so every module's case timeline reads the same. */

export const UNIT_ZH: Record<string, string> = { calendar_days: '日', working_days: '个工作日', hours: '小时', months: '个月' };

export const amountZh = (amount: number | null, unit: string | null): string =>
  amount === null ? '' : `${amount}${unit ? (UNIT_ZH[unit] ?? unit) : ''}`;

export const CLOCK_EVENT_ZH = {
  start: '开始计时',
  pause: '暂停计时',
  resume: '恢复计时',
  extend: '延长期限',
  stop: '停止计时',
} as const;

/** Audit actions on a work item or its deadlines that are not clock events. Unknown actions show as their code. */
const AUDIT_ACTION_ZH: Record<string, string> = {
  'deadline.recompute': '期限重新计算',
  'work_item.create': '登记',
  'work_item.update': '更新',
  'work_item.assign': '交办',
  'work_item.transfer': '转办',
  'work_item.state': '状态变更',
  'work_item.close': '办结',
  'work_item.reopen': '重新办理',
  'work_item.instruct': '领导批示',
  'work_item.parties': '责任单位调整',
  'item.attachments': '添加附件',
  // 督办 and leaders' work (kernel/supervision, modules/leader-work)
  'supervision.instruction': '领导批示',
  'supervision.notice': '督办通知',
  'supervision.notice_reply': '督办回复',
  'supervision.list': '挂牌督办',
  'supervision.delist': '摘牌',
  'supervision.backlog_open': '列入积案',
  'supervision.backlog_result': '积案化解结果',
  'supervision.backlog_close': '积案销号',
  'work_item.assistance': '帮扶救助',
  'work_item.reception': '领导接访',
  'petition.document.generate': '制作文书',
  // 信访: the chain's actions (modules/petitions, audited as petition.<action code>)
  'petition.register': '登记',
  'petition.accept': '受理',
  'petition.reject': '不予受理',
  'petition.transfer': '转送',
  'petition.assign': '交办',
  'petition.object': '退回（异议）',
  'petition.decide_objection': '处理退回',
  'petition.progress': '办理进展',
  'petition.extend': '延期',
  'petition.reply': '出具处理意见书',
  'petition.deliver': '送达',
  'petition.evaluate': '满意度评价',
  'petition.apply_review': '申请复查/复核',
  'petition.close': '办结',
  'petition.refuse_again': '不再受理',
  'petition.withdraw': '撤回信访事项',
  'petition.review_open': '复查/复核立案',
  'petition.chain': '关联事项状态变更',
};

export function auditActionZh(action: string): string {
  return AUDIT_ACTION_ZH[action] ?? action;
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (v === null || v === undefined ? '空' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * "字段：旧 → 新" for the top-level fields an audited change altered (at most `limit`), so a
 * module's own events are readable in the timeline before it supplies a wording of its own.
 */
export function describeChange(before: unknown, after: unknown, limit = 4): string {
  const b = isPlain(before) ? before : {};
  const a = isPlain(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  const parts = keys.slice(0, limit).map((k) => (k in b ? `${k}：${show(b[k])} → ${show(a[k])}` : `${k}：${show(a[k])}`));
  if (keys.length > limit) parts.push(`等${keys.length}项`);
  return parts.join('；');
}

/** "到期日 10-08 → 10-14（暂定）" for a recomputation of one deadline. */
export function describeDueChange(before: { dueDate?: unknown; provisional?: unknown } | undefined, after: { dueDate?: unknown; provisional?: unknown } | undefined): string {
  const due = (s: { dueDate?: unknown; provisional?: unknown } | undefined) =>
    `${typeof s?.dueDate === 'string' ? s.dueDate : '待定'}${s?.provisional === true ? '（暂定）' : ''}`;
  return `到期日 ${due(before)} → ${due(after)}`;
}

/**
 * Case states by code, shared vocabulary of the modules' machines (信访 today). A state a module
 * names differently still shows through its own stateName in the record; here it only makes the
 * timeline readable.
 */
export const STATE_ZH: Record<string, string> = {
  registered: '已登记',
  assigned: '已交办',
  objected: '已退回（待决定）',
  handling: '办理中',
  replied: '已出具意见',
  delivered: '已送达',
  under_review: '复查/复核中',
  transferred: '已转送',
  closed: '已办结',
  terminated: '已终结',
};
/** long texts (facts, notes) are cut: the timeline is a summary, the record holds the whole text */
const clip = (v: unknown, max = 120): string => {
  const t = show(v);
  return t.length > max ? `${t.slice(0, max)}…` : t;
};
const stateZh = (v: unknown): string => (typeof v === 'string' ? (STATE_ZH[v] ?? v) : show(v));

const CHANNEL_ZH: Record<string, string> = { letter: '来信', visit: '来访', phone: '电话', online: '网上', leader_mailbox: '领导信箱', upper: '上级交办转送' };
const MATTER_ZH: Record<string, string> = { suggestion: '建议意见类', accusation: '检举控告类', appeal: '申诉求决类' };
const STAGE_ZH: Record<string, string> = { initial: '初次办理', fucha: '复查', fuhe: '复核' };
const FLAG_ZH: Record<string, string> = { collective: '集体访', firstTime: '初信初访', repeat: '重复信访', skippedLevel: '越级', lawRelated: '涉法涉诉', afterTermination: '终结后重复' };

/** How each input field of a 信访 action reads; fields not listed (unit/user ids, reasons) are left out. */
const PETITION_INPUT_ZH: Record<string, (v: unknown) => string | null> = {
  date: (v) => `日期：${show(v)}`,
  toUnitName: (v) => `转送至：${show(v)}`,
  amount: (v) => (typeof v === 'number' ? `延长：${v}日` : null),
  outcome: (v) => `处理意见：${({ support: '支持', explain: '解释说明', reject: '不予支持' } as Record<string, string>)[String(v)] ?? show(v)}`,
  facts: (v) => `认定事实：${clip(v)}`,
  legalBasis: (v) => `依据：${clip(v)}`,
  result: (v) => `评价：${({ satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' } as Record<string, string>)[String(v)] ?? show(v)}`,
  decision: (v) => `决定：${({ uphold: '同意退回，重新交办', overrule: '不同意退回，维持交办' } as Record<string, string>)[String(v)] ?? show(v)}`,
  routes: (v) => (Array.isArray(v) && v.length ? `告知救济途径：${v.map((r) => (r === 'fuyi' ? '行政复议' : r === 'susong' ? '行政诉讼' : show(r))).join('、')}` : null),
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
    const flags = isPlain(after.flags) ? Object.entries(after.flags).filter(([k, v]) => v === true && k in FLAG_ZH).map(([k]) => FLAG_ZH[k]!) : [];
    if (flags.length) parts.push(`标记：${flags.join('、')}`);
    return parts.join('；');
  }
  if (action === 'petition.review_open') {
    return `${STAGE_ZH[String(after.stage)] ?? show(after.stage)}立案，编号：${show(after.caseNo)}；状态：${stateZh(after.state)}`;
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

/** The readable detail of an audited change: a module's own wording where the kernel has one, else the changed fields. */
export function describeAudit(action: string, before: unknown, after: unknown): string {
  if (action.startsWith('petition.')) return petitionDetail(action, isPlain(before) ? before : {}, isPlain(after) ? after : {});
  return describeChange(before, after);
}
