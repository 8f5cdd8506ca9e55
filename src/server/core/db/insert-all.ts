import { sql, type InsertQueryBuilder, type InsertResult, type Kysely, type QueryCreator, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

/** One INSERT into any table, written against the query creator it is given. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table varies per insert and InsertQueryBuilder is invariant in it
export type Insert = (db: QueryCreator<DB>) => InsertQueryBuilder<DB, any, InsertResult>;

/**
 * Runs independent INSERTs as one statement — `WITH insert_0 AS (INSERT …), insert_1 AS (INSERT …) SELECT 1` — so a
 * write that fills several tables pays one round trip instead of one per table (inside a lock, that is what the
 * next writer waits for). Foreign keys between the tables are checked when the statement ends, so a child may be
 * inserted beside its parent. None of the INSERTs may need another's result.
 */
export async function insertAll(trx: Transaction<DB>, inserts: readonly (Insert | null)[], opts: { select?: RawBuilder<unknown> } = {}): Promise<void> {
  const present = inserts.filter((i): i is Insert => i !== null);
  if (present.length === 0) return;
  // each `with` adds its name to the query's type; the names are never read, so the chain is typed as the creator
  let q = trx as QueryCreator<DB>;
  present.forEach((insert, i) => {
    q = q.with(`insert_${i}`, insert) as unknown as QueryCreator<DB>;
  });
  // the statement's own SELECT: 1, or an expression the caller wants evaluated by this very statement
  await q.selectNoFrom((opts.select ?? sql<number>`1`).as('done')).execute();
}

type IdTable = 'work_items' | 'deadlines';

/**
 * Draws ids from tables' identity sequences without inserting — `count` per table, in one round trip — so rows that
 * refer to each other can be written in one insertAll. Ids drawn and not used leave a gap, as a rolled-back INSERT does.
 */
export async function allocateIds<T extends IdTable>(db: Kysely<DB>, counts: Record<T, number>): Promise<Record<T, number[]>> {
  const tables = (Object.keys(counts) as T[]).filter((t) => counts[t] > 0);
  const out = Object.fromEntries((Object.keys(counts) as T[]).map((t) => [t, [] as number[]])) as Record<T, number[]>;
  if (tables.length === 0) return out;
  const r = await sql<{ t: T; id: string }>`${sql.join(
    tables.map((t) => sql`SELECT ${t}::text AS t, nextval(pg_get_serial_sequence(${t}, 'id')) AS id FROM generate_series(1, ${counts[t]})`),
    sql` UNION ALL `,
  )}`.execute(db);
  for (const row of r.rows) out[row.t].push(Number(row.id));
  // each table's ids ascending (a batch's clocks are listed by id): UNION ALL promises no order
  for (const t of tables) out[t].sort((a, b) => a - b);
  return out;
}
