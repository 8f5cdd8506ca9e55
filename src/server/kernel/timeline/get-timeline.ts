import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { loadRuleBook } from '../../core/clock/legal-rules.ts';
import { amountZh, auditActionZh, CLOCK_EVENT_ZH, describeAudit, describeDueChange, startedClockZh } from './labels.ts';
import { INSTRUCTED_RULE_KEY } from '../deadlines/instructed-deadline.ts';
import type { ModuleCatalog, ScopedUser } from '../catalog/index.ts';
import { businessInstant } from '../actions/business-date.ts';
import { linkAuditOtherId } from '../links/link-wording.ts';
import { loadNames } from './names.ts';

type ClockKind = keyof typeof CLOCK_EVENT_ZH;

/** One line of a case timeline, as every module (信访, 隐患, 督办 …) shows it. */
export interface TimelineEntry {
  /** when it happened: the business time of a clock event or of an action dated by its occurredOn (补录: the start of that day), else when it was recorded */
  at: string;
  /** when it was recorded (the audit event's time); null for a clock event written without one */
  recordedAt: string | null;
  /** 'deadline.start' … 'deadline.stop' for clock events, else the audit action */
  kind: string;
  /** zh-CN, e.g. 延长期限 */
  label: string;
  /** zh-CN, e.g. 办理期限：经张局长批准延长30日 */
  detail: string;
  actorName: string;
  deadlineId: number | null;
  deadlineLabel: string | null;
  amount: number | null;
  unit: string | null;
  reason: string | null;
  approverName: string | null;
  /** the audit event behind it (null for a clock event written without one, e.g. by a bulk seed) */
  auditSeq: number | null;
}

const CLOCK_KINDS = new Set<string>(Object.keys(CLOCK_EVENT_ZH));
/** kernel events that accompany a module's action (written in its transaction, or by the same request right after) */
const COMPANIONS = new Set(['work_item.parties', 'work_item.assignee']);

/** An action's business instant: its occurredOn when it carries one (recorded later: the start of that Shanghai day), else when it was recorded. */
function happenedAt(a: { at: Date; after: unknown }): Date {
  const on = (a.after as { occurredOn?: unknown } | null)?.occurredOn;
  return typeof on === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(on) ? businessInstant(on, new Date(a.at)) : new Date(a.at);
}
const iso = (d: Date | string) => new Date(d).toISOString();

interface AuditRow {
  seq: number;
  at: Date;
  actor_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
}

/** Which audit events name another item the viewer may not see (every such event when there is no viewer). */
async function hiddenOthers(db: Kysely<DB>, modules: ModuleCatalog, viewer: ScopedUser | null, audits: AuditRow[]): Promise<(a: AuditRow) => boolean> {
  const other = (a: AuditRow) => linkAuditOtherId(a.action, a.before, a.after);
  const ids = [...new Set(audits.map(other).filter((id): id is number => id !== null))];
  if (ids.length === 0) return () => false;
  const seen = viewer
    ? new Set(
        (await db.selectFrom('work_items as wi').select('wi.id').where('wi.id', 'in', ids).where(modules.visibleSql(viewer)).execute()).map((r) =>
          Number(r.id),
        ),
      )
    : new Set<number>();
  return (a) => {
    const id = other(a);
    return id !== null && !seen.has(id);
  };
}

/**
 * The chronological timeline of a work item: its deadline clock events (started / paused / resumed /
 * extended with amount, reason and approver / stopped) merged with the audit events about the item
 * or its deadlines (including recomputations after a calendar or rule change). A clock event and the
 * audit event written with it in the same transaction become ONE entry: the clock event gives the
 * business time and detail, the audit event the actor as recorded.
 *
 * Does not check the item's scope: callers load the work item through a scoped query first. Events that
 * name ANOTHER item (item.link / item.unlink) show only when `viewer` may see that item under the one
 * visibility rule, so a timeline never reveals a hidden item; without a viewer (the portal) they never show.
 */
export async function getTimeline(db: Kysely<DB>, modules: ModuleCatalog, workItemId: number, viewer: ScopedUser | null = null): Promise<TimelineEntry[]> {
  const deadlines = await db
    .selectFrom('deadlines')
    .select(['id', 'label', 'rule_key', 'province', 'due_date'])
    .where('work_item_id', '=', workItemId)
    .orderBy('id')
    .execute();
  const deadlineIds = deadlines.map((d) => Number(d.id));
  const deadlineById = new Map(deadlines.map((d) => [Number(d.id), d]));

  const [events, audits, rules] = await Promise.all([
    deadlineIds.length
      ? db
          .selectFrom('deadline_events as e')
          .leftJoin('users as c', 'c.id', 'e.created_by')
          .leftJoin('users as a', 'a.id', 'e.approved_by')
          .select([
            'e.id',
            'e.deadline_id',
            'e.kind',
            'e.at',
            'e.on_date',
            'e.amount',
            'e.unit',
            'e.reason',
            'c.display_name as creator_name',
            'a.display_name as approver_name',
          ])
          .where('e.deadline_id', 'in', deadlineIds)
          .orderBy('e.id')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('audit_events')
      .select(['seq', 'at', 'actor_name', 'action', 'entity_type', 'entity_id', 'reason', 'before', 'after'])
      .where((eb) => {
        const about: ReturnType<typeof eb.and>[] = [eb.and([eb('entity_type', '=', 'work_item'), eb('entity_id', '=', String(workItemId))])];
        if (deadlineIds.length) {
          about.push(eb.and([eb('entity_type', '=', 'deadline'), eb('entity_id', 'in', deadlineIds.map(String))]));
          // a recomputation is one audit event for many deadlines, listing the changed ones
          const listed = deadlineIds.map((id) => sql<SqlBool>`(after -> 'changed') @> ${JSON.stringify([{ id }])}::jsonb`);
          about.push(eb.and([eb('action', '=', 'deadline.recompute'), eb.or(listed)]));
        }
        return eb.or(about);
      })
      .orderBy('seq')
      .execute() as Promise<AuditRow[]>,
    loadRuleBook(db),
  ]);

  const [hidden, names] = await Promise.all([
    hiddenOthers(db, modules, viewer, audits),
    loadNames(
      db,
      audits.flatMap((a) => [a.before, a.after]),
    ),
  ]);
  // the nth clock event of a kind on a deadline ↔ the nth audit event 'deadline.<kind>' on it
  const pending = new Map<string, AuditRow[]>();
  const rest: AuditRow[] = [];
  for (const a of audits) {
    if (hidden(a)) continue;
    const kind = a.action.startsWith('deadline.') ? a.action.slice('deadline.'.length) : '';
    if (a.entity_type === 'deadline' && a.entity_id !== null && CLOCK_KINDS.has(kind)) {
      const key = `${a.entity_id}|${kind}`;
      pending.set(key, [...(pending.get(key) ?? []), a]);
    } else {
      rest.push(a);
    }
  }

  const entries: { entry: TimelineEntry; order: number }[] = [];
  for (const e of events) {
    const deadlineId = Number(e.deadline_id);
    const d = deadlineById.get(deadlineId);
    const kind = e.kind as ClockKind;
    const audit = pending.get(`${deadlineId}|${kind}`)?.shift();
    const amount = e.amount === null ? null : Number(e.amount);
    const label = d?.label ?? '期限';
    let detail: string;
    if (kind === 'start') {
      // a due date set by an order or a higher authority has no length of its own: it is told as the date it set
      const instructed = d?.rule_key === INSTRUCTED_RULE_KEY;
      const rule = d && !instructed ? rules.resolve(d.rule_key, d.province) : undefined;
      const setDue = (audit?.after as { dueDate?: unknown } | null | undefined)?.dueDate;
      detail = startedClockZh({
        label,
        startDate: e.on_date,
        rule: rule ? { name: rule.name, source: rule.source } : null,
        length: amountZh(amount, e.unit),
        dueDate: instructed || !amount ? (typeof setDue === 'string' ? setDue : (d?.due_date ?? null)) : null,
      });
    } else if (kind === 'extend') {
      detail = `${label}：${e.approver_name ? `经${e.approver_name}批准` : ''}延长${amountZh(amount, e.unit)}`;
    } else if (kind === 'pause') {
      detail = `${label}：${e.on_date} 起暂停计时`;
    } else if (kind === 'resume') {
      detail = `${label}：${e.on_date} 恢复计时`;
    } else {
      detail = `${label}：${e.on_date} 停止计时`;
    }
    if (e.reason) detail += `。理由：${e.reason}`;
    entries.push({
      order: audit ? Number(audit.seq) : Number.MAX_SAFE_INTEGER,
      entry: {
        at: iso(e.at),
        recordedAt: audit ? iso(audit.at) : null,
        kind: `deadline.${kind}`,
        label: CLOCK_EVENT_ZH[kind],
        detail,
        actorName: audit?.actor_name ?? e.creator_name ?? '系统',
        deadlineId,
        deadlineLabel: label,
        amount,
        unit: e.unit,
        reason: e.reason,
        approverName: e.approver_name,
        auditSeq: audit ? Number(audit.seq) : null,
      },
    });
  }
  // audit events of clock kinds left unpaired (clock event missing) still show, as recorded
  for (const list of pending.values()) rest.push(...list);

  // A companion event (the parties a 交办 sets, the 经办人 named at registration) is written in the same transaction as
  // the action it belongs to, or by the same request right after it. The audit head lock keeps one transaction's
  // events contiguous in the chain, so the companion joins the action found next to it, over this item's events
  // only, by the same actor.
  const bySeq = new Map(audits.map((a) => [Number(a.seq), a]));
  const isHost = (c: AuditRow, h: AuditRow | undefined) =>
    h !== undefined && h.entity_type === 'work_item' && !COMPANIONS.has(h.action) && !hidden(h) && h.actor_name === c.actor_name;
  const hostOf = (c: AuditRow): AuditRow | undefined => {
    // parties are set by the action's effects (before its own event); a 经办人 is named after the action
    for (const step of c.action === 'work_item.parties' ? [1, -1] : [-1, 1]) {
      for (let seq = Number(c.seq) + step; bySeq.has(seq); seq += step) if (isHost(c, bySeq.get(seq))) return bySeq.get(seq);
    }
    return undefined;
  };
  const folded = new Map<number, string[]>();
  const kept: AuditRow[] = [];
  for (const a of rest) {
    const host = COMPANIONS.has(a.action) && a.entity_type === 'work_item' ? hostOf(a) : undefined;
    if (!host) {
      kept.push(a);
      continue;
    }
    const text = describeAudit(modules, a.action, a.before, a.after, names);
    if (text) folded.set(Number(host.seq), [...(folded.get(Number(host.seq)) ?? []), text]);
  }

  for (const a of kept) {
    const deadlineId = a.entity_type === 'deadline' && a.entity_id !== null ? Number(a.entity_id) : null;
    let detail: string;
    let entryDeadlineId = deadlineId;
    if (a.action === 'deadline.recompute') {
      const changed = ((a.after as { changed?: { id: number; before: object; after: object }[] } | null)?.changed ?? []).filter((c) =>
        deadlineById.has(Number(c.id)),
      );
      detail = changed.map((c) => `${deadlineById.get(Number(c.id))?.label ?? '期限'}：${describeDueChange(c.before, c.after)}`).join('；');
      const only = changed.length === 1 ? changed[0] : undefined;
      entryDeadlineId = only ? Number(only.id) : null;
    } else {
      detail = describeAudit(modules, a.action, a.before, a.after, names);
    }
    const extra = folded.get(Number(a.seq));
    if (extra) detail = [detail, ...extra].filter(Boolean).join('；');
    if (a.reason) detail += `${detail ? '。' : ''}理由：${a.reason}`;
    entries.push({
      order: Number(a.seq),
      entry: {
        at: iso(happenedAt(a)),
        recordedAt: iso(a.at),
        kind: a.action,
        label: auditActionZh(modules, a.action),
        detail,
        actorName: a.actor_name ?? '系统',
        deadlineId: entryDeadlineId,
        deadlineLabel: entryDeadlineId !== null ? (deadlineById.get(entryDeadlineId)?.label ?? null) : null,
        amount: null,
        unit: null,
        reason: a.reason,
        approverName: null,
        auditSeq: Number(a.seq),
      },
    });
  }

  return entries.sort((x, y) => Date.parse(x.entry.at) - Date.parse(y.entry.at) || x.order - y.order).map((x) => x.entry);
}
