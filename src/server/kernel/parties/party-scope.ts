import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { SessionUser } from '../../core/auth/types.ts';
import { isExternal, likePrefix, scopePrefix } from '../../core/access/scope.ts';

/**
 * Scope of a kernel item: county-wide roles see the county; others see an item whose owner unit
 * is in their scope, or where their unit (or a sub-unit of it) is an active party. `itemAlias`
 * is the work_items alias in the query.
 */
export function itemVisibleSql(itemAlias: string, user: Pick<SessionUser, 'roles' | 'unitPath'>): RawBuilder<SqlBool> {
  // an outside party's account (an enterprise) has no unit scope: only a module's externalVisibility opens items to it
  if (isExternal(user)) return sql<SqlBool>`false`;
  const prefix = scopePrefix(user);
  if (prefix === null) return sql<SqlBool>`true`;
  const like = likePrefix(prefix);
  return sql<SqlBool>`(${sql.ref(`${itemAlias}.owner_unit_path`)} like ${like} or exists (
    select 1 from case_parties cp where cp.work_item_id = ${sql.ref(`${itemAlias}.id`)} and cp.active and cp.unit_path like ${like}))`;
}

/** Pure twin of itemVisibleSql for an item already loaded. */
export function itemVisible(user: Pick<SessionUser, 'roles' | 'unitPath'>, item: { ownerUnitPath: string; partyUnitPaths: string[] }): boolean {
  if (isExternal(user)) return false;
  const prefix = scopePrefix(user);
  if (prefix === null) return true;
  return item.ownerUnitPath.startsWith(prefix) || item.partyUnitPaths.some((p) => p.startsWith(prefix));
}
