import { z } from 'zod';

/**
 * 考核 formulas as data: a small closed set of formula types with their parameters — never an expression typed by a
 * user and evaluated. Pure arithmetic, unit-tested against hand-computed examples (formula.test.ts).
 *
 *  - rate: 比率达标 — full marks (the weight) when the rate reaches the target; below it, linear from 0 marks at
 *    `floor` (default 0) to full marks at the target; with no items to rate (分母为 0) full marks or none, as set.
 *  - deduction: 扣分 — the weight minus `per` marks for every item counted, at most `cap` marks taken, never below 0.
 *  - bonus: 加分 — `per` marks for every item counted, at most `cap` marks.
 */
export const formulaSpec = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('rate'),
    /** the target rate, 0..1 (0.95 = 95 %) */
    target: z.number().gt(0).max(1),
    /** the rate at and below which no marks are given, 0..1, below the target */
    floor: z.number().min(0).max(1).default(0),
    whenNoItems: z.enum(['full', 'zero']).default('full'),
  }),
  z.object({ type: z.literal('deduction'), per: z.number().gt(0).max(100), cap: z.number().gt(0).max(100) }),
  z.object({ type: z.literal('bonus'), per: z.number().gt(0).max(100), cap: z.number().gt(0).max(100) }),
]);
export type FormulaSpec = z.infer<typeof formulaSpec>;

/** What an indicator measured for one unit: a rate's 分子/分母, or a count (分子) for deductions and bonuses. */
export interface Measured {
  numerator: number;
  denominator: number | null;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** The unit's marks on one indicator of weight `weight` (rounded to 0.01). */
export function scoreOf(spec: FormulaSpec, weight: number, m: Measured): number {
  switch (spec.type) {
    case 'rate': {
      if (!m.denominator) return spec.whenNoItems === 'full' ? round2(weight) : 0;
      const rate = m.numerator / m.denominator;
      if (rate >= spec.target) return round2(weight);
      if (rate <= spec.floor) return 0;
      return round2((weight * (rate - spec.floor)) / (spec.target - spec.floor));
    }
    case 'deduction':
      return round2(Math.max(0, weight - Math.min(spec.cap, spec.per * m.numerator)));
    case 'bonus':
      return round2(Math.min(spec.cap, spec.per * m.numerator));
  }
}

/** The highest marks an indicator can give (a bonus's cap; else its weight). */
export const maxMarks = (spec: FormulaSpec, weight: number): number => (spec.type === 'bonus' ? spec.cap : weight);

const pct = (v: number) => `${round2(v * 100)}%`;

/** The formula in words, as the indicator page and the 通报 show it. */
export function describeFormula(spec: FormulaSpec, weight: number): string {
  switch (spec.type) {
    case 'rate':
      return (
        `满分 ${weight} 分；达到 ${pct(spec.target)} 得满分，低于目标按比例计分` +
        (spec.floor > 0 ? `（${pct(spec.floor)} 及以下不得分）` : '') +
        `；当期无考核事项${spec.whenNoItems === 'full' ? '记满分' : '不得分'}`
      );
    case 'deduction':
      return `基础分 ${weight} 分；每件扣 ${spec.per} 分，最多扣 ${spec.cap} 分，扣完为止`;
    case 'bonus':
      return `每件加 ${spec.per} 分，最多加 ${spec.cap} 分`;
  }
}

/** Ranking by total, highest first; equal totals share a place (1, 2, 2, 4); ties listed by name. */
export function rank<T extends { total: number; name: string }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN'));
  let place = 0;
  return sorted.map((r, i) => {
    if (i === 0 || r.total !== sorted[i - 1]!.total) place = i + 1;
    return { ...r, rank: place };
  });
}
