import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { RequestAuth } from './types.ts';
import { selectUserWithUnit, toSessionUser } from './session-user.ts';

export const SESSION_COOKIE = 'anwen_session';

/** Only the SHA-256 of the cookie token is stored: a leaked sessions table opens no session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export interface CreatedSession {
  token: string;
  idHash: string;
  csrfToken: string;
}

export async function createSession(
  db: Kysely<DB>,
  opts: { userId: number; now: Date; hours: number; ip: string | null; userAgent: string | null },
): Promise<CreatedSession> {
  const token = newToken();
  const idHash = hashToken(token);
  const csrfToken = randomBytes(24).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      id_hash: idHash,
      user_id: opts.userId,
      csrf_token: csrfToken,
      ip: opts.ip,
      user_agent: opts.userAgent?.slice(0, 300) ?? null,
      created_at: opts.now,
      last_seen_at: opts.now,
      expires_at: new Date(opts.now.getTime() + opts.hours * 3600_000),
    })
    .execute();
  return { token, idHash, csrfToken };
}

/** Sliding expiry is refreshed at most once a minute per session, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The session behind a cookie token, or null when unknown, expired, or its user is disabled
 * (a disabled user's sessions die with the account). Extends the expiry on use.
 */
export async function loadSession(db: Kysely<DB>, opts: { token: string; now: Date; hours: number }): Promise<RequestAuth | null> {
  const idHash = hashToken(opts.token);
  // one round trip for the session and its user: every API request pays it
  const found = await selectUserWithUnit(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!found) return null;
  if (new Date(found.expires_at).getTime() <= opts.now.getTime()) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  if (found.disabled) {
    await db.deleteFrom('sessions').where('user_id', '=', found.id).execute();
    return null;
  }
  if (opts.now.getTime() - new Date(found.last_seen_at).getTime() >= TOUCH_INTERVAL_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: opts.now, expires_at: new Date(opts.now.getTime() + opts.hours * 3600_000) })
      .where('id_hash', '=', idHash)
      .execute();
  }
  return { user: toSessionUser(found), sessionIdHash: idHash, csrfToken: found.csrf_token };
}

export async function destroySession(db: Kysely<DB>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}
