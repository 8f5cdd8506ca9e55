import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { minimumEarliestEnd } from '../../core/clock/deadline-compute.ts';

/** A running minimum period of an item (公示期): its last day and the earliest day the step it guards may end. */
export interface OpenMinimumPeriod {
  id: number;
  ruleKey: string;
  label: string;
  lastDay: string;
  earliestEnd: string;
}

/**
 * The item's minimum periods still running on `on` (rule kind 'minimum'; optionally only some rules): the step they
 * guard may not end before each has run — the day after its last day. A paused period (no last day) counts as running.
 */
export async function openMinimumPeriods(
  db: Kysely<DB> | Transaction<DB>,
  opts: { workItemId: number; on: string; ruleKeys?: readonly string[] },
): Promise<OpenMinimumPeriod[]> {
  if (opts.ruleKeys && opts.ruleKeys.length === 0) return [];
  let q = db
    .selectFrom('deadlines')
    .select(['id', 'rule_key', 'label', 'due_date'])
    .where('work_item_id', '=', opts.workItemId)
    .where('kind', '=', 'minimum')
    .where('status', 'in', ['running', 'paused']);
  if (opts.ruleKeys) q = q.where('rule_key', 'in', [...opts.ruleKeys]);
  const rows = await q.orderBy('id').execute();
  return rows
    .map((r) => ({
      id: Number(r.id),
      ruleKey: r.rule_key,
      label: r.label,
      lastDay: r.due_date ?? '',
      earliestEnd: r.due_date ? minimumEarliestEnd(r.due_date) : '',
    }))
    .filter((p) => !p.earliestEnd || p.earliestEnd > opts.on);
}

/** 公示期至 2026-06-11（2026-06-12 起方可结束）— the words of open minimum periods. */
export function describeMinimumPeriods(periods: readonly OpenMinimumPeriod[]): string {
  return periods.map((p) => (p.lastDay ? `${p.label}至${p.lastDay}` : `${p.label}（已暂停）`)).join('；');
}

/** The latest earliest-end of the periods ('' if one is paused: no date can be named yet). */
export function latestEarliestEnd(periods: readonly OpenMinimumPeriod[]): string | null {
  if (periods.length === 0) return null;
  if (periods.some((p) => !p.earliestEnd)) return '';
  return periods.reduce((m, p) => (p.earliestEnd > m ? p.earliestEnd : m), '');
}
