import { computeDeadline, type DeadlineResult, type DeadlineRule } from '../../../../core/clock/deadline-compute.ts';
import { daysInMonth } from '../../../../core/clock/day-math.ts';
import type { WorkCalendar } from '../../../../core/clock/work-calendar.ts';

/** The rules of the statistics table's time limits (legal_rules, 16号令 第十四条): counted from the period's last day. */
export const REPORT_RULES = { quarter: 'hz.report.quarter', year: 'hz.report.year' } as const;
/** How long before its due date a table not yet signed is reminded. */
export const REPORT_REMIND_RULE = 'hz.report.remind';

export type PeriodKind = 'quarter' | 'year';
export interface ReportPeriod {
  kind: PeriodKind;
  year: number;
  /** 1–4 for a quarter, null for the year */
  quarter: number | null;
  from: string;
  to: string;
  /** 2026年第一季度 / 2026年度 */
  name: string;
}

const QUARTER_ZH = ['一', '二', '三', '四'];
const pad = (n: number) => String(n).padStart(2, '0');

/** A quarter or a year as dates and words. */
export function reportPeriod(kind: PeriodKind, year: number, quarter: number | null = null): ReportPeriod {
  if (kind === 'year') return { kind, year, quarter: null, from: `${year}-01-01`, to: `${year}-12-31`, name: `${year}年度` };
  if (quarter === null || !Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new RangeError(`quarter ${quarter}`);
  const lastMonth = quarter * 3;
  return {
    kind,
    year,
    quarter,
    from: `${year}-${pad(lastMonth - 2)}-01`,
    to: `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`,
    name: `${year}年第${QUARTER_ZH[quarter - 1]}季度`,
  };
}

/**
 * The due date of a period's table: the rule's period counted from the period's last day (the day itself not
 * counted) — 15日 after a quarter ends is the 15th of the next month, 31日 after the year ends is 31 January — and,
 * as for every period of days, an end on a rest day rolls to the next working day (rules.md "day.rule").
 */
export function reportDue(calendar: WorkCalendar, rule: DeadlineRule, period: ReportPeriod): DeadlineResult {
  return computeDeadline(calendar, { rule, start: period.to });
}

/** The periods that have ended by `today`, newest first: the last `quarters` quarters and the last `years` years. */
export function endedPeriods(today: string, quarters = 8, years = 2): ReportPeriod[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const out: ReportPeriod[] = [];
  // the quarter before the current one
  let qy = y;
  let q = Math.floor((m - 1) / 3);
  for (let i = 0; i < quarters; i++) {
    if (q === 0) {
      qy -= 1;
      q = 4;
    }
    out.push(reportPeriod('quarter', qy, q));
    q -= 1;
  }
  for (let i = 1; i <= years; i++) out.push(reportPeriod('year', y - i));
  return out.sort((a, b) => (a.to === b.to ? (a.kind === 'year' ? -1 : 1) : a.to < b.to ? 1 : -1));
}
