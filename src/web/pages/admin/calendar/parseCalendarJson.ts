import type { CalendarDay } from '../../../api/types.ts';

/** A calendar year as the console checked it (the POST body with its days typed). */
export type CheckedCalendarYear = {
  year: number;
  source: string;
  days: CalendarDay[];
};

/**
 * Checks pasted/uploaded calendar JSON before it is sent, so the admin sees a precise zh-CN reason
 * (the server validates again). Shape: {year, source, days:[{date, kind: holiday|workday, name}]}.
 */
export function parseCalendarJson(text: string): { ok: true; value: CheckedCalendarYear } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: '不是有效的 JSON：' + (err instanceof Error ? err.message : String(err)) };
  }
  if (typeof raw !== 'object' || raw === null) return { ok: false, error: '内容应为一个对象 {year, source, days}' };
  const obj = raw as Record<string, unknown>;
  const year = obj.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) return { ok: false, error: 'year 应为 2000–2100 之间的整数' };
  if (typeof obj.source !== 'string' || !obj.source.trim()) return { ok: false, error: 'source 应写明依据（如国务院办公厅通知的文号）' };
  if (!Array.isArray(obj.days) || obj.days.length === 0) return { ok: false, error: 'days 应为非空数组' };
  const days: CalendarDay[] = [];
  for (const [i, d] of (obj.days as unknown[]).entries()) {
    if (typeof d !== 'object' || d === null) return { ok: false, error: `days[${i}] 应为对象` };
    const day = d as Record<string, unknown>;
    const date = day.date;
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date + 'T00:00:00Z'))) {
      return { ok: false, error: `days[${i}].date 应为 YYYY-MM-DD` };
    }
    if (new Date(date + 'T00:00:00Z').toISOString().slice(0, 10) !== date) return { ok: false, error: `days[${i}].date “${date}” 不是真实日期` };
    if (!date.startsWith(String(year))) return { ok: false, error: `days[${i}].date “${date}” 不在 ${year} 年` };
    if (day.kind !== 'holiday' && day.kind !== 'workday') return { ok: false, error: `days[${i}].kind 应为 holiday（放假）或 workday（调休上班）` };
    const name = typeof day.name === 'string' ? day.name : '';
    days.push({ date, kind: day.kind, name });
  }
  const seen = new Set<string>();
  for (const d of days) {
    if (seen.has(d.date)) return { ok: false, error: `日期 ${d.date} 重复` };
    seen.add(d.date);
  }
  return { ok: true, value: { year, source: obj.source.trim(), days } };
}
