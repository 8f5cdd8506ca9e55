import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { SessionUser } from '../../../core/auth/types.ts';
import { isCountyWide, isExternal, likePrefix } from '../../../core/access/scope.ts';
import type { ScopedUser } from '../../../kernel/catalog/index.ts';

/**
 * Who sees an enterprise of the register (over alias `e` of safety_enterprises): county-wide roles all of them; a
 * township those in its 属地 (its unit or a sub-unit of it); a department those it regulates (行业主管部门); an
 * enterprise account only its own.
 */
export function enterpriseVisibleSql(user: ScopedUser, e = 'e'): RawBuilder<SqlBool> {
  if (isExternal(user)) return user.enterpriseId ? sql<SqlBool>`${sql.ref(`${e}.id`)} = ${user.enterpriseId}` : sql<SqlBool>`false`;
  if (isCountyWide(user)) return sql<SqlBool>`true`;
  const like = likePrefix(user.unitPath);
  return sql<SqlBool>`(exists (select 1 from units su where su.id = ${sql.ref(`${e}.township_unit_id`)} and su.path like ${like})
    or exists (select 1 from units su where su.id = ${sql.ref(`${e}.regulator_unit_id`)} and su.path like ${like}))`;
}

/** Who keeps the register: the 安委办/应急 staff and the administrator county-wide, a township or department for its own enterprises. */
export const REGISTER_EDITORS = ['safety_staff', 'sys_admin', 'township_staff', 'dept_liaison'] as const;
export const mayEditRegister = (user: Pick<SessionUser, 'roles'>) => user.roles.some((r) => (REGISTER_EDITORS as readonly string[]).includes(r));
/** Who opens enterprise accounts: the 安委办/应急 staff and the administrator. */
export const mayManageAccounts = (user: Pick<SessionUser, 'roles'>) => user.roles.includes('safety_staff') || user.roles.includes('sys_admin');
