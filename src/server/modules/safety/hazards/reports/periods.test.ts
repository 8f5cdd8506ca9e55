import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../../core/clock/work-calendar.ts';
import { seededWorkCalendar } from '../../../../core/clock/test-calendar.ts';
import type { DeadlineRule } from '../../../../core/clock/deadline-compute.ts';
import { endedPeriods, reportDue, reportPeriod } from './periods.ts';

// the rows migration 0057 writes (the law is data; the test states the values it checks against)
const QUARTER: DeadlineRule = { key: 'hz.report.quarter', name: '季度统计分析表报送期限', amount: 15, unit: 'calendar_days', source: '16号令第十四条' };
const YEAR: DeadlineRule = { key: 'hz.report.year', name: '年度统计分析表报送期限', amount: 31, unit: 'calendar_days', source: '16号令第十四条' };
const cal = seededWorkCalendar();

describe('hazard statistics table periods and due dates', () => {
  it('names quarters and years with their first and last days', () => {
    expect(reportPeriod('quarter', 2026, 1)).toMatchObject({ from: '2026-01-01', to: '2026-03-31', name: '2026年第一季度' });
    expect(reportPeriod('quarter', 2024, 1).to).toBe('2024-03-31');
    expect(reportPeriod('quarter', 2026, 2)).toMatchObject({ from: '2026-04-01', to: '2026-06-30' });
    expect(reportPeriod('quarter', 2026, 4)).toMatchObject({ from: '2026-10-01', to: '2026-12-31', name: '2026年第四季度' });
    expect(reportPeriod('year', 2026)).toMatchObject({ from: '2026-01-01', to: '2026-12-31', name: '2026年度' });
    expect(() => reportPeriod('quarter', 2026, 5)).toThrow();
  });

  it('is due the 15th of the month after each quarter and 31 January after the year', () => {
    expect(reportDue(cal, QUARTER, reportPeriod('quarter', 2026, 1)).dueDate).toBe('2026-04-15');
    expect(reportDue(cal, QUARTER, reportPeriod('quarter', 2026, 2)).dueDate).toBe('2026-07-15');
    expect(reportDue(cal, QUARTER, reportPeriod('quarter', 2026, 3)).dueDate).toBe('2026-10-15');
    // Q4 2025 runs into the next year: 15 January 2026 (a Thursday)
    expect(reportDue(cal, QUARTER, reportPeriod('quarter', 2025, 4)).dueDate).toBe('2026-01-15');
    // 31 January 2026 is a Saturday: the period's end rolls to Monday 2 February
    const year = reportDue(cal, YEAR, reportPeriod('year', 2025));
    expect(year.dueDate).toBe('2026-02-02');
    expect(year.explanation).toContain('顺延');
    // 31 January 2025 fell in the Spring Festival holiday (28 Jan – 4 Feb 2025): the first working day after it
    expect(reportDue(cal, YEAR, reportPeriod('year', 2024)).dueDate).toBe('2025-02-05');
  });

  it('rolls a due date on a declared holiday to the next working day, and counts working days when the rule says so', () => {
    const withHoliday = new WorkCalendar([2026], [{ date: '2026-04-15', kind: 'holiday', name: '测试假日' }]);
    expect(reportDue(withHoliday, QUARTER, reportPeriod('quarter', 2026, 1)).dueDate).toBe('2026-04-16');
    // a province that sets 10 working days: 31 March 2026 (Tue) + 10 working days, 清明 (4–6 April) not counted
    const working = reportDue(cal, { ...QUARTER, amount: 10, unit: 'working_days' }, reportPeriod('quarter', 2026, 1));
    expect(working.dueDate).toBe('2026-04-15');
  });

  it('lists the periods ended by a day, newest first, the year before its last quarter', () => {
    const periods = endedPeriods('2026-02-10', 5, 1).map((p) => p.name);
    expect(periods).toEqual(['2025年度', '2025年第四季度', '2025年第三季度', '2025年第二季度', '2025年第一季度', '2024年第四季度']);
    expect(endedPeriods('2026-12-07', 1, 0).map((p) => p.name)).toEqual(['2026年第三季度']);
  });
});
