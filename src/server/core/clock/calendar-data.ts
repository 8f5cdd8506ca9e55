import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { parseIsoDay, weekdayOf } from './day-math.ts';
import type { CalendarDayKind, CalendarException } from './work-calendar.ts';

/** One year of the State Council holiday schedule, as admins load it (JSON). */
export interface CalendarYearData {
  year: number;
  /** the notice it comes from, e.g. 国务院办公厅关于2027年部分节假日安排的通知 */
  source: string;
  days: CalendarException[];
}

/** Years seeded from the chinese-days package (its data ends at 2026; later years it silently guesses). */
export const SEED_FIRST_YEAR = 2004;
export const SEED_LAST_YEAR = 2026;

const KINDS: readonly CalendarDayKind[] = ['holiday', 'workday'];
const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function fail(problems: string[]): never {
  const shown = problems.slice(0, 5).join('；');
  throw new AppError('CALENDAR_YEAR_INVALID', { detail: problems.length > 5 ? `${shown}；等共 ${problems.length} 处问题` : shown });
}

/**
 * Validates a calendar year hard: a wrong calendar silently moves every deadline, so every
 * problem is named (zh-CN) and nothing is loaded unless the whole year is right.
 */
export function validateCalendarYear(input: unknown): CalendarYearData {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail(['应为 JSON 对象 {year, source, days}']);
  const o = input as Record<string, unknown>;
  const problems: string[] = [];
  const year = o.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1990 || year > 2100) {
    fail([`year（年份）应为 1990—2100 之间的整数，收到 ${JSON.stringify(year)}`]);
  }
  const source = typeof o.source === 'string' ? o.source.trim() : '';
  if (!source) problems.push('source（依据的国务院办公厅通知名称）必填');
  if (!Array.isArray(o.days)) fail([...problems, 'days 应为数组']);
  const seen = new Set<string>();
  const days: CalendarException[] = [];
  (o.days as unknown[]).forEach((raw, i) => {
    const where = `第 ${i + 1} 条`;
    if (typeof raw !== 'object' || raw === null) {
      problems.push(`${where}应为对象 {date, kind, name}`);
      return;
    }
    const d = raw as Record<string, unknown>;
    const date = typeof d.date === 'string' ? d.date : '';
    const z = parseIsoDay(date);
    if (z === null) {
      problems.push(`${where}日期“${String(d.date)}”不是有效的 YYYY-MM-DD 日期`);
      return;
    }
    if (!date.startsWith(`${year}-`)) problems.push(`${where}日期 ${date} 不在 ${year} 年内`);
    if (seen.has(date)) problems.push(`${where}日期 ${date} 重复`);
    seen.add(date);
    const kind = d.kind as CalendarDayKind;
    if (!KINDS.includes(kind)) {
      problems.push(`${where}（${date}）类型“${String(d.kind)}”无效，应为 holiday（放假）或 workday（调休上班）`);
      return;
    }
    const wd = weekdayOf(z);
    if (kind === 'workday' && wd !== 0 && wd !== 6) {
      problems.push(`${where}：${date} 是${WEEKDAY_NAMES[wd]}，本来就是工作日，不应列为调休上班日`);
    }
    const name = typeof d.name === 'string' ? d.name.trim() : '';
    if (!name) problems.push(`${where}（${date}）缺少节日名称 name`);
    days.push({ date, kind, name });
  });
  if (problems.length) fail(problems);
  days.sort((a, b) => (a.date < b.date ? -1 : 1));
  return { year, source, days };
}

interface ChineseDaysYear {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function chineseDaysDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('chinese-days/package.json')), 'dist', 'years');
}

/** 'National Day,国庆节,3' → '国庆节' */
function zhName(label: string): string {
  return label.split(',')[1]?.trim() || label;
}

/** A year of the chinese-days package data, shaped as our load format (2004–2026 only). */
export function chineseDaysYear(year: number): CalendarYearData {
  if (year < SEED_FIRST_YEAR || year > SEED_LAST_YEAR) throw new Error(`chinese-days 无 ${year} 年的可信数据`);
  const data = JSON.parse(readFileSync(path.join(chineseDaysDir(), `${year}.json`), 'utf8')) as ChineseDaysYear;
  const days: CalendarException[] = [
    ...Object.entries(data.holidays).map(([date, label]) => ({ date, kind: 'holiday' as const, name: zhName(label) })),
    ...Object.entries(data.workdays).map(([date, label]) => ({ date, kind: 'workday' as const, name: `${zhName(label)}调休上班` })),
  ];
  return validateCalendarYear({
    year,
    source: `国务院办公厅关于${year}年部分节假日安排的通知（数据取自 chinese-days 1.5.7）`,
    days,
  });
}
