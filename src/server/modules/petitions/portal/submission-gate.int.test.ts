import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, type TestUnitTree } from '../../../../../test/support/login.ts';
import { loadPersonalDataKeys } from '../../../core/personal-data/index.ts';
import { createCaptcha } from './captcha.ts';
import { countHits } from './rate-limit.ts';
import { countAndJudge, readGateContext, type GateItem, type GateOutcome } from './submission-gate.ts';
import { solvePow } from '../../../../../test/support/portal-captcha.ts';

/** The gate judges submissions that arrive together in one batch: the outcomes must be those of one-by-one checks. */
describe('portal submission gate (batched checks)', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  const ANSWER = '7';
  let t: TestApp;
  let judge: (items: GateItem[]) => Promise<GateOutcome[]>;
  const gate = async (one: GateItem) => (await judge([one]))[0]!;
  let tree: TestUnitTree;

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    tree = await createUnitTree(t);
    const keys = loadPersonalDataKeys({ secret: t.config.secretKey, dataDir: t.config.dataDir });
    judge = async (items) => countAndJudge(t.database.db, keys, items, await readGateContext(t.database.db, items));
    await t.database.db
      .insertInto('settings')
      .values({
        key: 'portal.rate_limits',
        value: JSON.stringify({ submitPerIp: { max: 3, windowSeconds: 3600 }, submitPerPhone: { max: 2, windowSeconds: 86400 } }),
      })
      .execute();
  });
  afterAll(() => t.close());

  const captcha = async () => {
    const c = await createCaptcha(t.database.db, { now, testAnswer: ANSWER, powBits: 4 });
    return { id: c.id, answer: ANSWER, nonce: solvePow(c.id, c.pow.bits) };
  };
  let n = 0;
  const item = async (over: Partial<GateItem> = {}): Promise<GateItem> => ({
    idempotencyKey: `gate-${++n}`,
    ip: `192.0.2.${n}`,
    phone: undefined,
    captcha: await captcha(),
    attachments: [],
    now,
    ...over,
  });

  it('five submissions at once from one address with a limit of three: three pass, two are limited with the time to wait', async () => {
    const items = await Promise.all(Array.from({ length: 5 }, () => item({ ip: '198.51.100.7' })));
    const outcomes = await judge(items);
    expect(outcomes.filter((o) => o.kind === 'pass')).toHaveLength(3);
    const limited = outcomes.filter((o) => o.kind === 'limited');
    expect(limited).toHaveLength(2);
    for (const o of limited) if (o.kind === 'limited') expect(o.over.retryAfter).toBeGreaterThan(0);
  });

  it('the phone is limited across addresses', async () => {
    const items = await Promise.all(Array.from({ length: 4 }, () => item({ phone: '13800138000' })));
    const outcomes = await judge(items);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['limited', 'limited', 'pass', 'pass']);
  });

  it('one captcha sent twice at once serves one submission; a wrong answer fails', async () => {
    const shared = await captcha();
    const outcomes = await judge([
      await item({ captcha: shared }),
      await item({ captcha: shared }),
      await item({ captcha: { ...(await captcha()), answer: '8' } }),
    ]);
    expect(outcomes.slice(0, 2).map((o) => o.kind)).toEqual(['pass', 'captcha-wrong']);
    expect(outcomes[2]!.kind).toBe('captcha-wrong');
  });

  it('an unknown attachment token is refused; a claimed key is a retry, and nothing is counted or spent for it', async () => {
    expect((await gate(await item({ attachments: ['no-such-token'] }))).kind).toBe('attachment-invalid');
    const first = await item();
    expect((await gate(first)).kind).toBe('pass');
    // the claim a registration stores with its case (the gate reads the key only)
    const { county } = tree;
    const workItem = await t.database.db
      .insertInto('work_items')
      .values({ module: 'petition', ref_no: 'GATE-1', title: '测试', state: 'registered', owner_unit_id: county.id, owner_unit_path: county.path })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('intake_idempotency')
      .values({ scope: 'portal', key: first.idempotencyKey, request_hash: 'x', work_item_id: workItem.id, query_code_enc: 'x' })
      .execute();
    const again = { ...first, captcha: await captcha() };
    expect((await gate(again)).kind).toBe('retry');
    // the retry's captcha is still unused
    const row = await t.database.db.selectFrom('portal_captchas').select('used_at').where('id', '=', again.captcha.id).executeTakeFirstOrThrow();
    expect(row.used_at).toBeNull();
  });

  it('countHits: a bucket named twice in one call counts twice, and the later entry sees the higher count', async () => {
    const limit = { what: '测试', max: 1, windowSeconds: 60 };
    const verdicts = await countHits(t.database.db, {
      hits: [
        { bucket: 'test:a', limit },
        { bucket: 'test:b', limit },
        { bucket: 'test:a', limit },
      ],
      now,
    });
    expect(verdicts.map((v) => v !== null)).toEqual([false, false, true]);
    const rows = await t.database.db
      .selectFrom('rate_limit_counters')
      .select(['bucket', 'hits'])
      .where('bucket', 'in', ['test:a', 'test:b'])
      .orderBy('bucket')
      .execute();
    expect(rows.map((r) => [r.bucket, Number(r.hits)])).toEqual([
      ['test:a', 2],
      ['test:b', 1],
    ]);
  });
});
