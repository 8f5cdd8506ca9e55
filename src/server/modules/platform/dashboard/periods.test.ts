import { describe, expect, it } from 'vitest';
import { periodRanges, trendMonths } from './periods.ts';

describe('dashboard periods', () => {
  it('compares this month to date with the same days of last month and of last year', () => {
    expect(periodRanges('2026-08-12', 'month')).toEqual({
      current: { from: '2026-08-01', to: '2026-08-12' },
      previous: { from: '2026-07-01', to: '2026-07-12' },
      lastYear: { from: '2025-08-01', to: '2025-08-12' },
    });
  });
  it('clamps to the shorter month and crosses the year (31 March → 28 February; January → December)', () => {
    expect(periodRanges('2026-03-31', 'month').previous).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRanges('2026-01-15', 'month').previous).toEqual({ from: '2025-12-01', to: '2025-12-15' });
    expect(periodRanges('2028-02-29', 'month').lastYear).toEqual({ from: '2027-02-01', to: '2027-02-28' });
  });
  it('quarters and years run from their first day', () => {
    expect(periodRanges('2026-05-20', 'quarter')).toEqual({
      current: { from: '2026-04-01', to: '2026-05-20' },
      previous: { from: '2026-01-01', to: '2026-02-20' },
      lastYear: { from: '2025-04-01', to: '2025-05-20' },
    });
    expect(periodRanges('2026-05-20', 'year').previous).toEqual({ from: '2025-01-01', to: '2025-05-20' });
  });
  it('the trend covers the twelve months ending this month', () => {
    const m = trendMonths('2026-02-10');
    expect(m).toHaveLength(12);
    expect(m[0]).toBe('2025-03-01');
    expect(m[11]).toBe('2026-02-01');
  });
});
