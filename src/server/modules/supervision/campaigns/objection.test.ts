import { describe, expect, it } from 'vitest';
import { seededWorkCalendar } from '../../../core/clock/test-calendar.ts';
import { objectionWindow } from './objection.ts';

const rule = { key: 'dc.objection', name: '督查结论异议申请', amount: 30, unit: 'calendar_days' as const, source: '《政府督查工作条例》第十七条' };
const cal = seededWorkCalendar();

describe('the objection window of a 督查 通报', () => {
  it('counts 30 days from the day after issue and closes after the last day', () => {
    // issued Monday 2026-06-01: day 30 is Wednesday 2026-07-01, a working day
    const w = objectionWindow(cal, rule, '2026-06-01', '2026-07-01');
    expect(w).toMatchObject({ dueDate: '2026-07-01', open: true, period: '30日', source: '《政府督查工作条例》第十七条' });
    expect(objectionWindow(cal, rule, '2026-06-01', '2026-07-02').open).toBe(false);
    expect(w.explanation).toContain('依据：《政府督查工作条例》第十七条');
  });

  it('rolls an end falling in the National Day holiday to the first working day after it', () => {
    // issued 2026-09-01: day 30 is 2026-10-01 (国庆节); the holiday runs to 10-07, so the window ends 10-08
    const w = objectionWindow(cal, rule, '2026-09-01', '2026-10-05');
    expect(w.dueDate).toBe('2026-10-08');
    expect(w.open).toBe(true);
    expect(w.explanation).toContain('顺延至2026-10-08');
    expect(objectionWindow(cal, rule, '2026-09-01', '2026-10-08').open).toBe(true);
    expect(objectionWindow(cal, rule, '2026-09-01', '2026-10-09').open).toBe(false);
  });

  it('rolls an end on a weekend to the Monday', () => {
    // issued 2026-06-04: day 30 is Saturday 2026-07-04 → Monday 2026-07-06
    expect(objectionWindow(cal, rule, '2026-06-04', '2026-07-05')).toMatchObject({ dueDate: '2026-07-06', open: true });
  });
});
