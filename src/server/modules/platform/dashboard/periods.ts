/** The dashboard's periods: this period up to today, the same span of the previous period (环比) and of last year (同比). */
export type DashboardPeriod = 'month' | 'quarter' | 'year';

export interface DateRange {
  from: string;
  to: string;
}

export interface PeriodRanges {
  current: DateRange;
  previous: DateRange;
  lastYear: DateRange;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A period's start shifted back by `months`, keeping the day-of-period of `today` (clamped to the shorter month). */
function shifted(y: number, m: number, startMonth: number, d: number, months: number): DateRange {
  const startIndex = y * 12 + (startMonth - 1) - months;
  const sy = Math.floor(startIndex / 12);
  const sm = (startIndex % 12) + 1;
  const endIndex = y * 12 + (m - 1) - months;
  const ey = Math.floor(endIndex / 12);
  const em = (endIndex % 12) + 1;
  return { from: iso(sy, sm, 1), to: iso(ey, em, Math.min(d, daysIn(ey, em))) };
}

/**
 * The ranges (business dates, Asia/Shanghai) a period's figures compare: 本月 1日–today against the same days of last month
 * (环比) and of the same month last year (同比); 本季度 and 本年 likewise.
 */
export function periodRanges(today: string, period: DashboardPeriod): PeriodRanges {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const startMonth = period === 'month' ? m : period === 'quarter' ? m - ((m - 1) % 3) : 1;
  const span = period === 'month' ? 1 : period === 'quarter' ? 3 : 12;
  return {
    current: { from: iso(y, startMonth, 1), to: today },
    previous: shifted(y, m, startMonth, d, span),
    lastYear: shifted(y, m, startMonth, d, 12),
  };
}

/** The first days of the 12 months ending with today's month, oldest first (the trend's x axis). */
export function trendMonths(today: string, count = 12): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const idx = y * 12 + (m - 1) - i;
    out.push(iso(Math.floor(idx / 12), (idx % 12) + 1, 1));
  }
  return out;
}
