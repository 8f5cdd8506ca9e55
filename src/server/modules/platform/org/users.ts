import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { Role, SessionUser } from '../../../core/auth/types.ts';
import { inScopeSql } from '../../../core/access/scoped-query.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { assertPasswordStrength, generatePassword, hashPassword } from '../../../core/auth/password.ts';
import { toSessionUser } from '../../../core/auth/session-user.ts';
import { clearLoginDelays } from '../../../core/auth/login.ts';
import { assertCan, isUniqueViolation, unitInScope, userInScope } from './org-scope.ts';

export interface AdminUserView extends SessionUser {
  disabled: boolean;
  locked: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

function selectAdminUsers(db: Kysely<DB>) {
  return (
    db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .select([
        'users.id',
        'users.username',
        'users.display_name',
        'users.unit_id',
        'units.name as unit_name',
        'units.path as unit_path',
        'users.roles',
        'users.must_change_password',
        'users.disabled',
        'users.last_login_at',
      ])
      // no account is locked any more: "locked" is the latest wait one of its (name, address) pairs has to sit out
      .select(sql<Date | null>`(SELECT max(a.next_attempt_at) FROM login_attempts a WHERE a.username = lower(users.username))`.as('locked_until'))
  );
}

type AdminRow = Awaited<ReturnType<ReturnType<typeof selectAdminUsers>['executeTakeFirstOrThrow']>>;

function toAdminView(row: AdminRow, now: Date): AdminUserView {
  const lockedUntil = row.locked_until ? new Date(row.locked_until) : null;
  return {
    ...toSessionUser(row),
    disabled: row.disabled,
    locked: lockedUntil !== null && lockedUntil.getTime() > now.getTime(),
    lockedUntil: lockedUntil?.toISOString() ?? null,
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at).toISOString() : null,
  };
}

/** What the audit trail keeps of a user: never the password or its hash. */
const snapshot = (u: AdminUserView) => ({ username: u.username, displayName: u.displayName, unitId: u.unitId, roles: u.roles, disabled: u.disabled });

export interface ListUsersQuery {
  unitId?: number;
  q?: string;
  role?: Role;
  disabled?: boolean;
  page: number;
  pageSize: number;
}

export async function listUsers(opts: { db: Kysely<DB>; user: SessionUser; query: ListUsersQuery; now: Date }) {
  const { query } = opts;
  let q = selectAdminUsers(opts.db).where(inScopeSql('units.path', opts.user));
  if (query.unitId !== undefined) q = q.where('users.unit_id', '=', query.unitId);
  if (query.role) q = q.where(sql<boolean>`${query.role} = any(users.roles)`);
  if (query.disabled !== undefined) q = q.where('users.disabled', '=', query.disabled);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('users.username', 'ilike', like), eb('users.display_name', 'ilike', like)]));
  }
  const { total } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('units.path')
    .orderBy('users.username')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: rows.map((r) => toAdminView(r, opts.now)), total: Number(total) };
}

export async function getUser(opts: { db: Kysely<DB>; user: SessionUser; id: number; now: Date }): Promise<AdminUserView> {
  await userInScope(opts.db, opts.user, opts.id);
  return toAdminView(await selectAdminUsers(opts.db).where('users.id', '=', opts.id).executeTakeFirstOrThrow(), opts.now);
}

const USERNAME_RE = /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/;

export interface CreateUserInput {
  username: string;
  displayName: string;
  unitId: number;
  roles: Role[];
  password?: string;
}

/** Creates a staff account; without a password a random one is generated and returned once. */
export async function createUser(opts: { db: Kysely<DB>; user: SessionUser; actor: Actor; input: CreateUserInput; now: Date }) {
  const { db, user, input } = opts;
  if (!USERNAME_RE.test(input.username)) {
    throw new AppError('VALIDATION_FAILED', { detail: 'username：以字母开头，3–32 位字母、数字或 _ . -' }, { field: 'username' });
  }
  const unit = await unitInScope(db, user, input.unitId);
  assertCan(user, 'user.create', unit.path);
  if (input.password !== undefined) assertPasswordStrength(input.password);
  const initialPassword = input.password === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(input.password ?? initialPassword!);
  try {
    const created = await db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
      if (taken) throw new AppError('USERNAME_TAKEN', { username: input.username }, { field: 'username' });
      const { id } = await trx
        .insertInto('users')
        .values({
          username: input.username,
          display_name: input.displayName,
          unit_id: unit.id,
          roles: input.roles,
          password_hash: passwordHash,
          // whoever set it, the person must choose their own at first login
          must_change_password: true,
          created_at: opts.now,
          updated_at: opts.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const view = toAdminView(await selectAdminUsers(trx).where('users.id', '=', id).executeTakeFirstOrThrow(), opts.now);
      await appendAudit(trx, opts.actor, { action: 'user.create', entityType: 'user', entityId: view.id, after: snapshot(view) });
      return view;
    });
    return { user: created, ...(initialPassword ? { initialPassword } : {}) };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('USERNAME_TAKEN', { username: input.username }, { field: 'username' });
    throw error;
  }
}

export interface UpdateUserInput {
  displayName?: string;
  unitId?: number;
  roles?: Role[];
  disabled?: boolean;
}

export async function updateUser(opts: { db: Kysely<DB>; user: SessionUser; actor: Actor; id: number; input: UpdateUserInput; now: Date }) {
  const { db, user, input } = opts;
  const target = await userInScope(db, user, opts.id);
  assertCan(user, 'user.update', target.unit_path);
  if (input.unitId !== undefined) {
    const unit = await unitInScope(db, user, input.unitId); // never move a user outside the admin's scope
    assertCan(user, 'user.update', unit.path);
  }
  if (opts.id === user.id && (input.disabled === true || (input.roles && !input.roles.includes('sys_admin') && user.roles.includes('sys_admin')))) {
    throw new AppError('CONFLICT', { detail: '不能停用自己的账号或取消自己的系统管理员角色' });
  }
  const before = await getUser({ db, user, id: opts.id, now: opts.now });
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
        ...(input.roles !== undefined ? { roles: input.roles } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        updated_at: opts.now,
      })
      .where('id', '=', opts.id)
      .execute();
    // a disabled account, or one whose roles or unit changed, signs in again with its new rights
    if (input.disabled === true || input.roles !== undefined || input.unitId !== undefined) {
      if (opts.id !== user.id) await trx.deleteFrom('sessions').where('user_id', '=', opts.id).execute();
    }
    const after = toAdminView(await selectAdminUsers(trx).where('users.id', '=', opts.id).executeTakeFirstOrThrow(), opts.now);
    await appendAudit(trx, opts.actor, { action: 'user.update', entityType: 'user', entityId: opts.id, before: snapshot(before), after: snapshot(after) });
    return after;
  });
}

/** Gives the user a new random password (shown once), unlocks them and ends their sessions. */
export async function resetPassword(opts: { db: Kysely<DB>; user: SessionUser; actor: Actor; id: number; now: Date }): Promise<{ password: string }> {
  const target = await userInScope(opts.db, opts.user, opts.id);
  assertCan(opts.user, 'user.resetPassword', target.unit_path);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await opts.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: true, failed_logins: 0, locked_until: null, updated_at: opts.now })
      .where('id', '=', opts.id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', opts.id).execute();
    await appendAudit(trx, opts.actor, { action: 'user.resetPassword', entityType: 'user', entityId: opts.id, after: { mustChangePassword: true } });
  });
  return { password };
}

export async function unlockUser(opts: { db: Kysely<DB>; user: SessionUser; actor: Actor; id: number; now: Date }): Promise<void> {
  const target = await userInScope(opts.db, opts.user, opts.id);
  assertCan(opts.user, 'user.unlock', target.unit_path);
  await opts.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').select(['failed_logins', 'locked_until', 'username']).where('id', '=', opts.id).executeTakeFirstOrThrow();
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null, updated_at: opts.now }).where('id', '=', opts.id).execute();
    // the sign-in waits of the account at every address
    const cleared = await clearLoginDelays(trx, before.username);
    await appendAudit(trx, opts.actor, {
      action: 'user.unlock',
      entityType: 'user',
      entityId: opts.id,
      before: { failedLogins: before.failed_logins, lockedUntil: before.locked_until ? new Date(before.locked_until).toISOString() : null },
      after: { failedLogins: 0, lockedUntil: null, loginDelaysCleared: cleared },
    });
  });
}
