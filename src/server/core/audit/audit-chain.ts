import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { canonicalJson, toJsonValue } from './canonical-json.ts';

/** Who did it. `userId` null = the system (jobs, CLI, migrations). */
export interface Actor {
  userId: number | null;
  name: string;
  unitId: number | null;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, name: '系统', unitId: null, ip: null };
export const cliActor = (): Actor => ({ userId: null, name: `命令行(${process.env.USER ?? 'cli'})`, unitId: null, ip: null });

export interface AuditInput {
  /** dotted verb, e.g. 'user.create', 'calendar.load', 'deadline.recompute' */
  action: string;
  entityType?: string;
  entityId?: string | number;
  before?: unknown;
  after?: unknown;
  /** why (required by callers for personal-data reveals and approvals) */
  reason?: string;
}

interface HashedFields {
  seq: number;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  actor_unit_id: number | null;
  ip: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
}

export function hashEvent(e: HashedFields): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        seq: e.seq,
        at: e.at.toISOString(),
        actor_id: e.actor_id,
        actor_name: e.actor_name,
        actor_unit_id: e.actor_unit_id,
        ip: e.ip,
        action: e.action,
        entity_type: e.entity_type,
        entity_id: e.entity_id,
        reason: e.reason,
        before: e.before ?? null,
        after: e.after ?? null,
        prev_hash: e.prev_hash,
      }),
    )
    .digest('hex');
}

/**
 * Appends one audit event inside the caller's transaction (so the change and its audit row
 * commit or roll back together). See appendAuditEvents.
 */
export async function appendAudit(trx: Transaction<DB>, actor: Actor, input: AuditInput): Promise<number> {
  const [seq] = await appendAuditEvents(trx, [{ actor, input }]);
  return seq!;
}

/**
 * Appends events in order inside the caller's transaction. The head row's lock serialises appenders:
 * the chain is linear in commit order and a concurrent writer waits for the tail of a transaction.
 * A batch takes the lock once and writes its events in one statement (group commit of registrations).
 */
export async function appendAuditEvents(trx: Transaction<DB>, events: readonly { actor: Actor; input: AuditInput }[]): Promise<number[]> {
  if (events.length === 0) return [];
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ last_seq: eb('last_seq', '+', events.length) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  let seq = Number(head.last_seq) - events.length;
  let prevHash = head.last_hash;
  const at = new Date();
  const rows = events.map(({ actor, input }) => {
    seq += 1;
    const fields: HashedFields = {
      seq,
      at,
      actor_id: actor.userId,
      actor_name: actor.name,
      actor_unit_id: actor.unitId,
      ip: actor.ip,
      action: input.action,
      entity_type: input.entityType ?? null,
      entity_id: input.entityId === undefined ? null : String(input.entityId),
      reason: input.reason ?? null,
      before: input.before === undefined ? null : toJsonValue(input.before),
      after: input.after === undefined ? null : toJsonValue(input.after),
      prev_hash: prevHash,
    };
    const hash = hashEvent(fields);
    prevHash = hash;
    return {
      ...fields,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      hash,
    };
  });
  // the events and the head's new last hash in one statement (the head row stays locked until commit)
  await trx
    .with('appended', (db) => db.insertInto('audit_events').values(rows))
    .updateTable('audit_head')
    .set({ last_hash: prevHash })
    .where('id', '=', 1)
    .execute();
  return rows.map((r) => r.seq);
}

export type VerifyResult = { ok: true; count: number; lastHash: string } | { ok: false; count: number; brokenSeq: number; reason: string };

/** Walks the whole chain; reports the first event that was edited, deleted or re-ordered. */
export async function verifyAuditChain(db: Kysely<DB>, batchSize = 5000): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = 'GENESIS';
  let count = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(batchSize).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return { ok: false, count, brokenSeq: expectedSeq, reason: `第 ${expectedSeq} 号审计事件缺失（已被删除）` };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, count, brokenSeq: seq, reason: `第 ${seq} 号审计事件的前序哈希不符（链被改动）` };
      }
      const recomputed = hashEvent({ ...row, seq, before: row.before, after: row.after });
      if (recomputed !== row.hash) {
        return { ok: false, count, brokenSeq: seq, reason: `第 ${seq} 号审计事件内容与哈希不符（已被篡改）` };
      }
      prevHash = row.hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < batchSize) break;
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!head) return { ok: false, count, brokenSeq: expectedSeq, reason: '审计链头记录缺失' };
  if (Number(head.last_seq) !== count || head.last_hash !== prevHash) {
    return {
      ok: false,
      count,
      brokenSeq: count + 1,
      reason: `链尾不符：链头记录到第 ${head.last_seq} 号，实际只有 ${count} 条（末尾事件被删除）`,
    };
  }
  return { ok: true, count, lastHash: prevHash };
}
