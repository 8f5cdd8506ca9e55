/** A 考核 period from its kind and number: 2026年11月, 2026年第四季度, 2026年度 with its first and last day. Pure. */
const Q = ['一', '二', '三', '四'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function periodOf(kind: 'month' | 'quarter' | 'year', year: number, n: number): { label: string; from: string; to: string } {
  if (kind === 'month') return { label: `${year}年${n}月`, from: `${year}-${pad(n)}-01`, to: `${year}-${pad(n)}-${pad(lastDay(year, n))}` };
  if (kind === 'quarter') {
    const m = (n - 1) * 3 + 3;
    return { label: `${year}年第${Q[n - 1]}季度`, from: `${year}-${pad(m - 2)}-01`, to: `${year}-${pad(m)}-${pad(lastDay(year, m))}` };
  }
  return { label: `${year}年度`, from: `${year}-01-01`, to: `${year}-12-31` };
}
