import { describe, expect, it } from 'vitest';
import { beijingMinute, hourCountdown } from './accidentsApi.ts';

describe('hour clocks on screen', () => {
  const due = '2026-06-09T16:20:00.000Z'; // 00:20 on 06-10, Beijing
  it('count down in hours and minutes, then count the time overdue', () => {
    expect(hourCountdown(due, Date.parse('2026-06-09T14:45:00Z'))).toEqual({ text: '还剩 1 小时 35 分', late: false });
    expect(hourCountdown(due, Date.parse('2026-06-09T16:10:00Z'))).toEqual({ text: '还剩 10 分', late: false });
    expect(hourCountdown(due, Date.parse('2026-06-09T17:25:00Z'))).toEqual({ text: '已超时 1 小时 5 分', late: true });
  });
  it('show the due instant in Beijing time whatever the browser', () => {
    expect(beijingMinute(due)).toBe('2026/06/10 00:20');
  });
});
