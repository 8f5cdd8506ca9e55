import { formatIsoDay, parseIsoDay } from '../../../core/clock/day-math.ts';
import type { WorkCalendar } from '../../../core/clock/work-calendar.ts';
import type { RosterDay } from './roster-generator.ts';

export interface SensitivePeriod {
  id: number;
  name: string;
  startsOn: string;
  endsOn: string;
  staffPerDay: number;
}

/** The days from `from` to `to` as the working-day calendar and the sensitive periods see them. */
export function rosterDays(cal: WorkCalendar, from: string, to: string, periods: readonly SensitivePeriod[]): RosterDay[] {
  const a = parseIsoDay(from)!;
  const b = parseIsoDay(to)!;
  const out: RosterDay[] = [];
  for (let z = a; z <= b; z++) {
    const date = formatIsoDay(z);
    const answer = cal.isWorkday(date);
    const kind = answer.workday ? 'workday' : answer.name ? 'holiday' : 'restday';
    const p = periods.filter((x) => x.startsOn <= date && date <= x.endsOn).sort((x, y) => y.staffPerDay - x.staffPerDay)[0];
    out.push({ date, kind, dayName: answer.name ?? null, period: p ? { id: p.id, name: p.name, staffPerDay: p.staffPerDay } : null });
  }
  return out;
}
