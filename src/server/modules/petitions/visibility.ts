import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { SessionUser } from '../../core/auth/types.ts';
import { itemVisibleSql } from '../../kernel/parties/index.ts';

/**
 * A petition is visible when its work item is (owner scope or party) AND the caller is not in the
 * accused unit of a 检举控告 (or below it): `wi` is work_items, `p` is petitions in the query.
 *
 * Exemption: when the accused unit is an ancestor of the registering unit (e.g. the county root
 * or the 县委/县政府 above the 信访局), the registering unit and its sub-units keep the case —
 * otherwise nobody at the 信访局 could handle an accusation against the county. The accused unit
 * itself still loses it (an accusation against the 信访局 is hidden from the 信访局), and units
 * above the accused unit were never in its subtree.
 */
export function petitionVisibleSql(user: Pick<SessionUser, 'roles' | 'unitPath'>): RawBuilder<SqlBool> {
  const inAccusedSubtree = sql<SqlBool>`${user.unitPath} like p.accused_unit_path || '%'`;
  const registeringUnitBelowAccused = sql<SqlBool>`(wi.owner_unit_path <> p.accused_unit_path and wi.owner_unit_path like p.accused_unit_path || '%' and ${user.unitPath} like wi.owner_unit_path || '%')`;
  return sql<SqlBool>`(${itemVisibleSql('wi', user)} and (p.accused_unit_path is null or not (${inAccusedSubtree}) or ${registeringUnitBelowAccused}))`;
}

/** The same rule as petitionVisibleSql's accusation clause, in TypeScript (unit-tested; keep them equal). */
export function hiddenAsAccused(opts: { userUnitPath: string; accusedUnitPath: string | null; ownerUnitPath: string }): boolean {
  const { userUnitPath: u, accusedUnitPath: a, ownerUnitPath: o } = opts;
  if (a === null || !u.startsWith(a)) return false;
  const registeringUnitBelowAccused = o !== a && o.startsWith(a) && u.startsWith(o);
  return !registeringUnitBelowAccused;
}
