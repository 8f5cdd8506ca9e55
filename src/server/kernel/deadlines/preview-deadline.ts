import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { computeDeadline, type DeadlineResult } from '../../core/clock/deadline-compute.ts';
import { findRule, type LegalRule } from '../../core/clock/legal-rules.ts';
import { AppError } from '../../core/errors.ts';
import { parseIsoDay } from '../../core/clock/day-math.ts';
import { loadCalendar } from './calendar-cache.ts';

/** "When is it due?" for a rule and a start date, without any clock stored (API + CLI). */
export async function previewDeadline(
  db: Kysely<DB>,
  input: { ruleKey: string; from: string; province?: string },
): Promise<DeadlineResult & { rule: LegalRule }> {
  if (parseIsoDay(input.from) === null) throw new AppError('DATE_INVALID', { value: input.from });
  const [rule, calendar] = await Promise.all([findRule(db, input.ruleKey, input.province ?? ''), loadCalendar(db)]);
  return { ...computeDeadline(calendar, { rule, start: input.from }), rule };
}
