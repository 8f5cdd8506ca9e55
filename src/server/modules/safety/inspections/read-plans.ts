import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { AppError } from '../../../core/errors.ts';
import { isExternal } from '../../../core/access/scope.ts';
import { RISK_GRADES } from '../register/enterprise-input.ts';
import { PLAN_KIND_ZH, planVisibleSql, replayMatches, targetVisibleSql, type DrawFilter, type DrawSnapshot, type PlanKind } from './plans.ts';

export interface PlanRow {
  id: number;
  kind: PlanKind;
  kindName: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  unitName: string;
  targets: number;
  inspected: number;
  withHazards: number;
}

export interface PlanListFilter {
  kind?: PlanKind;
  /** plans whose 检查期间 overlaps [from, to] */
  from?: string;
  to?: string;
  /** pending: some visible target not yet inspected; done: every visible target inspected */
  status?: 'pending' | 'done';
}

/** Plans the user may see, newest first, counting only the targets the user may see (the one rule). */
export async function listPlans(
  db: Kysely<DB>,
  user: SessionUser,
  opts: PlanListFilter & { page: number; pageSize: number },
): Promise<{ items: PlanRow[]; total: number }> {
  let base = db.selectFrom('safety_inspection_plans as p').where(planVisibleSql(user, 'p'));
  if (opts.kind) base = base.where('p.kind', '=', opts.kind);
  // a plan is in the period when its 检查期间 overlaps it
  if (opts.from) base = base.where('p.period_to', '>=', opts.from);
  if (opts.to) base = base.where('p.period_from', '<=', opts.to);
  if (opts.status) {
    const open = sql<boolean>`exists (select 1 from safety_inspection_targets ot join safety_enterprises oe on oe.id = ot.enterprise_id
      where ot.plan_id = p.id and ot.inspected_at is null and ${targetVisibleSql(user, 'ot', 'p', 'oe')})`;
    base = base.where(opts.status === 'pending' ? open : sql<boolean>`not ${open}`);
  }
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select([
      'p.id',
      'p.kind',
      'p.title',
      'p.period_from',
      'p.period_to',
      'u.name as unit_name',
      sql<number>`(select count(*)::int from safety_inspection_targets t join safety_enterprises e on e.id = t.enterprise_id
        where t.plan_id = p.id and ${targetVisibleSql(user)})`.as('targets'),
      sql<number>`(select count(*)::int from safety_inspection_targets t join safety_enterprises e on e.id = t.enterprise_id
        where t.plan_id = p.id and t.inspected_at is not null and ${targetVisibleSql(user)})`.as('inspected'),
      sql<number>`(select count(*)::int from safety_inspection_targets t join safety_enterprises e on e.id = t.enterprise_id
        where t.plan_id = p.id and t.result = 'hazards' and ${targetVisibleSql(user)})`.as('with_hazards'),
    ])
    .orderBy('p.period_from', 'desc')
    .orderBy('p.id', 'desc')
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  return {
    total,
    items: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      kindName: PLAN_KIND_ZH[r.kind],
      title: r.title,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      unitName: r.unit_name,
      targets: r.targets,
      inspected: r.inspected,
      withHazards: r.with_hazards,
    })),
  };
}

export interface TargetRow {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  townshipName: string;
  inspectors: string[];
  inspectedAt: string | null;
  result: 'pass' | 'hazards' | null;
  recordId: number | null;
  recordNo: string | null;
  /** the reader is one of its inspectors (may record it) */
  mine: boolean;
  /** the hazards the target's record registered (发现隐患 n 项) */
  hazards: { id: number; refNo: string }[];
}
export interface DrawInfo {
  seed: string;
  filter: unknown;
  /** the filter in words: 行业领域、属地乡镇、风险等级 (全部 when not set) */
  filterWords: string[];
  drawnAt: string | null;
  count: number;
  perTarget: number;
  candidates: number;
  /** candidates not yet inspected in the plan's year (drawn first) */
  freshCandidates: number;
  pool: number;
  /** recorded 回避 ties between the pool and the candidates, honoured by the draw */
  ties: number;
  replayMatches: boolean;
}
export interface PlanDetail extends PlanRow {
  checklistId: number | null;
  checklistName: string | null;
  /** 双随机: the recorded seed and filter, and whether replaying them gives this very draw */
  draw: DrawInfo | null;
  items: TargetRow[];
}

/** One plan with the targets the user may see; 404 when the user may not see the plan (or, for 四不两直, any of it yet). */
export async function getPlan(db: Kysely<DB>, user: SessionUser, id: number): Promise<PlanDetail> {
  const plan = await db
    .selectFrom('safety_inspection_plans as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('safety_checklists as c', 'c.id', 'p.checklist_id')
    .select([
      'p.id',
      'p.kind',
      'p.title',
      'p.period_from',
      'p.period_to',
      'u.name as unit_name',
      'p.checklist_id',
      'c.name as checklist_name',
      'p.draw_seed',
      'p.draw_filter',
      'p.draw_pool',
      'p.drawn_at',
    ])
    .where('p.id', '=', id)
    .where(planVisibleSql(user, 'p'))
    .executeTakeFirst();
  if (!plan) throw new AppError('NOT_FOUND');
  const targets = await db
    .selectFrom('safety_inspection_targets as t')
    .innerJoin('safety_inspection_plans as p', 'p.id', 't.plan_id')
    .innerJoin('safety_enterprises as e', 'e.id', 't.enterprise_id')
    .innerJoin('units as tu', 'tu.id', 'e.township_unit_id')
    .leftJoin('safety_inspection_records as r', 'r.target_id', 't.id')
    .select([
      't.id',
      't.enterprise_id',
      'e.name',
      'tu.name as township_name',
      't.inspector_ids',
      't.inspected_at',
      't.result',
      'r.id as record_id',
      'r.record_no',
      sql<string[]>`coalesce((select array_agg(iu.display_name order by iu.id) from users iu where iu.id = any(t.inspector_ids)), '{}')`.as('inspectors'),
    ])
    .where('t.plan_id', '=', id)
    .where(targetVisibleSql(user))
    .orderBy('t.id')
    .execute();
  const recordIds = targets.flatMap((t) => (t.record_id === null ? [] : [Number(t.record_id)]));
  const hazards = recordIds.length
    ? await db
        .selectFrom('hazards as h')
        .innerJoin('work_items as w', 'w.id', 'h.id')
        .select(['h.id', 'h.inspection_record_id', 'w.ref_no'])
        .where('h.inspection_record_id', 'in', recordIds)
        .orderBy('h.id')
        .execute()
    : [];
  const items: TargetRow[] = targets.map((t) => ({
    id: Number(t.id),
    enterpriseId: Number(t.enterprise_id),
    enterpriseName: t.name,
    townshipName: t.township_name,
    inspectors: t.inspectors,
    inspectedAt: t.inspected_at ? t.inspected_at.toISOString() : null,
    result: t.result,
    recordId: t.record_id === null ? null : Number(t.record_id),
    recordNo: t.record_no,
    mine: t.inspector_ids.map(Number).includes(user.id),
    hazards: hazards.filter((h) => Number(h.inspection_record_id) === Number(t.record_id)).map((h) => ({ id: Number(h.id), refNo: h.ref_no })),
  }));
  let draw: PlanDetail['draw'] = null;
  if (plan.draw_seed && plan.draw_pool && !isExternal(user)) {
    const snap = plan.draw_pool as DrawSnapshot;
    const all = await db.selectFrom('safety_inspection_targets').select(['enterprise_id', 'inspector_ids']).where('plan_id', '=', id).execute();
    draw = {
      seed: plan.draw_seed,
      filter: plan.draw_filter,
      filterWords: await drawFilterWords(db, (plan.draw_filter ?? {}) as DrawFilter),
      drawnAt: plan.drawn_at ? plan.drawn_at.toISOString() : null,
      count: snap.count,
      perTarget: snap.perTarget,
      candidates: snap.candidates.length,
      freshCandidates: snap.candidates.filter((c) => !c.inspectedThisYear).length,
      pool: snap.pool.length,
      ties: snap.ties.length,
      replayMatches: replayMatches(
        plan.draw_seed,
        snap,
        all.map((a) => ({ enterpriseId: Number(a.enterprise_id), inspectorIds: a.inspector_ids.map(Number) })),
      ),
    };
  }
  return {
    id: Number(plan.id),
    kind: plan.kind,
    kindName: PLAN_KIND_ZH[plan.kind],
    title: plan.title,
    periodFrom: plan.period_from,
    periodTo: plan.period_to,
    unitName: plan.unit_name,
    checklistId: plan.checklist_id === null ? null : Number(plan.checklist_id),
    checklistName: plan.checklist_name,
    targets: items.length,
    inspected: items.filter((i) => i.inspectedAt).length,
    withHazards: items.filter((i) => i.result === 'hazards').length,
    draw,
    items,
  };
}

/** A draw's recorded filter in words, names looked up (a renamed sector reads by its current name). */
async function drawFilterWords(db: Kysely<DB>, f: DrawFilter): Promise<string[]> {
  const sector = f.sectorId ? await db.selectFrom('safety_sectors').select('name').where('id', '=', f.sectorId).executeTakeFirst() : undefined;
  const township = f.townshipUnitId ? await db.selectFrom('units').select('name').where('id', '=', f.townshipUnitId).executeTakeFirst() : undefined;
  return [
    `行业领域：${f.sectorId ? (sector?.name ?? '（已删除的行业领域）') : '全部'}`,
    `属地乡镇：${f.townshipUnitId ? (township?.name ?? '（已撤销的单位）') : '全部'}`,
    `风险等级：${f.riskGrade ? RISK_GRADES[f.riskGrade] : '全部'}`,
  ];
}

export interface PublicDraw {
  id: number;
  title: string;
  periodFrom: string;
  periodTo: string;
  inspectingUnit: string;
  drawnOn: string;
  targets: { enterpriseName: string; township: string; inspected: boolean; result: string | null }[];
  summary: { targets: number; inspected: number; passed: number; withHazards: number };
}

/**
 * 一公开: the finished 双随机 draws as the public may read them — the plan, the drawn enterprises' names and
 * townships, the inspecting unit and, once inspected, the result — and nothing about people (no inspector, no
 * responsible person, no phone, no seed detail beyond the plan).
 */
export async function publicDraws(db: Kysely<DB>, opts: { page: number; pageSize: number }): Promise<{ items: PublicDraw[]; total: number }> {
  const base = db.selectFrom('safety_inspection_plans as p').where('p.kind', '=', 'random').where('p.drawn_at', 'is not', null);
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const plans = await base
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select([
      'p.id',
      'p.title',
      'p.period_from',
      'p.period_to',
      'u.name as unit_name',
      sql<string>`to_char(p.drawn_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('drawn_on'),
    ])
    .orderBy('p.drawn_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  const targets = plans.length
    ? await db
        .selectFrom('safety_inspection_targets as t')
        .innerJoin('safety_enterprises as e', 'e.id', 't.enterprise_id')
        .innerJoin('units as tu', 'tu.id', 'e.township_unit_id')
        .select(['t.plan_id', 'e.name', 'tu.name as township', 't.inspected_at', 't.result'])
        .where(
          't.plan_id',
          'in',
          plans.map((p) => p.id),
        )
        .orderBy('t.id')
        .execute()
    : [];
  const RESULT_ZH = { pass: '未发现问题', hazards: '发现隐患，已责令整改' } as const;
  return {
    total,
    items: plans.map((p) => {
      const own = targets.filter((t) => Number(t.plan_id) === Number(p.id));
      return {
        id: Number(p.id),
        title: p.title,
        periodFrom: p.period_from,
        periodTo: p.period_to,
        inspectingUnit: p.unit_name,
        drawnOn: p.drawn_on,
        targets: own.map((t) => ({
          enterpriseName: t.name,
          township: t.township,
          inspected: t.inspected_at !== null,
          result: t.result ? RESULT_ZH[t.result] : null,
        })),
        summary: {
          targets: own.length,
          inspected: own.filter((t) => t.inspected_at).length,
          passed: own.filter((t) => t.result === 'pass').length,
          withHazards: own.filter((t) => t.result === 'hazards').length,
        },
      };
    }),
  };
}
