import type { FormulaSpec } from './formula.ts';
import type { AppliesTo } from './indicators.ts';

export type Group = 'township' | 'department';

/**
 * The marks each group (乡镇（街道）, 县直部门) is assessed out of: the weights of its active indicators, those for
 * every unit included; a 加分 indicator gives marks on top and counts for nothing here. Pure.
 */
export function groupWeights(rows: readonly { appliesTo: AppliesTo; weight: number; formula: FormulaSpec; active: boolean }[]): Record<Group, number> {
  const out: Record<Group, number> = { township: 0, department: 0 };
  for (const r of rows) {
    if (!r.active || r.formula.type === 'bonus') continue;
    for (const g of ['township', 'department'] as const) if (r.appliesTo === 'all' || r.appliesTo === g) out[g] += r.weight;
  }
  return { township: Math.round(out.township * 100) / 100, department: Math.round(out.department * 100) / 100 };
}

export const GROUP_LABELS: Record<Group, string> = { township: '乡镇（街道）', department: '县直部门' };
