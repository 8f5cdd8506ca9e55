import { describe, expect, it } from 'vitest';
import { countArt113, monthsBefore } from './art113.ts';

const RULE = { shortDays: 180, countShort: 3, yearMonths: 12, countYear: 4 };

describe('安全生产法第一百一十三条 counter', () => {
  it('flags the third penalty within 180 days, not the second', () => {
    expect(countArt113(['2026-01-10', '2026-03-01'], '2026-03-01', RULE).reached).toBe(false);
    const third = countArt113(['2026-01-10', '2026-03-01', '2026-07-08'], '2026-07-08', RULE);
    // 2026-01-10 … 2026-07-08 is day 1 … day 180 of the window
    expect(third).toMatchObject({ inShort: 3, reached: true });
    expect(third.finding).toContain('180日内第 3 次');
  });

  it('leaves out a penalty on the 181st day back', () => {
    const c = countArt113(['2026-01-09', '2026-03-01', '2026-07-08'], '2026-07-08', RULE);
    expect(c).toMatchObject({ inShort: 2, inYear: 3, reached: false, finding: null });
  });

  it('flags the fourth penalty within a year even when spread beyond 180 days', () => {
    const days = ['2025-09-01', '2025-12-20', '2026-04-01', '2026-08-31'];
    const c = countArt113(days, '2026-08-31', RULE);
    expect(c.inShort).toBe(2);
    expect(c).toMatchObject({ inYear: 4, reached: true });
    expect(c.finding).toContain('一年内第 4 次');
    // the same four with the first exactly a year back: that one falls out (within a year = after 2025-08-31)
    expect(countArt113(['2025-08-31', '2025-12-20', '2026-04-01', '2026-08-31'], '2026-08-31', RULE).reached).toBe(false);
  });

  it('ignores penalties decided after the day judged', () => {
    expect(countArt113(['2026-01-10', '2026-02-01', '2026-05-01'], '2026-02-01', RULE).inShort).toBe(2);
  });

  it('takes months back to the same day, clamped to the month end', () => {
    expect(monthsBefore('2026-08-31', 12)).toBe('2025-08-31');
    expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
  });
});
