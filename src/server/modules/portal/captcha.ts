import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import svgCaptcha from 'svg-captcha';
import type { DB } from '../../core/db/schema.ts';

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
  await db.insertInto('portal_captchas').values({ id, answer_hash: hashAnswer(id, answer), expires_at: new Date(opts.now.getTime() + CAPTCHA_TTL_MS) }).execute();
  return { id, svg: c.data };
}

/** True when the answer is right; the captcha is used up either way (no second guess on the same one). */
export async function consumeCaptcha(db: Kysely<DB>, opts: { id: string; answer: string; now: Date }): Promise<boolean> {
  const row = await db
    .updateTable('portal_captchas')
    .set({ used_at: opts.now })
    .where('id', '=', opts.id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', opts.now)
    .returning('answer_hash')
    .executeTakeFirst();
  return row !== undefined && row.answer_hash === hashAnswer(opts.id, opts.answer);
}
