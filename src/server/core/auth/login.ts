import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../audit/audit-chain.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { selectUserWithUnit, toSessionUser } from './session-user.ts';
import { createSession, type CreatedSession } from './sessions.ts';
import type { SessionUser } from './types.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
/** Failed sign-ins from one IP address within the window before that address is throttled. */
export const MAX_FAILURES_PER_IP = 20;
export const IP_WINDOW_MINUTES = 15;

/**
 * Account lockout alone lets one address try a password against every username. Counting the
 * address's recent failures in the audit trail throttles that across all app instances.
 */
async function assertIpNotThrottled(db: Kysely<DB>, ip: string | null): Promise<void> {
  if (!ip) return;
  // audit times are wall-clock times, so the window is measured on the database's clock
  const since = sql<Date>`now() - make_interval(mins => ${IP_WINDOW_MINUTES})`;
  const { n } = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip)
    .where('at', '>', since)
    .where('action', 'in', ['auth.login.failed', 'auth.lockout'])
    .executeTakeFirstOrThrow();
  if (Number(n) >= MAX_FAILURES_PER_IP) throw new AppError('RATE_LIMITED');
}

/** '2026-08-05 14:30' in Asia/Shanghai, for messages. */
export function shanghaiMinute(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export interface LoginOptions {
  db: Kysely<DB>;
  now: Date;
  sessionHours: number;
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Checks the credentials and opens a session. Unknown user and wrong password answer the same
 * LOGIN_FAILED (and cost the same argon2 verification); 5 consecutive failures lock the account
 * for 15 minutes. Every outcome is audited, never with the password or its hash.
 */
export async function login(opts: LoginOptions): Promise<{ user: SessionUser; session: CreatedSession }> {
  const { db, now } = opts;
  await assertIpNotThrottled(db, opts.ip);
  const username = opts.username.trim();
  const row = await selectUserWithUnit(db).where('users.username', '=', username).executeTakeFirst();
  const anonymous: Actor = { userId: null, name: username.slice(0, 64), unitId: null, ip: opts.ip };

  if (!row) {
    await verifyPassword(await dummyPasswordHash(), opts.password);
    await db
      .transaction()
      .execute((trx) =>
        appendAudit(trx, anonymous, { action: 'auth.login.failed', entityType: 'user', after: { username: anonymous.name, reason: 'unknown_user' } }),
      );
    throw new AppError('LOGIN_FAILED');
  }
  const actor: Actor = { userId: Number(row.id), name: `${row.display_name}(${row.username})`, unitId: Number(row.unit_id), ip: opts.ip };

  if (row.locked_until && new Date(row.locked_until).getTime() > now.getTime()) {
    await db
      .transaction()
      .execute((trx) => appendAudit(trx, actor, { action: 'auth.login.failed', entityType: 'user', entityId: row.id, after: { reason: 'locked' } }));
    throw new AppError('ACCOUNT_LOCKED', { until: shanghaiMinute(new Date(row.locked_until)) });
  }

  const ok = await verifyPassword(row.password_hash, opts.password);
  if (!ok) {
    const lockedUntil = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('users')
        .set({ failed_logins: sql`failed_logins + 1` })
        .where('id', '=', row.id)
        .returning(['failed_logins'])
        .executeTakeFirstOrThrow();
      let until: Date | null = null;
      if (updated.failed_logins >= MAX_FAILED_LOGINS) {
        until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
        // the counter restarts after the lock, so the next lock needs another 5 failures
        await trx.updateTable('users').set({ locked_until: until, failed_logins: 0 }).where('id', '=', row.id).execute();
      }
      await appendAudit(trx, actor, {
        action: until ? 'auth.lockout' : 'auth.login.failed',
        entityType: 'user',
        entityId: row.id,
        after: { reason: 'wrong_password', failedLogins: updated.failed_logins, lockedUntil: until?.toISOString() ?? null },
      });
      return until;
    });
    if (lockedUntil) throw new AppError('ACCOUNT_LOCKED', { until: shanghaiMinute(lockedUntil) });
    throw new AppError('LOGIN_FAILED');
  }

  if (row.disabled) {
    await db
      .transaction()
      .execute((trx) => appendAudit(trx, actor, { action: 'auth.login.failed', entityType: 'user', entityId: row.id, after: { reason: 'disabled' } }));
    throw new AppError('ACCOUNT_DISABLED');
  }

  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('id', '=', row.id).execute();
    await appendAudit(trx, actor, { action: 'auth.login', entityType: 'user', entityId: row.id });
  });
  const session = await createSession(db, { userId: Number(row.id), now, hours: opts.sessionHours, ip: opts.ip, userAgent: opts.userAgent });
  return { user: toSessionUser(row), session };
}
