import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { inScopeSql } from '../../../core/access/scoped-query.ts';
import { can, type Action } from '../../../core/access/policy.ts';
import { AppError } from '../../../core/errors.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A unit the user can see (else 404, whether it does not exist or is out of scope). */
export async function unitInScope(db: Db, user: SessionUser, id: number) {
  const unit = await db.selectFrom('units').selectAll().where('id', '=', id).where(inScopeSql('units.path', user)).executeTakeFirst();
  if (!unit) throw new AppError('NOT_FOUND', {}, { entity: 'unit', id });
  return unit;
}

/** A user the user can see: their unit is in scope (else 404). */
export async function userInScope(db: Db, user: SessionUser, id: number) {
  const row = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'units.path as unit_path'])
    .where('users.id', '=', id)
    .where(inScopeSql('units.path', user))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', {}, { entity: 'user', id });
  return row;
}

/** 403 unless the policy allows `action` on a record in `unitPath` (already known to be visible). */
export function assertCan(user: SessionUser, action: Action, unitPath?: string): void {
  if (!can(user, action, unitPath === undefined ? undefined : { unitPath })) throw new AppError('FORBIDDEN');
}

/** Postgres unique_violation, to map races past a pre-check onto the catalogue's 409s. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
