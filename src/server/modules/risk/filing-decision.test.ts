import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../core/clock/work-calendar.ts';
import { filingDueFor } from './filing.ts';
import { decisionProblem } from './decision.ts';

// 2026 loaded with 中秋 (Friday 25 September) and the National Day break; other days follow the weekday rule
const calendar = new WorkCalendar(
  [2026, 2027],
  [
    { date: '2026-09-25', kind: 'holiday', name: '中秋节' },
    { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
    { date: '2027-06-25', kind: 'holiday', name: '（测试用）休息日' },
  ],
);

describe('quarterly filing day (每季度最后一个月25日前)', () => {
  it('is the 25th of the quarter’s last month for a report completed in the quarter', () => {
    expect(filingDueFor('2026-04-02', 25, calendar)).toMatchObject({ due: '2026-06-25', label: '2026年第二季度' });
    expect(filingDueFor('2026-06-25', 25, calendar).due).toBe('2026-06-25');
  });
  it('passes to the next quarter when completed after the filing day, across the year end', () => {
    expect(filingDueFor('2026-09-29', 25, calendar)).toMatchObject({ due: '2026-12-25', quarter: 4 });
    expect(filingDueFor('2026-12-28', 25, calendar)).toMatchObject({ due: '2027-03-25', year: 2027, quarter: 1, label: '2027年第一季度' });
  });
  it('rolls a weekend or holiday filing day to the next working day', () => {
    // 2026-09-25 is 中秋: the third quarter files by Monday 28th, and a report completed on the holiday still belongs to it
    expect(filingDueFor('2026-07-02', 25, calendar)).toMatchObject({ due: '2026-09-28', label: '2026年第三季度' });
    expect(filingDueFor('2026-09-26', 25, calendar)).toMatchObject({ due: '2026-09-28', quarter: 3 });
    // 2027-09-25 is a Saturday
    expect(filingDueFor('2027-08-01', 25, calendar).due).toBe('2027-09-27');
    // 2027-06-25 (Friday) declared a rest day → Monday 28th
    expect(filingDueFor('2027-04-01', 25, calendar).due).toBe('2027-06-28');
    // completed on the Sunday after a Saturday filing day still files in its own quarter (rolled to Monday)
    expect(filingDueFor('2027-09-26', 25, calendar)).toMatchObject({ due: '2027-09-27', quarter: 3 });
  });
  it('reads the day from the rule, not a literal', () => {
    expect(filingDueFor('2026-01-10', 20, calendar).due).toBe('2026-03-20');
  });
});

describe('decision rule (高/中 → not implemented as is)', () => {
  it('lets a low-risk matter be implemented', () => {
    expect(decisionProblem({ level: 'low', decision: 'implement', measureCount: 0 })).toBeNull();
  });
  it('refuses implementing a high or medium risk without measures bringing it down to low', () => {
    expect(decisionProblem({ level: 'high', decision: 'implement', measureCount: 0 })).toMatch(/须先登记风险防范化解措施/);
    expect(decisionProblem({ level: 'medium', decision: 'implement', measureCount: 2, residualLevel: 'medium' })).toMatch(/降为低风险/);
    expect(decisionProblem({ level: 'medium', decision: 'implement', measureCount: 2 })).toMatch(/降为低风险/);
    expect(decisionProblem({ level: 'high', decision: 'implement', measureCount: 1, residualLevel: 'low' })).toBeNull();
  });
  it('always allows postponing or dropping, and needs a level first', () => {
    expect(decisionProblem({ level: 'high', decision: 'postpone', measureCount: 0 })).toBeNull();
    expect(decisionProblem({ level: 'high', decision: 'reject', measureCount: 0 })).toBeNull();
    expect(decisionProblem({ level: null, decision: 'reject', measureCount: 0 })).toBe('须先确定风险等级');
  });
});
