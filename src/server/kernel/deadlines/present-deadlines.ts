import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../core/db/schema.ts';
import { INSTRUCTED_RULE_KEY, INSTRUCTED_RULE_NAME } from './instructed-deadline.ts';
import { loadRuleBook } from '../../core/clock/legal-rules.ts';
import { minimumEarliestEnd } from '../../core/clock/deadline-compute.ts';
import { loadWarningThresholds, warningLevel, type WarningLevel } from '../../core/clock/warning-levels.ts';

export const DEADLINE_STATUS_ZH: Record<string, string> = { running: '计时中', paused: '已暂停', stopped: '已停止' };

/** A deadline as every module presents it: the clock, its warning level, and the rule that produced it. */
export interface PresentedDeadline {
  id: number;
  label: string;
  ruleKey: string;
  /** the rule that produced the due date (province override, else national); null if it was removed */
  ruleName: string | null;
  ruleSource: string | null;
  ruleAmount: number | null;
  ruleUnit: string | null;
  province: string;
  startDate: string;
  dueDate: string | null;
  dueAt: string | null;
  status: string;
  statusName: string;
  provisional: boolean;
  missingYears: number[];
  warningLevel: WarningLevel;
  explanation: string;
  /** a minimum period (公示期 ≥10日): dueDate is its last day; never overdue, never reminded */
  minimum: boolean;
  /** for a minimum period: the day after its last day, the earliest its step may end */
  earliestEnd: string | null;
}

/**
 * The deadlines of a work item (in start order), each with its rule and its warning level on `today`; given `now`,
 * an hour clock (due_at) that has passed is overdue at once, not from the next day.
 * Does not check scope: callers load the work item through a scoped query first.
 */
export async function presentDeadlines(db: Kysely<DB> | Transaction<DB>, workItemId: number, today: string, now?: Date): Promise<PresentedDeadline[]> {
  const [rows, rules, thresholds] = await Promise.all([
    db.selectFrom('deadlines').selectAll().where('work_item_id', '=', workItemId).orderBy('id').execute(),
    loadRuleBook(db),
    loadWarningThresholds(db),
  ]);
  return rows.map((d) => {
    const rule = rules.resolve(d.rule_key, d.province);
    // a higher authority's date: its basis (in the explanation) stands where a legal source would
    const instructed = d.rule_key === INSTRUCTED_RULE_KEY;
    return {
      id: Number(d.id),
      label: d.label,
      ruleKey: d.rule_key,
      ruleName: instructed ? INSTRUCTED_RULE_NAME : (rule?.name ?? null),
      ruleSource: instructed ? d.explanation : (rule?.source ?? null),
      ruleAmount: rule?.amount ?? null,
      ruleUnit: rule?.unit ?? null,
      province: d.province,
      startDate: d.start_date,
      dueDate: d.due_date,
      dueAt: d.due_at ? new Date(d.due_at).toISOString() : null,
      status: d.status,
      statusName: DEADLINE_STATUS_ZH[d.status] ?? d.status,
      provisional: d.provisional,
      missingYears: (d.missing_years ?? []).map(Number),
      // only a running clock can fall due (a paused one is waiting, a stopped one is done)
      // a minimum period (公示期) never falls due: it only says from when its step may end
      warningLevel:
        d.status === 'running' && d.due_date && d.kind === 'deadline' ? hourAware(warningLevel(d.due_date, today, thresholds), d.due_at, now) : 'normal',
      explanation: d.explanation,
      minimum: d.kind === 'minimum',
      earliestEnd: d.kind === 'minimum' && d.due_date ? minimumEarliestEnd(d.due_date) : null,
    };
  });
}

/** An hour clock past its instant is overdue even while its day is still today. */
function hourAware(level: WarningLevel, dueAt: Date | null, now: Date | undefined): WarningLevel {
  if (!dueAt || !now || new Date(dueAt).getTime() > now.getTime()) return level;
  return level === 'normal' || level === 'approaching' ? 'overdue' : level;
}

/** The response schema of a presented deadline, for the routes that answer them. */
export const presentedDeadlineSchema = z.object({
  id: z.number(),
  label: z.string(),
  ruleKey: z.string(),
  ruleName: z.string().nullable(),
  ruleSource: z.string().nullable(),
  ruleAmount: z.number().nullable(),
  ruleUnit: z.string().nullable(),
  province: z.string(),
  startDate: z.string(),
  dueDate: z.string().nullable(),
  dueAt: z.string().nullable(),
  status: z.string(),
  statusName: z.string(),
  provisional: z.boolean(),
  missingYears: z.array(z.number()),
  warningLevel: z.enum(['normal', 'approaching', 'overdue', 'severe']),
  explanation: z.string(),
  minimum: z.boolean().describe('最短期限（如公示期）：不计逾期，期满次日起方可结束该环节'),
  earliestEnd: z.string().nullable().describe('最短期限的环节最早可结束之日（期满次日）'),
});
