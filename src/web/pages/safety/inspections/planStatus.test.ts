import { describe, expect, it } from 'vitest';
import { planStatus } from './inspectionsApi.ts';

describe('planStatus (检查计划的状态)', () => {
  const plan = { periodFrom: '2026-12-01', periodTo: '2026-12-31', targets: 4, inspected: 1 };
  it('reads the period and the progress as a clerk says them', () => {
    expect(planStatus(plan, '2026-11-30').label).toBe('未开始');
    expect(planStatus(plan, '2026-12-01').label).toBe('检查中');
    expect(planStatus(plan, '2026-12-31').label).toBe('检查中');
    expect(planStatus(plan, '2027-01-01').label).toBe('逾期未完成');
    expect(planStatus({ ...plan, inspected: 4 }, '2027-01-01').label).toBe('已完成');
    // a plan with no target visible to the reader is never "finished"
    expect(planStatus({ ...plan, targets: 0, inspected: 0 }, '2026-12-10').label).toBe('检查中');
  });
});
