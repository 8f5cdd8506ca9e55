import { describe, expect, it } from 'vitest';
import { computeDeadline, type DeadlineRule } from '../../../core/clock/deadline-compute.ts';
import { seededWorkCalendar } from '../../../core/clock/test-calendar.ts';
import { DEFAULT_RULES } from '../../../core/clock/default-rules.ts';
import { approvalRule, casualtyWindowRule } from './vocabulary.ts';

const cal = seededWorkCalendar();
const rule = (key: string): DeadlineRule => {
  const r = DEFAULT_RULES.find((x) => x.key === key && x.province === '');
  if (!r) throw new Error(key);
  return r;
};
/** a Beijing wall-clock time as an instant */
const bj = (s: string) => new Date(`${s}+08:00`);

describe('accident clocks are calendar hours, around the clock (rules: acc.unit 1h, acc.level 2h)', () => {
  it('the unit hour crosses midnight into the next day', () => {
    const r = computeDeadline(cal, { rule: rule('acc.unit'), start: bj('2026-06-09T23:40:00') });
    expect(r.dueAt).toBe(bj('2026-06-10T00:40:00').toISOString());
    expect(r.dueDate).toBe('2026-06-10');
    expect(r.explanation).toContain('届满时间2026-06-10 00:40（北京时间）');
    expect(r.explanation).toContain('第九条');
  });

  it('the report upward does not wait for a working day: 2 hours on the 国庆 holiday stay 2 hours', () => {
    const r = computeDeadline(cal, { rule: rule('acc.level'), start: bj('2026-10-03T23:15:00') });
    expect(cal.isWorkday('2026-10-04').workday).toBe(false);
    expect(r.dueAt).toBe(bj('2026-10-04T01:15:00').toISOString());
    expect(r.dueDate).toBe('2026-10-04');
    expect(r.provisional).toBe(false);
  });

  it('an approved extension in hours moves the instant by exactly those hours (no working-day arithmetic)', () => {
    const r = computeDeadline(cal, { rule: rule('acc.level'), start: bj('2026-02-16T22:00:00'), extensions: [{ amount: 1 }] }); // 春节
    expect(r.dueAt).toBe(bj('2026-02-17T01:00:00').toISOString());
  });
});

describe('accident day periods', () => {
  it('road and fire accidents have the 7-day casualty window, others 30 days (条例第十三条)', () => {
    expect(casualtyWindowRule('road_traffic')).toBe('acc.casualty_update.road_fire');
    expect(casualtyWindowRule('fire')).toBe('acc.casualty_update.road_fire');
    expect(casualtyWindowRule('construction')).toBe('acc.casualty_update');
    expect(computeDeadline(cal, { rule: rule('acc.casualty_update.road_fire'), start: '2026-06-01' }).dueDate).toBe('2026-06-08');
    expect(computeDeadline(cal, { rule: rule('acc.casualty_update'), start: '2026-06-01' }).dueDate).toBe('2026-07-01');
  });

  it('the 批复 period follows the grade: 15 days, 特别重大 30 days', () => {
    expect(rule(approvalRule('major')).amount).toBe(15);
    expect(rule(approvalRule('especially_major')).amount).toBe(30);
    expect(rule('acc.report.ext').amount).toBe(60);
    expect(rule('acc.approval.major.ext').amount).toBe(30);
  });
});
