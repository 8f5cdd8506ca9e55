import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { can } from '../../../core/access/policy.ts';
import { inScope, likePrefix, scopePrefix } from '../../../core/access/scope.ts';
import { addDaysIso } from '../../../core/clock/clock.ts';
import { findRule } from '../../../core/clock/legal-rules.ts';

export const PLAN_LEVEL_ZH = {
  overall: '总体应急预案',
  special: '专项应急预案',
  department: '部门应急预案',
  site: '现场处置方案',
  enterprise: '企业应急预案',
} as const;
export const DRILL_FORM_ZH = { tabletop: '桌面推演', functional: '功能演练', full_scale: '综合（实战）演练' } as const;
export type PlanLevel = keyof typeof PLAN_LEVEL_ZH;

/** Rows of units the user may see (their unit and below; county-wide roles all). */
const unitScope = (user: SessionUser, unitPathColumn: string) => {
  const prefix = scopePrefix(user);
  return prefix === null ? sql<SqlBool>`true` : sql<SqlBool>`${sql.ref(unitPathColumn)} like ${likePrefix(prefix)}`;
};

/** The unit a record is kept by: the user's own, or one in scope they may write for. */
async function writableUnit(db: Kysely<DB>, user: SessionUser, unitId: number | undefined): Promise<number> {
  const unit = await db
    .selectFrom('units')
    .select(['id', 'path'])
    .where('id', '=', unitId ?? user.unitId)
    .executeTakeFirst();
  if (!unit || !inScope(user, unit.path)) throw new AppError('NOT_FOUND');
  if (!can(user, 'workitem.handle', { unitPath: unit.path })) throw new AppError('FORBIDDEN');
  return Number(unit.id);
}

export interface PlanInput {
  unitId?: number;
  name: string;
  level: PlanLevel;
  compiledBy: string;
  version: string;
  approvedOn: string;
  reviewDueOn: string;
  note: string;
}

export async function listPlans(db: Kysely<DB>, user: SessionUser, q: { dueWithinDays?: number; today: string }) {
  let query = db
    .selectFrom('safety_plans as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.level',
      'p.compiled_by',
      'p.version',
      'p.approved_on',
      'p.review_due_on',
      'p.note',
      'u.name as unit_name',
      eb
        .selectFrom('safety_plan_drills as d')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('d.plan_id', '=', 'p.id')
        .as('drills'),
      eb
        .selectFrom('safety_plan_drills as d')
        .select(sql<string>`max(d.drilled_on)::text`.as('m'))
        .whereRef('d.plan_id', '=', 'p.id')
        .as('last_drill'),
    ])
    .where(unitScope(user, 'u.path'));
  if (q.dueWithinDays !== undefined) query = query.where('p.review_due_on', '<=', addDaysIso(q.today, q.dueWithinDays));
  const rows = await query.orderBy('p.review_due_on').orderBy('p.id').limit(1000).execute();
  return rows.map((p) => {
    const days = Math.round((Date.parse(`${p.review_due_on}T00:00:00Z`) - Date.parse(`${q.today}T00:00:00Z`)) / 86_400_000);
    return {
      id: Number(p.id),
      name: p.name,
      level: p.level,
      levelName: PLAN_LEVEL_ZH[p.level],
      unitName: p.unit_name,
      compiledBy: p.compiled_by,
      version: p.version,
      approvedOn: p.approved_on,
      reviewDueOn: p.review_due_on,
      reviewText: days < 0 ? `已过评估期 ${-days} 天` : days === 0 ? '今日到期' : `还剩 ${days} 天`,
      reviewOverdue: days < 0,
      drills: Number(p.drills ?? 0),
      lastDrillOn: p.last_drill ?? null,
      note: p.note,
    };
  });
}

export async function createPlan(opts: { db: Kysely<DB>; user: SessionUser; actor: Actor; now: Date; input: PlanInput }) {
  const { db, input } = opts;
  if (input.reviewDueOn <= input.approvedOn)
    throw new AppError('VALIDATION_FAILED', { detail: 'reviewDueOn：下次评估日期应晚于批准（备案）日期' }, { field: 'reviewDueOn' });
  const unitId = await writableUnit(db, opts.user, input.unitId);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('safety_plans')
      .values({
        unit_id: unitId,
        name: input.name,
        level: input.level,
        compiled_by: input.compiledBy,
        version: input.version,
        approved_on: input.approvedOn,
        review_due_on: input.reviewDueOn,
        note: input.note,
        created_by: opts.actor.userId,
        updated_at: opts.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, opts.actor, { action: 'safety.plan.create', entityType: 'safety_plan', entityId: Number(id), after: { ...input, unitId } });
    return { id: Number(id) };
  });
}

/** A revised plan (new version, approval and review dates): the reminder is due again for the new date. */
export async function revisePlan(opts: { db: Kysely<DB>; user: SessionUser; actor: Actor; now: Date; id: number; input: Omit<PlanInput, 'unitId'> }) {
  const { db, input } = opts;
  if (input.reviewDueOn <= input.approvedOn)
    throw new AppError('VALIDATION_FAILED', { detail: 'reviewDueOn：下次评估日期应晚于批准（备案）日期' }, { field: 'reviewDueOn' });
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('safety_plans as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .selectAll('p')
      .select('u.path')
      .where('p.id', '=', opts.id)
      .where(unitScope(opts.user, 'u.path'))
      .forUpdate('p')
      .executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND');
    if (!can(opts.user, 'workitem.handle', { unitPath: before.path })) throw new AppError('FORBIDDEN');
    await trx
      .updateTable('safety_plans')
      .set({
        name: input.name,
        level: input.level,
        compiled_by: input.compiledBy,
        version: input.version,
        approved_on: input.approvedOn,
        review_due_on: input.reviewDueOn,
        note: input.note,
        updated_at: opts.now,
      })
      .where('id', '=', opts.id)
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'safety.plan.revise',
      entityType: 'safety_plan',
      entityId: opts.id,
      before: { version: before.version, approvedOn: before.approved_on, reviewDueOn: before.review_due_on },
      after: input,
    });
    return { id: opts.id };
  });
}

export async function recordDrill(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  actor: Actor;
  today: string;
  planId: number;
  input: { drilledOn: string; form: keyof typeof DRILL_FORM_ZH; participants: number; summary: string };
}) {
  const { db, input } = opts;
  if (input.drilledOn > opts.today) throw new AppError('VALIDATION_FAILED', { detail: 'drilledOn：演练日期不能晚于今天' }, { field: 'drilledOn' });
  const plan = await db
    .selectFrom('safety_plans as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'u.path'])
    .where('p.id', '=', opts.planId)
    .where(unitScope(opts.user, 'u.path'))
    .executeTakeFirst();
  if (!plan) throw new AppError('NOT_FOUND');
  if (!can(opts.user, 'workitem.handle', { unitPath: plan.path })) throw new AppError('FORBIDDEN');
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('safety_plan_drills')
      .values({
        plan_id: opts.planId,
        drilled_on: input.drilledOn,
        form: input.form,
        participants: input.participants,
        summary: input.summary,
        created_by: opts.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, opts.actor, {
      action: 'safety.plan.drill',
      entityType: 'safety_plan',
      entityId: opts.planId,
      after: { drillId: Number(id), ...input },
    });
    return { id: Number(id) };
  });
}

export async function listDrills(db: Kysely<DB>, user: SessionUser, planId: number) {
  const rows = await db
    .selectFrom('safety_plan_drills as d')
    .innerJoin('safety_plans as p', 'p.id', 'd.plan_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['d.id', 'd.drilled_on', 'd.form', 'd.participants', 'd.summary'])
    .where('d.plan_id', '=', planId)
    .where(unitScope(user, 'u.path'))
    .orderBy('d.drilled_on', 'desc')
    .execute();
  return rows.map((d) => ({
    id: Number(d.id),
    drilledOn: d.drilled_on,
    formName: DRILL_FORM_ZH[d.form],
    participants: Number(d.participants),
    summary: d.summary,
  }));
}

/**
 * 预案评估提醒: a plan whose review falls due within the rule's notice days (plan.review.notice) is reminded once to
 * its unit — once per due date, so a revised plan is reminded again for its new date. Idempotent, audited per run.
 */
export async function remindPlanReviews(opts: { db: Kysely<DB>; today: string }): Promise<{ reminded: number }> {
  const notice = await findRule(opts.db, 'plan.review.notice');
  const horizon = addDaysIso(opts.today, notice.amount);
  return opts.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('safety_plans')
      .select(['id', 'unit_id', 'name', 'version', 'review_due_on'])
      .where('review_due_on', '<=', horizon)
      .where((eb) => eb.or([eb('reminded_for', 'is', null), eb('reminded_for', '<>', eb.ref('review_due_on'))]))
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return { reminded: 0 };
    await trx
      .insertInto('notifications')
      .values(
        due.map((p) => ({
          unit_id: Number(p.unit_id),
          user_id: null,
          kind: 'safety.plan.review',
          title: p.review_due_on < opts.today ? `【预案评估已到期】${p.name}` : `【预案评估临近】${p.name}`,
          body: `《${p.name}》（${p.version}）应于 ${p.review_due_on} 前完成评估，根据评估结论修订或确认继续有效，并报备案部门。依据：${notice.source}`,
          work_item_id: null,
          deadline_id: null,
          level: null,
        })),
      )
      .execute();
    for (const p of due) await trx.updateTable('safety_plans').set({ reminded_for: p.review_due_on }).where('id', '=', p.id).execute();
    await appendAudit(trx, SYSTEM_ACTOR, {
      action: 'safety.plan.remind',
      entityType: 'notifications',
      after: { today: opts.today, plans: due.map((p) => Number(p.id)), noticeDays: notice.amount },
    });
    return { reminded: due.length };
  });
}

export async function listTrainings(db: Kysely<DB>, user: SessionUser, q: { from?: string; to?: string }) {
  let query = db
    .selectFrom('safety_trainings as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.id', 't.held_on', 't.trained_unit', 't.topic', 't.attendees', 't.hours', 't.teacher', 'u.name as unit_name'])
    .where(unitScope(user, 'u.path'));
  if (q.from) query = query.where('t.held_on', '>=', q.from);
  if (q.to) query = query.where('t.held_on', '<=', q.to);
  const rows = await query.orderBy('t.held_on', 'desc').orderBy('t.id', 'desc').limit(1000).execute();
  return rows.map((t) => ({
    id: Number(t.id),
    heldOn: t.held_on,
    unitName: t.unit_name,
    trainedUnit: t.trained_unit,
    topic: t.topic,
    attendees: Number(t.attendees),
    hours: Number(t.hours),
    teacher: t.teacher,
  }));
}

export async function createTraining(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  actor: Actor;
  today: string;
  input: { unitId?: number; heldOn: string; trainedUnit: string; topic: string; attendees: number; hours: number; teacher: string };
}) {
  const { db, input } = opts;
  if (input.heldOn > opts.today) throw new AppError('VALIDATION_FAILED', { detail: 'heldOn：培训日期不能晚于今天' }, { field: 'heldOn' });
  const unitId = await writableUnit(db, opts.user, input.unitId);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('safety_trainings')
      .values({
        unit_id: unitId,
        held_on: input.heldOn,
        trained_unit: input.trainedUnit,
        topic: input.topic,
        attendees: input.attendees,
        hours: input.hours,
        teacher: input.teacher,
        created_by: opts.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, opts.actor, { action: 'safety.training.create', entityType: 'safety_training', entityId: Number(id), after: { ...input, unitId } });
    return { id: Number(id) };
  });
}
