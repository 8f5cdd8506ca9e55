import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { changeInPercent, changeInPoints, computeIndicators, COUNT_KEYS, zeroCounts, type CountKey, type Counts, type IndicatorValue } from './indicators.ts';
import { countPredicate, dimensionColumn, factsSql, type Dimension } from './facts-sql.ts';
import { previousPeriod, type Period } from './periods.ts';

export const CHANNEL_NAMES: Record<string, string> = {
  letter: '来信',
  visit: '来访',
  phone: '电话',
  online: '网上',
  leader_mailbox: '领导信箱',
  upper: '上级交办转送',
};
export const LEVEL_NAMES: Record<string, string> = { national: '国家交办', province: '省交办', city: '市交办', county: '本级受理' };

export interface StatsRow {
  key: string;
  label: string;
  counts: Counts;
  indicators: IndicatorValue[];
  previous?: {
    counts: Counts;
    indicators: IndicatorValue[];
    countChange: Partial<Record<CountKey, number | null>>;
    indicatorChange: Record<string, number | null>;
  };
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Counts per dimension value (and the total) of one period. */
async function countBy(db: Kysely<DB>, opts: { user: SessionUser; period: Period; groupBy: Dimension; today: string }): Promise<Map<string, Counts>> {
  const aggregates = COUNT_KEYS.map((k) =>
    k === 'persons'
      ? sql`coalesce(sum(f.persons), 0)::int as persons`
      : sql`(count(*) filter (where ${countPredicate(k, opts.today)}))::int as ${sql.ref(snake(k))}`,
  );
  const rows = await sql<Record<string, unknown>>`
    select coalesce(${dimensionColumn(opts.groupBy)}::text, '') as key, ${sql.join(aggregates)}
    from ${factsSql({ user: opts.user, from: opts.period.from, to: opts.period.to })} f
    group by 1`.execute(db);
  const out = new Map<string, Counts>();
  for (const r of rows.rows) {
    const c = zeroCounts();
    for (const k of COUNT_KEYS) c[k] = Number(r[snake(k)] ?? 0);
    out.set(String(r.key), c);
  }
  return out;
}

function sum(all: Iterable<Counts>): Counts {
  const t = zeroCounts();
  for (const c of all) for (const k of COUNT_KEYS) t[k] += c[k];
  return t;
}

/** zh-CN labels of dimension values (unit, township and category ids are looked up). */
async function labelsFor(db: Kysely<DB>, groupBy: Dimension, keys: string[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
  if ((groupBy === 'unit' || groupBy === 'township') && ids.length) {
    for (const u of await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute()) labels.set(String(u.id), u.name);
  } else if (groupBy === 'category' && ids.length) {
    for (const c of await db.selectFrom('petition_categories').select(['id', 'name']).where('id', 'in', ids).execute()) labels.set(String(c.id), c.name);
  }
  for (const k of keys) {
    if (labels.has(k)) continue;
    labels.set(
      k,
      groupBy === 'channel'
        ? (CHANNEL_NAMES[k] ?? k)
        : groupBy === 'level'
          ? (LEVEL_NAMES[k] ?? k)
          : groupBy === 'month'
            ? k.replace('-', '年') + '月'
            : k || '（未指定）',
    );
  }
  return labels;
}

function withPrevious(current: Counts, previous: Counts): NonNullable<StatsRow['previous']> {
  const ci = computeIndicators(current);
  const pi = computeIndicators(previous);
  return {
    counts: previous,
    indicators: pi,
    countChange: { batches: changeInPercent(current.batches, previous.batches), persons: changeInPercent(current.persons, previous.persons) },
    indicatorChange: Object.fromEntries(ci.map((i, n) => [i.key, changeInPoints(i.value, pi[n]!.value)])),
  };
}

/** GET /petition-stats: rows by dimension + a total row, optionally with the 同比/环比 period's values. */
export async function computeStats(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  from: string;
  to: string;
  groupBy: Dimension;
  compare?: 'yoy' | 'mom';
  today: string;
}) {
  const { db, user, groupBy, today } = opts;
  const period = { from: opts.from, to: opts.to };
  const current = await countBy(db, { user, period, groupBy, today });
  const prevPeriod = opts.compare ? previousPeriod(period, opts.compare) : null;
  // month rows compare with the same month a year (or a period) earlier, so their keys differ: compare totals only
  const previous = prevPeriod ? await countBy(db, { user, period: prevPeriod, groupBy, today }) : null;
  const keys = [...current.keys()].sort();
  const labels = await labelsFor(db, groupBy, keys);
  const row = (key: string, label: string, counts: Counts, prev: Counts | null): StatsRow => ({
    key,
    label,
    counts,
    indicators: computeIndicators(counts),
    ...(prev ? { previous: withPrevious(counts, prev) } : {}),
  });
  const rows = keys
    .map((k) => row(k, labels.get(k) ?? k, current.get(k)!, previous && groupBy !== 'month' ? (previous.get(k) ?? zeroCounts()) : null))
    .sort((a, b) => (groupBy === 'month' ? a.key.localeCompare(b.key) : b.counts.batches - a.counts.batches || a.label.localeCompare(b.label, 'zh-CN')));
  const total = row('', '合计', sum(current.values()), previous ? sum(previous.values()) : null);
  return { from: period.from, to: period.to, groupBy, compare: opts.compare ?? null, previousPeriod: prevPeriod, today, rows, total };
}

/** GET /petition-stats/items: the petitions behind one number of the table (same facts, same predicate). */
export async function drillDown(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  from: string;
  to: string;
  today: string;
  dimension?: Dimension;
  value?: string;
  count: CountKey;
  limit: number;
  offset: number;
}) {
  const dimFilter = opts.dimension && opts.value !== undefined ? sql`and coalesce(${dimensionColumn(opts.dimension)}::text, '') = ${opts.value}` : sql``;
  const base = sql`from ${factsSql({ user: opts.user, from: opts.from, to: opts.to })} f where ${countPredicate(opts.count, opts.today)} ${dimFilter}`;
  const [total, rows] = await Promise.all([
    sql<{ n: number; persons: number }>`select count(*)::int as n, coalesce(sum(f.persons), 0)::int as persons ${base}`.execute(opts.db),
    // the page's rows, then their case numbers and titles (the facts table stays narrow)
    sql<{
      id: number;
      case_no: string;
      title: string;
      channel: string;
      received_at: Date;
      persons: number;
    }>`select x.id, pe.case_no, pe.title, x.channel, x.received_at, x.persons
      from (select f.id, f.channel, f.received_at, f.persons ${base} order by f.received_at, f.id limit ${opts.limit} offset ${opts.offset}) x
      join petitions pe on pe.id = x.id order by x.received_at, x.id`.execute(opts.db),
  ]);
  return {
    total: Number(total.rows[0]!.n),
    persons: Number(total.rows[0]!.persons),
    items: rows.rows.map((r) => ({
      id: Number(r.id),
      caseNo: r.case_no,
      title: r.title,
      channel: r.channel,
      receivedAt: new Date(r.received_at).toISOString(),
      persons: Number(r.persons),
    })),
  };
}
