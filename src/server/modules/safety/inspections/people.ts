import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { AppError } from '../../../core/errors.ts';
import { isCountyWide, likePrefix } from '../../../core/access/scope.ts';
import { enterpriseVisibleSql } from '../register/scope.ts';
import { mayPlanInspections, TIE_ZH } from './plans.ts';

/** The roles whose staff are named as inspectors: 应急/安委办, the departments' and the townships' staff. */
const INSPECTOR_ROLES = ['safety_staff', 'dept_liaison', 'township_staff'] as const;

export interface InspectorOption {
  id: number;
  displayName: string;
  unitName: string;
}

/**
 * The staff a planner may name as inspectors (or put in a 双随机 pool): enabled staff accounts with an inspecting
 * role — county-wide planners see the whole county, a department or township its own unit and those below it.
 */
export async function listInspectors(db: Kysely<DB>, user: SessionUser, opts: { q?: string }): Promise<InspectorOption[]> {
  if (!mayPlanInspections(user)) throw new AppError('FORBIDDEN');
  let q = db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select(['u.id', 'u.display_name', 'un.name as unit_name'])
    .where('u.disabled', '=', false)
    .where(sql<boolean>`u.roles && ${sql.val([...INSPECTOR_ROLES])}::text[]`)
    .where(sql<boolean>`not ('enterprise' = any(u.roles))`);
  if (!isCountyWide(user)) q = q.where('un.path', 'like', likePrefix(user.unitPath));
  if (opts.q) q = q.where((eb) => eb.or([eb('u.display_name', 'like', `%${opts.q}%`), eb('un.name', 'like', `%${opts.q}%`)]));
  const rows = await q.orderBy('un.path').orderBy('u.id').limit(500).execute();
  return rows.map((r) => ({ id: Number(r.id), displayName: r.display_name, unitName: r.unit_name }));
}

export interface TieRow {
  id: number;
  userName: string;
  unitName: string;
  enterpriseId: number;
  enterpriseName: string;
  tie: keyof typeof TIE_ZH;
  tieName: string;
  note: string | null;
  createdAt: string;
}

/** The recorded 回避 ties over the enterprises the planner sees, newest first. */
export async function listTies(db: Kysely<DB>, user: SessionUser): Promise<TieRow[]> {
  if (!mayPlanInspections(user)) throw new AppError('FORBIDDEN');
  const rows = await db
    .selectFrom('safety_inspector_ties as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .innerJoin('safety_enterprises as e', 'e.id', 't.enterprise_id')
    .select(['t.id', 'u.display_name', 'un.name as unit_name', 't.enterprise_id', 'e.name', 't.tie', 't.note', 't.created_at'])
    .where(enterpriseVisibleSql(user, 'e'))
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    userName: r.display_name,
    unitName: r.unit_name,
    enterpriseId: Number(r.enterprise_id),
    enterpriseName: r.name,
    tie: r.tie,
    tieName: TIE_ZH[r.tie],
    note: r.note,
    createdAt: r.created_at.toISOString(),
  }));
}
