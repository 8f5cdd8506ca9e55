import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { allocateIds, insertAll, type Insert } from '../../core/db/insert-all.ts';
import { appendAudit, appendAuditEvents, type Actor, type AuditInput } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { findRule, type LegalRule } from '../../core/clock/legal-rules.ts';
import { formatIsoDay, parseIsoDay, shanghaiDay, shanghaiMidnight } from '../../core/clock/day-math.ts';
import { loadCalendar } from './calendar-cache.ts';
import { INSTRUCTED_RULE_KEY } from './instructed-deadline.ts';
import { deriveDeadline, type ClockEvent } from './derive-deadline.ts';

export type DeadlineStatus = 'running' | 'paused' | 'stopped';

/** A deadline as callers see it. */
export interface DeadlineView {
  id: number;
  workItemId: number;
  ruleKey: string;
  province: string;
  label: string;
  status: DeadlineStatus;
  startedAt: string;
  startDate: string;
  dueDate: string | null;
  dueAt: string | null;
  provisional: boolean;
  missingYears: number[];
  explanation: string;
  /** 'minimum': a period the step may not end before (dueDate = its last day); never overdue nor reminded */
  kind: 'deadline' | 'minimum';
}

const STATUS_ZH: Record<DeadlineStatus, string> = { running: '计时中', paused: '已暂停', stopped: '已停止' };

type DeadlineRow = Awaited<ReturnType<typeof getRow>>;

async function getRow(trx: Transaction<DB>, id: number) {
  const row = await trx.selectFrom('deadlines').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

type ViewColumns =
  | 'id'
  | 'work_item_id'
  | 'rule_key'
  | 'province'
  | 'label'
  | 'status'
  | 'started_at'
  | 'start_date'
  | 'due_date'
  | 'due_at'
  | 'provisional'
  | 'missing_years'
  | 'explanation'
  | 'kind';
export function toView(row: Pick<NonNullable<DeadlineRow>, ViewColumns>): DeadlineView {
  return {
    id: Number(row.id),
    workItemId: Number(row.work_item_id),
    ruleKey: row.rule_key,
    province: row.province,
    label: row.label,
    status: row.status,
    startedAt: new Date(row.started_at).toISOString(),
    startDate: row.start_date,
    dueDate: row.due_date,
    dueAt: row.due_at ? new Date(row.due_at).toISOString() : null,
    provisional: row.provisional,
    missingYears: (row.missing_years ?? []).map(Number),
    explanation: row.explanation,
    kind: row.kind,
  };
}

/** 'YYYY-MM-DD' = that day (midnight Shanghai); an instant stays as is. */
function toInstant(value: Date | string): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new AppError('DATE_INVALID', { value: String(value) });
    return value;
  }
  const z = parseIsoDay(value);
  if (z !== null) return shanghaiMidnight(z);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new AppError('DATE_INVALID', { value });
  return d;
}

/** Re-derives due_date & co. from all events and stores them; returns the new row. */
async function rederive(trx: Transaction<DB>, row: NonNullable<DeadlineRow>) {
  const [rule, calendar, events] = await Promise.all([
    findRule(trx, row.rule_key, row.province),
    loadCalendar(trx),
    trx.selectFrom('deadline_events').select(['id', 'kind', 'at', 'on_date', 'amount']).where('deadline_id', '=', row.id).execute(),
  ]);
  const result = deriveDeadline(calendar, rule, row, events);
  return trx
    .updateTable('deadlines')
    .set({
      due_date: result.dueDate,
      due_at: result.dueAt ? new Date(result.dueAt) : null,
      provisional: result.provisional,
      missing_years: result.missingYears,
      explanation: result.explanation,
      computed_at: sql<Date>`now()`,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

const summary = (v: DeadlineView) => ({ status: v.status, dueDate: v.dueDate, dueAt: v.dueAt, provisional: v.provisional, missingYears: v.missingYears });

async function addEvent(
  trx: Transaction<DB>,
  input: {
    deadlineId: number;
    kind: 'pause' | 'resume' | 'extend' | 'stop';
    at: Date | undefined;
    amount?: number;
    unit?: string;
    reason?: string;
    approvedBy?: number;
    actor: Actor;
    allowedFrom: DeadlineStatus[];
    actionZh: string;
    nextStatus?: DeadlineStatus;
  },
): Promise<DeadlineView> {
  const row = await getRow(trx, input.deadlineId);
  if (!input.allowedFrom.includes(row.status)) {
    throw new AppError('DEADLINE_STATE_CONFLICT', { status: STATUS_ZH[row.status], action: input.actionZh });
  }
  const at = input.at ?? null;
  await trx
    .insertInto('deadline_events')
    .values({
      deadline_id: row.id,
      kind: input.kind,
      // no business time given (an approval): the database's clock records when it happened
      at: at ?? sql<Date>`now()`,
      on_date: at ? formatIsoDay(shanghaiDay(at)) : sql<string>`(now() AT TIME ZONE 'Asia/Shanghai')::date`,
      amount: input.amount ?? null,
      unit: input.unit ?? null,
      reason: input.reason ?? null,
      approved_by: input.approvedBy ?? null,
      created_by: input.actor.userId,
    })
    .execute();
  if (input.nextStatus) {
    await trx
      .updateTable('deadlines')
      .set({ status: input.nextStatus, ...(input.nextStatus === 'stopped' ? { stopped_at: at ?? sql<Date>`now()` } : {}) })
      .where('id', '=', row.id)
      .execute();
  }
  const before = toView(row);
  // a limit set by an order (instructed) has no rule to derive from: its due date stands as given
  const after = toView(row.rule_key === INSTRUCTED_RULE_KEY ? await getRow(trx, row.id) : await rederive(trx, await getRow(trx, row.id)));
  await appendAudit(trx, input.actor, {
    action: `deadline.${input.kind}`,
    entityType: 'deadline',
    entityId: row.id,
    before: summary(before),
    after: {
      ...summary(after),
      ...(input.amount !== undefined ? { amount: input.amount, unit: input.unit } : {}),
      ...(input.approvedBy ? { approvedBy: input.approvedBy } : {}),
    },
    reason: input.reason,
  });
  return after;
}

export interface StartDeadlineInput {
  workItemId: number;
  ruleKey: string;
  /** province of the rule override; defaults to the work item's province */
  province?: string;
  label: string;
  /** the legal start (e.g. 受理日): an instant, or 'YYYY-MM-DD' for a whole day */
  startedAt: Date | string;
  actor: Actor;
}

/** Starts a deadline clock for a work item: a 'start' event, then the derived due date. */
export async function startDeadline(trx: Transaction<DB>, input: StartDeadlineInput): Promise<DeadlineView> {
  const [view] = await startDeadlines(trx, [input]);
  return view!;
}

/** A clock to plan before its work item exists (a batch of registrations plans outside its transaction). */
export interface DeadlinePlanInput {
  ruleKey: string;
  province: string;
  label: string;
  startedAt: Date | string;
  actor: Actor;
}

/** A clock with its due date derived in memory from the rule and the calendar, not yet written. */
export interface PlannedDeadline {
  input: DeadlinePlanInput;
  rule: LegalRule;
  startedAt: Date;
  startDate: string;
  result: ReturnType<typeof deriveDeadline>;
}

/** Derives the due dates of new clocks: one rule lookup per distinct rule, the cached calendar. */
export async function planDeadlines(db: Kysely<DB>, inputs: readonly DeadlinePlanInput[]): Promise<PlannedDeadline[]> {
  // the calendar and each rule named once, read side by side
  const ruleIdOf = (input: DeadlinePlanInput) => `${input.ruleKey}|${input.province}`;
  const named = [...new Map(inputs.map((input) => [ruleIdOf(input), input])).values()];
  const [calendar, ...found] = await Promise.all([loadCalendar(db), ...named.map((input) => findRule(db, input.ruleKey, input.province))]);
  const rules = new Map(named.map((input, i) => [ruleIdOf(input), found[i]!]));
  const planned: PlannedDeadline[] = [];
  for (const input of inputs) {
    const rule = rules.get(ruleIdOf(input))!;
    const startedAt = toInstant(input.startedAt);
    const startDate = formatIsoDay(shanghaiDay(startedAt));
    const start: ClockEvent = { id: 0, kind: 'start', at: startedAt, on_date: startDate, amount: rule.amount };
    planned.push({ input, rule, startedAt, startDate, result: deriveDeadline(calendar, rule, { started_at: startedAt, start_date: startDate }, [start]) });
  }
  return planned;
}

/**
 * Starts several clocks (e.g. a batch of registrations): deadlines, their 'start' events and the audit
 * events with one statement each. `precedingAudit` are the caller's own events for the same change,
 * appended just before the clocks' events in the same append (one head-row update per batch).
 */
export async function writePlannedDeadlines(
  trx: Transaction<DB>,
  entries: readonly { workItemId: number; plan: PlannedDeadline }[],
  precedingAudit: readonly { actor: Actor; input: AuditInput }[] = [],
): Promise<DeadlineView[]> {
  const rows = plannedDeadlineRows(entries, (await allocateIds(trx, { deadlines: entries.length })).deadlines);
  await insertAll(trx, rows.inserts);
  await appendAuditEvents(trx, [...precedingAudit, ...rows.audit]);
  return rows.views;
}

/**
 * The rows that start planned clocks, under ids drawn beforehand (allocateIds): the deadlines and their start events
 * as INSERTs for insertAll, the views, and the audit entries (deadline.start) to append after the caller's own. A
 * caller that writes other rows in the same statement (registration) passes these INSERTs with its own.
 */
export function plannedDeadlineRows(
  entries: readonly { workItemId: number; plan: PlannedDeadline }[],
  ids: readonly number[],
): { inserts: Insert[]; views: DeadlineView[]; audit: { actor: Actor; input: AuditInput }[] } {
  if (entries.length === 0) return { inserts: [], views: [], audit: [] };
  const deadlines = entries.map(({ workItemId, plan: p }, i) => ({
    id: ids[i]!,
    work_item_id: workItemId,
    rule_key: p.rule.key,
    province: p.input.province,
    label: p.input.label,
    status: 'running' as const,
    started_at: p.startedAt,
    start_date: p.startDate,
    due_date: p.result.dueDate,
    due_at: p.result.dueAt ? new Date(p.result.dueAt) : null,
    provisional: p.result.provisional,
    missing_years: p.result.missingYears,
    explanation: p.result.explanation,
    kind: p.rule.kind ?? 'deadline',
  }));
  const events = entries.map(({ plan: p }, i) => ({
    deadline_id: ids[i]!,
    kind: 'start' as const,
    at: p.startedAt,
    on_date: p.startDate,
    amount: p.rule.amount,
    unit: p.rule.unit,
    created_by: p.input.actor.userId,
  }));
  const views = deadlines.map(toView);
  return {
    inserts: [(db) => db.insertInto('deadlines').values(deadlines), (db) => db.insertInto('deadline_events').values(events)],
    views,
    audit: views.map((view, i) => ({
      actor: entries[i]!.plan.input.actor,
      input: {
        action: 'deadline.start',
        entityType: 'deadline',
        entityId: view.id,
        after: { workItemId: view.workItemId, ruleKey: view.ruleKey, province: view.province, label: view.label, startDate: view.startDate, ...summary(view) },
      },
    })),
  };
}

/** Starts clocks of existing work items (province: the item's unless given). */
export async function startDeadlines(trx: Transaction<DB>, inputs: readonly StartDeadlineInput[]): Promise<DeadlineView[]> {
  if (inputs.length === 0) return [];
  const itemIds = [...new Set(inputs.map((i) => i.workItemId))];
  const items = await trx.selectFrom('work_items').select(['id', 'province']).where('id', 'in', itemIds).execute();
  const provinceOf = new Map(items.map((i) => [Number(i.id), i.province]));
  const planInputs = inputs.map((input) => {
    const itemProvince = provinceOf.get(input.workItemId);
    if (itemProvince === undefined) throw new AppError('NOT_FOUND');
    return { ruleKey: input.ruleKey, province: input.province ?? itemProvince, label: input.label, startedAt: input.startedAt, actor: input.actor };
  });
  const plans = await planDeadlines(trx, planInputs);
  return writePlannedDeadlines(
    trx,
    plans.map((plan, i) => ({ workItemId: inputs[i]!.workItemId, plan })),
  );
}

export interface ClockChangeInput {
  deadlineId: number;
  /** when it happened (business time, from the caller's Clock) */
  at: Date;
  reason?: string;
  actor: Actor;
}

/** Stops the clock (e.g. hearing time, 听证): the due date becomes unknown until resumed. */
export function pauseDeadline(trx: Transaction<DB>, input: ClockChangeInput): Promise<DeadlineView> {
  return addEvent(trx, { ...input, kind: 'pause', allowedFrom: ['running'], actionZh: '暂停', nextStatus: 'paused' });
}

/** Restarts a paused clock; the paused days are added to (excluded from) the period. */
export function resumeDeadline(trx: Transaction<DB>, input: ClockChangeInput): Promise<DeadlineView> {
  return addEvent(trx, { ...input, kind: 'resume', allowedFrom: ['paused'], actionZh: '恢复计时', nextStatus: 'running' });
}

/** Ends the clock (item closed or the step done); it is no longer recomputed. */
export function stopDeadline(trx: Transaction<DB>, input: ClockChangeInput): Promise<DeadlineView> {
  return addEvent(trx, { ...input, kind: 'stop', allowedFrom: ['running', 'paused'], actionZh: '停止计时', nextStatus: 'stopped' });
}

export interface ExtendDeadlineInput {
  deadlineId: number;
  /** added to the period, in the rule's unit */
  amount: number;
  reason: string;
  /** the user who approved it (e.g. 本机关负责人 for xf.handle.ext) */
  approvedBy: number;
  actor: Actor;
  at?: Date;
}

/** An approved extension: recorded with its approver and reason, then the due date re-derived. */
export async function extendDeadline(trx: Transaction<DB>, input: ExtendDeadlineInput): Promise<DeadlineView> {
  if (!Number.isInteger(input.amount) || input.amount <= 0) {
    throw new AppError('VALIDATION_FAILED', { detail: 'amount：延长量应为正整数' }, { field: 'amount' });
  }
  if (!input.reason?.trim()) throw new AppError('VALIDATION_FAILED', { detail: 'reason：延期理由必填' }, { field: 'reason' });
  const row = await trx.selectFrom('deadlines').select(['rule_key', 'province']).where('id', '=', input.deadlineId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const rule = await findRule(trx, row.rule_key, row.province);
  await checkExtensionLimit(trx, { deadlineId: input.deadlineId, ruleKey: row.rule_key, province: row.province, amount: input.amount });
  return addEvent(trx, {
    deadlineId: input.deadlineId,
    kind: 'extend',
    at: input.at,
    amount: input.amount,
    unit: rule.unit,
    reason: input.reason.trim(),
    approvedBy: input.approvedBy,
    actor: input.actor,
    allowedFrom: ['running', 'paused'],
    actionZh: '延长期限',
  });
}

/**
 * Where the law caps extensions, the cap is a rule of its own, `<key>.ext` (xf.handle.ext: ≤30日
 * nationally, ≤60日 in 浙江): the sum of approved extensions may not exceed it.
 */
async function checkExtensionLimit(trx: Transaction<DB>, input: { deadlineId: number; ruleKey: string; province: string; amount: number }): Promise<void> {
  const cap = await findRule(trx, `${input.ruleKey}.ext`, input.province).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'RULE_NOT_FOUND') return null;
    throw error;
  });
  if (!cap) return;
  const granted = await trx
    .selectFrom('deadline_events')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
    .where('deadline_id', '=', input.deadlineId)
    .where('kind', '=', 'extend')
    .executeTakeFirstOrThrow();
  const total = Number(granted.total) + input.amount;
  if (total > cap.amount) {
    throw new AppError('CONFLICT', {
      detail: `延长合计${total}${cap.unit === 'working_days' ? '个工作日' : '日'}，超过法定上限${cap.amount}（依据：${cap.source}）`,
    });
  }
}
