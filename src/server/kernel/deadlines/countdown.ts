import { parseIsoDay } from '../../core/clock/day-math.ts';
import type { WorkCalendar } from '../../core/clock/work-calendar.ts';

/**
 * How a due date reads to the people who must meet it, as of `today`: "剩2个工作日" (working days after
 * today up to and including the due date, from the working-day calendar: weekends, holidays and 调休 as
 * loaded), "今日到期", or "超期6天" (calendar days past it). Null without a due date.
 */
export function countdownText(calendar: WorkCalendar, today: string, due: string | null): string | null {
  if (!due) return null;
  const t = parseIsoDay(today);
  const d = parseIsoDay(due);
  if (t === null || d === null) return null;
  if (d < t) return `超期${t - d}天`;
  if (d === t) return '今日到期';
  const left = calendar.workdaysBetween(t, d);
  return left === 0 ? '今日到期' : `剩${left}个工作日`;
}
