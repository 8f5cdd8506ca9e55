import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { AppError } from '../../../core/errors.ts';
import type { PersonalDataKeys } from '../../../core/personal-data/index.ts';

/**
 * Fixed-window counters in the database, so every app instance counts the same hits. A bucket names
 * what is counted and a keyed hash of who (an IP or a phone's blind index): no address is stored.
 */
export interface Limit {
  /** zh-CN, e.g. 提交 */
  what: string;
  max: number;
  windowSeconds: number;
}

/** Defaults; an admin (or a test) may override any of them with the setting 'portal.rate_limits'. */
export const DEFAULT_LIMITS = {
  submitPerIp: { what: '提交', max: 20, windowSeconds: 3600 },
  submitPerPhone: { what: '同一手机号提交', max: 5, windowSeconds: 86400 },
  /**
   * wrong track attempts from one address on one case number: short, so that a petitioner who mistyped (or shares an
   * address with someone guessing) waits minutes, and someone guessing elsewhere never locks the owner out
   */
  trackFailuresPerCase: { what: '查询同一信访件失败', max: 5, windowSeconds: 300 },
  /** wrong track attempts from one address over all case numbers: bounds guessing across cases */
  trackFailuresPerIp: { what: '查询失败次数', max: 20, windowSeconds: 900 },
  uploadPerIp: { what: '上传附件', max: 60, windowSeconds: 3600 },
  captchaPerIp: { what: '获取验证码', max: 120, windowSeconds: 3600 },
  /** the accessible captcha (no picture): at most this many an hour per address, on top of captchaPerIp */
  captchaAccessiblePerIp: { what: '获取无障碍验证', max: 6, windowSeconds: 3600 },
} satisfies Record<string, Limit>;
export type LimitName = keyof typeof DEFAULT_LIMITS;

export async function loadLimits(db: Kysely<DB>): Promise<Record<LimitName, Limit>> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'portal.rate_limits').executeTakeFirst();
  const custom = (row?.value ?? {}) as Partial<Record<LimitName, Partial<Limit>>>;
  const out = { ...DEFAULT_LIMITS } as Record<LimitName, Limit>;
  for (const name of Object.keys(DEFAULT_LIMITS) as LimitName[]) out[name] = { ...DEFAULT_LIMITS[name], ...(custom[name] ?? {}) };
  return out;
}

export const bucketOf = (keys: PersonalDataKeys, name: LimitName, who: string): string =>
  `${name}:${createHmac('sha256', keys.blindIndex).update(`rate\u0000${who}`).digest('hex').slice(0, 32)}`;

function windowOf(limit: Limit, now: Date): { start: Date; retryAfter: number } {
  const ms = limit.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / ms) * ms;
  return { start: new Date(start), retryAfter: Math.max(1, Math.ceil((start + ms - now.getTime()) / 1000)) };
}

function refuse(limit: Limit, retryAfter: number, setRetryAfter: (seconds: number) => void): never {
  setRetryAfter(retryAfter);
  throw new AppError('PORTAL_RATE_LIMITED', { what: limit.what, minutes: Math.max(1, Math.ceil(retryAfter / 60)) }, { retryAfter });
}

/** Counts one hit; over the limit → 429 PORTAL_RATE_LIMITED (Retry-After set through the callback). */
export async function hit(db: Kysely<DB>, opts: { bucket: string; limit: Limit; now: Date; setRetryAfter: (s: number) => void }): Promise<void> {
  const [verdict] = await countHits(db, { hits: [{ bucket: opts.bucket, limit: opts.limit }], now: opts.now });
  if (verdict) refuseOverLimit(verdict, opts.setRetryAfter);
}

/** Why a hit is refused: its limit and the seconds until its window ends. */
export interface OverLimit {
  limit: Limit;
  retryAfter: number;
}

/**
 * Counts one hit per entry with one statement (a batch of submissions counts every address and phone at once) and
 * answers, per entry, null or the limit it went over. A bucket named twice counts twice: the later entry sees the
 * higher count, as if the hits had come one after the other.
 */
export async function countHits(db: Kysely<DB>, opts: { hits: { bucket: string; limit: Limit }[]; now: Date }): Promise<(OverLimit | null)[]> {
  if (opts.hits.length === 0) return [];
  const windows = opts.hits.map((h) => windowOf(h.limit, opts.now));
  // a bucket names its limit, so within one call a bucket has one window: one row per bucket, with its number of hits
  const rows = new Map<string, { bucket: string; start: Date; n: number }>();
  opts.hits.forEach((h, i) => {
    const r = rows.get(h.bucket) ?? { bucket: h.bucket, start: windows[i]!.start, n: 0 };
    r.n += 1;
    rows.set(h.bucket, r);
  });
  const r = await sql<{ bucket: string; hits: number }>`
    INSERT INTO rate_limit_counters(bucket, window_start, hits)
    VALUES ${sql.join([...rows.values()].map((row) => sql`(${row.bucket}, ${row.start}, ${row.n})`))}
    ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_counters.hits + excluded.hits
    RETURNING bucket, hits`.execute(db);
  const total = new Map(r.rows.map((row) => [row.bucket, Number(row.hits)]));
  const seen = new Map<string, number>();
  return opts.hits.map((h, i) => {
    const k = (seen.get(h.bucket) ?? 0) + 1;
    seen.set(h.bucket, k);
    // this entry's count: the bucket's total less the entries for it that come after this one
    const count = total.get(h.bucket)! - (rows.get(h.bucket)!.n - k);
    return count > h.limit.max ? { limit: h.limit, retryAfter: windows[i]!.retryAfter } : null;
  });
}

export function refuseOverLimit(over: OverLimit, setRetryAfter: (seconds: number) => void): never {
  return refuse(over.limit, over.retryAfter, setRetryAfter);
}

/** Refuses when the bucket is already at its limit, without counting (e.g. failures only are counted). */
export async function check(db: Kysely<DB>, opts: { bucket: string; limit: Limit; now: Date; setRetryAfter: (s: number) => void }): Promise<void> {
  const w = windowOf(opts.limit, opts.now);
  const row = await db
    .selectFrom('rate_limit_counters')
    .select('hits')
    .where('bucket', '=', opts.bucket)
    .where('window_start', '=', w.start)
    .executeTakeFirst();
  if (row && Number(row.hits) >= opts.limit.max) refuse(opts.limit, w.retryAfter, opts.setRetryAfter);
}

/** Counts one hit without refusing (the next check refuses). */
export async function count(db: Kysely<DB>, opts: { bucket: string; limit: Limit; now: Date }): Promise<void> {
  const w = windowOf(opts.limit, opts.now);
  await sql`
    INSERT INTO rate_limit_counters(bucket, window_start, hits) VALUES (${opts.bucket}, ${w.start}, 1)
    ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1`.execute(db);
}

/** Windows older than the longest limit (a day) count for nothing: dropped as captchas are handed out. */
export async function purgeOldCounters(db: Kysely<DB>, now: Date): Promise<void> {
  await db
    .deleteFrom('rate_limit_counters')
    .where('window_start', '<', new Date(now.getTime() - 2 * 86400 * 1000))
    .execute();
}
