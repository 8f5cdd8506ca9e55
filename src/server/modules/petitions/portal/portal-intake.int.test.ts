import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { loadPersonalDataKeys, type PersonalDataKeys } from '../../../core/personal-data/index.ts';
import { AppError } from '../../../core/errors.ts';
import { prepareFor } from '../register-petition.ts';
import { intakeBody } from '../intake-schema.ts';
import { createCaptcha } from './captcha.ts';
import { bucketOf } from './rate-limit.ts';
import { createPortalIntake, type PortalIntakeAnswer, type PortalSubmission } from './portal-intake.ts';
import { solvePow } from '../../../../../test/support/portal-captcha.ts';

/**
 * The portal judges and registers the submissions that arrive together in one batch. A batch whose write fails is
 * retried item by item: each submission must then be judged once — counted once against its limits, its captcha spent
 * once — and a bad one must fail alone.
 */
describe('portal intake (gate and registration in one batch)', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  const ANSWER = '7';
  let t: TestApp;
  let tree: TestUnitTree;
  let keys: PersonalDataKeys;
  let intake: (s: PortalSubmission) => Promise<PortalIntakeAnswer>;
  let catId: number;

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    keys = loadPersonalDataKeys({ secret: t.config.secretKey, dataDir: t.config.dataDir });
    intake = createPortalIntake(t.database.db, keys);
    catId = Number(
      (await t.database.db.selectFrom('petition_categories').select('id').where('parent_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow()).id,
    );
  });
  afterAll(() => t.close());

  let n = 0;
  const submission = async (ip: string, over: { placeUnitId?: number; invalid?: boolean } = {}): Promise<PortalSubmission> => {
    const k = ++n;
    const body = intakeBody.parse({
      channel: 'online',
      anonymous: false,
      petitioners: [{ name: `网民${k}`, phone: `1370000${String(k).padStart(4, '0')}` }],
      matterType: 'appeal',
      categoryId: catId,
      placeUnitId: over.placeUnitId ?? tree.villages[0][0].id,
      title: `路灯不亮 ${k}`,
      content: `村口路灯坏了一个月（第 ${k} 件）。`,
    });
    const captcha = await createCaptcha(t.database.db, { now, testAnswer: ANSWER, powBits: 4 });
    return {
      gate: {
        idempotencyKey: `intake-${k}`,
        ip,
        phone: undefined,
        captcha: { id: captcha.id, answer: ANSWER, nonce: solvePow(captcha.id, captcha.pow.bits) },
        attachments: [],
        now,
      },
      prepare: (owner) => {
        if (over.invalid) throw new AppError('VALIDATION_FAILED', { detail: 'title：请填写标题' }, { field: 'title' });
        return prepareFor({
          keys,
          actor: { userId: null, name: '网上信访人', unitId: null, ip },
          now,
          body,
          owner,
          idempotency: { scope: 'portal', key: `intake-${k}`, requestHash: 'h' },
        });
      },
    };
  };
  /** the hits counted for this address, over every window */
  const hitsOf = async (ip: string) => {
    const rows = await t.database.db
      .selectFrom('rate_limit_counters')
      .select('hits')
      .where('bucket', '=', bucketOf(keys, 'submitPerIp', ip))
      .execute();
    return rows.reduce((sum, r) => sum + Number(r.hits), 0);
  };

  it('a submission with an unknown place fails alone after the batch is retried; the others are registered; each is counted and charged once', async () => {
    const ip = '203.0.113.5';
    const subs = [await submission(ip), await submission(ip, { placeUnitId: 999_999 }), await submission(ip)];
    const outcomes = await Promise.allSettled(subs.map(intake));
    expect(outcomes[0]!.status === 'fulfilled' && outcomes[0]!.value.kind).toBe('registered');
    expect(outcomes[2]!.status === 'fulfilled' && outcomes[2]!.value.kind).toBe('registered');
    // judged again on the retry, its captcha would have been found spent (captcha-wrong) instead
    expect(outcomes[1]!.status).toBe('rejected');
    expect(((outcomes[1] as PromiseRejectedResult).reason as AppError).code).toBe('UNIT_INVALID');
    expect(await hitsOf(ip)).toBe(3);
    const spent = await t.database.db
      .selectFrom('portal_captchas')
      .select('used_at')
      .where(
        'id',
        'in',
        subs.map((s) => s.gate.captcha.id),
      )
      .execute();
    expect(spent).toHaveLength(3);
    expect(spent.every((c) => c.used_at !== null)).toBe(true);
  });

  it('a form that fails its checks is answered invalid without failing the batch; nothing is registered for it', async () => {
    const subs = [await submission('203.0.113.6'), await submission('203.0.113.6', { invalid: true }), await submission('203.0.113.6')];
    const answers = await Promise.all(subs.map(intake));
    expect(answers.map((a) => a.kind)).toEqual(['registered', 'invalid', 'registered']);
    const claims = await t.database.db
      .selectFrom('intake_idempotency')
      .select('key')
      .where(
        'key',
        'in',
        subs.map((s) => s.gate.idempotencyKey),
      )
      .execute();
    expect(claims.map((c) => c.key).sort()).toEqual([subs[0]!.gate.idempotencyKey, subs[2]!.gate.idempotencyKey].sort());
  });

  it('a submission the gate refuses is answered with the refusal, even when its place is unknown too; the others are registered', async () => {
    const bad = await submission('203.0.113.8', { placeUnitId: 999_998 });
    const subs = [
      await submission('203.0.113.8'),
      { ...bad, gate: { ...bad.gate, captcha: { ...bad.gate.captcha, answer: '8' } } },
      await submission('203.0.113.8'),
    ];
    const answers = await Promise.all(subs.map(intake));
    expect(answers.map((a) => (a.kind === 'refused' ? a.outcome.kind : a.kind))).toEqual(['registered', 'captcha-wrong', 'registered']);
  });

  it('a wrong captcha is refused before the form is looked at', async () => {
    const s = await submission('203.0.113.7', { invalid: true });
    const answer = await intake({ ...s, gate: { ...s.gate, captcha: { ...s.gate.captcha, answer: '8' } } });
    expect(answer.kind === 'refused' && answer.outcome.kind).toBe('captcha-wrong');
  });
});
