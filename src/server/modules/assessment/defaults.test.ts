import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../kernel/catalog/index.ts';
import { MODULES } from '../registry.ts';
import { DEFAULT_INDICATORS } from './defaults.ts';
import { resolveStatsMeasure, withoutRuleKeys } from './indicators.ts';
import { groupWeights } from './weights.ts';

describe('the starting indicator set', () => {
  it('reads only statistics the modules declare, each with its definition', () => {
    const modules = createCatalog(MODULES);
    for (const i of DEFAULT_INDICATORS.filter((x) => x.source === 'stats')) {
      const { definition } = resolveStatsMeasure(modules, { module: i.module!, measure: i.measure!, dimension: i.dimension!, formula: i.formula });
      expect(definition).toContain('＝');
      expect(definition, definition).not.toMatch(/[a-z]+\.[a-z_]+/);
    }
  });
  it('gives each group 100 marks', () => {
    expect(groupWeights(DEFAULT_INDICATORS.map((i) => ({ ...i, active: true })))).toEqual({ township: 100, department: 100 });
  });
});

describe('group weights', () => {
  it('adds the indicators for every unit to both groups, leaves out retired ones and bonuses', () => {
    const rate = { type: 'rate', target: 0.9, floor: 0, whenNoItems: 'full' } as const;
    expect(
      groupWeights([
        { appliesTo: 'all', weight: 30, formula: rate, active: true },
        { appliesTo: 'township', weight: 70, formula: rate, active: true },
        { appliesTo: 'department', weight: 50, formula: rate, active: true },
        { appliesTo: 'department', weight: 20, formula: rate, active: false },
        { appliesTo: 'department', weight: 5, formula: { type: 'bonus', per: 1, cap: 5 }, active: true },
      ]),
    ).toEqual({ township: 100, department: 80 });
  });
});

describe('definitions in words', () => {
  it('leave out rule keys', () => {
    expect(withoutRuleKeys('在“受理”期限（xf.dept.route，15日）内')).toBe('在“受理”期限（15日）内');
    expect(withoutRuleKeys('25日前备案（legal_rules wp.filing.quarter）')).toBe('25日前备案');
  });
});
