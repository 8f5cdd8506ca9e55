/** Pure date arithmetic for 同比 / 环比 on 'YYYY-MM-DD' calendar dates (no time zones involved). */

const toUtc = (d: string) => new Date(`${d}T00:00:00Z`);
const fmt = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: string, n: number) => fmt(new Date(toUtc(d).getTime() + n * 86_400_000));
const lastDayOfMonth = (y: number, m0: number) => new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();

/** Same day `months` earlier, clamped to the month's end (03-31 → 02-28). */
function minusMonths(d: string, months: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  return fmt(new Date(Date.UTC(ny, nm, Math.min(day, lastDayOfMonth(ny, nm)))));
}

export interface Period {
  from: string;
  to: string;
}

/**
 * 同比 = the same dates one year earlier. 环比 = the period of the same length just before: whole
 * months shift by whole months (2026-03 → 2026-02), any other range by its number of days.
 */
export function previousPeriod(p: Period, compare: 'yoy' | 'mom'): Period {
  if (compare === 'yoy') return { from: minusMonths(p.from, 12), to: wholeMonthEnd(p.to) ? monthEnd(minusMonths(p.to, 12)) : minusMonths(p.to, 12) };
  const days = Math.round((toUtc(p.to).getTime() - toUtc(p.from).getTime()) / 86_400_000) + 1;
  if (p.from.endsWith('-01') && wholeMonthEnd(p.to)) {
    const [fy, fm] = p.from.split('-').map(Number) as [number, number];
    const [ty, tm] = p.to.split('-').map(Number) as [number, number];
    const months = (ty - fy) * 12 + (tm - fm) + 1;
    return { from: minusMonths(p.from, months), to: monthEnd(minusMonths(p.from, 1)) };
  }
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

function wholeMonthEnd(d: string): boolean {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return day === lastDayOfMonth(y, m - 1);
}
function monthEnd(d: string): string {
  const [y, m] = d.split('-').map(Number) as [number, number];
  return `${d.slice(0, 7)}-${String(lastDayOfMonth(y, m - 1)).padStart(2, '0')}`;
}
