import { sql, type QueryExecutorProvider, type SelectQueryBuilder } from 'kysely';

/**
 * The most rows a ledger list counts exactly. Past it the list says "共 10,000+ 件" (a filter narrows it): counting every
 * one of a million visible disputes or hazards took 2.1 s (disputes) and 1.0 s (hazards) on PostgreSQL for a number
 * nobody pages through, while the first LIST_COUNT_CAP + 1 rows are found in milliseconds
 * (bench/results/disputes-1m*.json, hazard-ledger.json).
 */
export const LIST_COUNT_CAP = 10_000;

export interface CappedTotal {
  /** the number of rows, or LIST_COUNT_CAP when there are more */
  total: number;
  /** true when there are more than LIST_COUNT_CAP rows (the console shows "共 10,000+ 件") */
  totalCapped: boolean;
}

/**
 * The count of a list's filtered query, stopping at LIST_COUNT_CAP + 1 rows. `q` is the list's query before its
 * select, order and paging (any joins and filters; the rows' values are not read).
 */
export async function cappedCount<D, TB extends keyof D, O>(
  db: QueryExecutorProvider,
  q: SelectQueryBuilder<D, TB, O>,
  cap = LIST_COUNT_CAP,
): Promise<CappedTotal> {
  const r = await sql<{ n: number }>`select count(*)::int as n from (${q.select(sql`1`.as('one')).limit(cap + 1)}) capped`.execute(db);
  const n = Number(r.rows[0]?.n ?? 0);
  return n > cap ? { total: cap, totalCapped: true } : { total: n, totalCapped: false };
}
