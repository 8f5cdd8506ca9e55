import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { CAPTCHA_DIGITS, renderCaptchaPng } from './captcha-image.ts';

/**
 * A human check that needs no third-party service and that a script cannot read from what it is sent (the SVG
 * arithmetic captcha before this one was read from its path commands, 300 of 300). Two parts, 10 minutes, single use:
 *
 * - a picture of CAPTCHA_LENGTH digits drawn into pixels (captcha-image.ts): the answer is in no text, path or
 *   attribute — only a person (or an OCR effort, not a lookup) gets it; stored as a hash;
 * - a proof of work: the browser finds a nonce whose SHA-256 with the challenge id starts with `pow_bits` zero bits
 *   (about a second on a phone; one hash for the server to check), so every submission costs the sender work.
 *
 * The accessible kind, for a citizen who cannot see the picture (a screen reader, poor sight): no picture, ACCESSIBLE_EXTRA_BITS more work
 * (four times as much), and its own stricter limit per address (rate-limit.ts captchaAccessiblePerIp). A question a
 * screen reader can read out is one a script reads as well, so it would add nothing over the work and the limits;
 * the per-address and per-phone submission limits hold for both kinds.
 */
export const CAPTCHA_TTL_MS = 10 * 60 * 1000;
export const CAPTCHA_LENGTH = 4;
export const ACCESSIBLE_EXTRA_BITS = 2;

const hashAnswer = (id: string, answer: string) => createHash('sha256').update(`${id}\u0000${answer.trim().toLowerCase()}`).digest('hex');

/** What the portal is sent: the picture as a data: URL (null for the accessible kind) and the work to do. */
export interface CaptchaChallenge {
  id: string;
  image: string | null;
  answerLength: number;
  pow: { bits: number };
  accessible: boolean;
}

/**
 * `testAnswer` (config.captchaTestAnswer, never in production) makes every answer that value; `powBits` is
 * config.captchaPowBits.
 */
export async function createCaptcha(
  db: Kysely<DB>,
  opts: { now: Date; powBits: number; accessible?: boolean; testAnswer?: string },
): Promise<CaptchaChallenge> {
  const id = randomBytes(16).toString('base64url');
  const accessible = opts.accessible ?? false;
  const drawn = Array.from({ length: CAPTCHA_LENGTH }, () => CAPTCHA_DIGITS[randomInt(CAPTCHA_DIGITS.length)]!).join('');
  const testDrawable = opts.testAnswer !== undefined && [...opts.testAnswer].every((c) => CAPTCHA_DIGITS.includes(c));
  const answer = accessible ? '' : (opts.testAnswer ?? drawn);
  const bits = opts.powBits + (accessible ? ACCESSIBLE_EXTRA_BITS : 0);
  // expired captchas go as new ones come (the index on expires_at keeps this cheap)
  await db.deleteFrom('portal_captchas').where('expires_at', '<', opts.now).execute();
  await db
    .insertInto('portal_captchas')
    .values({ id, answer_hash: hashAnswer(id, answer), expires_at: new Date(opts.now.getTime() + CAPTCHA_TTL_MS), pow_bits: bits, accessible })
    .execute();
  const image = accessible ? null : `data:image/png;base64,${renderCaptchaPng(testDrawable ? opts.testAnswer! : drawn).toString('base64')}`;
  return { id, image, answerLength: accessible ? 0 : answer.length, pow: { bits }, accessible };
}

/** True when SHA-256("<id>:<nonce>") starts with `bits` zero bits (the browser's side: src/web/portal/pow.ts). */
export function powSolved(id: string, nonce: string, bits: number): boolean {
  if (!/^\d{1,15}$/.test(nonce)) return false;
  const digest = createHash('sha256').update(`${id}:${nonce}`).digest();
  let left = bits;
  for (const byte of digest) {
    if (left <= 0) return true;
    const mask = left >= 8 ? 0xff : (0xff << (8 - left)) & 0xff;
    if ((byte & mask) !== 0) return false;
    left -= 8;
  }
  return left <= 0;
}

/** One answer to a challenge: the digits typed (empty for the accessible kind) and the nonce found. */
export interface CaptchaAnswer {
  id: string;
  answer: string;
  nonce: string;
}

/** True when the answer is right; the captcha is used up either way (no second guess on the same one). */
export async function consumeCaptcha(db: Kysely<DB>, opts: CaptchaAnswer & { now: Date }): Promise<boolean> {
  const [right] = await consumeCaptchas(db, { answers: [{ id: opts.id, answer: opts.answer, nonce: opts.nonce }], now: opts.now });
  return right!;
}

/**
 * The same for several answers with one statement (a batch of submissions). A captcha named twice is used up by the
 * first: only that answer can be right. Right means: the challenge is unused and unexpired, the work was done, and
 * (unless accessible) the digits match.
 */
export async function consumeCaptchas(db: Kysely<DB>, opts: { answers: CaptchaAnswer[]; now: Date }): Promise<boolean[]> {
  if (opts.answers.length === 0) return [];
  const rows = await db
    .updateTable('portal_captchas')
    .set({ used_at: opts.now })
    .where('id', 'in', [...new Set(opts.answers.map((a) => a.id))])
    .where('used_at', 'is', null)
    .where('expires_at', '>', opts.now)
    .returning(['id', 'answer_hash', 'pow_bits', 'accessible'])
    .execute();
  const unused = new Map(rows.map((r) => [r.id, r]));
  return opts.answers.map((a) => {
    const row = unused.get(a.id);
    unused.delete(a.id);
    if (!row || !powSolved(a.id, a.nonce, row.pow_bits)) return false;
    return row.accessible || row.answer_hash === hashAnswer(a.id, a.answer);
  });
}
