import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { ScopedUser } from '../catalog/descriptor.ts';

/**
 * A module's statistics, declared once (ModuleDescriptor.stats) and computed by one engine (./engine.ts):
 * the facts (one row per counted item, visible to the user by the module's one rule), named counts
 * (predicates over a facts row `f`), indicators (numerator ÷ denominator of two counts), dimensions to
 * group by, and how an item behind a number is listed. The table, its drill-down, the Excel export and
 * the formulas sheet all read these definitions, so a number and the items behind it always agree.
 */
export interface StatsDeclaration<C extends string = string, D extends string = string> {
  /** the statistics' zh-CN title, e.g. 信访统计 */
  title: string;
  /** the counts in the order they are shown; a count with `sum` adds up that facts column instead of counting rows */
  counts: Readonly<Record<C, StatsCountDef>>;
  indicators: readonly StatsIndicatorDef<C>[];
  dimensions: Readonly<Record<D, StatsDimensionDef>>;
  /**
   * The facts of the items dated in [from, to] the user may see: a subquery with at least `id`, `at` (the business
   * date or instant it is counted on, for the drill-down's order), a `<dimension>_key` column per dimension and the
   * columns the counts read. It must admit only what the user may see: `scope.visibleSql(alias)` is the catalog's
   * one rule over a work_items alias (kernel scope and every module's own rule) — for the items counted, and for
   * OTHER items a count looks at (a count of links counts only links to items the user may see). A facts table
   * may instead apply the module's rule on its own copies of the columns (信访's petition_facts does).
   */
  facts(scope: FactsScope): RawBuilder<unknown>;
  /**
   * Optional: the counts already summed where the module keeps a rollup that equals counting the facts for this user and
   * period (e.g. a trigger-kept daily rollup, read only for a user who sees every item): a subquery with `key` (the
   * dimension's value) and one column per count, named by the count's key, summed over its rows. null → the facts are
   * counted. The drill-down always lists the facts, so the rollup must hold exactly what counting them gives.
   */
  rollup?(scope: FactsScope, groupBy: D): RawBuilder<unknown> | null;
  /** the rows of a drill-down page, in the order of `ids` */
  items(db: Kysely<DB>, ids: readonly number[]): Promise<StatsItem[]>;
  /** how a drill-down names `at` (登记时间 …) and the columns of its items' `values`, in order */
  itemColumns: { at: string; values: readonly { key: string; name: string }[] };
  /** lines of the formulas sheet after the indicators (units of count, the moment overdue is judged …) */
  notes?(today: string): string[];
}

export interface StatsCountDef {
  name: string;
  /** the predicate over a facts row `f`, as of `today` (a date expression) */
  where(today: RawBuilder<unknown>): RawBuilder<SqlBool>;
  /** sums this facts column over the rows `where` admits, instead of counting them (人次) */
  sum?: string;
}

export interface StatsIndicatorDef<C extends string = string> {
  key: string;
  name: string;
  numerator: C;
  denominator: C;
  /** shown in the tooltip and on the formulas sheet */
  formula: string;
  /** the legal or statistical source of the definition */
  source: string;
}

export interface StatsDimensionDef {
  name: string;
  /** the values are unit ids (a township or a department the items are counted under): 考核 may score units by it */
  unit?: boolean;
  /** zh-CN labels of the dimension's values (ids are looked up); a value without one shows as itself */
  labels?(db: Kysely<DB>, keys: readonly string[]): Promise<Map<string, string>>;
  /**
   * 'key' keeps the values' own order (months; 同比 on the total only); 'listed' the order of everyKey (grades, each row
   * compared with itself a period earlier); otherwise rows go by the first count, largest first
   */
  order?: 'key' | 'count' | 'listed';
  /** every value of the period, shown as a row even when nothing is counted under it (a month with no item is a 0, not a gap) */
  everyKey?(from: string, to: string): string[];
}

/** One item behind a number: how every module's drill-down lists its items. */
export interface StatsItem {
  id: number;
  /** the case number people know it by */
  no: string;
  title: string;
  /** when it is counted (ISO date or instant) */
  at: string;
  /** the module's own columns (itemColumns.values), already in words */
  values: Readonly<Record<string, string | number | null>>;
}

export interface FactsScope {
  user: ScopedUser;
  from: string;
  to: string;
  /** the catalog's visibility rule over a work_items alias */
  visibleSql(wi: string): RawBuilder<SqlBool>;
}
