import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { seededWorkCalendar } from './test-calendar.ts';
import { chineseDaysYear, validateCalendarYear } from './calendar-data.ts';
import { WorkCalendar } from './work-calendar.ts';
import { parseIsoDay } from './day-math.ts';

const cal = seededWorkCalendar();
const day = (s: string) => parseIsoDay(s)!;

describe('WorkCalendar (seeded 2004–2026)', () => {
  it('knows 2026 调休 make-up workdays on weekends', () => {
    expect(cal.isWorkday('2026-10-10')).toMatchObject({ workday: true, provisional: false }); // Saturday
    expect(cal.isWorkday('2026-09-20')).toMatchObject({ workday: true, provisional: false }); // Sunday
  });

  it('knows statutory holidays on weekdays', () => {
    for (let d = 1; d <= 7; d++) expect(cal.isWorkday(`2026-10-0${d}`).workday).toBe(false);
    expect(cal.isWorkday('2026-09-25')).toMatchObject({ workday: false, name: '中秋' });
    expect(cal.isWorkday('2026-10-08').workday).toBe(true);
  });

  it('plain weekends and weekdays follow Mon–Fri', () => {
    expect(cal.isWorkday('2026-08-08').workday).toBe(false); // Saturday
    expect(cal.isWorkday('2026-08-05').workday).toBe(true); // Wednesday
  });

  it('2026: 248 working days = 242 on Mon–Fri + 6 weekend 调休 days', () => {
    // chinese-days reports 242 for getWorkdaysInRange(…, includeWeekends=false): that figure leaves
    // out the six Saturday/Sunday make-up days, which ARE working days for a deadline.
    expect(cal.workdaysInYear(2026)).toBe(248);
    let monToFri = 0;
    for (let z = day('2026-01-01'); z <= day('2026-12-31'); z++) {
      const wd = new Date(z * 86_400_000).getUTCDay();
      if (wd !== 0 && wd !== 6 && cal.isWorkdayDay(z)) monToFri++;
    }
    expect(monToFri).toBe(242);
  });

  it('the 60th workday after 2026-09-20 is 2026-12-18 (a naive Mon–Fri count gives 12-11)', () => {
    expect(cal.addWorkdays(day('2026-09-20'), 60)).toBe(day('2026-12-18'));
    expect(cal.addWorkdays(day('2026-09-20'), 1)).toBe(day('2026-09-21'));
  });

  it('years not loaded answer by weekday rule, flagged provisional with the missing year', () => {
    expect(cal.isWorkday('2027-10-01')).toEqual({ date: '2027-10-01', workday: true, provisional: true, missingYear: 2027 });
    expect(cal.isWorkday('2027-01-02')).toMatchObject({ workday: false, provisional: true, missingYear: 2027 });
    expect(cal.isWorkday('2003-05-01')).toMatchObject({ provisional: true, missingYear: 2003 });
    expect(cal.missingYearsIn(day('2026-12-30'), day('2028-01-02'))).toEqual([2027, 2028]);
  });

  it('rejects impossible and out-of-range dates', () => {
    expect(() => cal.isWorkday('2026-02-30')).toThrow(AppError);
    expect(() => cal.isWorkday('2026-2-3')).toThrow(/无效/);
    expect(() => cal.isWorkday('2300-01-01')).toThrow(/超出/);
  });

  it('covers exactly the seeded years', () => {
    expect(cal.coveredYears[0]).toBe(2004);
    expect(cal.coveredYears.at(-1)).toBe(2026);
    expect(cal.coveredYears).toHaveLength(23);
  });

  it('nextWorkdayOnOrAfter rolls across a holiday into the next year', () => {
    const c = new WorkCalendar([2026, 2027], [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]);
    expect(c.nextWorkdayOnOrAfter(day('2026-12-31'))).toBe(day('2026-12-31'));
    expect(c.nextWorkdayOnOrAfter(day('2027-01-01'))).toBe(day('2027-01-04'));
  });
});

describe('calendar year validation', () => {
  const good = { year: 2027, source: '国务院办公厅关于2027年部分节假日安排的通知', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] };

  it('accepts a valid year and every seeded chinese-days year', () => {
    expect(validateCalendarYear(good).days).toHaveLength(1);
    for (let y = 2004; y <= 2026; y++) expect(chineseDaysYear(y).days.length).toBeGreaterThan(10);
  });

  it.each([
    [{ ...good, source: '' }, /source/],
    [{ ...good, days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }] }, /不在 2027 年内/],
    [{ ...good, days: [good.days[0], good.days[0]] }, /重复/],
    [{ ...good, days: [{ date: '2027-01-01', kind: 'rest', name: '元旦' }] }, /类型“rest”无效/],
    [{ ...good, days: [{ date: '2027-02-30', kind: 'holiday', name: 'x' }] }, /不是有效的/],
    [{ ...good, days: [{ date: '2027-01-04', kind: 'workday', name: 'x' }] }, /周一，本来就是工作日/],
    [{ ...good, year: 'x' }, /year/],
  ])('rejects %#', (input, message) => {
    expect(() => validateCalendarYear(input)).toThrow(message);
  });
});
