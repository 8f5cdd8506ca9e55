import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import svgCaptcha from 'svg-captcha';
import type { DB } from '../../../core/db/schema.ts';

/** A human check that needs no third-party service: an SVG arithmetic question, answer hashed, 10 minutes, single use. */
export const CAPTCHA_TTL_MS = 10 * 60 * 1000;

const hashAnswer = (id: string, answer: string) => createHash('sha256').update(`${id}\u0000${answer.trim().toLowerCase()}`).digest('hex');

/** `testAnswer` (config.captchaTestAnswer, never in production) makes every answer that value. */
export async function createCaptcha(db: Kysely<DB>, opts: { now: Date; testAnswer?: string }): Promise<{ id: string; svg: string }> {
  const c = svgCaptcha.createMathExpr({ mathMin: 1, mathMax: 9, mathOperator: '+', noise: 2, width: 150, height: 50 });
  const id = randomBytes(16).toString('base64url');
  const answer = opts.testAnswer ?? c.text;
  // expired captchas go as new ones come (the index on expires_at keeps this cheap)
  await db.deleteFrom('portal_captchas').where('expires_at', '<', opts.now).execute();
  await db
    .insertInto('portal_captchas')
    .values({ id, answer_hash: hashAnswer(id, answer), expires_at: new Date(opts.now.getTime() + CAPTCHA_TTL_MS) })
    .execute();
  return { id, svg: c.data };
}

/** True when the answer is right; the captcha is used up either way (no second guess on the same one). */
export async function consumeCaptcha(db: Kysely<DB>, opts: { id: string; answer: string; now: Date }): Promise<boolean> {
  const [right] = await consumeCaptchas(db, { answers: [{ id: opts.id, answer: opts.answer }], now: opts.now });
  return right!;
}

/**
 * The same for several answers with one statement (a batch of submissions). A captcha named twice is used up by the
 * first: only that answer can be right.
 */
export async function consumeCaptchas(db: Kysely<DB>, opts: { answers: { id: string; answer: string }[]; now: Date }): Promise<boolean[]> {
  if (opts.answers.length === 0) return [];
  const rows = await db
    .updateTable('portal_captchas')
    .set({ used_at: opts.now })
    .where('id', 'in', [...new Set(opts.answers.map((a) => a.id))])
    .where('used_at', 'is', null)
    .where('expires_at', '>', opts.now)
    .returning(['id', 'answer_hash'])
    .execute();
  const unused = new Map(rows.map((r) => [r.id, r.answer_hash]));
  return opts.answers.map((a) => {
    const hash = unused.get(a.id);
    unused.delete(a.id);
    return hash !== undefined && hash === hashAnswer(a.id, a.answer);
  });
}
