import { civilFromDays, daysFromCivil, formatIsoDay, parseIsoDay } from '../../core/clock/day-math.ts';

/** What the filing computation needs of the working-day calendar. */
export interface FilingCalendar {
  nextWorkdayOnOrAfter(z: number): number;
}

export interface FilingDue {
  /** the last day to file (the rule's day of the quarter's last month, a rest day rolled to the next working day) */
  due: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** e.g. 2026年第三季度 */
  label: string;
}

const QUARTER_ZH = ['一', '二', '三', '四'] as const;

function dueOfQuarter(year: number, quarter: number, dayOfMonth: number, calendar: FilingCalendar): FilingDue {
  const nominal = daysFromCivil(year, quarter * 3, dayOfMonth);
  return {
    due: formatIsoDay(calendar.nextWorkdayOnOrAfter(nominal)),
    year,
    quarter: quarter as FilingDue['quarter'],
    label: `${year}年第${QUARTER_ZH[quarter - 1]}季度`,
  };
}

/**
 * The quarterly filing (每季度最后一个月25日前报县维稳办、县发改局备案) an assessment completed on `completedOn`
 * belongs to: its own quarter's filing day (legal_rules wp.filing.quarter: the day of the quarter's last month; a
 * holiday or weekend rolls it to the next working day, as a period's end does), or — completed after that day — the
 * next quarter's.
 */
export function filingDueFor(completedOn: string, dayOfMonth: number, calendar: FilingCalendar): FilingDue {
  const z = parseIsoDay(completedOn);
  if (z === null) throw new Error(`filing: not a day: ${completedOn}`);
  const [y, m] = civilFromDays(z);
  const q = Math.ceil(m / 3);
  const own = dueOfQuarter(y, q, dayOfMonth, calendar);
  if (completedOn <= own.due) return own;
  return q === 4 ? dueOfQuarter(y + 1, 1, dayOfMonth, calendar) : dueOfQuarter(y, q + 1, dayOfMonth, calendar);
}
