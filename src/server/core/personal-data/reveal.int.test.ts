import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../../../test/support/test-db.ts';
import { verifyAuditChain } from '../audit/audit-chain.ts';
import { AppError } from '../errors.ts';
import { deriveKeys, encryptValue, revealPersonalValue } from './index.ts';

describe('audited reveal of personal data', () => {
  let database: Database;
  const keys = deriveKeys(randomBytes(32));
  const actor = { userId: 7, name: '张晓燕(xfj01)', unitId: 3, ip: '127.0.0.1' };
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('needs a stated reason, and records who revealed what and why — never the value', async () => {
    const stored = encryptValue(keys, '11010519491231002X');
    await expect(
      database.db
        .transaction()
        .execute((trx) => revealPersonalValue(trx, { keys, actor, entityType: 'petitioner', entityId: 1, field: 'id_number', stored, reason: ' 看 ' })),
    ).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === 'REVEAL_REASON_REQUIRED');
    expect(await database.db.selectFrom('audit_events').selectAll().execute()).toHaveLength(0);

    const value = await database.db
      .transaction()
      .execute((trx) =>
        revealPersonalValue(trx, { keys, actor, entityType: 'petitioner', entityId: 1, field: 'id_number', stored, reason: '核实信访人身份以便电话回访' }),
      );
    expect(value).toBe('11010519491231002X');
    const events = await database.db.selectFrom('audit_events').selectAll().execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'personal.reveal',
      actor_id: 7,
      entity_type: 'petitioner',
      entity_id: '1',
      reason: '核实信访人身份以便电话回访',
    });
    expect(JSON.stringify(events)).not.toContain('11010519491231002X');
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 1 });
  });
});
