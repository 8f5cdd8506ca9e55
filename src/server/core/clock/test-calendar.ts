import { chineseDaysYear, SEED_FIRST_YEAR, SEED_LAST_YEAR } from './calendar-data.ts';
import { WorkCalendar } from './work-calendar.ts';

/** The seeded calendar (2004–2026) built in memory, as ensureLegalClock stores it (tests, bench). */
export function seededWorkCalendar(): WorkCalendar {
  const years: number[] = [];
  const days = [];
  for (let y = SEED_FIRST_YEAR; y <= SEED_LAST_YEAR; y++) {
    years.push(y);
    days.push(...chineseDaysYear(y).days);
  }
  return new WorkCalendar(years, days);
}
