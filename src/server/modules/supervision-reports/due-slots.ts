import { sql, type Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { addDaysIso } from '../../core/clock/clock.ts';
import { loadCalendar } from '../../kernel/deadlines/index.ts';
import { shanghaiInstant, slotsBetween, slotStatus, type IsWorkday, type Schedule, type Slot } from './schedule.ts';

/** A slot that fell due, as the 报告及时率 counts it: pending slots (cut-off still ahead) are never in it. */
export type DueStatus = 'on_time' | 'late' | 'missing';

export interface DueSlot {
  defId: number;
  defName: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  periodStart: string;
  periodLabel: string;
  dueDate: string;
  status: DueStatus;
}

/** How far before `from` a period may begin whose cut-off still falls on or after `from` (a quarter plus the next month). */
const LOOKBACK_DAYS = 200;

/**
 * The slots of one schedule whose cut-off falls within [from, to] and has passed by `cutoff` (pure). A report is
 * counted in the span in which it was due: November's 月报, due on 5 December, belongs to December.
 */
export function dueSlotsOf(s: Schedule, from: string, to: string, cutoff: Date, isWorkday: IsWorkday): Slot[] {
  return slotsBetween(s, addDaysIso(from, -LOOKBACK_DAYS), to, isWorkday).filter(
    (x) => x.dueDate >= from && x.dueDate <= to && x.dueAt.getTime() <= cutoff.getTime(),
  );
}

/** The status of a due slot: a submission by the cut-off is on time, any later one late, none by `now` missing. */
export function dueStatus(slot: Pick<Slot, 'dueAt'>, submittedAt: Date | null, now: Date): DueStatus {
  const s = slotStatus(slot, submittedAt, now);
  return s === 'pending' ? 'missing' : s;
}

/**
 * Every slot that fell due within [from, to] as of the day `asOf` (its cut-off on or before asOf and passed by `now`)
 * of every definition in use (not 停用) for every reporting unit it names, with its status: 按时报送, 迟报 or 缺报.
 * Read by 考核 (报告及时率); the county's whole record, no viewer.
 */
export async function dueReportSlots(db: Kysely<DB>, range: { from: string; to: string; asOf: string }, now: Date): Promise<DueSlot[]> {
  const to = range.to < range.asOf ? range.to : range.asOf;
  if (to < range.from) return [];
  const endOfAsOf = shanghaiInstant(addDaysIso(range.asOf, 1), '00:00');
  const cutoff = endOfAsOf.getTime() < now.getTime() ? endOfAsOf : now;
  const defs = await db
    .selectFrom('periodic_report_defs as d')
    .select([
      'd.id',
      'd.name',
      'd.frequency',
      'd.due_time',
      'd.due_weekday',
      'd.due_day',
      'd.workdays_only',
      sql<string>`d.active_from::text`.as('active_from'),
      sql<string | null>`d.active_to::text`.as('active_to'),
    ])
    .where('d.stopped', '=', false)
    .where(sql<boolean>`d.active_from <= ${to}::date`)
    .orderBy('d.id')
    .execute();
  if (defs.length === 0) return [];
  const calendar = await loadCalendar(db);
  const isWorkday: IsWorkday = (d) => calendar.isWorkday(d).workday;
  const out: DueSlot[] = [];
  for (const d of defs) {
    const schedule: Schedule = {
      frequency: d.frequency,
      dueTime: d.due_time,
      dueWeekday: d.due_weekday,
      dueDay: d.due_day,
      workdaysOnly: d.workdays_only,
      activeFrom: d.active_from,
      activeTo: d.active_to,
    };
    const slots = dueSlotsOf(schedule, range.from, to, cutoff, isWorkday);
    if (slots.length === 0) continue;
    const units = await db
      .selectFrom('periodic_report_units as ru')
      .innerJoin('units as u', 'u.id', 'ru.unit_id')
      .select(['u.id', 'u.name', 'u.path'])
      .where('ru.def_id', '=', d.id)
      .orderBy('u.sort')
      .orderBy('u.path')
      .execute();
    if (units.length === 0) continue;
    const subs = await db
      .selectFrom('periodic_report_submissions')
      .select(['unit_id', 'period_start', 'submitted_at'])
      .where('def_id', '=', d.id)
      .where(
        'period_start',
        'in',
        slots.map((s) => s.periodStart),
      )
      .execute();
    const submitted = new Map(subs.map((s) => [`${Number(s.unit_id)}|${s.period_start}`, s.submitted_at]));
    for (const slot of slots)
      for (const u of units)
        out.push({
          defId: Number(d.id),
          defName: d.name,
          unitId: Number(u.id),
          unitName: u.name,
          unitPath: u.path,
          periodStart: slot.periodStart,
          periodLabel: slot.label,
          dueDate: slot.dueDate,
          status: dueStatus(slot, submitted.get(`${Number(u.id)}|${slot.periodStart}`) ?? null, now),
        });
  }
  return out;
}
