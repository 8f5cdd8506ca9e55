import { describe, expect, it } from 'vitest';
import { previousPeriod } from './periods.ts';

describe('同比/环比 periods', () => {
  it('previous periods: 同比 a year back, 环比 the period just before', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' }, 'mom')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-03-31' }, 'mom')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-03-10', to: '2026-03-19' }, 'mom')).toEqual({ from: '2026-02-28', to: '2026-03-09' });
    expect(previousPeriod({ from: '2024-02-01', to: '2024-02-29' }, 'yoy')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(previousPeriod({ from: '2026-08-05', to: '2026-09-10' }, 'yoy')).toEqual({ from: '2025-08-05', to: '2025-09-10' });
  });
});
