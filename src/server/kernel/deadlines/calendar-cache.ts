import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { calendarFingerprint, readWorkCalendar } from '../../core/clock/calendar-store.ts';
import type { WorkCalendar } from '../../core/clock/work-calendar.ts';

/**
 * The in-memory WorkCalendar, rebuilt only when the calendar tables change. One tiny
 * fingerprint query per call (not per deadline) keeps several app instances consistent
 * when another instance loads a year. Works on a transaction too (sees its own changes).
 */
let cached: { fingerprint: string; calendar: WorkCalendar } | null = null;

export async function loadCalendar(db: Kysely<DB>): Promise<WorkCalendar> {
  const fingerprint = await calendarFingerprint(db);
  if (cached && cached.fingerprint === fingerprint) return cached.calendar;
  const calendar = await readWorkCalendar(db);
  cached = { fingerprint, calendar };
  return calendar;
}

/** Drops the cache (tests; after a rolled-back load the fingerprint check already covers it). */
export function forgetCalendar(): void {
  cached = null;
}
