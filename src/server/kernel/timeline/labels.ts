/** zh-CN wording of timeline entries: pure, so every module's case timeline reads the same. */
import type { ModuleCatalog } from '../catalog/index.ts';
import { describeLinkAudit } from '../links/link-wording.ts';
import { idKindOf, NO_NAMES, type NameBook } from './names.ts';

export const UNIT_ZH: Record<string, string> = { calendar_days: '日', working_days: '个工作日', hours: '小时', months: '个月' };

export const amountZh = (amount: number | null, unit: string | null): string => (amount === null ? '' : `${amount}${unit ? (UNIT_ZH[unit] ?? unit) : ''}`);

/** '2026-12-20' → '2026年12月20日' (a day as the county writes it in prose); anything else unchanged. */
export function dayZh(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : day;
}

/**
 * A clock's start in words: a rule's length with its source (办理期限：自 2026-11-17 起算，依据“…”（…），期限60日), or —
 * for a due date an order or a higher authority set, which has no length — that date (整改期限至2026年12月20日，自 … 起算).
 */
export function startedClockZh(opts: {
  label: string;
  startDate: string;
  rule: { name: string; source: string } | null;
  length: string;
  dueDate: string | null;
}): string {
  if (opts.dueDate) return `${opts.label}至${dayZh(opts.dueDate)}（自 ${opts.startDate} 起算）`;
  const ruleText = opts.rule ? `依据“${opts.rule.name}”（${opts.rule.source}），期限${opts.length}` : `期限${opts.length}`;
  return `${opts.label}：自 ${opts.startDate} 起算，${ruleText}`;
}

export const CLOCK_EVENT_ZH = {
  start: '开始计时',
  pause: '暂停计时',
  resume: '恢复计时',
  extend: '延长期限',
  stop: '停止计时',
} as const;

/** Audit actions on a work item or its deadlines that are not clock events. Unknown actions show as 其他操作, never as their code. */
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
  'work_item.assignee': '指定经办人',
  'item.attachments': '添加附件',
  // links between items (kernel/links), audited on both items
  'item.link': '关联事项',
  'item.unlink': '解除关联',
  // 督办 and leaders' work (kernel/supervision, modules/leader-work)
  'supervision.instruction': '领导批示',
  'supervision.instruction_request': '报请领导批示',
  'supervision.notice': '督办通知',
  'supervision.escalate': '升级督办',
  'supervision.accountability': '问责',
  'supervision.notice_reply': '督办回复',
  'supervision.list': '挂牌督办',
  'supervision.delist': '摘牌',
  'supervision.backlog_open': '列入积案',
  'supervision.backlog_result': '积案化解结果',
  'supervision.backlog_close': '积案销号',
  'work_item.assistance': '帮扶救助',
  'work_item.reception': '领导接访',
  'personal.reveal': '查看信访人信息',
};

/** The kernel's own audit action names (督办, clocks, work items), for lists of every known action. */
export const kernelAuditLabels = (): Readonly<Record<string, string>> => AUDIT_ACTION_ZH;

/** The zh-CN name of an audit action: the kernel's, else the module's (descriptor wording), else 其他操作 (never the code). */
export function auditActionZh(modules: Pick<ModuleCatalog, 'auditLabel'>, action: string): string {
  return AUDIT_ACTION_ZH[action] ?? modules.auditLabel(action) ?? '其他操作';
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How the fields audited changes record read; a field not named here is counted, never printed by its code. */
export const FIELD_ZH: Record<string, string> = {
  name: '名称',
  shortName: '简称',
  fullName: '机关全称',
  code: '代码',
  kind: '类型',
  title: '标题',
  displayName: '姓名',
  roles: '角色',
  disabled: '停用',
  state: '状态',
  status: '状态',
  dueDate: '到期日',
  provisional: '暂定',
  label: '期限',
  startDate: '起算日',
  amount: '数量',
  note: '说明',
  text: '内容',
  question: '请示事项',
  reason: '理由',
  level: '级别',
  parentId: '上级单位',
  unitId: '单位',
  ownerUnitId: '主办单位',
  assigneeId: '经办人',
  leaderId: '包案领导',
  approvedBy: '批准人',
};

export const STATUS_ZH: Record<string, string> = { running: '计时中', paused: '已暂停', stopped: '已停止' };
const PARTY_ROLE_ZH: Record<string, string> = { lead: '主办', assist: '协办', territorial: '属地', leader: '包案领导' };
const FIELD_OF_PERSON_ZH: Record<string, string> = { name: '姓名', id_number: '身份证号', phone: '联系方式', address: '住址' };

/** One value as people read it: ids by name, yes/no, states in Chinese; null when it has no readable form (an object). */
function showValue(key: string, v: unknown, names: NameBook): string | null {
  if (v === null || v === undefined || v === '') return '空';
  const kind = idKindOf(key);
  if (kind) {
    const one = (x: unknown) => names[kind](x) ?? '（已删除）';
    return Array.isArray(v) ? (v.length ? v.map(one).join('、') : '无') : one(v);
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (key === 'status' && typeof v === 'string') return STATUS_ZH[v] ?? null;
  if (typeof v === 'string') return /^[a-z][a-z0-9_.]*$/.test(v) && key !== 'code' ? null : v.length > 60 ? `${v.slice(0, 60)}…` : v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' && !/^[a-z][a-z0-9_.]*$/.test(x))) return v.length ? v.join('、') : '无';
  return null;
}

/**
 * "字段：旧 → 新" for the top-level fields an audited change altered (at most `limit`), in Chinese, ids by
 * name; fields without a Chinese name or a readable value are counted ("另有2项变更"), never printed raw.
 */
export function describeChange(before: unknown, after: unknown, limit = 4, names: NameBook = NO_NAMES): string {
  const b = isPlain(before) ? before : {};
  const a = isPlain(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  const parts: string[] = [];
  let other = 0;
  for (const k of keys) {
    // a reference to the event's own record (instructionId, noticeId …) is bookkeeping, not a change people read
    if (/Id$/.test(k) && !FIELD_ZH[k]) continue;
    const field = FIELD_ZH[k];
    const from = k in b ? showValue(k, b[k], names) : undefined;
    const to = showValue(k, a[k], names);
    if (!field || to === null || from === null || parts.length >= limit) {
      other++;
      continue;
    }
    parts.push(from === undefined ? `${field}：${to}` : `${field}：${from} → ${to}`);
  }
  if (other) parts.push(parts.length ? `另有${other}项变更` : `${other}项内容变更`);
  return parts.join('；');
}

/** "主办：龙蚕镇；协办：县自然资源局；包案领导：王志强" for a work item's responsibility. */
export function describeParties(parties: unknown, names: NameBook): string {
  if (!Array.isArray(parties) || parties.length === 0) return '';
  const byRole = new Map<string, string[]>();
  for (const p of parties as { role?: string; unitId?: unknown; leaderId?: unknown }[]) {
    const role = String(p.role);
    const who = role === 'leader' ? (names.leader(p.leaderId) ?? '（已删除）') : (names.unit(p.unitId) ?? '（已删除）');
    byRole.set(role, [...(byRole.get(role) ?? []), who]);
  }
  return [...byRole].map(([role, who]) => `${PARTY_ROLE_ZH[role] ?? '责任单位'}：${who.join('、')}`).join('；');
}

/** The kernel's own events in words (parties, 经办人, clocks, reveals), null for the others. */
function describeKernelEvent(action: string, before: unknown, after: unknown, names: NameBook): string | null {
  const a = isPlain(after) ? after : {};
  const b = isPlain(before) ? before : {};
  switch (action) {
    case 'work_item.parties': {
      const now = describeParties(a.parties, names);
      return now || (Array.isArray(b.parties) && b.parties.length ? `撤回责任单位（原${describeParties(b.parties, names)}）` : '');
    }
    case 'item.attachments': {
      const files = Array.isArray(a.attachments) ? a.attachments.map((f) => (isPlain(f) && typeof f.name === 'string' ? f.name : '')).filter(Boolean) : [];
      return files.length ? `附件：${files.join('、')}` : null;
    }
    case 'work_item.assignee':
      return a.assigneeId === null || a.assigneeId === undefined ? '取消经办人' : `经办人：${names.user(a.assigneeId) ?? '（已删除）'}`;
    case 'rule.seed':
    case 'calendar.seed':
      return Array.isArray(a.rules) ? `写入${a.rules.length}条时限规则` : Array.isArray(a.holidays) ? `写入${a.holidays.length}个节假日` : null;
    case 'work_item.reception': {
      // 领导接访 / 带案下访 / 约访 by the leader on the day it took place
      const kind = typeof a.kind === 'string' ? a.kind : '领导接访';
      return `${names.leader(a.leaderId) ?? '（已删除）'}${kind}${typeof a.date === 'string' ? `（${a.date}）` : ''}`;
    }
    case 'supervision.escalate':
    case 'supervision.accountability':
      return typeof a.text === 'string' ? a.text : null;
    case 'supervision.instruction_request':
      return `报请${names.leader(a.leaderId) ?? '（已删除）'}批示。请示事项：${typeof a.question === 'string' ? a.question : ''}`;
    case 'supervision.instruction':
      // a 批示 answering a request names the question it answers
      return typeof a.question === 'string' && typeof a.text === 'string' ? `${a.text}（答复请示：${a.question}）` : null;
    case 'personal.reveal':
      return `查看了信访人${FIELD_OF_PERSON_ZH[String(a.field)] ?? '个人信息'}`;
    case 'deadline.start':
    case 'deadline.extend':
    case 'deadline.pause':
    case 'deadline.resume':
    case 'deadline.stop': {
      const label = typeof a.label === 'string' ? `${a.label}：` : '';
      if (action === 'deadline.stop') return `${label}停止计时`;
      if (action === 'deadline.pause') return `${label}暂停计时`;
      const due = typeof a.dueDate === 'string' ? `到期日 ${a.dueDate}${a.provisional === true ? '（暂定）' : ''}` : '';
      if (action === 'deadline.extend')
        return `${label}延长${amountZh(typeof a.amount === 'number' ? a.amount : null, typeof a.unit === 'string' ? a.unit : null)}${due ? `，${due}` : ''}`;
      return `${label}${due}`;
    }
    default:
      return null;
  }
}

/** "到期日 10-08 → 10-14（暂定）" for a recomputation of one deadline. */
export function describeDueChange(
  before: { dueDate?: unknown; provisional?: unknown } | undefined,
  after: { dueDate?: unknown; provisional?: unknown } | undefined,
): string {
  const due = (s: { dueDate?: unknown; provisional?: unknown } | undefined) =>
    `${typeof s?.dueDate === 'string' ? s.dueDate : '待定'}${s?.provisional === true ? '（暂定）' : ''}`;
  return `到期日 ${due(before)} → ${due(after)}`;
}

/**
 * The readable detail of an audited change: the kernel's wording of its own events (links), else the
 * module's (through its descriptor) where it has one, else the changed fields.
 */
export function describeAudit(
  modules: Pick<ModuleCatalog, 'describeAudit' | 'linkKind'>,
  action: string,
  before: unknown,
  after: unknown,
  names: NameBook = NO_NAMES,
): string {
  return (
    describeLinkAudit(modules.linkKind, action, before, after) ??
    describeKernelEvent(action, before, after, names) ??
    modules.describeAudit(action, before, after) ??
    describeChange(before, after, 4, names)
  );
}
