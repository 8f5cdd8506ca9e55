import type { StatsDeclaration } from './declaration.ts';

/** Pure arithmetic of a declared statistics: counts → indicators, changes against a previous period. */

export type Counts<C extends string = string> = Record<C, number>;

export interface IndicatorValue {
  key: string;
  name: string;
  numerator: number;
  denominator: number;
  /** 0..1, or null when the denominator is 0 (shown as “—”, never as 0 % or 100 %) */
  value: number | null;
}

export const countKeys = <C extends string>(decl: Pick<StatsDeclaration<C>, 'counts'>): C[] => Object.keys(decl.counts) as C[];

export function zeroCounts<C extends string>(decl: Pick<StatsDeclaration<C>, 'counts'>): Counts<C> {
  return Object.fromEntries(countKeys(decl).map((k) => [k, 0])) as Counts<C>;
}

/** The indicators of one row of counts. */
export function computeIndicators<C extends string>(decl: Pick<StatsDeclaration<C>, 'indicators'>, counts: Counts<C>): IndicatorValue[] {
  return decl.indicators.map((d) => {
    const numerator = counts[d.numerator];
    const denominator = counts[d.denominator];
    return { key: d.key, name: d.name, numerator, denominator, value: denominator > 0 ? numerator / denominator : null };
  });
}

/** The change of a ratio against the previous period, in percentage points (null when either is undefined). */
export function changeInPoints(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return Math.round((current - previous) * 10000) / 100;
}

/** A count's relative change (增减幅度) against the previous period, in percent (null when previous is 0). */
export function changeInPercent(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) / previous) * 10000) / 100;
}

/**
 * The count behind a number people click: an indicator's numerator or denominator, or a count by its key;
 * null when the name is neither.
 */
export function countBehind<C extends string>(decl: StatsDeclaration<C>, name: string, part: 'numerator' | 'denominator'): C | null {
  const indicator = decl.indicators.find((d) => d.key === name);
  if (indicator) return indicator[part];
  return (countKeys(decl) as string[]).includes(name) ? (name as C) : null;
}
