import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { SessionUser } from '../auth/types.ts';
import { likePrefix, scopePrefix } from './scope.ts';

/**
 * The data scope as a SQL condition on a unit-path column: `path LIKE '/1/7/%'` for a unit-scoped
 * user, TRUE for a county-wide one. Use it in every repository query so out-of-scope rows never
 * leave the database (and therefore surface as 404). The path index uses text_pattern_ops, so the
 * prefix LIKE is an index range scan on both back ends.
 *
 *   db.selectFrom('units').where(inScopeSql('units.path', user))
 */
export function inScopeSql(pathColumn: string, user: Pick<SessionUser, 'roles' | 'unitPath'>): RawBuilder<SqlBool> {
  const prefix = scopePrefix(user);
  if (prefix === null) return sql<SqlBool>`true`;
  return sql<SqlBool>`${sql.ref(pathColumn)} like ${likePrefix(prefix)}`;
}
