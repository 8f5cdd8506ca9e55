import { describe, expect, it } from 'vitest';
import { parseIsoDay, weekdayOf } from '../../../core/clock/day-math.ts';
import { dispatchSlots } from './schedule.ts';

// 2026 国庆: 10-01 (Thu) to 10-07 (Wed) rest days, Saturday 10-10 a 调休 workday
const HOLIDAYS = new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']);
const MAKEUP = new Set(['2026-10-10']);
const isWorkday = (d: string) => {
  if (HOLIDAYS.has(d)) return false;
  if (MAKEUP.has(d)) return true;
  const w = weekdayOf(parseIsoDay(d)!);
  return w !== 0 && w !== 6;
};
const slots = (o: Partial<Parameters<typeof dispatchSlots>[0]>) =>
  dispatchSlots({ rhythm: 'weekly', periodFrom: '2026-09-07', periodTo: '2026-12-31', today: '2026-09-07', dispatchedOn: [], isWorkday, ...o });

describe('未调度 detection', () => {
  it('weekly: Monday–Sunday weeks clipped to the period; a Sunday 调度 covers its week, a Monday one the next', () => {
    // the action starts on a Thursday: its first week is Thu–Sun
    const s = slots({ periodFrom: '2026-09-10', today: '2026-09-21', dispatchedOn: ['2026-09-13'] });
    expect(s.map((x) => [x.from, x.to, x.state])).toEqual([
      ['2026-09-10', '2026-09-13', 'done'],
      ['2026-09-14', '2026-09-20', 'missing'],
      ['2026-09-21', '2026-09-27', 'pending'],
    ]);
    const monday = slots({ periodFrom: '2026-09-10', today: '2026-09-21', dispatchedOn: ['2026-09-14'] });
    expect(monday.map((x) => x.state)).toEqual(['missing', 'done', 'pending']);
  });

  it('the current period is 待调度 until its last day is over, never 未调度 before', () => {
    expect(slots({ today: '2026-09-13' }).map((x) => x.state)).toEqual(['pending']);
    expect(slots({ today: '2026-09-14' }).map((x) => x.state)).toEqual(['missing', 'pending']);
  });

  it('weekly: a week wholly of holidays asks no 调度; one with a working day does', () => {
    const s = slots({ periodFrom: '2026-10-01', periodTo: '2026-10-07', today: '2026-10-20' });
    // 10-01..10-04 (Thu–Sun, 10-01/02 holidays, weekend) has no working day; 10-05..10-07 are holidays
    expect(s).toEqual([]);
    expect(slots({ periodFrom: '2026-10-01', periodTo: '2026-10-10', today: '2026-10-20' }).map((x) => [x.from, x.to])).toEqual([['2026-10-05', '2026-10-10']]);
  });

  it('daily: working days only — holidays and weekends ask none, a 调休 Saturday asks one', () => {
    const s = dispatchSlots({
      rhythm: 'daily',
      periodFrom: '2026-09-30',
      periodTo: '2026-12-31',
      today: '2026-10-12',
      dispatchedOn: ['2026-09-30', '2026-10-09', '2026-10-03'],
      isWorkday,
    });
    expect(s.map((x) => [x.from, x.state])).toEqual([
      ['2026-09-30', 'done'],
      ['2026-10-08', 'missing'],
      ['2026-10-09', 'done'],
      ['2026-10-10', 'missing'],
      ['2026-10-12', 'pending'],
    ]);
    expect(s[3]!.label).toBe('10月10日（周六）');
  });

  it('monthly: calendar months clipped to the period, none after its end or before it starts', () => {
    const s = dispatchSlots({
      rhythm: 'monthly',
      periodFrom: '2026-11-20',
      periodTo: '2027-01-10',
      today: '2027-03-01',
      dispatchedOn: ['2026-12-31'],
      isWorkday,
    });
    expect(s.map((x) => [x.from, x.to, x.state])).toEqual([
      ['2026-11-20', '2026-11-30', 'missing'],
      ['2026-12-01', '2026-12-31', 'done'],
      ['2027-01-01', '2027-01-10', 'missing'],
    ]);
    expect(dispatchSlots({ rhythm: 'monthly', periodFrom: '2026-11-20', periodTo: '2027-01-10', today: '2026-11-19', dispatchedOn: [], isWorkday })).toEqual(
      [],
    );
  });
});
