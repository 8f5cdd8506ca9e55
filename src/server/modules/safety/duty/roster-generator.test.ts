import { describe, expect, it } from 'vitest';
import { generateRoster, rosterGaps, type RosterDay } from './roster-generator.ts';
import { rosterDays } from './roster-days.ts';
import { seededWorkCalendar } from '../../../core/clock/test-calendar.ts';

const cal = seededWorkCalendar();
const perDay = { workday: 1, restday: 2 };

describe('roster days from the working-day calendar', () => {
  it('knows 国庆 as holidays and the 调休 Saturday as a working day', () => {
    const days = rosterDays(cal, '2026-09-26', '2026-10-11', []);
    const kind = (d: string) => days.find((x) => x.date === d)!;
    expect(kind('2026-10-01')).toMatchObject({ kind: 'holiday', dayName: expect.stringContaining('国庆') });
    expect(kind('2026-10-07').kind).toBe('holiday');
    expect(kind('2026-09-27')).toMatchObject({ kind: 'holiday', dayName: '中秋' });
    expect(kind('2026-10-11').kind).toBe('restday'); // a plain Sunday
    expect(kind('2026-10-10').kind).toBe('workday'); // 调休 上班
    expect(days).toHaveLength(16);
  });

  it('a sensitive period raises the staff a day needs', () => {
    const days = rosterDays(cal, '2026-12-01', '2026-12-31', [{ id: 7, name: '岁末年初', startsOn: '2026-12-20', endsOn: '2026-12-31', staffPerDay: 3 }]);
    expect(days.find((d) => d.date === '2026-12-21')!.period).toMatchObject({ id: 7, staffPerDay: 3 });
    expect(days.find((d) => d.date === '2026-12-19')!.period).toBeNull();
  });
});

describe('roster generator', () => {
  const october = rosterDays(cal, '2026-10-01', '2026-10-31', []);

  it('leaves no day of a month with holidays uncovered when the pools suffice, and spreads the load', () => {
    const { entries, gaps } = generateRoster({ days: october, leaderIds: [1, 2, 3], staffIds: [11, 12, 13, 14, 15], perDay });
    expect(gaps).toEqual([]);
    expect(entries.map((e) => e.date)).toEqual(october.map((d) => d.date));
    for (const [i, e] of entries.entries()) {
      expect(e.leaderId).not.toBeNull();
      expect(new Set(e.staffIds).size).toBe(e.staffIds.length);
      expect(e.staffIds.length).toBe(october[i]!.kind === 'workday' ? 1 : 2);
      // nobody works two 24-hour shifts running while the pool allows it
      if (i > 0) expect(e.staffIds.some((s) => entries[i - 1]!.staffIds.includes(s))).toBe(false);
    }
    const shifts = new Map<number, number>();
    for (const e of entries) for (const s of e.staffIds) shifts.set(s, (shifts.get(s) ?? 0) + 1);
    const counts = [...shifts.values()];
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('names every day it cannot cover: no leader, too few staff', () => {
    const days: RosterDay[] = october.slice(0, 3);
    const { gaps } = generateRoster({ days, leaderIds: [], staffIds: [11], perDay });
    expect(gaps).toHaveLength(3);
    expect(gaps[0]!.text).toBe('2026-10-01（国庆节）未安排带班领导，值班人员不足（需2人，已排1人）');
  });

  it('finds unscheduled days in a stored roster', () => {
    const days = october.slice(0, 2);
    expect(rosterGaps(days, [{ date: '2026-10-01', leaderId: 1, staffIds: [11, 12] }], perDay)).toEqual([
      { date: '2026-10-02', text: '2026-10-02（国庆节）未排班' },
    ]);
  });
});
