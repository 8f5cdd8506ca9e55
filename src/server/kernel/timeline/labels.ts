/** zh-CN wording of timeline entries: pure, so every module's case timeline reads the same. */
import type { ModuleCatalog } from '../catalog/index.ts';
import { describeLinkAudit } from '../links/link-wording.ts';

export const UNIT_ZH: Record<string, string> = { calendar_days: '日', working_days: '个工作日', hours: '小时', months: '个月' };

export const amountZh = (amount: number | null, unit: string | null): string => (amount === null ? '' : `${amount}${unit ? (UNIT_ZH[unit] ?? unit) : ''}`);

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
  'work_item.assignee': '指定经办人',
  'item.attachments': '添加附件',
  // links between items (kernel/links), audited on both items
  'item.link': '关联事项',
  'item.unlink': '解除关联',
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
};

/** The kernel's own audit action names (督办, clocks, work items), for lists of every known action. */
export const kernelAuditLabels = (): Readonly<Record<string, string>> => AUDIT_ACTION_ZH;

/** The zh-CN name of an audit action: the kernel's, else the module's (descriptor wording), else its code. */
export function auditActionZh(modules: Pick<ModuleCatalog, 'auditLabel'>, action: string): string {
  return AUDIT_ACTION_ZH[action] ?? modules.auditLabel(action) ?? action;
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
export function describeAudit(modules: Pick<ModuleCatalog, 'describeAudit' | 'linkKind'>, action: string, before: unknown, after: unknown): string {
  return describeLinkAudit(modules.linkKind, action, before, after) ?? modules.describeAudit(action, before, after) ?? describeChange(before, after);
}
