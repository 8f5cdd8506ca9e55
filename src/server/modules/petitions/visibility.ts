import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { SessionUser } from '../../core/auth/types.ts';
import { itemVisibleSql } from '../../kernel/parties/index.ts';

/**
 * A petition is visible when its work item is (owner scope or party) AND the caller is not in the
 * accused unit of a 检举控告: `wi` is work_items, `p` is petitions in the query.
 */
export function petitionVisibleSql(user: Pick<SessionUser, 'roles' | 'unitPath'>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${itemVisibleSql('wi', user)} and (p.accused_unit_path is null or not (${user.unitPath} like p.accused_unit_path || '%')))`;
}
