import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { appendAudit, type Actor } from '../audit/audit-chain.ts';
import { WorkCalendar, type CalendarException } from './work-calendar.ts';
import type { CalendarYearData } from './calendar-data.ts';

export interface CalendarYearSummary {
  year: number;
  source: string;
  loadedAt: string;
  loadedBy: string | null;
  /** rows of kind 'holiday' */
  holidayCount: number;
  /** rows of kind 'workday' (调休 make-up days) */
  workdayCount: number;
}

export async function listCalendarYears(db: Kysely<DB>): Promise<CalendarYearSummary[]> {
  const rows = await db
    .selectFrom('calendar_years as y')
    .select((eb) => [
      'y.year',
      'y.source',
      'y.loaded_at',
      'y.loaded_by',
      eb
        .selectFrom('calendar_days as d')
        .whereRef('d.year', '=', 'y.year')
        .where('d.kind', '=', 'holiday')
        .select(eb.fn.countAll<number>().as('n'))
        .as('holidays'),
      eb
        .selectFrom('calendar_days as d')
        .whereRef('d.year', '=', 'y.year')
        .where('d.kind', '=', 'workday')
        .select(eb.fn.countAll<number>().as('n'))
        .as('workdays'),
    ])
    .orderBy('y.year')
    .execute();
  return rows.map((r) => ({
    year: Number(r.year),
    source: r.source,
    loadedAt: new Date(r.loaded_at).toISOString(),
    loadedBy: r.loaded_by,
    holidayCount: Number(r.holidays ?? 0),
    workdayCount: Number(r.workdays ?? 0),
  }));
}

export async function listCalendarDays(db: Kysely<DB>, year: number): Promise<CalendarException[]> {
  const rows = await db.selectFrom('calendar_days').select(['day', 'kind', 'name']).where('year', '=', year).orderBy('day').execute();
  return rows.map((r) => ({ date: r.day, kind: r.kind, name: r.name }));
}

/** Reads the whole calendar (≈ 900 exception rows for 23 years) and builds the in-memory form. */
export async function readWorkCalendar(db: Kysely<DB>): Promise<WorkCalendar> {
  const [years, days] = await Promise.all([
    db.selectFrom('calendar_years').select('year').execute(),
    db.selectFrom('calendar_days').select(['day', 'kind', 'name']).execute(),
  ]);
  return new WorkCalendar(
    years.map((y) => Number(y.year)),
    days.map((d) => ({ date: d.day, kind: d.kind, name: d.name })),
  );
}

/**
 * A cheap fingerprint of the calendar tables: it changes whenever a year is loaded or replaced
 * (loaded_at is the loading transaction's time), so caches can tell when to rebuild.
 */
export async function calendarFingerprint(db: Kysely<DB>): Promise<string> {
  const row = await sql<{ fp: string }>`
    SELECT count(*)::text || '|' || coalesce(sum(year), 0)::text || '|' || coalesce(max(loaded_at)::text, '') AS fp
    FROM calendar_years`.execute(db);
  return row.rows[0]?.fp ?? '';
}

/**
 * Replaces one year's rows (validated data) in the caller's transaction, audited with the
 * before/after summary. The caller recomputes open deadlines in the same transaction.
 */
export async function storeCalendarYear(
  trx: Transaction<DB>,
  input: { data: CalendarYearData; actor: Actor; action?: string },
): Promise<{ replaced: boolean }> {
  const { data, actor } = input;
  const previous = await trx.selectFrom('calendar_years').selectAll().where('year', '=', data.year).executeTakeFirst();
  const previousDays = previous ? await listCalendarDays(trx, data.year) : [];
  await trx.deleteFrom('calendar_days').where('year', '=', data.year).execute();
  await trx
    .insertInto('calendar_years')
    .values({ year: data.year, source: data.source, loaded_by: actor.name, loaded_at: sql<Date>`now()` })
    .onConflict((oc) => oc.column('year').doUpdateSet({ source: data.source, loaded_by: actor.name, loaded_at: sql<Date>`clock_timestamp()` }))
    .execute();
  if (data.days.length) {
    await trx
      .insertInto('calendar_days')
      .values(data.days.map((d) => ({ day: d.date, year: data.year, kind: d.kind, name: d.name })))
      .execute();
  }
  const summary = (days: CalendarException[]) => ({
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
    workdays: days.filter((d) => d.kind === 'workday').map((d) => d.date),
  });
  await appendAudit(trx, actor, {
    action: input.action ?? (previous ? 'calendar.replace' : 'calendar.load'),
    entityType: 'calendar_year',
    entityId: data.year,
    before: previous ? { source: previous.source, ...summary(previousDays) } : null,
    after: { source: data.source, ...summary(data.days) },
  });
  return { replaced: Boolean(previous) };
}
