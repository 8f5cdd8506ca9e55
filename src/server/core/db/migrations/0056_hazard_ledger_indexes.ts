import { sql, type Kysely } from 'kysely';

/**
 * Indexes the hazard ledger needs at a county's scale (issue 14's benchmark on 1M hazards, bench/hazard-ledger.ts):
 *  - hazards (found_on DESC, id DESC): the ledger's order — its first page reads 20 rows instead of sorting the whole
 *    ledger, the Excel export walks it by keyset — and the statistics' period (found_on between from and to);
 *  - hazards (due_on) of the open ones (closed_on is set exactly when a hazard is closed): the 超期 filter reads the
 *    open hazards past their 整改期限 instead of the whole ledger;
 *  - hazards (enterprise_id, due_on) of the open ones: a township's (or a department's) 超期 hazards, reached through
 *    its enterprises, without visiting the township's closed ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX hazards_found_idx ON hazards (found_on DESC, id DESC);
    CREATE INDEX hazards_open_due_idx ON hazards (due_on) WHERE closed_on IS NULL;
    CREATE INDEX hazards_open_enterprise_due_idx ON hazards (enterprise_id, due_on) WHERE closed_on IS NULL;
  `.execute(db);
}
