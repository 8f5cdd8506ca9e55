import { sql, type Kysely } from 'kysely';
import { auditKeysOf } from '../../audit/audit-key.ts';
import { KEYED_HASH_PREFIX, keyedFromMac } from '../../audit/audit-chain.ts';

/**
 * The audit chain becomes keyed: from here on every event's hash is an HMAC under the audit chain key, held
 * outside the database (core/audit/audit-key.ts), so someone with database access can no longer edit an event
 * and re-hash the rest. Events already recorded stay as they are (SHA-256, verifiable as before): rewriting
 * them with the key now would also launder any tampering that happened before the upgrade, and would change
 * hashes an administrator may have noted. The head records where the keyed part starts, sealed with the key
 * (moving it would let keyed events pass as legacy ones), and the first keyed event's hash covers the last
 * legacy hash, so the legacy part cannot be re-hashed either.
 *
 * The start is the first event already hashed with the key, if any — a restore of an older backup appends its
 * own (keyed) event before migrating — else the next event to be written. The seal needs the key: it comes from
 * the database handle the migration runs on (openDatabase's auditKeys).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations get an untyped Kysely
export async function up(db: Kysely<any>): Promise<void> {
  const { chain } = auditKeysOf(db);
  await sql`ALTER TABLE audit_head ADD COLUMN keyed_from_seq bigint, ADD COLUMN keyed_from_mac text`.execute(db);
  const head = await sql<{ last_seq: string | number; last_hash: string }>`SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE`.execute(db);
  const row = head.rows[0];
  if (row) {
    const lastSeq = Number(row.last_seq);
    const first = await sql<{ seq: string | number | null }>`
      SELECT min(seq) AS seq FROM audit_events WHERE hash LIKE ${`${KEYED_HASH_PREFIX}%`}`.execute(db);
    const keyedFrom = first.rows[0]?.seq == null ? lastSeq + 1 : Number(first.rows[0].seq);
    let prevHash = 'GENESIS';
    if (keyedFrom === lastSeq + 1) prevHash = row.last_hash;
    else if (keyedFrom > 1) {
      const before = await sql<{ hash: string }>`SELECT hash FROM audit_events WHERE seq = ${keyedFrom - 1}`.execute(db);
      // a gap there is reported by verify anyway; seal what the head says
      prevHash = before.rows[0]?.hash ?? row.last_hash;
    }
    await sql`UPDATE audit_head SET keyed_from_seq = ${keyedFrom}, keyed_from_mac = ${keyedFromMac(chain, keyedFrom, prevHash)} WHERE id = 1`.execute(db);
  }
  await sql`ALTER TABLE audit_head ALTER COLUMN keyed_from_seq SET NOT NULL, ALTER COLUMN keyed_from_mac SET NOT NULL`.execute(db);
}
