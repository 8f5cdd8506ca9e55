/**
 * The duty roster as arithmetic (pure): one 带班领导 and N 值班 staff per day, rotated so that the load spreads
 * evenly, more staff on rest days, holidays and sensitive periods — and every day either covered or named as a gap.
 */
export type DayKind = 'workday' | 'restday' | 'holiday';

export const DAY_KIND_ZH: Record<DayKind, string> = { workday: '工作日', restday: '休息日', holiday: '法定节假日' };

export interface RosterDay {
  date: string;
  kind: DayKind;
  /** the holiday or 调休 name, when the calendar has one */
  dayName: string | null;
  /** the sensitive period covering the day, with the staff it calls for */
  period: { id: number; name: string; staffPerDay: number } | null;
}

export interface RosterEntry {
  date: string;
  leaderId: number | null;
  staffIds: number[];
}

export interface RosterGap {
  date: string;
  text: string;
}

/** Staff a day needs: the workday or rest-day number, raised by a sensitive period. */
export function staffNeeded(day: RosterDay, perDay: { workday: number; restday: number }): number {
  const base = day.kind === 'workday' ? perDay.workday : perDay.restday;
  return Math.max(base, day.period?.staffPerDay ?? 0);
}

/**
 * Fills every day: leaders in turn, staff in turn (never the same person twice on one day, and — while the pool
 * allows — nobody on two days running, a 24-hour shift needs its rest). What cannot be filled is a gap, never
 * silently left out.
 */
export function generateRoster(input: {
  days: readonly RosterDay[];
  leaderIds: readonly number[];
  staffIds: readonly number[];
  perDay: { workday: number; restday: number };
}): { entries: RosterEntry[]; gaps: RosterGap[] } {
  const leaders = [...new Set(input.leaderIds)];
  const staff = [...new Set(input.staffIds)];
  const entries: RosterEntry[] = [];
  let nextLeader = 0;
  let nextStaff = 0;
  let yesterday = new Set<number>();
  for (const day of input.days) {
    const need = staffNeeded(day, input.perDay);
    const picked: number[] = [];
    // first pass: people who did not work yesterday; second pass: anyone left (a small pool)
    for (const allowRepeat of [false, true]) {
      for (let tried = 0; tried < staff.length && picked.length < need; tried++) {
        const candidate = staff[(nextStaff + tried) % staff.length]!;
        if (picked.includes(candidate) || (!allowRepeat && yesterday.has(candidate))) continue;
        picked.push(candidate);
      }
    }
    if (staff.length) {
      const last = picked.length ? staff.indexOf(picked.at(-1)!) : nextStaff - 1;
      nextStaff = (last + 1) % staff.length;
    }
    const leaderId = leaders.length ? leaders[nextLeader++ % leaders.length]! : null;
    entries.push({ date: day.date, leaderId, staffIds: picked });
    yesterday = new Set(picked);
  }
  return { entries, gaps: rosterGaps(input.days, entries, input.perDay) };
}

/** Every day of `days` without a roster, a 带班领导 or enough 值班 staff, in words. */
export function rosterGaps(days: readonly RosterDay[], entries: readonly RosterEntry[], perDay: { workday: number; restday: number }): RosterGap[] {
  const byDate = new Map(entries.map((e) => [e.date, e]));
  const gaps: RosterGap[] = [];
  for (const day of days) {
    const e = byDate.get(day.date);
    const label = day.dayName ? `（${day.dayName}）` : day.kind === 'workday' ? '' : `（${DAY_KIND_ZH[day.kind]}）`;
    if (!e) {
      gaps.push({ date: day.date, text: `${day.date}${label}未排班` });
      continue;
    }
    const missing: string[] = [];
    if (e.leaderId === null) missing.push('未安排带班领导');
    const need = staffNeeded(day, perDay);
    if (e.staffIds.length < need) missing.push(`值班人员不足（需${need}人，已排${e.staffIds.length}人）`);
    if (missing.length) gaps.push({ date: day.date, text: `${day.date}${label}${missing.join('，')}` });
  }
  return gaps;
}
