import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree } from '../../../../../test/support/login.ts';
import { solvePow, wrongNonce } from '../../../../../test/support/portal-captcha.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { CAPTCHA_DIGITS, CAPTCHA_HEIGHT, CAPTCHA_WIDTH } from './captcha-image.ts';
import { ACCESSIBLE_EXTRA_BITS, CAPTCHA_LENGTH, powSolved } from './captcha.ts';
import { NOTICE_VERSION } from './portal-texts.ts';

interface Challenge {
  id: string;
  image: string | null;
  answerLength: number;
  pow: { bits: number };
  accessible: boolean;
}

/** PNG chunks: [type, data]. */
function chunks(png: Buffer): [string, Buffer][] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const out: [string, Buffer][] = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    out.push([png.toString('latin1', at + 4, at + 8), png.subarray(at + 8, at + 8 + len)]);
    at += 12 + len;
  }
  return out;
}

/**
 * Issue 12: the SVG captcha was read by a 30-line script (each digit recognised by its path commands, 300 of 300).
 * The answer must not be derivable from what the portal is sent, the proof of work must be checked by the server,
 * and a challenge serves once. The test reads the true answer the only way it can — from the database's hash, by
 * trying every answer — to prove that what the citizen's browser receives does not hold it.
 */
describe('portal captcha: a picture without glyph paths plus a proof of work checked by the server', () => {
  let t: TestApp;
  let catId: number;
  let placeId: number;
  let k = 0;
  beforeAll(async () => {
    // no test answer: real random digits, and the default work (16 bits)
    t = await createTestApp();
    await ensureLegalClock(t.database.db);
    const tree = await createUnitTree(t);
    placeId = tree.villages[0][0].id;
    const cat = await t.database.db.selectFrom('petition_categories').select('id').where('parent_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    catId = Number(cat.id);
  });
  afterAll(() => t.close());

  const challenge = async (ip: string, accessible?: boolean): Promise<{ raw: string; c: Challenge }> => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/captcha',
      remoteAddress: ip,
      ...(accessible === undefined ? {} : { payload: { accessible } }),
    });
    expect(res.statusCode, res.body).toBe(200);
    return { raw: res.body, c: res.json() };
  };

  /** The true answer, found from the stored hash (what the server knows and the browser does not). */
  const trueAnswer = async (id: string): Promise<string> => {
    const row = await t.database.db.selectFrom('portal_captchas').select('answer_hash').where('id', '=', id).executeTakeFirstOrThrow();
    const all = (n: number): string[] => (n === 0 ? [''] : all(n - 1).flatMap((p) => [...CAPTCHA_DIGITS].map((d) => p + d)));
    const found = all(CAPTCHA_LENGTH).find((a) => createHash('sha256').update(`${id}\u0000${a}`).digest('hex') === row.answer_hash);
    expect(found).toBeDefined();
    return found!;
  };

  const submit = (ip: string, captcha: { id: string; answer: string; nonce: string }) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/petitions',
      remoteAddress: ip,
      headers: { 'idempotency-key': `captcha-test-${++k}` },
      payload: {
        matterType: 'suggestion',
        categoryId: catId,
        placeUnitId: placeId,
        title: '路灯不亮',
        content: '村口路灯坏了一个月，晚上出行不便。',
        anonymous: true,
        attachments: [],
        consent: true,
        noticeVersion: NOTICE_VERSION,
        captcha,
      },
    });

  it('the answer is in no text the browser receives: a PNG of pixels only (no SVG, no paths, no text chunks), drawn anew each time', async () => {
    const { raw, c } = await challenge('198.51.100.1');
    const answer = await trueAnswer(c.id);
    expect(c.answerLength).toBe(CAPTCHA_LENGTH);
    expect(raw).not.toMatch(/<svg|<path|\bd="/i);
    // outside the picture's own base64 (where four digits turn up by chance now and then) the answer is nowhere
    expect(raw.replace(c.image!, '')).not.toContain(answer);
    expect(c.image).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/);
    const png = Buffer.from(c.image!.slice('data:image/png;base64,'.length), 'base64');
    const parts = chunks(png);
    // nothing but the header, the compressed pixels and the end: no tEXt/zTXt/iTXt a script could read
    expect(parts.map(([type]) => type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(parts[0]![1].readUInt32BE(0)).toBe(CAPTCHA_WIDTH);
    expect(parts[0]![1].readUInt32BE(4)).toBe(CAPTCHA_HEIGHT);
    expect(png.toString('latin1')).not.toContain(answer);
    const pixels = inflateSync(parts[1]![1]);
    expect(pixels.length).toBe((CAPTCHA_WIDTH + 1) * CAPTCHA_HEIGHT);
    // the same challenge asked for again is a new id and a new drawing: no picture repeats to be looked up
    const again = await challenge('198.51.100.1');
    expect(again.c.id).not.toBe(c.id);
    expect(again.c.image).not.toBe(c.image);
  });

  it('the server checks the work: a wrong nonce is refused even with the right digits, and the challenge is spent', async () => {
    const { c } = await challenge('198.51.100.2');
    expect(c.pow.bits).toBe(16);
    const answer = await trueAnswer(c.id);
    const refused = await submit('198.51.100.2', { id: c.id, answer, nonce: wrongNonce(c.id, c.pow.bits) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toBe('PORTAL_CAPTCHA_WRONG');
    // the refused attempt used the challenge up: doing the work now is too late
    const late = await submit('198.51.100.2', { id: c.id, answer, nonce: solvePow(c.id, c.pow.bits) });
    expect(late.json().error).toBe('PORTAL_CAPTCHA_WRONG');
  });

  it('the right digits and the work pass once; the same challenge again is refused', async () => {
    const { c } = await challenge('198.51.100.3');
    const answer = await trueAnswer(c.id);
    const captcha = { id: c.id, answer, nonce: solvePow(c.id, c.pow.bits) };
    const first = await submit('198.51.100.3', captcha);
    expect(first.statusCode, first.body).toBe(200);
    const reused = await submit('198.51.100.3', captcha);
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error).toBe('PORTAL_CAPTCHA_WRONG');
  });

  it('wrong digits with the work done are refused; a missing nonce is a zh-CN validation error', async () => {
    const { c } = await challenge('198.51.100.4');
    const answer = await trueAnswer(c.id);
    const wrong = [...answer].map((d) => (d === '2' ? '3' : '2')).join('');
    expect((await submit('198.51.100.4', { id: c.id, answer: wrong, nonce: solvePow(c.id, c.pow.bits) })).json().error).toBe('PORTAL_CAPTCHA_WRONG');
    const { c: c2 } = await challenge('198.51.100.4');
    const noWork = await submit('198.51.100.4', { id: c2.id, answer: await trueAnswer(c2.id), nonce: '' });
    expect(noWork.statusCode).toBe(400);
    expect(noWork.json().message).toContain('安全校验未完成');
  });

  it('the accessible kind: no picture, four times the work, no digits to type — and a stricter limit per address', async () => {
    const { c } = await challenge('198.51.100.5', true);
    expect(c).toMatchObject({ image: null, answerLength: 0, accessible: true, pow: { bits: 16 + ACCESSIBLE_EXTRA_BITS } });
    const ok = await submit('198.51.100.5', { id: c.id, answer: '', nonce: solvePow(c.id, c.pow.bits) });
    expect(ok.statusCode, ok.body).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await t.app.inject({ method: 'POST', url: '/api/v1/portal/captcha', remoteAddress: '198.51.100.6', payload: { accessible: true } })).statusCode,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    // the picture kind is still there for that address
    expect((await challenge('198.51.100.6')).c.image).not.toBeNull();
    // the work of the picture kind is not enough for it
    const { c: c2 } = await challenge('198.51.100.7', true);
    let nonce = 0;
    while (!powSolved(c2.id, String(nonce), 16) || powSolved(c2.id, String(nonce), c2.pow.bits)) nonce++;
    expect((await submit('198.51.100.7', { id: c2.id, answer: '', nonce: String(nonce) })).json().error).toBe('PORTAL_CAPTCHA_WRONG');
  });
});
