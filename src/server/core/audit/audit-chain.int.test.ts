import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../../../test/support/test-db.ts';
import { appendAudit, SYSTEM_ACTOR, verifyAuditChain } from './audit-chain.ts';

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
