/**
 * 《安全生产法》第一百一十三条第四项: a unit that has a 重大事故隐患 and is penalised (行政处罚) three times within 180
 * days, or four times within a year, is to be closed — the county flags it to the regulator for 提请关闭. The windows
 * and counts are law as data (legal_rules haz.close.window.*, setting safety.art113); this is the pure count.
 */
export interface Art113Rule {
  /** the short window in calendar days (180) and the count that reaches it (3) */
  shortDays: number;
  countShort: number;
  /** the long window in months (12) and its count (4) */
  yearMonths: number;
  countYear: number;
}

export interface Art113Count {
  inShort: number;
  inYear: number;
  reached: boolean;
  /** the zh-CN finding, when reached */
  finding: string | null;
}

const dayMs = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The day `months` calendar months before `day` (the same day of month, clamped to the month's end). */
export function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Counts the penalties (their decision dates) falling in the windows that end on `on` (inclusive): within 180 days
 * means on or after on − 179 days … on, within a year means after the same day a year before.
 */
export function countArt113(penaltyDays: readonly string[], on: string, rule: Art113Rule): Art113Count {
  const end = toMs(on);
  const shortStart = end - (rule.shortDays - 1) * dayMs;
  const yearStart = toMs(monthsBefore(on, rule.yearMonths)) + dayMs;
  const days = penaltyDays.map(toMs).filter((t) => t <= end);
  const inShort = days.filter((t) => t >= shortStart).length;
  const inYear = days.filter((t) => t >= yearStart).length;
  const short = inShort >= rule.countShort;
  const year = inYear >= rule.countYear;
  const finding = short ? `${rule.shortDays}日内第 ${inShort} 次因重大事故隐患受到行政处罚` : year ? `一年内第 ${inYear} 次因重大事故隐患受到行政处罚` : null;
  return { inShort, inYear, reached: short || year, finding };
}
