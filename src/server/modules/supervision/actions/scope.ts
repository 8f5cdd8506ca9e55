import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { likePrefix } from '../../../core/access/scope.ts';
import { readsAllActions } from './fields.ts';

type Q = Kysely<DB> | Transaction<DB>;
export type ScopeUser = Pick<SessionUser, 'id' | 'roles' | 'unitId' | 'unitPath'>;

/**
 * THE visibility rule of every 专项行动 read path (list, page, 问题清单, 调度, export), in two parts:
 *  - who sees the WHOLE action (every row of the 问题清单, the 调度 records): the 督查办, county leaders, the administrator
 *    and the auditor; staff of the action's 牵头单位 (or a unit below it); the users named in its 领导小组;
 *  - anyone else sees the action only through its own rows: those assigned to their unit (or a unit below it — a
 *    township its villages) and those whose 包案领导 is them — and nothing of another unit's rows.
 * `a` is the sv_actions alias.
 */
export function seesWholeActionSql(user: ScopeUser, a = 'a'): RawBuilder<SqlBool> {
  if (readsAllActions(user)) return sql<SqlBool>`true`;
  return sql<SqlBool>`(exists (select 1 from units lu where lu.id = ${sql.ref(`${a}.lead_unit_id`)} and left(${user.unitPath}, length(lu.path)) = lu.path)
    or exists (select 1 from sv_action_members m where m.action_id = ${sql.ref(`${a}.id`)} and m.user_id = ${user.id}))`;
}

/** One row of the 问题清单 seen through its own unit or leader; `t` is supervision_tasks. */
function ownRowSql(user: ScopeUser, t = 't'): RawBuilder<SqlBool> {
  return sql<SqlBool>`(exists (select 1 from units ou where ou.id = ${sql.ref(`${t}.unit_id`)} and ou.path like ${likePrefix(user.unitPath)})
    or exists (select 1 from leaders ol where ol.id = ${sql.ref(`${t}.leader_id`)} and ol.user_id = ${user.id}))`;
}

/** The 问题清单 rows the user sees (sv_action_items `i`, supervision_tasks `t`, work_items `wi`, sv_actions `a`). */
export function visibleItems(db: Q, user: ScopeUser) {
  return db
    .selectFrom('sv_action_items as i')
    .innerJoin('sv_actions as a', 'a.id', 'i.action_id')
    .innerJoin('supervision_tasks as t', 't.id', 'i.task_id')
    .innerJoin('work_items as wi', 'wi.id', 't.id')
    .where('wi.state', '<>', 'withdrawn')
    .where(sql<SqlBool>`(${seesWholeActionSql(user)} or ${ownRowSql(user)})`);
}

/** The actions the user sees: the whole ones, and those holding a row of their own. */
export function visibleActions(db: Q, user: ScopeUser) {
  const q = db.selectFrom('sv_actions as a');
  if (readsAllActions(user)) return q;
  return q.where(
    sql<SqlBool>`(${seesWholeActionSql(user)} or exists (select 1 from sv_action_items vi join supervision_tasks t on t.id = vi.task_id
      join work_items vwi on vwi.id = t.id where vi.action_id = a.id and vwi.state <> 'withdrawn' and ${ownRowSql(user)}))`,
  );
}
