import { sql, type Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { loadRuleBook } from '../../core/clock/legal-rules.ts';
import { loadCalendar } from './calendar-cache.ts';
import { INSTRUCTED_RULE_KEY } from './instructed-deadline.ts';
import { deriveDeadline, type ClockEvent } from './derive-deadline.ts';

interface Snapshot {
  dueDate: string | null;
  dueAt: string | null;
  provisional: boolean;
  missingYears: number[];
}

export interface RecomputeChange {
  id: number;
  before: Snapshot;
  after: Snapshot;
}

export interface RecomputeResult {
  checked: number;
  changed: RecomputeChange[];
  /** deadlines whose rule no longer exists (left as they were, listed in the audit event) */
  missingRule: number[];
}

/** Changes listed one by one in the audit event up to this many; beyond, only counted. */
const AUDIT_LIST_LIMIT = 5000;

/**
 * Re-derives every non-stopped deadline from its events with the current calendar and rules,
 * in the caller's transaction; writes ONE audit event listing what changed. Called whenever a
 * calendar year is loaded or a rule changes — provisional deadlines become final this way.
 */
export async function recomputeOpenDeadlines(trx: Transaction<DB>, input: { actor: Actor; reason: string }): Promise<RecomputeResult> {
  const [calendar, rules, deadlines] = await Promise.all([
    loadCalendar(trx),
    loadRuleBook(trx),
    trx
      .selectFrom('deadlines')
      .select(['id', 'rule_key', 'province', 'started_at', 'start_date', 'due_date', 'due_at', 'provisional', 'missing_years'])
      .where('status', '<>', 'stopped')
      // a higher authority's date is not derived from the calendar or a rule
      .where('rule_key', '<>', INSTRUCTED_RULE_KEY)
      .orderBy('id')
      .execute(),
  ]);
  const changed: RecomputeChange[] = [];
  const missingRule: number[] = [];
  if (deadlines.length) {
    const events = await trx
      .selectFrom('deadline_events as e')
      .innerJoin('deadlines as d', 'd.id', 'e.deadline_id')
      .select(['e.id', 'e.deadline_id', 'e.kind', 'e.at', 'e.on_date', 'e.amount'])
      .where('d.status', '<>', 'stopped')
      .execute();
    const byDeadline = new Map<number, ClockEvent[]>();
    for (const e of events) {
      const list = byDeadline.get(Number(e.deadline_id)) ?? [];
      list.push({ id: Number(e.id), kind: e.kind, at: e.at, on_date: e.on_date, amount: e.amount });
      byDeadline.set(Number(e.deadline_id), list);
    }
    for (const d of deadlines) {
      const id = Number(d.id);
      const rule = rules.resolve(d.rule_key, d.province);
      if (!rule) {
        missingRule.push(id);
        continue;
      }
      const result = deriveDeadline(calendar, rule, d, byDeadline.get(id) ?? []);
      const before: Snapshot = {
        dueDate: d.due_date,
        dueAt: d.due_at ? new Date(d.due_at).toISOString() : null,
        provisional: d.provisional,
        missingYears: (d.missing_years ?? []).map(Number),
      };
      const after: Snapshot = { dueDate: result.dueDate, dueAt: result.dueAt ?? null, provisional: result.provisional, missingYears: result.missingYears };
      const same =
        before.dueDate === after.dueDate &&
        before.dueAt === after.dueAt &&
        before.provisional === after.provisional &&
        before.missingYears.join(',') === after.missingYears.join(',');
      if (same) continue;
      await trx
        .updateTable('deadlines')
        .set({
          due_date: result.dueDate,
          due_at: result.dueAt ? new Date(result.dueAt) : null,
          provisional: result.provisional,
          missing_years: result.missingYears,
          explanation: result.explanation,
          computed_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .execute();
      changed.push({ id, before, after });
    }
  }
  await appendAudit(trx, input.actor, {
    action: 'deadline.recompute',
    entityType: 'deadline',
    reason: input.reason,
    after: {
      checked: deadlines.length,
      changedCount: changed.length,
      changed: changed.slice(0, AUDIT_LIST_LIMIT),
      ...(changed.length > AUDIT_LIST_LIMIT ? { truncated: changed.length - AUDIT_LIST_LIMIT } : {}),
      ...(missingRule.length ? { missingRule } : {}),
    },
  });
  return { checked: deadlines.length, changed, missingRule };
}
