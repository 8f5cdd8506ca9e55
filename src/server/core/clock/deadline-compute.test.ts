import { describe, expect, it } from 'vitest';
import { computeDeadline, minimumEarliestEnd, type DeadlineRule } from './deadline-compute.ts';
import { seededWorkCalendar } from './test-calendar.ts';
import { DEFAULT_RULES } from './default-rules.ts';
import { WorkCalendar } from './work-calendar.ts';

const cal = seededWorkCalendar();
const rule = (key: string, province = ''): DeadlineRule => {
  const r = DEFAULT_RULES.find((x) => x.key === key && x.province === province);
  if (!r) throw new Error(key);
  return r;
};
const cd = (amount: number): DeadlineRule => ({ key: 't.cd', name: 't', amount, unit: 'calendar_days', source: '测试' });
const wd = (amount: number): DeadlineRule => ({ key: 't.wd', name: 't', amount, unit: 'working_days', source: '测试' });

describe('calendar days', () => {
  it('xf.handle from 2026-08-05: 60 days end 2026-10-04 (国庆) and roll to 2026-10-08', () => {
    const r = computeDeadline(cal, { rule: rule('xf.handle'), start: '2026-08-05' });
    expect(r).toMatchObject({ dueDate: '2026-10-08', provisional: false, missingYears: [], paused: false });
    expect(r.explanation).toBe('自2026-08-05起算（当日不计）60日，届满日2026-10-04为休息日，顺延至2026-10-08。依据：《信访工作条例》第三十四条');
  });

  it('excludes the start day: 15 days from Monday 2026-06-01 end Tuesday 06-16, no roll', () => {
    expect(computeDeadline(cal, { rule: cd(15), start: '2026-06-01' }).dueDate).toBe('2026-06-16');
  });

  it('an end on a plain weekend rolls to Monday; an end on a 调休 Saturday does not roll', () => {
    expect(computeDeadline(cal, { rule: cd(4), start: '2026-08-04' }).dueDate).toBe('2026-08-10'); // Sat 08-08 → Mon
    expect(computeDeadline(cal, { rule: cd(9), start: '2026-10-01' }).dueDate).toBe('2026-10-10'); // Sat make-up day
  });

  it('a day instant is taken on its Asia/Shanghai date', () => {
    // 2026-08-04T17:00Z is 2026-08-05 01:00 in Shanghai
    expect(computeDeadline(cal, { rule: rule('xf.handle'), start: new Date('2026-08-04T17:00:00Z') }).dueDate).toBe('2026-10-08');
  });

  it('crossing into a year not loaded gives a provisional result naming the year', () => {
    const r = computeDeadline(cal, { rule: rule('xf.handle'), start: '2026-12-01' });
    expect(r).toMatchObject({ dueDate: '2027-02-01', provisional: true, missingYears: [2027] }); // 01-30 is a Saturday by weekday rule
    expect(r.explanation).toContain('2027年工作日历尚未导入');
  });

  it('becomes final once the year is loaded (and uses its holidays)', () => {
    const with2027 = new WorkCalendar([2026, 2027], [{ date: '2027-02-01', kind: 'holiday', name: '假设' }]);
    expect(computeDeadline(with2027, { rule: rule('xf.handle'), start: '2026-12-01' })).toMatchObject({
      dueDate: '2027-02-02',
      provisional: false,
      missingYears: [],
    });
  });

  it('pauses shift the end by the paused days', () => {
    // paused 2026-08-10 … resumed 2026-08-20: 10 days not counted → 10-14 (Wed)
    const r = computeDeadline(cal, { rule: rule('xf.handle'), start: '2026-08-05', pauses: [{ from: '2026-08-10', to: '2026-08-20' }] });
    expect(r.dueDate).toBe('2026-10-14');
    expect(r.explanation).toContain('扣除暂停10日（2026-08-10至2026-08-19）');
  });

  it('an open pause leaves the due date unknown', () => {
    const r = computeDeadline(cal, { rule: rule('xf.handle'), start: '2026-08-05', pauses: [{ from: '2026-08-10', to: null }] });
    expect(r).toMatchObject({ dueDate: null, paused: true });
    expect(r.explanation).toContain('暂停');
  });

  it('extensions add to the period before rolling', () => {
    // 60 + 30 = 90 days from 2026-08-05 → 2026-11-03 (Tue)
    const r = computeDeadline(cal, { rule: rule('xf.handle'), start: '2026-08-05', extensions: [{ amount: 30 }] });
    expect(r.dueDate).toBe('2026-11-03');
    expect(r.explanation).toContain('经批准延长30日');
    // 60 + 1 = 61 → 10-05 holiday → 10-08: the roll happens after adding
    expect(computeDeadline(cal, { rule: rule('xf.handle'), start: '2026-08-05', extensions: [{ amount: 1 }] }).dueDate).toBe('2026-10-08');
  });

  it('applies the province override when asked (浙江 xf.handle = 30 days)', () => {
    expect(computeDeadline(cal, { rule: rule('xf.handle', '33'), start: '2026-08-05' }).dueDate).toBe('2026-09-04');
  });
});

describe('working days', () => {
  it('counts N working days after the start, skipping holidays and honouring 调休', () => {
    expect(computeDeadline(cal, { rule: wd(60), start: '2026-09-20' }).dueDate).toBe('2026-12-18');
    // xf.transfer.objection: 5 working days from Wed 2026-09-23: 09-24, (25 中秋), 28, 29, 30, (国庆), 10-08
    expect(computeDeadline(cal, { rule: rule('xf.transfer.objection'), start: '2026-09-23' }).dueDate).toBe('2026-10-08');
  });

  it('paused working days do not count', () => {
    // 5 working days from Mon 2026-06-01 → 06-08; pausing 06-03 … 06-05 (resume 06-05) removes 06-03, 06-04
    const r = computeDeadline(cal, { rule: wd(5), start: '2026-06-01', pauses: [{ from: '2026-06-03', to: '2026-06-05' }] });
    expect(r.dueDate).toBe('2026-06-10');
    expect(r.explanation).toContain('的工作日不计');
  });

  it('extensions add working days', () => {
    expect(computeDeadline(cal, { rule: wd(5), start: '2026-06-01', extensions: [{ amount: 2 }] }).dueDate).toBe('2026-06-10');
  });

  it('a span reaching 2027 is provisional', () => {
    expect(computeDeadline(cal, { rule: wd(30), start: '2026-12-01' })).toMatchObject({ provisional: true, missingYears: [2027] });
  });
});

describe('months', () => {
  it('same day-of-month later, or the month end, then rolled', () => {
    expect(computeDeadline(cal, { rule: rule('legal.susong'), start: '2026-03-05' }).dueDate).toBe('2026-09-07'); // 09-05 Sat → Mon
    const monthEnd: DeadlineRule = { key: 't.m', name: 't', amount: 1, unit: 'months', source: '测试' };
    expect(computeDeadline(cal, { rule: monthEnd, start: '2026-01-31' }).dueDate).toBe('2026-02-28'); // month end; a Saturday but a 春节 调休 workday
    expect(computeDeadline(cal, { rule: monthEnd, start: '2025-10-31' }).dueDate).toBe('2025-12-01'); // 11-30 Sun → Mon
    expect(computeDeadline(cal, { rule: monthEnd, start: '2024-01-31' }).dueDate).toBe('2024-02-29'); // leap year, Thursday
  });
});

describe('hours', () => {
  it('instant + N hours, no roll even on a holiday', () => {
    const r = computeDeadline(cal, { rule: rule('acc.unit'), start: new Date('2026-10-01T02:30:00Z') });
    expect(r).toMatchObject({ dueAt: '2026-10-01T03:30:00.000Z', dueDate: '2026-10-01', provisional: false });
    expect(r.explanation).toContain('届满时间2026-10-01 11:30（北京时间）');
  });

  it('paused time and extensions move the instant', () => {
    const r = computeDeadline(cal, {
      rule: rule('haz.power_cut.notice'),
      start: new Date('2026-05-01T00:00:00Z'),
      pauses: [{ from: new Date('2026-05-01T01:00:00Z'), to: new Date('2026-05-01T01:30:00Z') }],
      extensions: [{ amount: 2 }],
    });
    expect(r.dueAt).toBe('2026-05-02T02:30:00.000Z');
  });
});

describe('minimum periods (最短期限: the step may not end before; never rolled, never overdue)', () => {
  it('公示 10 calendar days ending on a 国庆 holiday stays on its last day: rest days count, nothing rolls', () => {
    const r = computeDeadline(cal, { rule: rule('wp.publicity'), start: '2026-09-24' });
    expect(r.dueDate).toBe('2026-10-04');
    expect(r.explanation).toContain('最短期限至2026-10-04届满');
    expect(r.explanation).toContain('2026-10-05起方可结束');
    // the same 10 days as a deadline would roll past the holiday
    expect(computeDeadline(cal, { rule: cd(10), start: '2026-09-24' }).dueDate).toBe('2026-10-08');
  });

  it('合法性审查 7 working days skips the holiday and counts the 调休 Saturday, as a working-day rule does', () => {
    const r = computeDeadline(cal, { rule: rule('wp.legality'), start: '2026-09-28' });
    expect(r.dueDate).toBe('2026-10-13');
    expect(r.explanation).toContain('2026-10-14起方可结束');
  });

  it('the earliest end is the day after the last day', () => {
    expect(minimumEarliestEnd('2026-06-30')).toBe('2026-07-01');
    expect(minimumEarliestEnd('2026-12-31')).toBe('2027-01-01');
  });
});
