import { describe, expect, it } from 'vitest';
import { seededWorkCalendar } from '../../core/clock/test-calendar.ts';
import { dueSlotsOf, dueStatus } from './due-slots.ts';
import type { Schedule } from './schedule.ts';

const calendar = seededWorkCalendar();
const isWorkday = (d: string) => calendar.isWorkday(d).workday;
const base = { dueTime: '17:00', dueWeekday: null, dueDay: null, workdaysOnly: true, activeFrom: '2026-01-01', activeTo: null } as const;
const monthly: Schedule = { ...base, frequency: 'monthly', dueDay: 5 };
const weekly: Schedule = { ...base, frequency: 'weekly', dueWeekday: 5 };
const at = (iso: string) => new Date(iso);

describe('the slots 报告及时率 counts: those due within the span and past their cut-off', () => {
  it('a monthly report is counted in the month its cut-off falls in, not the month it reports on', () => {
    const dec = dueSlotsOf(monthly, '2026-12-01', '2026-12-31', at('2027-01-01T00:00:00Z'), isWorkday);
    expect(dec.map((s) => [s.periodStart, s.label, s.dueDate])).toEqual([['2026-11-01', '2026年11月', '2026-12-07']]);
  });

  it('a cut-off still ahead of the as-of instant is not counted (待报 is neither on time nor missing)', () => {
    // weekly on Fridays 17:00 Shanghai; as of Friday 11 December 16:00 Shanghai, that week's report is not yet due
    const before = dueSlotsOf(weekly, '2026-12-01', '2026-12-31', at('2026-12-11T08:00:00Z'), isWorkday);
    expect(before.map((s) => s.dueDate)).toEqual(['2026-12-04']);
    const after = dueSlotsOf(weekly, '2026-12-01', '2026-12-31', at('2026-12-11T09:00:00Z'), isWorkday);
    expect(after.map((s) => s.dueDate)).toEqual(['2026-12-04', '2026-12-11']);
  });

  it('a definition not yet active has no slot; a due slot is on time, late or missing', () => {
    expect(dueSlotsOf({ ...weekly, activeFrom: '2027-01-01' }, '2026-12-01', '2026-12-31', at('2027-01-01T00:00:00Z'), isWorkday)).toEqual([]);
    const slot = { dueAt: at('2026-12-04T09:00:00Z') };
    expect(dueStatus(slot, at('2026-12-04T09:00:00Z'), at('2026-12-31T00:00:00Z'))).toBe('on_time');
    expect(dueStatus(slot, at('2026-12-04T09:01:00Z'), at('2026-12-31T00:00:00Z'))).toBe('late');
    expect(dueStatus(slot, null, at('2026-12-31T00:00:00Z'))).toBe('missing');
  });
});
