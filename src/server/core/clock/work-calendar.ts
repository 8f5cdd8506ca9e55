import { AppError } from '../errors.ts';
import { civilFromDays, daysFromCivil, formatIsoDay, parseIsoDay, weekdayOf } from './day-math.ts';

export type CalendarDayKind = 'holiday' | 'workday';

/** One exception to the Mon–Fri rule: a statutory rest day or a 调休 make-up workday. */
export interface CalendarException {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export interface WorkdayAnswer {
  date: string;
  workday: boolean;
  /** true when the date's year is not loaded: the answer is the bare weekday rule */
  provisional: boolean;
  missingYear?: number;
  /** holiday / 调休 name when the date is an exception */
  name?: string;
}

/** The arrays cover at least these years, so provisional answers work well beyond the loaded data. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/**
 * The working-day calendar as flat typed arrays over a fixed range of days:
 *  - `workday[i]`  1 when day i is a working day (exceptions applied, else Mon–Fri);
 *  - `cum[i]`      number of working days in [first, first + i] — counts in O(1);
 *  - `nth[k]`      offset of the k-th working day — "N working days after" in O(1).
 * Years not loaded follow the weekday rule but are reported, so no caller silently trusts them.
 */
export class WorkCalendar {
  readonly firstDay: number;
  readonly lastDay: number;
  readonly minYear: number;
  readonly maxYear: number;
  private readonly workday: Uint8Array;
  private readonly cum: Int32Array;
  private readonly nth: Int32Array;
  private readonly yearIndex: Uint16Array;
  private readonly loaded: Uint8Array;
  private readonly names: Map<number, string>;
  private readonly loadedYearList: number[];

  constructor(loadedYears: readonly number[], exceptions: readonly CalendarException[]) {
    this.minYear = Math.min(MIN_YEAR, ...loadedYears);
    this.maxYear = Math.max(MAX_YEAR, ...loadedYears.map((y) => y + 1));
    this.firstDay = daysFromCivil(this.minYear, 1, 1);
    this.lastDay = daysFromCivil(this.maxYear, 12, 31);
    const size = this.lastDay - this.firstDay + 1;
    this.workday = new Uint8Array(size);
    this.yearIndex = new Uint16Array(size);
    this.loaded = new Uint8Array(this.maxYear - this.minYear + 1);
    this.loadedYearList = [...new Set(loadedYears)].sort((a, b) => a - b);
    for (const y of this.loadedYearList) this.loaded[y - this.minYear] = 1;
    this.names = new Map();

    let year = this.minYear;
    let nextYearStart = daysFromCivil(year + 1, 1, 1);
    for (let i = 0; i < size; i++) {
      const z = this.firstDay + i;
      if (z >= nextYearStart) {
        year++;
        nextYearStart = daysFromCivil(year + 1, 1, 1);
      }
      this.yearIndex[i] = year - this.minYear;
      const wd = weekdayOf(z);
      this.workday[i] = wd === 0 || wd === 6 ? 0 : 1;
    }
    for (const e of exceptions) {
      const z = parseIsoDay(e.date);
      if (z === null || z < this.firstDay || z > this.lastDay) continue;
      this.workday[z - this.firstDay] = e.kind === 'workday' ? 1 : 0;
      this.names.set(z, e.name);
    }
    this.cum = new Int32Array(size);
    let count = 0;
    for (let i = 0; i < size; i++) {
      count += this.workday[i]!;
      this.cum[i] = count;
    }
    this.nth = new Int32Array(count + 1);
    for (let i = 0; i < size; i++) if (this.workday[i]) this.nth[this.cum[i]!] = i;
  }

  /** Years whose State Council schedule is loaded, ascending. */
  get coveredYears(): readonly number[] {
    return this.loadedYearList;
  }

  isYearLoaded(year: number): boolean {
    return year >= this.minYear && year <= this.maxYear && this.loaded[year - this.minYear] === 1;
  }

  /** Throws DATE_OUT_OF_RANGE unless the day lies inside the arrays. */
  checkDay(z: number): void {
    if (z < this.firstDay || z > this.lastDay) {
      throw new AppError('DATE_OUT_OF_RANGE', { value: formatIsoDay(z), min: this.minYear, max: this.maxYear });
    }
  }

  /** Calendar year of an epoch day inside the range. */
  yearOf(z: number): number {
    return this.yearIndex[z - this.firstDay]! + this.minYear;
  }

  isWorkdayDay(z: number): boolean {
    return this.workday[z - this.firstDay] === 1;
  }

  /** The first working day on or after z. */
  nextWorkdayOnOrAfter(z: number): number {
    const before = z === this.firstDay ? 0 : this.cum[z - this.firstDay - 1]!;
    return this.nthOrThrow(before + 1);
  }

  /** Working days in the half-open span (a, b]. */
  workdaysBetween(a: number, b: number): number {
    if (b <= a) return 0;
    return this.cum[b - this.firstDay]! - this.cum[a - this.firstDay]!;
  }

  /** The n-th working day after z (z itself not counted); n = 0 returns z. */
  addWorkdays(z: number, n: number): number {
    if (n <= 0) return z;
    return this.nthOrThrow(this.cum[z - this.firstDay]! + n);
  }

  private nthOrThrow(k: number): number {
    if (k >= this.nth.length) {
      throw new AppError('DATE_OUT_OF_RANGE', { value: `${this.maxYear}年以后`, min: this.minYear, max: this.maxYear });
    }
    return this.nth[k]! + this.firstDay;
  }

  /** Years in [a, b] (epoch days, inclusive) that are not loaded, ascending. */
  missingYearsIn(a: number, b: number): number[] {
    const from = this.yearOf(a);
    const to = this.yearOf(b);
    if (from === to && this.loaded[from - this.minYear] === 1) return [];
    const missing: number[] = [];
    for (let y = from; y <= to; y++) if (this.loaded[y - this.minYear] !== 1) missing.push(y);
    return missing;
  }

  /** Is this 'YYYY-MM-DD' a working day? Throws DATE_INVALID / DATE_OUT_OF_RANGE. */
  isWorkday(date: string): WorkdayAnswer {
    const z = parseIsoDay(date);
    if (z === null) throw new AppError('DATE_INVALID', { value: date });
    this.checkDay(z);
    const year = civilFromDays(z)[0];
    const provisional = !this.isYearLoaded(year);
    const name = this.names.get(z);
    return {
      date,
      workday: this.isWorkdayDay(z),
      provisional,
      ...(provisional ? { missingYear: year } : {}),
      ...(name ? { name } : {}),
    };
  }

  /** Working days in a calendar year (exceptions applied). */
  workdaysInYear(year: number): number {
    return this.workdaysBetween(daysFromCivil(year, 1, 1) - 1, daysFromCivil(year, 12, 31));
  }
}
