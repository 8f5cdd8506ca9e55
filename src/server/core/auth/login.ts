import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../audit/audit-chain.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { selectUserWithUnit, toSessionUser } from './session-user.ts';
import { createSession, type CreatedSession } from './sessions.ts';
import type { SessionUser } from './types.ts';

/** Failures of one name from one address that cost no wait; after them every failure doubles the wait. */
export const FREE_FAILURES = 3;
/** The longest wait between two attempts of one name from one address. */
export const MAX_DELAY_SECONDS = 15 * 60;
/** A pair's failures are forgotten after a day without one. */
const FAILURE_MEMORY_MS = 24 * 3600_000;
/**
 * Failures (all names) from one address within IP_WINDOW_MINUTES before that address is slowed for names that never
 * signed in from it — password spraying, one guess per name. Accounts that signed in from the address within
 * KNOWN_ADDRESS_DAYS keep signing in: an office behind one address is not locked out by one of its machines.
 */
export const MAX_FAILURES_PER_IP = 30;
export const IP_WINDOW_MINUTES = 15;
const KNOWN_ADDRESS_DAYS = 30;
/** Failures of one account (all addresses) within an hour that alert the administrators (at most once an hour). */
export const ALERT_FAILURES = 20;
const ALERT_WINDOW_MS = 3600_000;

/** Seconds to wait after the n-th consecutive failure of a (name, address): 0 0 0 2 4 8 … 900. */
export function delayAfter(failures: number): number {
  return failures <= FREE_FAILURES ? 0 : Math.min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_FAILURES));
}

/** '2026-08-05 14:30' in Asia/Shanghai, for messages. */
export function shanghaiMinute(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const waitText = (seconds: number) => (seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`);

function throttled(seconds: number, setRetryAfter?: (s: number) => void): never {
  const s = Math.max(1, Math.ceil(seconds));
  setRetryAfter?.(s);
  throw new AppError('LOGIN_THROTTLED', { wait: waitText(s) }, { retryAfter: s });
}

/** The name a throttle counts: as typed, trimmed, case-folded (so 'Admin' is 'admin'), bounded. */
const throttleName = (username: string) => username.trim().toLowerCase().slice(0, 64);

export interface LoginOptions {
  db: Kysely<DB>;
  now: Date;
  sessionHours: number;
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  /** told the seconds to wait when the attempt is refused (the route's Retry-After) */
  setRetryAfter?: (seconds: number) => void;
}

/**
 * Reserves this attempt of (name, address): refused while the pair must wait or the address is spraying; otherwise
 * the attempt is counted as a failure now — before the password is checked, so that attempts sent in parallel cannot
 * all get in before the first failure is written (a success clears it). The row lock orders attempts of one pair.
 */
async function reserveAttempt(db: Kysely<DB>, name: string, ip: string, now: Date, setRetryAfter?: (s: number) => void): Promise<void> {
  const refusal = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('login_attempts')
      .values({ username: name, ip })
      .onConflict((oc) => oc.columns(['username', 'ip']).doNothing())
      .execute();
    const row = await trx.selectFrom('login_attempts').selectAll().where('username', '=', name).where('ip', '=', ip).forUpdate().executeTakeFirstOrThrow();
    if (row.next_attempt_at && row.next_attempt_at.getTime() > now.getTime()) return (row.next_attempt_at.getTime() - now.getTime()) / 1000;
    const knownAddress = row.last_success_at !== null && row.last_success_at.getTime() > now.getTime() - KNOWN_ADDRESS_DAYS * 86400_000;
    if (!knownAddress && ip !== '') {
      const { n } = await trx
        .selectFrom('login_attempts')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('failures'), eb.lit(0)).as('n'))
        .where('ip', '=', ip)
        .where('last_failure_at', '>', new Date(now.getTime() - IP_WINDOW_MINUTES * 60_000))
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_FAILURES_PER_IP) return 60;
    }
    const forgotten = row.last_failure_at === null || row.last_failure_at.getTime() < now.getTime() - FAILURE_MEMORY_MS;
    const failures = (forgotten ? 0 : row.failures) + 1;
    const delay = delayAfter(failures);
    await trx
      .updateTable('login_attempts')
      .set({ failures, last_failure_at: now, next_attempt_at: delay > 0 ? new Date(now.getTime() + delay * 1000) : null })
      .where('username', '=', name)
      .where('ip', '=', ip)
      .execute();
    return null;
  });
  if (refusal !== null) throttled(refusal, setRetryAfter);
}

/**
 * Alerts every active administrator, once an hour per account, when the account's failures from all addresses within
 * the hour reach ALERT_FAILURES: a sustained attack is seen by a person, without locking the account.
 */
async function alertIfUnderAttack(trx: Transaction<DB>, user: { id: number; username: string } | null, name: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - ALERT_WINDOW_MS);
  const { failures, addresses } = await trx
    .selectFrom('login_attempts')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('failures'), eb.lit(0)).as('failures'), eb.fn.countAll<number>().as('addresses')])
    .where('username', '=', name)
    .where('failures', '>', 0)
    .where('last_failure_at', '>', since)
    .executeTakeFirstOrThrow();
  // counted for unknown names too, so that a failure costs the same whether the name exists
  if (!user || Number(failures) < ALERT_FAILURES) return;
  const claimed = await trx
    .insertInto('login_alerts')
    .values({ username: name, alerted_at: now })
    .onConflict((oc) => oc.column('username').doUpdateSet({ alerted_at: now }).where('login_alerts.alerted_at', '<=', since))
    .returning('username')
    .executeTakeFirst();
  if (!claimed) return;
  const admins = await trx
    .selectFrom('users')
    .select('id')
    .where('disabled', '=', false)
    .where(sql<boolean>`'sys_admin' = ANY(roles)`)
    .execute();
  const body =
    `账号“${user.username}”在一小时内登录失败 ${Number(failures)} 次，来自 ${Number(addresses)} 个网络地址（截至 ${shanghaiMinute(now)}）。` +
    '系统已对每个地址逐次延长等待时间，账号本人仍可从常用地址登录。请核实是否有人在猜测密码；必要时在 系统管理 → 审计日志 查看来源地址，或为该账号重置密码。';
  if (admins.length > 0)
    await trx
      .insertInto('notifications')
      .values(admins.map((a) => ({ user_id: Number(a.id), kind: 'auth.attack', title: `【安全】账号“${user.username}”登录失败次数异常`, body })))
      .execute();
  await appendAudit(trx, SYSTEM_ACTOR, {
    action: 'auth.attack.alert',
    entityType: 'user',
    entityId: user.id,
    after: { failures: Number(failures), addresses: Number(addresses), notified: admins.length },
  });
}

/**
 * Checks the credentials and opens a session. Every failure answers the same LOGIN_FAILED after the same argon2
 * verification — unknown name, wrong password (a disabled account is named only to whoever knows its password). No
 * account is ever locked: each (name, address) waits longer after each failure (delayAfter), so an attacker is slowed
 * at their own address while the owner signs in from theirs, and the waits are the same for names that exist and
 * names that do not (the throttle never looks at the account). A refused attempt (LOGIN_THROTTLED, Retry-After) skips
 * argon2: what it depends on is the caller's own history, not the account. Every checked attempt is audited, never
 * with the password or its hash; sustained failures of one account alert the administrators.
 */
export async function login(opts: LoginOptions): Promise<{ user: SessionUser; session: CreatedSession }> {
  const { db, now } = opts;
  const username = opts.username.trim();
  const name = throttleName(username);
  const ip = opts.ip ?? '';
  await reserveAttempt(db, name, ip, now, opts.setRetryAfter);

  const row = await selectUserWithUnit(db).where('users.username', '=', username).executeTakeFirst();
  const ok = await verifyPassword(row?.password_hash ?? (await dummyPasswordHash()), opts.password);

  if (!row || !ok) {
    const anonymous: Actor = { userId: null, name: username.slice(0, 64), unitId: null, ip: opts.ip };
    const actor: Actor = row ? { userId: Number(row.id), name: `${row.display_name}(${row.username})`, unitId: Number(row.unit_id), ip: opts.ip } : anonymous;
    await db.transaction().execute(async (trx) => {
      await appendAudit(trx, actor, {
        action: 'auth.login.failed',
        entityType: 'user',
        entityId: row?.id,
        after: row ? { reason: 'wrong_password' } : { username: anonymous.name, reason: 'unknown_user' },
      });
      await alertIfUnderAttack(trx, row ? { id: Number(row.id), username: row.username } : null, name, now);
    });
    throw new AppError('LOGIN_FAILED');
  }

  const actor: Actor = { userId: Number(row.id), name: `${row.display_name}(${row.username})`, unitId: Number(row.unit_id), ip: opts.ip };
  // the password was right: this pair's reserved failure and its waits are cleared, the address becomes known
  await db
    .updateTable('login_attempts')
    .set({ failures: 0, next_attempt_at: null, last_success_at: now })
    .where('username', '=', name)
    .where('ip', '=', ip)
    .execute();

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

/** An administrator lifts every wait of one account (all addresses), e.g. for its owner at an attacked address. */
export async function clearLoginDelays(db: Kysely<DB> | Transaction<DB>, username: string): Promise<number> {
  const r = await db.deleteFrom('login_attempts').where('username', '=', throttleName(username)).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Rows with nothing left to remember: no recent failure, no wait running, no sign-in for KNOWN_ADDRESS_DAYS. */
export async function purgeLoginAttempts(db: Kysely<DB>, now: Date): Promise<number> {
  const r = await db
    .deleteFrom('login_attempts')
    .where((eb) =>
      eb.and([
        eb.or([eb('last_failure_at', 'is', null), eb('last_failure_at', '<', new Date(now.getTime() - FAILURE_MEMORY_MS))]),
        eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<', now)]),
        eb.or([eb('last_success_at', 'is', null), eb('last_success_at', '<', new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86400_000))]),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
