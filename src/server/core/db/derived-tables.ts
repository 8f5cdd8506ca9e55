import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Tables whose every row is computed from other tables (kept current by triggers), declared here once.
 * A backup leaves them out and a restore rebuilds them from the restored source rows — never copies them:
 * copying would fight the triggers (the restore used to stop on a duplicate key in petition_facts) and could
 * carry a stale or hand-edited derivation into the new database.
 *
 * A migration that adds a trigger-maintained table adds it here, with the rebuild its own migration uses to
 * fill the table for rows that existed before it. The restore runs the rebuild only when the table exists at the
 * backup's schema version (a later migration that creates the table fills it itself).
 */
export interface DerivedTable {
  name: string;
  /** empties and refills the table from its source tables, inside the caller's transaction */
  rebuild(trx: Transaction<DB> | Kysely<DB>): Promise<void>;
}

export const DERIVED_TABLES: readonly DerivedTable[] = [
  {
    // migration 0010 (the same function its triggers call for the rows a statement touched)
    name: 'petition_facts',
    rebuild: async (trx) => {
      await sql`DELETE FROM petition_facts`.execute(trx);
      await sql`SELECT petition_facts_refresh(ARRAY(SELECT id FROM petitions))`.execute(trx);
    },
  },
  {
    // migration 0075: the dashboard's 新增 rollup, from work_items (whose handling_unit_path and running_due columns
    // are restored with the items themselves, as their triggers left them)
    name: 'dashboard_monthly_new',
    rebuild: async (trx) => {
      await sql`SELECT dashboard_monthly_new_rebuild()`.execute(trx);
    },
  },
  {
    // migration 0097: the dashboard's open items counted per module × owner × handling unit × nearest due date, from
    // work_items (its stored handling_unit_path and running_due restored with the items)
    name: 'dashboard_open_counts',
    rebuild: async (trx) => {
      await sql`SELECT dashboard_open_counts_rebuild()`.execute(trx);
    },
  },
  {
    // migration 0089: 隐患统计's facts (the same function its triggers call for the hazards a statement touched)
    name: 'hazard_facts',
    rebuild: async (trx) => {
      await sql`DELETE FROM hazard_facts`.execute(trx);
      await sql`SELECT hazard_facts_refresh(ARRAY(SELECT id FROM hazards))`.execute(trx);
    },
  },
  {
    // migration 0090: 矛盾纠纷 facts (the same function its triggers call for the rows a statement touched)
    name: 'dispute_facts',
    rebuild: async (trx) => {
      await sql`DELETE FROM dispute_facts`.execute(trx);
      await sql`SELECT dispute_facts_refresh(ARRAY(SELECT id FROM disputes))`.execute(trx);
    },
  },
  {
    // migration 0090: the 矛盾纠纷统计 daily rollup, from dispute_facts (rebuilt just above)
    name: 'dispute_stats_daily',
    rebuild: async (trx) => {
      await sql`SELECT dispute_stats_daily_rebuild()`.execute(trx);
    },
  },
];

export const DERIVED_TABLE_NAMES: ReadonlySet<string> = new Set(DERIVED_TABLES.map((t) => t.name));

/** Rebuilds every declared derived table present in this database; returns each one's row count. */
export async function rebuildDerivedTables(trx: Transaction<DB> | Kysely<DB>): Promise<{ name: string; rows: number }[]> {
  const rebuilt: { name: string; rows: number }[] = [];
  for (const table of DERIVED_TABLES) {
    const exists = await sql<{ t: string | null }>`SELECT to_regclass(${`public.${table.name}`})::text AS t`.execute(trx);
    if (!exists.rows[0]?.t) continue;
    await table.rebuild(trx);
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table.name)}`.execute(trx);
    rebuilt.push({ name: table.name, rows: n.rows[0]!.n });
  }
  return rebuilt;
}
