import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { backdateCutoff, backdateReasonState, isFutureDay } from './businessDate.ts';

/** The server (kernel/actions/business-date.ts) asks for a reason when occurredOn < today − window, and refuses a day after today. */
describe('发生日期 and 补录说明 in the forms', () => {
  const rule = { today: '2026-10-12', backdateWindowDays: 30 };

  it('asks for a 补录说明 only before the cutoff, as the server does', () => {
    expect(backdateCutoff(rule).format('YYYY-MM-DD')).toBe('2026-09-12');
    expect(backdateReasonState(undefined, rule)).toBe('hidden');
    expect(backdateReasonState(dayjs('2026-10-12'), rule)).toBe('hidden');
    expect(backdateReasonState(dayjs('2026-09-12'), rule)).toBe('hidden');
    expect(backdateReasonState(dayjs('2026-09-11'), rule)).toBe('required');
    expect(backdateReasonState(dayjs('2026-10-11'), { ...rule, backdateWindowDays: 0 })).toBe('required');
  });

  it('offers the field (optional) while the window is not known, so the user can still answer the server', () => {
    expect(backdateReasonState(dayjs('2020-01-01'), undefined)).toBe('optional');
  });

  it("disables the days after the server's today", () => {
    expect(isFutureDay(dayjs('2026-10-12'), rule)).toBe(false);
    expect(isFutureDay(dayjs('2026-10-13'), rule)).toBe(true);
    expect(isFutureDay(dayjs().add(1, 'day'), undefined)).toBe(true);
  });
});
