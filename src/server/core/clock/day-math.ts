/**
 * Allocation-free date arithmetic on "epoch days" (days since 1970-01-01, proleptic Gregorian).
 * Legal deadlines are calendar dates (Asia/Shanghai); working on integers keeps the deadline
 * computation in the millions per second and free of time-zone surprises.
 */

/** Days from 1970-01-01 to y-m-d (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!;
}

/** Epoch day of a strict 'YYYY-MM-DD' that names a real date, else null (2026-02-30 → null). */
export function parseIsoDay(s: string): number | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    y = y * 10 + c;
  }
  const m1 = s.charCodeAt(5) - 48,
    m2 = s.charCodeAt(6) - 48,
    d1 = s.charCodeAt(8) - 48,
    d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return null;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d);
}

/** Civil date of an epoch day as [year, month, day] (civil_from_days). */
export function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

const PAD2: string[] = Array.from({ length: 32 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** Memo of formatted days 1990–2100: deadline explanations format several dates per call. */
const MEMO_FIRST = daysFromCivil(1990, 1, 1);
const MEMO_LAST = daysFromCivil(2100, 12, 31);
const memo: (string | undefined)[] = new Array(MEMO_LAST - MEMO_FIRST + 1);

export function formatIsoDay(z: number): string {
  if (z >= MEMO_FIRST && z <= MEMO_LAST) {
    const hit = memo[z - MEMO_FIRST];
    if (hit !== undefined) return hit;
  }
  const [y, m, d] = civilFromDays(z);
  const text = `${y}-${PAD2[m]}-${PAD2[d]}`;
  if (z >= MEMO_FIRST && z <= MEMO_LAST) memo[z - MEMO_FIRST] = text;
  return text;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(z: number): number {
  return (((z + 4) % 7) + 7) % 7;
}

/** Same day-of-month `months` later, or that month's last day when it has fewer days. */
export function addMonths(z: number, months: number): number {
  const [y, m, d] = civilFromDays(z);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Asia/Shanghai calendar day of an instant (China has no DST since 1991). */
export function shanghaiDay(instant: Date): number {
  return Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / 86_400_000);
}

/** Midnight Asia/Shanghai at the start of an epoch day. */
export function shanghaiMidnight(z: number): Date {
  return new Date(z * 86_400_000 - SHANGHAI_OFFSET_MS);
}

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai, for explanations. */
export function formatShanghaiMinute(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
