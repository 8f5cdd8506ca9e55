import { describe, expect, it } from 'vitest';
import { describeFormula, formulaSpec, rank, scoreOf } from './formula.ts';

const rate = (target: number, extra: object = {}) => formulaSpec.parse({ type: 'rate', target, ...extra });

describe('考核 formulas against hand-computed examples', () => {
  it('rate: full marks at or above the target, linear below it', () => {
    // 及时受理率 19/20 = 95 % against 95 %, weight 20 → 20
    expect(scoreOf(rate(0.95), 20, { numerator: 19, denominator: 20 })).toBe(20);
    // 18/20 = 90 % → 20 × 0.90 / 0.95 = 18.947… → 18.95
    expect(scoreOf(rate(0.95), 20, { numerator: 18, denominator: 20 })).toBe(18.95);
    // floor 60 %: 80 % → 15 × (0.8 − 0.6) / (1 − 0.6) = 7.5
    expect(scoreOf(rate(1, { floor: 0.6 }), 15, { numerator: 4, denominator: 5 })).toBe(7.5);
    // at or below the floor → 0
    expect(scoreOf(rate(1, { floor: 0.6 }), 15, { numerator: 3, denominator: 5 })).toBe(0);
  });

  it('rate with nothing to rate: full marks or none, as configured', () => {
    expect(scoreOf(rate(0.9), 10, { numerator: 0, denominator: 0 })).toBe(10);
    expect(scoreOf(rate(0.9, { whenNoItems: 'zero' }), 10, { numerator: 0, denominator: 0 })).toBe(0);
  });

  it('deduction: 2 marks per overdue item, at most the cap, never below 0', () => {
    const spec = formulaSpec.parse({ type: 'deduction', per: 2, cap: 6 });
    expect(scoreOf(spec, 10, { numerator: 0, denominator: null })).toBe(10);
    expect(scoreOf(spec, 10, { numerator: 2, denominator: null })).toBe(6);
    expect(scoreOf(spec, 10, { numerator: 5, denominator: null })).toBe(4); // 10 − min(6, 10)
    expect(scoreOf(formulaSpec.parse({ type: 'deduction', per: 3, cap: 20 }), 5, { numerator: 4, denominator: null })).toBe(0);
  });

  it('bonus: per item up to the cap', () => {
    const spec = formulaSpec.parse({ type: 'bonus', per: 0.5, cap: 2 });
    expect(scoreOf(spec, 0, { numerator: 3, denominator: null })).toBe(1.5);
    expect(scoreOf(spec, 0, { numerator: 9, denominator: null })).toBe(2);
  });

  it('refuses formulas that make no sense (no marks, targets above 100 %, unknown types)', () => {
    expect(formulaSpec.safeParse({ type: 'rate', target: 1.2 }).success).toBe(false);
    expect(formulaSpec.safeParse({ type: 'deduction', per: 0, cap: 5 }).success).toBe(false);
    expect(formulaSpec.safeParse({ type: 'eval', expr: 'process.exit()' }).success).toBe(false);
  });

  it('ranks equal totals at the same place (1, 2, 2, 4)', () => {
    const r = rank([
      { name: '银汉镇', total: 90 },
      { name: '龙蚕镇', total: 95.5 },
      { name: '白鹭镇', total: 90 },
      { name: '石桥镇', total: 80 },
    ]);
    expect(r.map((x) => [x.name, x.rank])).toEqual([
      ['龙蚕镇', 1],
      ['白鹭镇', 2],
      ['银汉镇', 2],
      ['石桥镇', 4],
    ]);
  });

  it('says the formula in words', () => {
    expect(describeFormula(rate(0.95), 20)).toBe('满分 20 分；达到 95% 得满分，低于目标按比例计分；当期无考核事项记满分');
    expect(describeFormula(formulaSpec.parse({ type: 'deduction', per: 2, cap: 6 }), 10)).toBe('基础分 10 分；每件扣 2 分，最多扣 6 分，扣完为止');
  });
});
