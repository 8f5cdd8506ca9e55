import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Role, SessionUser } from './types.ts';
import type { Actor } from '../audit/audit-chain.ts';

/** The columns every view of a user needs (users joined to their unit). */
export function selectUserWithUnit(db: Kysely<DB> | Transaction<DB>) {
  return db
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
      'users.failed_logins',
      'users.locked_until',
      'users.last_login_at',
      'users.password_hash',
      'users.enterprise_id',
    ]);
}

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  roles: string[];
  must_change_password: boolean;
  enterprise_id?: number | null;
}

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: Number(row.id),
    username: row.username,
    displayName: row.display_name,
    unitId: Number(row.unit_id),
    unitName: row.unit_name,
    unitPath: row.unit_path,
    roles: row.roles as Role[],
    mustChangePassword: row.must_change_password,
    enterpriseId: row.enterprise_id == null ? null : Number(row.enterprise_id),
  };
}

/** The audit actor for a signed-in user acting through a request. */
export function actorOf(user: SessionUser, ip: string | null): Actor {
  return { userId: user.id, name: `${user.displayName}(${user.username})`, unitId: user.unitId, ip };
}
