import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, type TestUnitTree } from '../../../../test/support/login.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';
import { loadPersonalDataKeys } from '../../core/personal-data/index.ts';
import { intakeBody } from './intake-schema.ts';
import { createOnlineRegistration, ONLINE_INTAKE_UNIT_SETTING, type OnlineSubmission } from './register-online.ts';

describe('online registration (portal / Open311 entry)', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let register: ReturnType<typeof createOnlineRegistration>;
  let catId: number;
  let xfjUnitId: number;

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    xfjUnitId = (await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县信访局' })).id;
    const keys = loadPersonalDataKeys({ secret: t.config.secretKey, dataDir: t.config.dataDir });
    register = createOnlineRegistration(t.database.db, keys);
    const cat = await t.database.db.selectFrom('petition_categories').select('id').where('parent_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    catId = Number(cat.id);
  });
  afterAll(() => t.close());

  const submission = (key: string | null, title = '小区路灯长期不亮'): OnlineSubmission => {
    const body = intakeBody.parse({
      channel: 'online',
      petitioners: [{ name: '赵六', phone: '13912345678' }],
      matterType: 'suggestion',
      categoryId: catId,
      placeUnitId: tree.townships[0].id,
      title,
      content: '小区东门路灯已坏三个月，夜间出行不便。',
    });
    return {
      body,
      actor: { userId: null, name: '网上信访（群众）', unitId: null, ip: '127.0.0.1' },
      now,
      idempotency: key ? { scope: 'portal', key, request: body } : null,
    };
  };

  it('owned by the county until an intake unit is configured, then by that unit', async () => {
    const a = await register(submission(null));
    const ownerA = await t.database.db.selectFrom('work_items').select('owner_unit_id').where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(Number(ownerA.owner_unit_id)).toBe(tree.county.id);
    await t.database.db
      .insertInto('settings')
      .values({ key: ONLINE_INTAKE_UNIT_SETTING, value: JSON.stringify(xfjUnitId) })
      .execute();
    const b = await register(submission(null));
    const ownerB = await t.database.db.selectFrom('work_items').select('owner_unit_id').where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(Number(ownerB.owner_unit_id)).toBe(xfjUnitId);
    const channel = await t.database.db.selectFrom('petitions').select('channel').where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(channel.channel).toBe('online');
  });

  it('a retried submission with the same key answers with the same case and code; never a second case', async () => {
    const first = await register(submission('key-retry-1'));
    const again = await register(submission('key-retry-1'));
    expect(first.replayed).toBe(false);
    expect(again).toMatchObject({ id: first.id, caseNo: first.caseNo, queryCode: first.queryCode, replayed: true });
    const cases = await t.database.db.selectFrom('intake_idempotency').select('work_item_id').where('key', '=', 'key-retry-1').execute();
    expect(cases).toHaveLength(1);
  });

  it('the same key sent five times at once still makes one case', async () => {
    const before = Number(
      (
        await t.database.db
          .selectFrom('petitions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => register(submission('key-burst'))));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.queryCode)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const after = Number(
      (
        await t.database.db
          .selectFrom('petitions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before + 1);
  });

  it('the same key with a different request is refused (409) and registers nothing', async () => {
    await register(submission('key-reused'));
    await expect(register(submission('key-reused', '另一件事：噪音扰民'))).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });
});
