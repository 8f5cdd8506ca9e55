import { addDaysIso } from '../../core/clock/clock.ts';

/**
 * When a periodic report is due (pure: no database, no "now" of its own). Every cut-off is a wall-clock time in
 * Asia/Shanghai on a calendar day; "rest days do not count" reads the working-day calendar with its 调休, so a daily
 * report on working days is not due on a statutory holiday and is due on a 调休 make-up Saturday.
 */
export type Frequency = 'daily' | 'weekly' | 'monthly' | 'quarterly';

export interface Schedule {
  frequency: Frequency;
  /** 'HH:MM' in Asia/Shanghai */
  dueTime: string;
  /** weekly: the weekday of the cut-off, 1 = Monday … 7 = Sunday */
  dueWeekday: number | null;
  /** monthly / quarterly: the day of the month after the period (clamped to the month's last day) */
  dueDay: number | null;
  /** daily: only working days have a slot; otherwise a cut-off on a rest day moves to the next working day */
  workdaysOnly: boolean;
  activeFrom: string;
  activeTo: string | null;
}

export interface Slot {
  /** the period's first day: the key of a unit's submission */
  periodStart: string;
  periodEnd: string;
  /** the period as the office says it: 12月7日, 12月7日至12月13日, 2026年12月, 2026年第四季度 */
  label: string;
  dueDate: string;
  /** the cut-off instant (dueDate at dueTime, Shanghai) */
  dueAt: Date;
}

export type IsWorkday = (date: string) => boolean;

export type SlotStatus = 'on_time' | 'late' | 'pending' | 'missing';
export const SLOT_STATUS_NAMES: Record<SlotStatus, string> = { on_time: '按时报送', late: '迟报', pending: '待报', missing: '缺报' };

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The instant of a Shanghai wall-clock time on a calendar day. */
export function shanghaiInstant(date: string, time: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new Date(Date.parse(`${date}T00:00:00Z`) + (h * 60 + m) * 60_000 - SHANGHAI_OFFSET_MS);
}

const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const weekdayOf = (d: string) => {
  const w = new Date(`${d}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
};
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];

/** The cut-off day moved to the next working day when rest days do not count. */
function rollForward(date: string, s: Schedule, isWorkday: IsWorkday): string {
  if (!s.workdaysOnly) return date;
  let d = date;
  for (let i = 0; i < 40 && !isWorkday(d); i++) d = addDaysIso(d, 1);
  return d;
}

/** The period containing a day (ignoring the active period and the calendar). */
export function periodOf(s: Schedule, day: string): { start: string; end: string; label: string } {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  switch (s.frequency) {
    case 'daily':
      return { start: day, end: day, label: md(day) };
    case 'weekly': {
      const start = addDaysIso(day, 1 - weekdayOf(day));
      const end = addDaysIso(start, 6);
      return { start, end, label: `${md(start)}至${md(end)}` };
    }
    case 'monthly':
      return { start: iso(y, m, 1), end: iso(y, m, lastDayOfMonth(y, m)), label: `${y}年${m}月` };
    case 'quarterly': {
      const q = Math.floor((m - 1) / 3);
      return { start: iso(y, q * 3 + 1, 1), end: iso(y, q * 3 + 3, lastDayOfMonth(y, q * 3 + 3)), label: `${y}年${QUARTER_NAMES[q]}` };
    }
  }
}

/** The slot of the period starting on periodStart, or null when that period has no report (rest day, outside the active period). */
export function slotOf(s: Schedule, periodStart: string, isWorkday: IsWorkday): Slot | null {
  const p = periodOf(s, periodStart);
  if (p.start !== periodStart) return null;
  if (p.end < s.activeFrom || (s.activeTo !== null && p.start > s.activeTo)) return null;
  let dueDate: string;
  switch (s.frequency) {
    case 'daily':
      if (s.workdaysOnly && !isWorkday(p.start)) return null;
      dueDate = p.start;
      break;
    case 'weekly':
      dueDate = rollForward(addDaysIso(p.start, (s.dueWeekday ?? 5) - 1), s, isWorkday);
      break;
    case 'monthly':
    case 'quarterly': {
      const next = addDaysIso(p.end, 1);
      const y = Number(next.slice(0, 4));
      const m = Number(next.slice(5, 7));
      dueDate = rollForward(iso(y, m, Math.min(s.dueDay ?? 5, lastDayOfMonth(y, m))), s, isWorkday);
      break;
    }
  }
  return { periodStart: p.start, periodEnd: p.end, label: p.label, dueDate, dueAt: shanghaiInstant(dueDate, s.dueTime) };
}

/** Every slot of the periods from the one containing `from` to the one starting by `to`, oldest first. */
export function slotsBetween(s: Schedule, from: string, to: string, isWorkday: IsWorkday): Slot[] {
  const out: Slot[] = [];
  for (let d = periodOf(s, from).start, guard = 0; d <= to && guard < 5000; guard++) {
    const slot = slotOf(s, d, isWorkday);
    if (slot) out.push(slot);
    d = addDaysIso(periodOf(s, d).end, 1);
  }
  return out;
}

/** How far back the board and the 待报 list look for slots (days). */
const LOOKBACK_DAYS: Record<Frequency, number> = { daily: 14, weekly: 35, monthly: 100, quarterly: 200 };

/** Slots whose period has begun by `today` (Shanghai), within the frequency's look-back window, oldest first. */
export function recentSlots(s: Schedule, today: string, isWorkday: IsWorkday): Slot[] {
  return slotsBetween(s, addDaysIso(today, -LOOKBACK_DAYS[s.frequency]), today, isWorkday);
}

/**
 * The slot the office watches now: among the periods begun by today, the one whose cut-off comes next;
 * when every cut-off has passed, the latest one. Null when the report has no slot yet.
 */
export function currentSlot(s: Schedule, now: Date, today: string, isWorkday: IsWorkday): Slot | null {
  const slots = recentSlots(s, today, isWorkday);
  const open = slots.filter((x) => x.dueAt.getTime() >= now.getTime());
  return open[0] ?? slots.at(-1) ?? null;
}

/** A unit's slot: submitted by the cut-off, late (after it), pending (not yet, the cut-off still ahead) or missing. */
export function slotStatus(slot: Pick<Slot, 'dueAt'>, submittedAt: Date | null, now: Date): SlotStatus {
  if (submittedAt) return submittedAt.getTime() <= slot.dueAt.getTime() ? 'on_time' : 'late';
  return now.getTime() <= slot.dueAt.getTime() ? 'pending' : 'missing';
}

/** 迟报 2小时5分钟 / 1天3小时: how late, in whole minutes. */
export function lateText(dueAt: Date, at: Date): string {
  const minutes = Math.max(1, Math.ceil((at.getTime() - dueAt.getTime()) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d}天` : '', h ? `${h}小时` : '', m && !d ? `${m}分钟` : ''].join('') || '不足1分钟';
}

/** The schedule in words: 每个工作日 17:00 前, 每周五 17:00 前, 次月5日 17:00 前 … */
export function scheduleText(s: Schedule): string {
  const rest = s.workdaysOnly ? '（遇节假日顺延至下一个工作日）' : '';
  switch (s.frequency) {
    case 'daily':
      return `${s.workdaysOnly ? '每个工作日（含调休上班日）' : '每日（含节假日）'}${s.dueTime}前报送当日情况`;
    case 'weekly':
      return `每周${'一二三四五六日'[(s.dueWeekday ?? 5) - 1]}${s.dueTime}前报送本周情况${rest}`;
    case 'monthly':
      return `每月${s.dueDay ?? 5}日${s.dueTime}前报送上月情况${rest}`;
    case 'quarterly':
      return `每季度结束后次月${s.dueDay ?? 5}日${s.dueTime}前报送上季度情况${rest}`;
  }
}
