import { createHash, createHmac } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { canonicalJson, toJsonValue } from './canonical-json.ts';
import { auditKeysOf } from './audit-key.ts';
import { auditTimeOf } from './audit-time.ts';
import type { Checkpoint } from './checkpoint.ts';

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

export interface HashedFields {
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

/** The text an event's hash is computed over: canonical JSON of every recorded field and the previous hash. */
function eventText(e: HashedFields): string {
  return canonicalJson({
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
  });
}

/** Keyed hashes are stored with this prefix, so a reader (and migration 0022) tells them from the legacy ones. */
export const KEYED_HASH_PREFIX = 'hmac:';

/**
 * The chain's hash before migration 0022: SHA-256 without a key. Anyone with database access can compute it,
 * so it proves nothing against someone who edits a row and re-hashes the rest; it is kept only to verify
 * events recorded before the upgrade (`audit_head.keyed_from_seq`).
 */
export function legacyHashEvent(e: HashedFields): string {
  return createHash('sha256').update(eventText(e)).digest('hex');
}

/** The chain's hash since migration 0022: HMAC-SHA256 under the audit chain key (held outside the database). */
export function keyedHashEvent(chainKey: Buffer, e: HashedFields): string {
  return KEYED_HASH_PREFIX + createHmac('sha256', chainKey).update(eventText(e)).digest('hex');
}

/**
 * The seal on the chain's keyed start (`audit_head.keyed_from_seq`, written by migration 0022): the first keyed
 * sequence number and the hash before it, under the key. Moving the start to turn keyed events into "legacy"
 * ones (re-hashable without the key), or re-hashing the legacy events before it, breaks the seal.
 */
export function keyedFromMac(chainKey: Buffer, keyedFrom: number, prevHash: string): string {
  return createHmac('sha256', chainKey)
    .update(canonicalJson({ purpose: 'anwen.audit.keyed-from', keyedFrom, prevHash }))
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
 * Each event is hashed with the key of the database the transaction belongs to (HMAC, see audit-key.ts). Only
 * `last_seq`/`last_hash` of the head are touched, so this also works on a schema older than migration 0022
 * (a restore appends its event before migrating; 0022 then starts the keyed part at that event).
 */
export async function appendAuditEvents(trx: Transaction<DB>, events: readonly { actor: Actor; input: AuditInput }[]): Promise<number[]> {
  if (events.length === 0) return [];
  const { chain: chainKey } = auditKeysOf(trx);
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ last_seq: eb('last_seq', '+', events.length) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  let seq = Number(head.last_seq) - events.length;
  let prevHash = head.last_hash;
  const at = auditTimeOf(trx);
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
    const hash = keyedHashEvent(chainKey, fields);
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

export type VerifyResult =
  | { ok: true; count: number; lastHash: string; /** first keyed sequence number (events before it are legacy SHA-256) */ keyedFrom: number }
  | {
      ok: false;
      count: number;
      brokenSeq: number;
      reason: string;
      /** the action code of the event at brokenSeq (null when that event is gone) */
      action: string | null;
    };

export interface VerifyOptions {
  /** signed head checkpoints the admin exported earlier (checked with readCheckpoint): the chain must still pass through each */
  checkpoints?: readonly Checkpoint[];
  /** an action's zh-CN name (core knows only codes: the CLI and the routes pass the catalog's audit vocabulary) */
  actionName?: (action: string) => string;
  batchSize?: number;
}

type Row = Awaited<ReturnType<typeof readRows>>[number];
const readRows = (db: Kysely<DB>, from: number, to: number, limit: number) =>
  db.selectFrom('audit_events').selectAll().where('seq', '>=', from).where('seq', '<=', to).orderBy('seq').limit(limit).execute();

const shortHash = (hash: string) => (hash.startsWith(KEYED_HASH_PREFIX) ? hash.slice(KEYED_HASH_PREFIX.length) : hash).slice(0, 12);

/**
 * Walks the whole chain up to the head as it was when the walk began (later appends are not its business) and
 * reports the first event that was edited, re-hashed without the key, deleted or re-ordered, a moved keyed start,
 * a head that no longer matches the chain, and — against the checkpoints given — a chain that no longer passes
 * through a checkpoint's head (its tail deleted, the head moved back, or earlier events rewritten). The failure
 * names the event by number and by action.
 */
export async function verifyAuditChain(db: Kysely<DB>, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const batchSize = opts.batchSize ?? 5000;
  const { chain: chainKey } = auditKeysOf(db);
  const label = (action: string) => {
    const name = opts.actionName?.(action) ?? action;
    return name === action ? `「${action}」` : `「${name}」（${action}）`;
  };
  const eventName = (seq: number, action: string) => `第 ${seq} 号审计事件${label(action)}`;
  const checkpoints = [...(opts.checkpoints ?? [])].sort((a, b) => a.seq - b.seq);
  const checkpointAt = new Map(checkpoints.map((c) => [c.seq, c]));
  let count = 0;
  const fail = (brokenSeq: number, reason: string, action: string | null = null): VerifyResult => ({ ok: false, count, brokenSeq, reason, action });

  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!head) return fail(1, '审计链头记录缺失');
  const headSeq = Number(head.last_seq);
  if (head.keyed_from_seq === null || head.keyed_from_mac === null) return fail(1, '审计链的密钥起点记录缺失（已被清除）');
  const keyedFrom = Number(head.keyed_from_seq);
  let sealChecked = false;
  const sealHolds = (prevHash: string) => head.keyed_from_mac === keyedFromMac(chainKey, keyedFrom, prevHash);
  const sealBroken = () => fail(keyedFrom, `审计链的密钥起点（第 ${keyedFrom} 号）记录被改动，或其前的事件被改写后重算了哈希：密钥起点的签名不符`);

  let expectedSeq = 1;
  let prevHash = 'GENESIS';
  for (;;) {
    const rows: Row[] = await readRows(db, expectedSeq, headSeq, batchSize);
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return fail(expectedSeq, `第 ${expectedSeq} 号审计事件缺失（已被删除）；其后现存的是${eventName(seq, row.action)}`);
      }
      if (seq === keyedFrom) {
        if (!sealHolds(prevHash)) return sealBroken();
        sealChecked = true;
      }
      if (row.prev_hash !== prevHash) {
        return fail(seq, `${eventName(seq, row.action)}的前序哈希不符（链被改动）`, row.action);
      }
      const fields = { ...row, seq, before: row.before, after: row.after };
      if (seq < keyedFrom) {
        if (row.hash.startsWith(KEYED_HASH_PREFIX) || legacyHashEvent(fields) !== row.hash) {
          return fail(seq, `${eventName(seq, row.action)}内容与哈希不符（已被篡改）`, row.action);
        }
      } else if (keyedHashEvent(chainKey, fields) !== row.hash) {
        const rehashed = !row.hash.startsWith(KEYED_HASH_PREFIX) && legacyHashEvent(fields) === row.hash;
        return fail(
          seq,
          rehashed
            ? `${eventName(seq, row.action)}的哈希不是用本系统密钥计算的：记录被改动后用无密钥的算法重算了哈希（已被篡改）`
            : `${eventName(seq, row.action)}内容与哈希不符（已被篡改，或数据库所用的密钥与写入时不同）`,
          row.action,
        );
      }
      const checkpoint = checkpointAt.get(seq);
      if (checkpoint && checkpoint.hash !== row.hash) {
        return fail(
          seq,
          `${eventName(seq, row.action)}与 ${checkpoint.at} 导出的检查点不符（检查点哈希 ${shortHash(checkpoint.hash)}…，现为 ${shortHash(row.hash)}…）：检查点之前的事件被改写或整条链被重建`,
          row.action,
        );
      }
      prevHash = row.hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < batchSize || expectedSeq > headSeq) break;
  }
  if (count < headSeq) {
    return fail(count + 1, `链尾不符：链头记录到第 ${headSeq} 号，实际只有 ${count} 条（第 ${count + 1} 号起的末尾事件被删除）`);
  }
  if (!sealChecked && (keyedFrom !== count + 1 || !sealHolds(prevHash))) return sealBroken();
  if (head.last_hash !== prevHash) {
    return fail(count, `链头记录的哈希与最后一条事件（第 ${count} 号）不符（链头被改动）`);
  }
  const lost = checkpoints.find((c) => c.seq > count);
  if (lost) {
    return fail(count + 1, `审计链不再包含 ${lost.at} 导出的检查点：检查点记录链已到第 ${lost.seq} 号，现在只到第 ${count} 号（末尾事件被删除、链头被移回）`);
  }
  // a head moved back over rows that were left in place: events beyond the head (read before the head, so an append
  // that commits meanwhile is counted by the head too)
  const beyond = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('max'))
    .executeTakeFirst();
  const now = await db.selectFrom('audit_head').select('last_seq').where('id', '=', 1).executeTakeFirst();
  if (beyond?.max !== null && beyond?.max !== undefined && Number(beyond.max) > Number(now?.last_seq ?? headSeq)) {
    return fail(count + 1, `链头被移回：链头记录到第 ${headSeq} 号，但其后仍有事件（直到第 ${beyond.max} 号）`);
  }
  return { ok: true, count, lastHash: prevHash, keyedFrom };
}
