import { describe, expect, it } from 'vitest';
import { changeInPercent, changeInPoints, computeIndicators as compute, zeroCounts as zero, type Counts } from '../../../kernel/stats/index.ts';
import { formatRatio } from '../../../../shared/format-ratio.ts';
import { INDICATORS, type CountKey } from './indicators.ts';
import { PETITION_STATS } from './declaration.ts';

const computeIndicators = (c: Counts<CountKey>) => compute(PETITION_STATS, c);
const zeroCounts = () => zero(PETITION_STATS);

describe('信访 indicators (rules.md §2)', () => {
  // a hand-checked month: 20 件次 / 31 人次; 16 decided routings of which 12 in time; 10 due replies, 7 on time;
  // 8 evaluated + 2 超期未评价; 6 满意/基本满意; 18 not 涉法涉诉 of which 3 repeats; 5 online
  const counts: Counts<CountKey> = {
    ...zeroCounts(),
    batches: 20,
    persons: 31,
    routeTimely: 12,
    routeLate: 3,
    routeOverdueOpen: 1,
    routeBase: 16,
    replyOnTime: 7,
    replyLate: 2,
    replyOverdueOpen: 1,
    replyBase: 10,
    evaluated: 8,
    evalOverdue: 2,
    evalBase: 10,
    satisfied: 6,
    nonLawRelated: 18,
    repeatNonLaw: 3,
    online: 5,
  };
  const byKey = Object.fromEntries(computeIndicators(counts).map((i) => [i.key, i]));

  it('computes each ratio from its own numerator and denominator', () => {
    expect(byKey.timelyAcceptance).toMatchObject({ numerator: 12, denominator: 16, value: 0.75 });
    expect(byKey.onTimeReply).toMatchObject({ numerator: 7, denominator: 10, value: 0.7 });
    expect(byKey.evaluationRate).toMatchObject({ numerator: 8, denominator: 10, value: 0.8 });
    expect(byKey.satisfactionRate).toMatchObject({ numerator: 6, denominator: 8, value: 0.75 });
    expect(byKey.repeatRate!.value).toBeCloseTo(3 / 18, 10);
    expect(byKey.onlineShare).toMatchObject({ numerator: 5, denominator: 20, value: 0.25 });
    expect(formatRatio(byKey.repeatRate!.value)).toBe('16.67%');
  });

  it('an empty denominator is “no value”, not 0 % or 100 %', () => {
    const none = computeIndicators(zeroCounts());
    expect(none.every((i) => i.value === null)).toBe(true);
    expect(formatRatio(null)).toBe('—');
  });

  it('each definition carries its formula text and source', () => {
    expect(INDICATORS.map((d) => d.name)).toEqual(['及时受理率', '按期办结率', '参评率', '满意率', '重复信访率', '网上信访占比']);
    for (const d of INDICATORS) {
      expect(d.formula.length).toBeGreaterThan(5);
      // the source is what the exported formulas sheet shows outside: the law or an official document, never our own notes
      expect(d.source).toMatch(/《信访工作条例》|国信发/);
      expect(d.source).not.toMatch(/rules\.md|§/);
    }
  });

  it('同比/环比 changes', () => {
    expect(changeInPoints(0.75, 0.6)).toBe(15);
    expect(changeInPoints(0.75, null)).toBeNull();
    expect(changeInPercent(12, 8)).toBe(50);
    expect(changeInPercent(3, 0)).toBeNull();
  });
});
