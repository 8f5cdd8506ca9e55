import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { moduleVisibleSql, type ScopedUser } from '../../kernel/catalog/index.ts';
import { itemVisibleSql } from '../../kernel/parties/index.ts';

/** '/1/7/42/' → ['/1/', '/1/7/', '/1/7/42/']: the units a user's unit lies in (itself included). */
export function pathPrefixes(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

/**
 * 信访's rule (the 检举控告 clause of the one visibility rule): an accusation is hidden from the
 * accused unit and everything below it (《信访工作条例》第三十条：不得将检举控告材料转给被检举、控告的人员或单位),
 * whatever their role — `accused` and `owner` are the case's accused-unit path and owner-unit path.
 *
 * Exemption: when the accused unit is an ancestor of the registering unit (e.g. the county root or the
 * 县委/县政府 above the 信访局), the registering unit and its sub-units keep the case — otherwise nobody at
 * the 信访局 could handle an accusation against the county. The accused unit itself still loses it (an
 * accusation against the 信访局 is hidden from the 信访局), and units above it were never below it.
 */
export function accusationHidesSql(user: ScopedUser, accused: string, owner: string): RawBuilder<SqlBool> {
  const a = sql.ref(accused);
  const o = sql.ref(owner);
  const userInAccused = sql<SqlBool>`${a} in (${sql.join(pathPrefixes(user.unitPath))})`;
  const registeringUnitBelowAccused = sql<SqlBool>`(${o} <> ${a} and ${o} like ${a} || '%' and ${user.unitPath} like ${o} || '%')`;
  return sql<SqlBool>`(${userInAccused} and not ${registeringUnitBelowAccused})`;
}

/**
 * The module's visibility rule as the kernel applies it to any work_items alias `wi` (the descriptor's
 * `visibility`): no accusation of this case hides it from the user. An anti-join on the few petitions
 * whose accused unit contains the user's unit (partial index petitions_accused_idx).
 */
export function petitionVisibility(user: ScopedUser, wi: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`not exists (select 1 from petitions px where px.id = ${sql.ref(`${wi}.id`)}
    and px.accused_unit_path is not null and ${accusationHidesSql(user, 'px.accused_unit_path', `${wi}.owner_unit_path`)})`;
}

/**
 * The petitions the rule hides from `user` (the descriptor's hiddenIdsSql): the accusations whose accused unit contains
 * the user's unit, but for the registering unit's exemption — `visibility` is false for exactly these items.
 */
export function petitionHiddenIds(user: ScopedUser): RawBuilder<unknown> {
  return sql`select px.id from petitions px join work_items hw on hw.id = px.id
    where px.accused_unit_path is not null and ${accusationHidesSql(user, 'px.accused_unit_path', 'hw.owner_unit_path')}`;
}

/** The same rule in TypeScript for a case already loaded (unit-tested against the SQL; keep them equal). */
export function hiddenAsAccused(opts: { userUnitPath: string; accusedUnitPath: string | null; ownerUnitPath: string }): boolean {
  const { userUnitPath: u, accusedUnitPath: a, ownerUnitPath: o } = opts;
  if (a === null || !pathPrefixes(u).includes(a)) return false;
  const registeringUnitBelowAccused = o !== a && o.startsWith(a) && u.startsWith(o);
  return !registeringUnitBelowAccused;
}

/** The module's whole rule for its own queries over work_items aliased `wi`: the kernel's scope AND its rule. */
export function petitionVisibleSql(user: ScopedUser): RawBuilder<SqlBool> {
  return moduleVisibleSql({ visibility: petitionVisibility }, user, 'wi');
}

/**
 * The same rule read from a petition_facts row `pf`, whose id, owner_unit_path and accused_unit_path are
 * the case's own (kept by triggers): the statistics and the overdue list never touch the source tables.
 */
export function petitionFactVisibleSql(user: ScopedUser): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${itemVisibleSql('pf', user)} and (pf.accused_unit_path is null or not ${accusationHidesSql(user, 'pf.accused_unit_path', 'pf.owner_unit_path')}))`;
}
