import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { inScope, isCountyWide, isExternal, likePrefix } from '../../../core/access/scope.ts';
import { enterpriseVisibleSql } from '../register/scope.ts';
import { drawInspection, type DrawCandidate } from './draw.ts';

export const PLAN_KINDS = ['general', 'special', 'random', 'unannounced', 'covert'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_KIND_ZH: Record<PlanKind, string> = {
  general: '安全生产大检查',
  special: '专项整治',
  random: '双随机抽查',
  unannounced: '四不两直检查',
  covert: '督查暗访',
};
/** Plans whose targets are kept from the inspected enterprise and its township until they are inspected (四不两直, 暗访). */
export const SECRET_KINDS: readonly PlanKind[] = ['unannounced', 'covert'];
export const TIE_ZH = { relative: '近亲属', former_employee: '曾在该单位任职', same_unit: '同一单位或利害关系', other: '其他应当回避的情形' } as const;
export type Tie = keyof typeof TIE_ZH;

/** Who plans and draws inspections: the 安委办/应急 staff, the administrator, a department or township for its own. */
export const mayPlanInspections = (u: Pick<SessionUser, 'roles'>) =>
  u.roles.some((r) => ['safety_staff', 'sys_admin', 'dept_liaison', 'township_staff'].includes(r));

/**
 * THE visibility rule of an inspection target (over aliases t = target, p = plan, e = enterprise), used by every
 * read path of inspections — list, detail, export, records, the 双随机 portal aside (it publishes only finished draws).
 * County-wide staff see all; the inspecting unit (and the units above it) and the target's own inspectors see their
 * plan; anyone else sees a target as they see its enterprise (its township, its regulator, its own enterprise
 * account) — except a 四不两直 / 暗访 target, which stays hidden from them until it has been inspected (recorded).
 */
export function targetVisibleSql(user: SessionUser, t = 't', p = 'p', e = 'e'): RawBuilder<SqlBool> {
  const notSecret = sql<SqlBool>`(${sql.ref(`${p}.kind`)} not in ('unannounced', 'covert') or ${sql.ref(`${t}.inspected_at`)} is not null)`;
  if (isExternal(user)) return sql<SqlBool>`(${enterpriseVisibleSql(user, e)} and ${notSecret})`;
  if (isCountyWide(user)) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${ownPlanSql(user, p)} or ${user.id} = any(${sql.ref(`${t}.inspector_ids`)}) or (${enterpriseVisibleSql(user, e)} and ${notSecret}))`;
}
/** The plan is the user's own unit's (or a unit below it): the inspecting unit sees its plans whole. */
function ownPlanSql(user: SessionUser, p: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from units pu where pu.id = ${sql.ref(`${p}.unit_id`)} and pu.path like ${likePrefix(user.unitPath)})`;
}
/** A plan is visible when the user sees it whole (county, inspecting unit) or sees one of its targets. */
export function planVisibleSql(user: SessionUser, p = 'p'): RawBuilder<SqlBool> {
  const anyTarget = sql<SqlBool>`exists (select 1 from safety_inspection_targets vt join safety_enterprises ve on ve.id = vt.enterprise_id
    where vt.plan_id = ${sql.ref(`${p}.id`)} and ${targetVisibleSql(user, 'vt', p, 've')})`;
  if (isExternal(user)) return anyTarget;
  if (isCountyWide(user)) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${ownPlanSql(user, p)} or ${anyTarget})`;
}

export interface PlanBase {
  kind: PlanKind;
  title: string;
  periodFrom: string;
  periodTo: string;
  unitId?: number;
  checklistId?: number | null;
}

async function checkBase(trx: Kysely<DB>, user: SessionUser, input: PlanBase): Promise<number> {
  if (!mayPlanInspections(user)) throw new AppError('FORBIDDEN');
  if (input.periodTo < input.periodFrom) throw new AppError('VALIDATION_FAILED', { detail: '检查期间：结束日期不能早于开始日期' }, { field: 'periodTo' });
  const unitId = input.unitId ?? user.unitId;
  const unit = await trx.selectFrom('units').select(['id', 'path']).where('id', '=', unitId).executeTakeFirst();
  if (!unit || !inScope(user, unit.path)) throw new AppError('VALIDATION_FAILED', { detail: '检查单位：只能是本单位或下级单位' }, { field: 'unitId' });
  if (input.checklistId) {
    const c = await trx.selectFrom('safety_checklists').select('id').where('id', '=', input.checklistId).where('disabled', '=', false).executeTakeFirst();
    if (!c) throw new AppError('VALIDATION_FAILED', { detail: '检查表不存在或已停用' }, { field: 'checklistId' });
  }
  return unitId;
}

async function checkInspectors(trx: Kysely<DB>, ids: number[], field: string): Promise<void> {
  if (!ids.length) throw new AppError('VALIDATION_FAILED', { detail: '至少要有一名检查人员' }, { field });
  const rows = await trx.selectFrom('users').select(['id', 'roles']).where('id', 'in', ids).where('disabled', '=', false).execute();
  const staff = rows.filter((r) => !isExternal({ roles: r.roles as SessionUser['roles'] }));
  if (staff.length !== new Set(ids).size) throw new AppError('VALIDATION_FAILED', { detail: '检查人员须为在用的工作人员账户' }, { field });
}

async function tiesOf(trx: Kysely<DB>, userIds: number[], enterpriseIds: number[]): Promise<[number, number][]> {
  if (!userIds.length || !enterpriseIds.length) return [];
  const rows = await trx
    .selectFrom('safety_inspector_ties')
    .select(['user_id', 'enterprise_id'])
    .where('user_id', 'in', userIds)
    .where('enterprise_id', 'in', enterpriseIds)
    .execute();
  return rows.map((r) => [Number(r.user_id), Number(r.enterprise_id)]);
}

/** A plan with a target list chosen by hand (大检查, 专项整治, 四不两直, 暗访); every inspector checks every target, and none may be tied to one (回避). */
export async function createPlan(
  db: Kysely<DB>,
  opts: { input: PlanBase & { enterpriseIds: number[]; inspectorIds: number[] }; user: SessionUser; actor: Actor },
): Promise<{ id: number }> {
  const { input, user } = opts;
  if (input.kind === 'random') throw new AppError('VALIDATION_FAILED', { detail: '双随机抽查的对象和人员须随机抽取，不能手工指定' }, { field: 'kind' });
  return db.transaction().execute(async (trx) => {
    const unitId = await checkBase(trx, user, input);
    const ids = [...new Set(input.enterpriseIds)];
    if (!ids.length) throw new AppError('VALIDATION_FAILED', { detail: '至少要有一个检查对象' }, { field: 'enterpriseIds' });
    const found = await trx
      .selectFrom('safety_enterprises as e')
      .select(['e.id', 'e.name'])
      .where('e.id', 'in', ids)
      .where('e.disabled', '=', false)
      .where(enterpriseVisibleSql(user, 'e'))
      .execute();
    if (found.length !== ids.length)
      throw new AppError('SAFETY_ENTERPRISE_INVALID', { detail: '检查对象不存在或不在本人的管辖范围内' }, { field: 'enterpriseIds' });
    const inspectors = [...new Set(input.inspectorIds)];
    await checkInspectors(trx, inspectors, 'inspectorIds');
    const ties = await tiesOf(trx, inspectors, ids);
    if (ties.length) {
      const name = found.find((f) => Number(f.id) === ties[0]![1])!.name;
      throw new AppError('SAFETY_INSPECTION_RECUSAL', { detail: `有检查人员与“${name}”存在应当回避的关系` }, { field: 'inspectorIds' });
    }
    const plan = await trx
      .insertInto('safety_inspection_plans')
      .values({
        kind: input.kind,
        title: input.title,
        period_from: input.periodFrom,
        period_to: input.periodTo,
        unit_id: unitId,
        checklist_id: input.checklistId ?? null,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('safety_inspection_targets')
      .values(ids.map((enterprise_id) => ({ plan_id: plan.id, enterprise_id, inspector_ids: inspectors })))
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'hazard.inspection.plan',
      entityType: 'safety_inspection_plan',
      entityId: Number(plan.id),
      after: {
        kind: input.kind,
        title: input.title,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        targets: ids.length,
        inspectors: inspectors.length,
      },
    });
    return { id: Number(plan.id) };
  });
}

export interface DrawFilter {
  sectorId?: number;
  townshipUnitId?: number;
  riskGrade?: 'red' | 'orange' | 'yellow' | 'blue';
}
export interface DrawSnapshot {
  candidates: DrawCandidate[];
  pool: number[];
  ties: [number, number][];
  count: number;
  perTarget: number;
}

/**
 * 双随机: the candidates are the enterprises of the register the planner sees that match the filter (a sector
 * includes its sub-sectors), each marked whether it was inspected already in the plan's year; the pool is the
 * inspectors named; the ties are the pool's recorded 回避 relations with the candidates. The seed (given, or
 * 128 random bits), the filter and this snapshot are stored with the plan, so anyone can replay the draw.
 */
export async function drawPlan(
  db: Kysely<DB>,
  opts: {
    input: Omit<PlanBase, 'kind'> & { filter: DrawFilter; count: number; perTarget: number; inspectorPool: number[]; seed?: string };
    user: SessionUser;
    actor: Actor;
    now: Date;
  },
): Promise<{ id: number; seed: string }> {
  const { input, user } = opts;
  const seed = input.seed ?? randomBytes(16).toString('hex');
  return db.transaction().execute(async (trx) => {
    const unitId = await checkBase(trx, user, { ...input, kind: 'random' });
    const pool = [...new Set(input.inspectorPool)].sort((a, b) => a - b);
    await checkInspectors(trx, pool, 'inspectorPool');
    const year = input.periodFrom.slice(0, 4);
    let q = trx
      .selectFrom('safety_enterprises as e')
      .leftJoin('safety_sectors as s', 's.id', 'e.sector_id')
      .select([
        'e.id',
        sql<boolean>`exists (select 1 from safety_inspection_targets it where it.enterprise_id = e.id and it.inspected_at is not null
          and to_char(it.inspected_at at time zone 'Asia/Shanghai', 'YYYY') = ${year})`.as('inspected'),
      ])
      .where('e.disabled', '=', false)
      .where(enterpriseVisibleSql(user, 'e'));
    const f = input.filter;
    if (f.sectorId) q = q.where((eb) => eb.or([eb('e.sector_id', '=', f.sectorId!), eb('s.parent_id', '=', f.sectorId!)]));
    if (f.townshipUnitId) q = q.where('e.township_unit_id', '=', f.townshipUnitId);
    if (f.riskGrade) q = q.where('e.risk_grade', '=', f.riskGrade);
    const rows = await q.orderBy('e.id').execute();
    const candidates = rows.map((r) => ({ enterpriseId: Number(r.id), inspectedThisYear: r.inspected }));
    const ties = await tiesOf(
      trx,
      pool,
      candidates.map((c) => c.enterpriseId),
    );
    const snapshot: DrawSnapshot = { candidates, pool, ties, count: input.count, perTarget: input.perTarget };
    const result = drawInspection({ seed, ...snapshot });
    if (!result.ok) {
      if (result.reason === 'too_few_candidates')
        throw new AppError(
          'SAFETY_DRAW_IMPOSSIBLE',
          { detail: `符合条件的检查对象只有 ${candidates.length} 家，少于抽取数量 ${input.count} 家` },
          { field: 'count' },
        );
      const name = (await trx.selectFrom('safety_enterprises').select('name').where('id', '=', result.enterpriseId!).executeTakeFirstOrThrow()).name;
      throw new AppError(
        'SAFETY_DRAW_IMPOSSIBLE',
        { detail: `执法人员库中与“${name}”无回避关系的人员不足 ${input.perTarget} 名，请扩充人员库` },
        { field: 'inspectorPool' },
      );
    }
    const plan = await trx
      .insertInto('safety_inspection_plans')
      .values({
        kind: 'random',
        title: input.title,
        period_from: input.periodFrom,
        period_to: input.periodTo,
        unit_id: unitId,
        checklist_id: input.checklistId ?? null,
        draw_seed: seed,
        draw_filter: JSON.stringify(f),
        draw_pool: JSON.stringify(snapshot),
        drawn_at: opts.now,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('safety_inspection_targets')
      .values(result.targets.map((t) => ({ plan_id: plan.id, enterprise_id: t.enterpriseId, inspector_ids: t.inspectorIds })))
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'hazard.inspection.draw',
      entityType: 'safety_inspection_plan',
      entityId: Number(plan.id),
      after: { title: input.title, seed, filter: f, candidates: candidates.length, pool: pool.length, drawn: result.targets.length },
    });
    return { id: Number(plan.id), seed };
  });
}

/** Replays a plan's recorded draw: true when the stored seed and snapshot give exactly the stored targets and inspectors. */
export function replayMatches(seed: string, snapshot: DrawSnapshot, targets: { enterpriseId: number; inspectorIds: number[] }[]): boolean {
  const r = drawInspection({ seed, ...snapshot });
  if (!r.ok) return false;
  const key = (x: { enterpriseId: number; inspectorIds: number[] }) => `${x.enterpriseId}:${[...x.inspectorIds].sort((a, b) => a - b).join(',')}`;
  return JSON.stringify(r.targets.map(key).sort()) === JSON.stringify(targets.map(key).sort());
}

/** Records an inspector's tie to an enterprise (回避): never drawn for it, never named on a plan for it. */
export async function recordTie(
  db: Kysely<DB>,
  opts: { input: { userId: number; enterpriseId: number; tie: Tie; note?: string }; user: SessionUser; actor: Actor },
): Promise<{ id: number }> {
  if (!mayPlanInspections(opts.user)) throw new AppError('FORBIDDEN');
  const { input } = opts;
  return db.transaction().execute(async (trx) => {
    await checkInspectors(trx, [input.userId], 'userId');
    const e = await trx
      .selectFrom('safety_enterprises as e')
      .select('e.id')
      .where('e.id', '=', input.enterpriseId)
      .where(enterpriseVisibleSql(opts.user, 'e'))
      .executeTakeFirst();
    if (!e) throw new AppError('SAFETY_ENTERPRISE_INVALID', { detail: '企业不存在或不在本人的管辖范围内' }, { field: 'enterpriseId' });
    const row = await trx
      .insertInto('safety_inspector_ties')
      .values({ user_id: input.userId, enterprise_id: input.enterpriseId, tie: input.tie, note: input.note ?? null })
      .onConflict((oc) => oc.columns(['user_id', 'enterprise_id']).doUpdateSet({ tie: input.tie, note: input.note ?? null }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, opts.actor, {
      action: 'hazard.inspection.tie',
      entityType: 'safety_inspector_tie',
      entityId: Number(row.id),
      after: { userId: input.userId, enterpriseId: input.enterpriseId, tie: input.tie },
    });
    return { id: Number(row.id) };
  });
}
