import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit-chain.ts';

/** Deletes expired sessions; returns how many. Audited as one event when any were removed. */
export async function cleanupSessions(options: { db: Kysely<DB>; now: Date }): Promise<number> {
  return options.db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom('sessions').where('expires_at', '<', options.now).returning('user_id').execute();
    if (deleted.length > 0) {
      await appendAudit(trx, SYSTEM_ACTOR, { action: 'session.cleanup', entityType: 'sessions', after: { deleted: deleted.length } });
    }
    return deleted.length;
  });
}

/** VACUUM (ANALYZE): PGlite has no autovacuum, so the app does it nightly. Not a data change. */
export async function vacuumAnalyze(db: Kysely<DB>): Promise<void> {
  await sql`VACUUM (ANALYZE)`.execute(db);
}
