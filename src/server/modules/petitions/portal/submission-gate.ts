import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { blindIndex, type PersonalDataKeys } from '../../../core/personal-data/index.ts';
import { findClaimableUploads, tokenIn } from '../../../core/files/uploads.ts';
import { loadOnlineIntakeOwner } from '../register-online.ts';
import type { RegistrationOwner } from '../register-petition.ts';
import { consumeCaptchas, type CaptchaAnswer } from './captcha.ts';
import { bucketOf, countHits, loadLimits, type Limit, type LimitName, type OverLimit } from './rate-limit.ts';

/** What the gate needs of one submission. */
export interface GateItem {
  idempotencyKey: string;
  ip: string;
  phone: string | undefined;
  captcha: CaptchaAnswer;
  attachments: string[];
  now: Date;
}

/** The gate's word on one submission, in the order it is judged. */
export type GateOutcome =
  /** the key was used before: answer with that case (answerRetry), nothing counted or spent */
  | { kind: 'retry' }
  | { kind: 'limited'; over: OverLimit }
  | { kind: 'captcha-wrong' }
  | { kind: 'attachment-invalid' }
  | { kind: 'pass'; owner: RegistrationOwner };

/** What the gate reads before it counts anything: the keys already used, the limits, the online intake unit. */
export interface GateContext {
  retried: ReadonlySet<string>;
  limits: Record<LimitName, Limit>;
  owner: RegistrationOwner;
}

/**
 * The checks before a 网上信访 submission is registered — a retried Idempotency-Key, the limits per address and per
 * phone, the captcha, the attachments — for all submissions that arrive together, with one statement per check: under
 * load a submission shares five round trips with the others instead of making five of its own. A retried key is
 * answered before anything is counted or spent, as the first attempt used them. Two steps — readGateContext, then
 * countAndJudge — so that the portal's batch (portal-intake.ts) can check the registrations while the second runs.
 *
 * The first step (`batch` not empty).
 */
export async function readGateContext(db: Kysely<DB>, batch: readonly GateItem[]): Promise<GateContext> {
  const [claimed, limits, owner] = await Promise.all([
    db
      .selectFrom('intake_idempotency')
      .select('key')
      .where('scope', '=', 'portal')
      .where(
        'key',
        'in',
        batch.map((b) => b.idempotencyKey),
      )
      .execute(),
    loadLimits(db),
    loadOnlineIntakeOwner(db),
  ]);
  return { retried: new Set(claimed.map((c) => c.key)), limits, owner };
}

/** The gate's second step: counts the hits, spends the captchas, finds the attachments; outcomes in the order of `batch`. */
export async function countAndJudge(db: Kysely<DB>, keys: PersonalDataKeys, batch: readonly GateItem[], ctx: GateContext): Promise<GateOutcome[]> {
  if (batch.length === 0) return [];
  const now = batch[0]!.now;
  const { retried, limits, owner } = ctx;
  const fresh = batch.filter((b) => !retried.has(b.idempotencyKey));
  const hitsOf = (b: GateItem) => [
    { bucket: bucketOf(keys, 'submitPerIp', b.ip), limit: limits.submitPerIp },
    ...(b.phone ? [{ bucket: bucketOf(keys, 'submitPerPhone', blindIndex(keys, 'phone', b.phone)), limit: limits.submitPerPhone }] : []),
  ];
  const hits = fresh.map(hitsOf);
  const [verdicts, captchas, uploads] = await Promise.all([
    countHits(db, { hits: hits.flat(), now }),
    consumeCaptchas(db, { answers: fresh.map((b) => b.captcha), now }),
    findClaimableUploads(db, { tokens: [...new Set(fresh.flatMap((b) => b.attachments))], now }),
  ]);
  let nextVerdict = 0;
  const outcomeOf = new Map(
    fresh.map((b, i): [GateItem, GateOutcome] => {
      const mine = verdicts.slice(nextVerdict, (nextVerdict += hits[i]!.length));
      const over = mine.find((v) => v !== null);
      if (over) return [b, { kind: 'limited', over }];
      if (!captchas[i]) return [b, { kind: 'captcha-wrong' }];
      const usable = uploads.filter((u) => tokenIn(b.attachments, u)).length;
      if (usable !== new Set(b.attachments).size) return [b, { kind: 'attachment-invalid' }];
      return [b, { kind: 'pass', owner }];
    }),
  );
  return batch.map((b) => outcomeOf.get(b) ?? { kind: 'retry' });
}
