import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { MIGRATIONS, migrateToLatest } from '../db/migrate.ts';
import { openTestDatabase } from '../../../../test/support/test-db.ts';
import {
  appendAudit,
  KEYED_HASH_PREFIX,
  keyedFromMac,
  keyedHashEvent,
  legacyHashEvent,
  SYSTEM_ACTOR,
  verifyAuditChain,
  type HashedFields,
} from './audit-chain.ts';
import { auditKeysOf, deriveAuditKeys } from './audit-key.ts';
import { readCheckpoint, signCheckpoint, takeCheckpoint } from './checkpoint.ts';

describe('audit chain', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    for (let i = 1; i <= 5; i++) {
      await database.db
        .transaction()
        .execute((trx) =>
          appendAudit(
            trx,
            { ...SYSTEM_ACTOR, ip: '127.0.0.1' },
            { action: 'test.write', entityType: 'thing', entityId: i, before: { n: i - 1 }, after: { n: i, at: new Date('2026-08-05T01:02:03Z') } },
          ),
        );
    }
  });
  afterAll(() => database.close());

  it('verifies an intact chain', async () => {
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 5 });
  });

  it('does not record an event whose transaction rolled back', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await appendAudit(trx, SYSTEM_ACTOR, { action: 'test.rollback' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 5 });
  });

  it('keeps one linear chain under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        database.db.transaction().execute((trx) => appendAudit(trx, SYSTEM_ACTOR, { action: 'test.concurrent', entityId: i })),
      ),
    );
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 15 });
  });

  it('names the first edited event', async () => {
    await sql`UPDATE audit_events SET after = '{"n": 99}'::jsonb WHERE seq = 3`.execute(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenSeq: 3 });
  });

  it('names a deleted event, and a deleted tail', async () => {
    const fresh = await openTestDatabase();
    try {
      for (let i = 0; i < 4; i++) await fresh.db.transaction().execute((trx) => appendAudit(trx, SYSTEM_ACTOR, { action: 'x', entityId: i }));
      await sql`DELETE FROM audit_events WHERE seq = 4`.execute(fresh.db);
      const tail = await verifyAuditChain(fresh.db);
      expect(tail).toMatchObject({ ok: false, brokenSeq: 4 });
      await sql`DELETE FROM audit_events WHERE seq = 2`.execute(fresh.db);
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ ok: false, brokenSeq: 2 });
    } finally {
      await fresh.close();
    }
  });
});

/**
 * The attacks of issue 12, with database access but not the key: each passed `verify` while the chain was
 * SHA-256 without a key; each must now fail, naming the event by number and action.
 */
describe('audit chain against someone with database access', () => {
  let database: Database;
  const name = (action: string) => (action === 'test.write' ? '测试写入' : action);
  const append = (n: number, action = 'test.write') =>
    database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < n; i++) await appendAudit(trx, SYSTEM_ACTOR, { action, entityType: 'thing', entityId: i, after: { n: i } });
    });
  /** what the attacker does: rewrite rows from..to with a hash function of their choosing, relink them and move the head */
  const rehash = async (from: number, hash: (e: HashedFields) => string) => {
    const rows = await database.db.selectFrom('audit_events').selectAll().where('seq', '>=', from).orderBy('seq').execute();
    let prev =
      from === 1
        ? 'GENESIS'
        : (
            await database.db
              .selectFrom('audit_events')
              .select('hash')
              .where('seq', '=', from - 1)
              .executeTakeFirstOrThrow()
          ).hash;
    for (const row of rows) {
      const h = hash({ ...row, seq: Number(row.seq), prev_hash: prev });
      await database.db.updateTable('audit_events').set({ prev_hash: prev, hash: h }).where('seq', '=', row.seq).execute();
      prev = h;
    }
    await database.db.updateTable('audit_head').set({ last_hash: prev }).where('id', '=', 1).execute();
  };

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());
  // every attack starts from the same five intact events (one database for all: a fresh one costs seconds)
  beforeEach(async () => {
    await sql`DELETE FROM audit_events`.execute(database.db);
    const mac = keyedFromMac(auditKeysOf(database.db).chain, 1, 'GENESIS');
    await sql`UPDATE audit_head SET last_seq = 0, last_hash = 'GENESIS', keyed_from_seq = 1, keyed_from_mac = ${mac}`.execute(database.db);
    await append(5);
  });

  it('catches an event edited and the chain re-hashed with the unkeyed function, naming its action', async () => {
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 5, keyedFrom: 1 });
    await sql`UPDATE audit_events SET after = '{"n": 99}'::jsonb WHERE seq = 3`.execute(database.db);
    await rehash(3, legacyHashEvent);
    const result = await verifyAuditChain(database.db, { actionName: name });
    expect(result).toMatchObject({ ok: false, brokenSeq: 3, count: 2, action: 'test.write' });
    expect(result.ok || result.reason).toContain('第 3 号审计事件「测试写入」（test.write）');
    expect(result.ok || result.reason).toContain('无密钥');
  });

  it('catches a chain re-hashed under a guessed key', async () => {
    await sql`UPDATE audit_events SET actor_name = '他人' WHERE seq = 2`.execute(database.db);
    const guessed = deriveAuditKeys(randomBytes(32)).chain;
    await rehash(2, (e) => keyedHashEvent(guessed, e));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenSeq: 2, action: 'test.write' });
  });

  it('catches a keyed start moved to pass keyed events off as legacy ones', async () => {
    await sql`UPDATE audit_events SET after = '{"n": 99}'::jsonb WHERE seq = 4`.execute(database.db);
    await rehash(1, legacyHashEvent);
    await sql`UPDATE audit_head SET keyed_from_seq = 6`.execute(database.db);
    const result = await verifyAuditChain(database.db);
    expect(result).toMatchObject({ ok: false, brokenSeq: 6 });
    expect(result.ok || result.reason).toContain('密钥起点');
  });

  it('catches a deleted tail with the head moved back — against a checkpoint taken before', async () => {
    const taken = await takeCheckpoint(database.db, { now: new Date('2026-08-05T08:00:00Z') });
    if (!taken.ok) throw new Error(taken.result.reason);
    expect(taken.checkpoint).toMatchObject({ seq: 5, at: '2026-08-05T08:00:00.000Z' });
    const checkpoint = readCheckpoint(auditKeysOf(database.db), JSON.parse(JSON.stringify(taken.checkpoint)));
    expect(await verifyAuditChain(database.db, { checkpoints: [checkpoint] })).toMatchObject({ ok: true, count: 5 });

    await sql`DELETE FROM audit_events WHERE seq > 3`.execute(database.db);
    await sql`UPDATE audit_head SET last_seq = 3, last_hash = (SELECT hash FROM audit_events WHERE seq = 3)`.execute(database.db);
    // the database alone cannot tell a shorter chain from a younger one…
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 3 });
    // …the checkpoint can
    const truncated = await verifyAuditChain(database.db, { checkpoints: [checkpoint] });
    expect(truncated).toMatchObject({ ok: false, brokenSeq: 4, count: 3 });
    expect(truncated.ok || truncated.reason).toContain('不再包含 2026-08-05T08:00:00.000Z 导出的检查点');
    // and still after new events have filled the gap with other ones
    await append(4, 'test.later');
    const refilled = await verifyAuditChain(database.db, { checkpoints: [checkpoint], actionName: name });
    expect(refilled).toMatchObject({ ok: false, brokenSeq: 5, action: 'test.later' });
    expect(refilled.ok || refilled.reason).toContain('检查点不符');
  });

  it('catches a head moved back over events left in place', async () => {
    await sql`UPDATE audit_head SET last_seq = 3, last_hash = (SELECT hash FROM audit_events WHERE seq = 3)`.execute(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenSeq: 4 });
  });

  it('refuses a checkpoint that was altered or signed with another key', async () => {
    const taken = await takeCheckpoint(database.db, { now: new Date() });
    if (!taken.ok) throw new Error(taken.result.reason);
    const keys = auditKeysOf(database.db);
    expect(() => readCheckpoint(keys, { ...taken.checkpoint, seq: 9 })).toThrow('签名不符');
    expect(() => readCheckpoint(keys, { ...taken.checkpoint, hash: 'hmac:00' })).toThrow('签名不符');
    const other = signCheckpoint(deriveAuditKeys(randomBytes(32)), { seq: 5, hash: taken.checkpoint.hash }, new Date());
    expect(() => readCheckpoint(keys, other)).toThrow('另一把密钥');
    expect(() => readCheckpoint(keys, { seq: 5 })).toThrow('格式不符');
  });

  it('exports no checkpoint of a broken chain', async () => {
    await sql`UPDATE audit_events SET reason = 'x' WHERE seq = 2`.execute(database.db);
    expect(await takeCheckpoint(database.db, { now: new Date() })).toMatchObject({ ok: false, result: { brokenSeq: 2 } });
  });
});

/** Installations upgraded from the unkeyed chain: their events stay verifiable, and are protected from the upgrade on. */
describe('audit chain recorded before the key (migration 0022)', () => {
  const names = Object.keys(MIGRATIONS);
  const beforeKeyed = names[names.indexOf('0022_keyed_audit_chain') - 1]!;
  let database: Database;

  /** what appendAudit wrote before the upgrade: SHA-256 without a key */
  const appendLegacy = async (n: number) => {
    const head = await database.db.selectFrom('audit_head').select(['last_seq', 'last_hash']).executeTakeFirstOrThrow();
    let seq = Number(head.last_seq);
    let prev = head.last_hash;
    for (let i = 0; i < n; i++) {
      seq++;
      const fields: HashedFields = {
        seq,
        at: new Date('2026-01-02T03:04:05Z'),
        actor_id: null,
        actor_name: '系统',
        actor_unit_id: null,
        ip: null,
        action: 'legacy.write',
        entity_type: 'thing',
        entity_id: String(i),
        reason: null,
        before: null,
        after: { i },
        prev_hash: prev,
      };
      const hash = legacyHashEvent(fields);
      await database.db
        .insertInto('audit_events')
        .values({ ...fields, before: null, after: JSON.stringify(fields.after), hash })
        .execute();
      prev = hash;
    }
    await database.db.updateTable('audit_head').set({ last_seq: seq, last_hash: prev }).where('id', '=', 1).execute();
  };

  beforeEach(async () => {
    database = await openTestDatabase({ migrate: false });
    const { error } = await new Migrator({ db: database.db, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo(beforeKeyed);
    if (error) throw error;
  });
  afterEach(() => database.close());

  it('keeps verifying the legacy events, keys the new ones, and catches the legacy part re-hashed', async () => {
    await appendLegacy(4);
    await migrateToLatest(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 4, keyedFrom: 5 });
    await database.db.transaction().execute((trx) => appendAudit(trx, SYSTEM_ACTOR, { action: 'test.after-upgrade' }));
    await database.db.transaction().execute((trx) => appendAudit(trx, SYSTEM_ACTOR, { action: 'test.after-upgrade' }));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 6, keyedFrom: 5 });
    const fifth = await database.db.selectFrom('audit_events').select('hash').where('seq', '=', 5).executeTakeFirstOrThrow();
    expect(fifth.hash.startsWith(KEYED_HASH_PREFIX)).toBe(true);

    // an edited legacy event re-hashed up to the keyed start no longer links to the first keyed event
    await sql`UPDATE audit_events SET after = '{"i": 99}'::jsonb WHERE seq = 2`.execute(database.db);
    let prev = (await database.db.selectFrom('audit_events').select('hash').where('seq', '=', 1).executeTakeFirstOrThrow()).hash;
    for (let seq = 2; seq <= 4; seq++) {
      const row = await database.db.selectFrom('audit_events').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
      const hash = legacyHashEvent({ ...row, seq, prev_hash: prev });
      await database.db.updateTable('audit_events').set({ prev_hash: prev, hash }).where('seq', '=', seq).execute();
      prev = hash;
    }
    await database.db.updateTable('audit_events').set({ prev_hash: prev }).where('seq', '=', 5).execute();
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenSeq: 5 });
  });

  it('starts the keyed part at an event appended before migrating (a restore of an older backup)', async () => {
    await appendLegacy(3);
    await database.db.transaction().execute((trx) => appendAudit(trx, SYSTEM_ACTOR, { action: 'backup.restore' }));
    await migrateToLatest(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 4, keyedFrom: 4 });
  });
});
