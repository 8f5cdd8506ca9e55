import { describe, expect, it } from 'vitest';
import { seededWorkCalendar } from '../../core/clock/test-calendar.ts';
import { currentSlot, lateText, slotOf, slotStatus, slotsBetween, shanghaiInstant, type Schedule } from './schedule.ts';

const calendar = seededWorkCalendar();
const isWorkday = (d: string) => calendar.isWorkday(d).workday;
const daily: Schedule = { frequency: 'daily', dueTime: '17:00', dueWeekday: null, dueDay: null, workdaysOnly: true, activeFrom: '2026-01-01', activeTo: null };
const at = (iso: string) => new Date(iso);

describe('periodic report cut-offs (Asia/Shanghai)', () => {
  it('puts a daily cut-off at 17:00 Shanghai, i.e. 09:00 UTC', () => {
    expect(slotOf(daily, '2026-12-07', isWorkday)!.dueAt.toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(shanghaiInstant('2026-12-07', '00:30').toISOString()).toBe('2026-12-06T16:30:00.000Z');
  });

  it('a submission at 17:00 is on time, at 17:01 late — and says how late', () => {
    const slot = slotOf(daily, '2026-12-07', isWorkday)!;
    expect(slotStatus(slot, at('2026-12-07T09:00:00Z'), at('2026-12-08T00:00:00Z'))).toBe('on_time');
    expect(slotStatus(slot, at('2026-12-07T09:01:00Z'), at('2026-12-08T00:00:00Z'))).toBe('late');
    expect(lateText(slot.dueAt, at('2026-12-07T09:01:00Z'))).toBe('1分钟');
    expect(lateText(slot.dueAt, at('2026-12-07T11:05:00Z'))).toBe('2小时5分钟');
    expect(lateText(slot.dueAt, at('2026-12-08T12:00:00Z'))).toBe('1天3小时');
  });

  it('nothing submitted: pending up to the cut-off, missing after it', () => {
    const slot = slotOf(daily, '2026-12-07', isWorkday)!;
    expect(slotStatus(slot, null, at('2026-12-07T08:59:59Z'))).toBe('pending');
    expect(slotStatus(slot, null, at('2026-12-07T09:00:01Z'))).toBe('missing');
  });

  it('23:59 and 00:01 Shanghai belong to different days (the UTC date would put both on one)', () => {
    const allDay: Schedule = { ...daily, dueTime: '23:59', workdaysOnly: false };
    // 2026-12-07 23:59 Shanghai = 15:59 UTC the same date; 2026-12-08 00:01 Shanghai = 16:01 UTC on the 7th
    const d7 = slotOf(allDay, '2026-12-07', isWorkday)!;
    const d8 = slotOf(allDay, '2026-12-08', isWorkday)!;
    expect(slotStatus(d7, at('2026-12-07T15:59:00Z'), at('2026-12-09T00:00:00Z'))).toBe('on_time');
    expect(slotStatus(d7, at('2026-12-07T16:01:00Z'), at('2026-12-09T00:00:00Z'))).toBe('late');
    expect(slotStatus(d8, at('2026-12-07T16:01:00Z'), at('2026-12-09T00:00:00Z'))).toBe('on_time');
    // the slot watched at 00:01 Shanghai on the 8th is the 8th's, not the 7th's
    expect(currentSlot(allDay, at('2026-12-07T16:01:00Z'), '2026-12-08', isWorkday)!.periodStart).toBe('2026-12-08');
  });

  it('a daily report on working days is not due on the National Day holiday, and is due on the 调休 Saturday', () => {
    const slots = slotsBetween(daily, '2026-09-30', '2026-10-11', isWorkday).map((x) => x.periodStart);
    expect(slots).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
    expect(slotOf(daily, '2026-10-01', isWorkday)).toBeNull();
    expect(slotOf(daily, '2026-10-10', isWorkday)).not.toBeNull();
    // counting rest days: every day has its slot
    expect(slotsBetween({ ...daily, workdaysOnly: false }, '2026-09-30', '2026-10-11', isWorkday)).toHaveLength(12);
  });

  it('only the declared special period has slots', () => {
    const period: Schedule = { ...daily, workdaysOnly: false, activeFrom: '2026-09-30', activeTo: '2026-10-08' };
    const slots = slotsBetween(period, '2026-09-25', '2026-10-15', isWorkday);
    expect(slots[0]!.periodStart).toBe('2026-09-30');
    expect(slots.at(-1)!.periodStart).toBe('2026-10-08');
    expect(slots).toHaveLength(9);
  });

  it('weekly on Friday; a Friday that is a holiday moves to the next working day', () => {
    const weekly: Schedule = { ...daily, frequency: 'weekly', dueWeekday: 5 };
    expect(slotOf(weekly, '2026-12-07', isWorkday)!.dueDate).toBe('2026-12-11');
    // the week of 2026-09-28: Friday 10-02 is 国庆 → the next working day is 10-08
    expect(slotOf(weekly, '2026-09-28', isWorkday)!.dueDate).toBe('2026-10-08');
    expect(slotOf(weekly, '2026-12-08', isWorkday)).toBeNull();
  });

  it('monthly by the 5th of the next month, quarterly after the quarter; a 31st clamps to the month end', () => {
    const monthly: Schedule = { ...daily, frequency: 'monthly', dueDay: 5, workdaysOnly: false };
    expect(slotOf(monthly, '2026-11-01', isWorkday)!).toMatchObject({ label: '2026年11月', dueDate: '2026-12-05' });
    expect(slotOf({ ...monthly, dueDay: 31 }, '2026-01-01', isWorkday)!.dueDate).toBe('2026-02-28');
    // 2026-10-05 is within the National Day holiday: with rest days not counting the cut-off is 10-08
    const quarterly: Schedule = { ...monthly, frequency: 'quarterly', workdaysOnly: true };
    expect(slotOf(quarterly, '2026-07-01', isWorkday)!).toMatchObject({ label: '2026年第三季度', dueDate: '2026-10-08' });
  });

  it('the slot watched now: the next cut-off among begun periods, else the latest', () => {
    const monthly: Schedule = { ...daily, frequency: 'monthly', dueDay: 5, workdaysOnly: false };
    expect(currentSlot(monthly, at('2026-12-03T02:00:00Z'), '2026-12-03', isWorkday)!.periodStart).toBe('2026-11-01');
    expect(currentSlot(monthly, at('2026-12-07T02:00:00Z'), '2026-12-07', isWorkday)!.periodStart).toBe('2026-12-01');
    // a Sunday: the daily working-day report shows Friday's slot
    expect(currentSlot(daily, at('2026-12-06T02:00:00Z'), '2026-12-06', isWorkday)!.periodStart).toBe('2026-12-04');
  });
});
