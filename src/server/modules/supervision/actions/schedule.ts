import { civilFromDays, daysFromCivil, daysInMonth, formatIsoDay, parseIsoDay, weekdayOf } from '../../../core/clock/day-math.ts';
import type { ActionRhythm } from './fields.ts';

/** One period the rhythm asks a 调度 for: 已调度, 未调度 (the period is over without one) or 待调度 (the current one). */
export interface DispatchSlot {
  from: string;
  to: string;
  label: string;
  state: 'done' | 'missing' | 'pending';
}

const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const md = (z: number) => {
  const [, m, d] = civilFromDays(z);
  return `${m}月${d}日`;
};

/**
 * The 调度 periods of an action from its first day to today (or its last day, whichever is earlier), each with whether a
 * 调度 was recorded in it:
 *  - 每日: every WORKING day (the county's work calendar: weekends and statutory holidays ask none, a 调休 Saturday asks
 *    one); a 调度 counts for the day it was held;
 *  - 每周: each Monday–Sunday week (the first and last clipped to the action's period) that has at least one working day —
 *    a week wholly of holidays (国庆) asks none; a 调度 on any day of the week counts, a weekend one included;
 *  - 每月: each calendar month, likewise.
 * The period holding today is 待调度 until one is recorded — never 未调度 before it is over.
 */
export function dispatchSlots(opts: {
  rhythm: ActionRhythm;
  periodFrom: string;
  periodTo: string;
  today: string;
  dispatchedOn: readonly string[];
  isWorkday: (day: string) => boolean;
}): DispatchSlot[] {
  const from = parseIsoDay(opts.periodFrom);
  const to = parseIsoDay(opts.periodTo);
  const today = parseIsoDay(opts.today);
  if (from === null || to === null || today === null) return [];
  const last = Math.min(to, today);
  if (last < from) return [];
  const held = new Set(opts.dispatchedOn.map((d) => parseIsoDay(d)).filter((z): z is number => z !== null));
  const anyIn = (a: number, b: number) => [...held].some((z) => z >= a && z <= b);
  const hasWorkday = (a: number, b: number) => {
    for (let z = a; z <= b; z++) if (opts.isWorkday(formatIsoDay(z))) return true;
    return false;
  };
  const slot = (a: number, b: number, label: string): DispatchSlot => ({
    from: formatIsoDay(a),
    to: formatIsoDay(b),
    label,
    state: anyIn(a, b) ? 'done' : b < today ? 'missing' : 'pending',
  });
  const out: DispatchSlot[] = [];
  if (opts.rhythm === 'daily') {
    for (let z = from; z <= last; z++) {
      if (!opts.isWorkday(formatIsoDay(z))) continue;
      out.push(slot(z, z, `${md(z)}（${WEEKDAY[weekdayOf(z)]}）`));
    }
    return out;
  }
  if (opts.rhythm === 'weekly') {
    // Monday of the first week
    let monday = from - ((weekdayOf(from) + 6) % 7);
    while (monday <= last) {
      const a = Math.max(monday, from);
      const b = Math.min(monday + 6, to);
      if (hasWorkday(a, b)) out.push(slot(a, b, `${md(a)}至${md(b)}`));
      monday += 7;
    }
    return out;
  }
  let [y, m] = civilFromDays(from);
  for (;;) {
    const first = daysFromCivil(y, m, 1);
    if (first > last) break;
    const a = Math.max(first, from);
    const b = Math.min(daysFromCivil(y, m, daysInMonth(y, m)), to);
    if (hasWorkday(a, b)) out.push(slot(a, b, `${y}年${m}月`));
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
