import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../core/clock/work-calendar.ts';
import { countdownText } from './countdown.ts';

// 2026: 国庆 1–7 October off, Sunday 27 September and Saturday 10 October worked (调休)
const cal = new WorkCalendar(
  [2026],
  [
    ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2026-10-0${d}`, kind: 'holiday' as const, name: '国庆节' })),
    { date: '2026-09-27', kind: 'workday', name: '国庆节调休' },
    { date: '2026-10-10', kind: 'workday', name: '国庆节调休' },
  ],
);

describe('countdownText', () => {
  it('counts working days from the calendar, not calendar days', () => {
    // Friday 2026-12-04 → Tuesday 12-08: Monday and Tuesday
    expect(countdownText(cal, '2026-12-04', '2026-12-08')).toBe('剩2个工作日');
    // across the National Day holiday: 30 Sep → 9 Oct is 8 (Thu) and 9 (Fri) only
    expect(countdownText(cal, '2026-09-30', '2026-10-09')).toBe('剩2个工作日');
    // a 调休 Saturday counts
    expect(countdownText(cal, '2026-10-09', '2026-10-10')).toBe('剩1个工作日');
  });
  it('says due today and overdue in days', () => {
    expect(countdownText(cal, '2026-12-08', '2026-12-08')).toBe('今日到期');
    expect(countdownText(cal, '2026-12-14', '2026-12-08')).toBe('超期6天');
    expect(countdownText(cal, '2026-12-08', null)).toBeNull();
  });
});
