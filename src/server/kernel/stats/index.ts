/** One statistics mechanism for every module: a module declares its facts, counts, indicators and dimensions. */
export type { StatsDeclaration, StatsCountDef, StatsIndicatorDef, StatsDimensionDef, StatsItem, FactsScope } from './declaration.ts';
export { computeStats, drillDown, type StatsContext, type StatsRow, type StatsTable } from './engine.ts';
export { statsWorkbook } from './workbook.ts';
export { changeInPercent, changeInPoints, computeIndicators, countBehind, countKeys, zeroCounts, type Counts, type IndicatorValue } from './indicators.ts';
export { previousPeriod, type Period } from './periods.ts';
