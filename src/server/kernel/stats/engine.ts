import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { ScopedUser } from '../catalog/descriptor.ts';
import type { StatsDeclaration, StatsItem } from './declaration.ts';
import { changeInPercent, changeInPoints, computeIndicators, countKeys, zeroCounts, type Counts, type IndicatorValue } from './indicators.ts';
import { previousPeriod, type Period } from './periods.ts';

/** The statistics engine: one declared module statistics (declaration.ts) → its table, drill-down and totals. */

export interface StatsContext {
  db: Kysely<DB>;
  user: ScopedUser;
  /** the catalog's visibility rule, for counts that look at other items (links) */
  visibleSql(user: ScopedUser, wi: string): RawBuilder<import('kysely').SqlBool>;
  today: string;
}

export interface StatsRow<C extends string = string> {
  key: string;
  label: string;
  counts: Counts<C>;
  indicators: IndicatorValue[];
  previous?: {
    counts: Counts<C>;
    indicators: IndicatorValue[];
    countChange: Record<C, number | null>;
    indicatorChange: Record<string, number | null>;
  };
}

export interface StatsTable<C extends string = string, D extends string = string> {
  from: string;
  to: string;
  groupBy: D;
  compare: 'yoy' | 'mom' | null;
  previousPeriod: Period | null;
  today: string;
  rows: StatsRow<C>[];
  total: StatsRow<C>;
}

const column = (k: string) => `c_${k.replace(/[^A-Za-z0-9_]/g, '_')}`;

function facts<C extends string, D extends string>(ctx: StatsContext, decl: StatsDeclaration<C, D>, period: Period) {
  return decl.facts({ user: ctx.user, from: period.from, to: period.to, visibleSql: (wi) => ctx.visibleSql(ctx.user, wi) });
}

function aggregate(def: StatsDeclaration['counts'][string], today: RawBuilder<unknown>, as: string): RawBuilder<unknown> {
  return def.sum
    ? sql`coalesce(sum(${sql.ref(`f.${def.sum}`)}) filter (where ${def.where(today)}), 0)::int as ${sql.ref(as)}`
    : sql`(count(*) filter (where ${def.where(today)}))::int as ${sql.ref(as)}`;
}

/** Counts per dimension value of one period, in one scan of the facts. */
async function countBy<C extends string, D extends string>(
  ctx: StatsContext,
  decl: StatsDeclaration<C, D>,
  period: Period,
  groupBy: D,
): Promise<Map<string, Counts<C>>> {
  const keys = countKeys(decl);
  const today = sql`${ctx.today}::date`;
  const rollup = decl.rollup?.({ user: ctx.user, from: period.from, to: period.to, visibleSql: (wi) => ctx.visibleSql(ctx.user, wi) }, groupBy);
  const rows = rollup
    ? await sql<Record<string, unknown>>`
    select coalesce(r.key::text, '') as key, ${sql.join(keys.map((k) => sql`coalesce(sum(${sql.ref(`r.${k}`)}), 0)::int as ${sql.ref(column(k))}`))}
    from ${rollup} r
    group by 1`.execute(ctx.db)
    : await sql<Record<string, unknown>>`
    select coalesce(${sql.ref(`f.${groupBy}_key`)}::text, '') as key, ${sql.join(keys.map((k) => aggregate(decl.counts[k], today, column(k))))}
    from ${facts(ctx, decl, period)} f
    group by 1`.execute(ctx.db);
  const out = new Map<string, Counts<C>>();
  for (const r of rows.rows) {
    const c = zeroCounts(decl);
    for (const k of keys) c[k] = Number(r[column(k)] ?? 0);
    out.set(String(r.key), c);
  }
  return out;
}

function sum<C extends string>(decl: StatsDeclaration<C>, all: Iterable<Counts<C>>): Counts<C> {
  const t = zeroCounts(decl);
  for (const c of all) for (const k of countKeys(decl)) t[k] += c[k];
  return t;
}

/** The table: a row per value of `groupBy` and a total (合计), with the 同比/环比 period's values when asked. */
export async function computeStats<C extends string, D extends string>(
  ctx: StatsContext,
  decl: StatsDeclaration<C, D>,
  opts: { from: string; to: string; groupBy: D; compare?: 'yoy' | 'mom' },
): Promise<StatsTable<C, D>> {
  const { groupBy } = opts;
  const dimension = decl.dimensions[groupBy];
  const period = { from: opts.from, to: opts.to };
  const current = await countBy(ctx, decl, period, groupBy);
  const prevPeriod = opts.compare ? previousPeriod(period, opts.compare) : null;
  const previous = prevPeriod ? await countBy(ctx, decl, prevPeriod, groupBy) : null;
  // rows ordered by their own key (months) compare with other keys a period earlier: compare totals only
  const byKey = dimension.order === 'key';
  // a dimension that lists its values (months) shows each of them, zero or not
  for (const k of dimension.everyKey?.(period.from, period.to) ?? []) if (!current.has(k)) current.set(k, zeroCounts(decl));
  const keys = [...current.keys()].sort();
  const labels = dimension.labels ? await dimension.labels(ctx.db, keys) : new Map<string, string>();
  const first = countKeys(decl)[0]!;
  const row = (key: string, label: string, counts: Counts<C>, prev: Counts<C> | null): StatsRow<C> => {
    const indicators = computeIndicators(decl, counts);
    if (!prev) return { key, label, counts, indicators };
    const pi = computeIndicators(decl, prev);
    const countChange = Object.fromEntries(countKeys(decl).map((k) => [k, changeInPercent(counts[k], prev[k])])) as Record<C, number | null>;
    return {
      key,
      label,
      counts,
      indicators,
      previous: {
        counts: prev,
        indicators: pi,
        countChange,
        indicatorChange: Object.fromEntries(indicators.map((i, n) => [i.key, changeInPoints(i.value, pi[n]!.value)])),
      },
    };
  };
  // 'listed': the order of everyKey (grades from 一般 to 特别重大), each row compared with the same value a period earlier
  const listed = dimension.order === 'listed' ? (dimension.everyKey?.(period.from, period.to) ?? []) : [];
  const rank = (k: string) => (listed.includes(k) ? listed.indexOf(k) : listed.length);
  const rows = keys
    .map((k) => row(k, labels.get(k) ?? (k || '（未指定）'), current.get(k)!, previous && !byKey ? (previous.get(k) ?? zeroCounts(decl)) : null))
    .sort((a, b) =>
      byKey
        ? a.key.localeCompare(b.key)
        : listed.length
          ? rank(a.key) - rank(b.key)
          : b.counts[first] - a.counts[first] || a.label.localeCompare(b.label, 'zh-CN'),
    );
  const total = row('', '合计', sum(decl, current.values()), previous ? sum(decl, previous.values()) : null);
  return { from: period.from, to: period.to, groupBy, compare: opts.compare ?? null, previousPeriod: prevPeriod, today: ctx.today, rows, total };
}

/**
 * The items behind one number of the table (same facts, same predicate), a page of them, with how many there are
 * and the sums of the summing counts (人次) over all of them.
 */
export async function drillDown<C extends string, D extends string>(
  ctx: StatsContext,
  decl: StatsDeclaration<C, D>,
  opts: { from: string; to: string; count: C; dimension?: D; value?: string; limit: number; offset: number },
): Promise<{ total: number; sums: Partial<Record<C, number>>; items: StatsItem[] }> {
  const today = sql`${ctx.today}::date`;
  const dimFilter = opts.dimension && opts.value !== undefined ? sql`and coalesce(${sql.ref(`f.${opts.dimension}_key`)}::text, '') = ${opts.value}` : sql``;
  const base = sql`from ${facts(ctx, decl, opts)} f where ${decl.counts[opts.count].where(today)} ${dimFilter}`;
  const summing = countKeys(decl).filter((k) => decl.counts[k].sum);
  const sums = summing.map((k) => sql`coalesce(sum(${sql.ref(`f.${decl.counts[k].sum!}`)}), 0)::int as ${sql.ref(column(k))}`);
  const [total, page] = await Promise.all([
    sql<Record<string, unknown>>`select ${sql.join([sql`count(*)::int as n`, ...sums])} ${base}`.execute(ctx.db),
    sql<{ id: number }>`select f.id ${base} order by f.at, f.id limit ${opts.limit} offset ${opts.offset}`.execute(ctx.db),
  ]);
  const t = total.rows[0]!;
  return {
    total: Number(t.n),
    sums: Object.fromEntries(summing.map((k) => [k, Number(t[column(k)] ?? 0)])) as Partial<Record<C, number>>,
    items: await decl.items(
      ctx.db,
      page.rows.map((r) => Number(r.id)),
    ),
  };
}
