import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { bodyId, isoDate, safeString, text } from '../../../core/http/input.ts';
import { checkBusinessDate, loadBackdateWindow } from '../../../kernel/actions/index.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { findVisibleByRef, linkItems } from '../../../kernel/links/index.ts';
import { createSupervisionTasks } from '../tasks/index.ts';
import {
  ACTION_CATEGORIES,
  ACTION_NEXT,
  ACTION_RHYTHMS,
  ACTION_SOURCE,
  ACTION_STATUSES,
  DISPATCH_FORMS,
  MEMBER_ROLES,
  isActionOffice,
  type ActionCategory,
  type ActionRhythm,
  type ActionStatus,
  type DispatchForm,
  type MemberRole,
} from './fields.ts';

const codes = <K extends string>(m: Record<K, string>) => Object.keys(m) as [K, ...K[]];
const optText = (max: number) => text(max, { min: 0 }).optional();

export const actionInput = z.object({
  name: text(100).describe('行动名称，如“信访积案化解年”专项行动'),
  category: z.enum(codes<ActionCategory>(ACTION_CATEGORIES), { error: '请选择行动类别' }).describe('行动类别'),
  periodFrom: isoDate.describe('开始日期'),
  periodTo: isoDate.describe('结束日期'),
  goals: text(4000).describe('实施方案：目标任务'),
  measures: optText(4000).describe('实施方案：工作措施'),
  steps: optText(4000).describe('实施方案：时间步骤'),
  rhythm: z.enum(codes<ActionRhythm>(ACTION_RHYTHMS), { error: '请选择调度频次' }).describe('调度频次'),
  leadUnitId: bodyId.describe('牵头单位'),
  members: z
    .array(
      z.object({
        role: z.enum(codes<MemberRole>(MEMBER_ROLES), { error: '请选择领导小组职务' }).describe('组长/副组长/成员'),
        leaderId: bodyId.optional().describe('县领导（从县领导名单中选择时）'),
        name: text(40).describe('姓名'),
        post: optText(60).describe('职务'),
      }),
    )
    .min(1, '请至少填写领导小组组长')
    .max(60)
    .describe('领导小组'),
  groups: z
    .array(
      z.object({
        name: text(40).describe('工作专班名称，如“综合协调组”'),
        leadUnitId: bodyId.describe('牵头单位'),
        members: z.array(text(40)).max(30).default([]).describe('成员'),
      }),
    )
    .max(20)
    .default([])
    .describe('工作专班（工作组）'),
});
export type ActionInput = z.infer<typeof actionInput>;

export const itemsInput = z.object({
  items: z
    .array(
      z.object({
        title: text(200).describe('问题（如积案概况、隐患问题）'),
        detail: optText(2000).describe('具体情况'),
        unitId: bodyId.describe('责任单位'),
        leaderId: bodyId.describe('包案/责任领导'),
        dueDate: isoDate.describe('化解（整改）时限'),
        standard: text(500).describe('销号标准'),
        linkedRefNo: safeString().trim().max(40).optional().describe('关联的已有事项编号（如积案的信访件编号）'),
        linkedModule: safeString().trim().max(40).optional().describe('关联事项的类型（不同类型的事项编号可能相同，编号重复时须选择）'),
      }),
    )
    .min(1, '请至少列入一个问题')
    .max(200),
});
export type ItemsInput = z.infer<typeof itemsInput>;

export const dispatchInput = z.object({
  dispatchedOn: isoDate.describe('调度日期'),
  form: z.enum(codes<DispatchForm>(DISPATCH_FORMS), { error: '请选择调度形式' }).describe('调度形式'),
  reported: text(4000).describe('调度情况（各单位汇报的进展）'),
  problems: optText(4000).describe('存在问题'),
  nextSteps: optText(4000).describe('下步工作安排'),
  backdateReason: safeString().trim().min(1, '不能为空').max(500).optional().describe('补录说明（超过补录期限时必填）'),
});
export type DispatchInput = z.infer<typeof dispatchInput>;

export const statusInput = z.object({
  status: z.enum(codes<ActionStatus>(ACTION_STATUSES), { error: '请选择行动阶段' }).describe('行动阶段'),
});

type Q = Kysely<DB> | Transaction<DB>;

async function loadAction(db: Q, id: number, lock = false) {
  let q = db.selectFrom('sv_actions').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const a = await q.executeTakeFirst();
  if (!a) throw new AppError('NOT_FOUND');
  return { ...a, id: Number(a.id), lead_unit_id: Number(a.lead_unit_id) };
}

/** Creates an action with its plan, 领导小组 and 工作专班 (筹备), audited. The 督查办, or staff of the 牵头单位 itself. */
export async function createAction(db: Kysely<DB>, opts: { user: SessionUser; actor: Actor; input: ActionInput }): Promise<{ id: number }> {
  const { user, input } = opts;
  if (!isActionOffice(user, input.leadUnitId)) throw new AppError('FORBIDDEN');
  if (input.periodTo < input.periodFrom) throw new AppError('SV_ACTION_INVALID', { detail: '结束日期不能早于开始日期' }, { field: 'periodTo' });
  if (!input.members.some((m) => m.role === 'head')) throw new AppError('SV_ACTION_INVALID', { detail: '领导小组须有组长' }, { field: 'members' });
  const unitIds = [...new Set([input.leadUnitId, ...input.groups.map((g) => g.leadUnitId)])];
  const units = await db.selectFrom('units').select('id').where('id', 'in', unitIds).where('disabled', '=', false).execute();
  if (units.length !== unitIds.length) throw new AppError('SV_ACTION_INVALID', { detail: '所选的牵头单位不存在或已停用，请重新选择' }, { field: 'leadUnitId' });
  const leaderIds = input.members.flatMap((m) => (m.leaderId ? [m.leaderId] : []));
  const leaders = leaderIds.length
    ? await db.selectFrom('leaders').select(['id', 'user_id', 'title']).where('id', 'in', leaderIds).where('disabled', '=', false).execute()
    : [];
  if (leaders.length !== new Set(leaderIds).size) throw new AppError('SV_ACTION_INVALID', { detail: '所选的县领导不存在或已停用' }, { field: 'members' });

  return db.transaction().execute(async (trx) => {
    const a = await trx
      .insertInto('sv_actions')
      .values({
        name: input.name,
        category: input.category,
        period_from: input.periodFrom,
        period_to: input.periodTo,
        goals: input.goals,
        measures: input.measures || null,
        steps: input.steps || null,
        rhythm: input.rhythm,
        lead_unit_id: input.leadUnitId,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(a.id);
    await trx
      .insertInto('sv_action_members')
      .values(
        input.members.map((m, i) => {
          const l = leaders.find((x) => Number(x.id) === m.leaderId);
          return { action_id: id, seq: i + 1, role: m.role, user_id: l?.user_id ?? null, name: m.name, post: m.post || l?.title || null };
        }),
      )
      .execute();
    if (input.groups.length)
      await trx
        .insertInto('sv_action_groups')
        .values(input.groups.map((g, i) => ({ action_id: id, seq: i + 1, name: g.name, lead_unit_id: g.leadUnitId, members: g.members })))
        .execute();
    await appendAudit(trx, opts.actor, {
      action: 'supervision.action.create',
      entityType: 'sv_action',
      entityId: id,
      after: { ...input, category: ACTION_CATEGORIES[input.category], rhythm: ACTION_RHYTHMS[input.rhythm] },
    });
    return { id };
  });
}

/** A 牵头单位 that is a township or street lists problems of its own area only (its villages, communities and 站所). */
export const AREA_UNIT_KINDS: readonly string[] = ['township', 'street'];

/** The units a row of this action may be given to: any unit of the county, or the lead township's own area. */
export async function actionArea(db: Q, leadUnitId: number): Promise<{ kind: 'county' } | { kind: 'area'; path: string; name: string }> {
  const u = await db.selectFrom('units').select(['kind', 'path', 'name']).where('id', '=', leadUnitId).executeTakeFirstOrThrow();
  return AREA_UNIT_KINDS.includes(u.kind) ? { kind: 'area', path: u.path, name: u.name } : { kind: 'county' };
}

/**
 * Adds rows to the 问题清单, all or nothing: each becomes a 督办事项 (source 'action') for its unit with its 包案领导 and
 * deadline, verified by the 牵头单位; a row naming an existing item (积案) is linked to it ('相关', on both timelines).
 * The form and the Excel import both come here.
 */
export async function addItems(
  db: Kysely<DB>,
  opts: { user: SessionUser; actor: Actor; now: Date; modules: ModuleCatalog; actionId: number; input: ItemsInput },
): Promise<{ ids: number[] }> {
  return db.transaction().execute((trx) => writeItems(trx, opts));
}

/** addItems inside the caller's transaction (the Excel import's, which names its file in the audit). */
export async function writeItems(
  trx: Transaction<DB>,
  opts: { user: SessionUser; actor: Actor; now: Date; modules: ModuleCatalog; actionId: number; input: ItemsInput; importedFrom?: string },
): Promise<{ ids: number[] }> {
  const { user, input } = opts;
  const leaderIds = [...new Set(input.items.map((i) => i.leaderId))];
  const a = await loadAction(trx, opts.actionId, true);
  if (!isActionOffice(user, a.lead_unit_id)) throw new AppError('FORBIDDEN');
  if (a.status === 'ended') throw new AppError('SV_ACTION_ENDED', { name: a.name });
  const leaders = await trx.selectFrom('leaders').select('id').where('id', 'in', leaderIds).where('disabled', '=', false).execute();
  const missing = input.items.findIndex((i) => !leaders.some((l) => Number(l.id) === i.leaderId));
  if (missing >= 0) throw new AppError('SV_ACTION_INVALID', { detail: `第 ${missing + 1} 项的包案领导不存在或已停用` }, { field: `items.${missing}.leaderId` });
  const area = await actionArea(trx, a.lead_unit_id);
  if (area.kind === 'area') {
    const units = await trx
      .selectFrom('units')
      .select(['id', 'name', 'path'])
      .where('id', 'in', [...new Set(input.items.map((i) => i.unitId))])
      .execute();
    const outside = input.items.findIndex((i) => units.some((u) => Number(u.id) === i.unitId && !u.path.startsWith(area.path)));
    if (outside >= 0)
      throw new AppError(
        'SV_ACTION_INVALID',
        {
          detail: `第 ${outside + 1} 项的责任单位${units.find((u) => Number(u.id) === input.items[outside]!.unitId)!.name}不在${area.name}辖区内：本行动只能列入辖区内村（社区）和站所的问题`,
        },
        { field: `items.${outside}.unitId` },
      );
  }
  const label = `专项行动《${a.name}》问题清单`;
  const taskIds = await createSupervisionTasks(trx, {
    user,
    actor: opts.actor,
    now: opts.now,
    source: { kind: ACTION_SOURCE, id: a.id, label },
    officeUnitId: a.lead_unit_id,
    tasks: input.items.map((i) => ({
      unitId: i.unitId,
      title: i.title,
      detail: [i.detail, `销号标准：${i.standard}`].filter(Boolean).join('\n'),
      dueDate: i.dueDate,
      leaderId: i.leaderId,
    })),
  });
  const seq = await trx
    .selectFrom('sv_action_items')
    .select(sql<number>`coalesce(max(seq), 0)::int`.as('n'))
    .where('action_id', '=', a.id)
    .executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (const [n, i] of input.items.entries()) {
    const taskId = taskIds[n]!;
    let linked: number | null = null;
    if (i.linkedRefNo) {
      try {
        linked = await findVisibleByRef(trx, opts.modules, user, { refNo: i.linkedRefNo, module: i.linkedModule || undefined });
      } catch (e) {
        // a number several modules share asks for the type; one not found (or out of sight) says so — never guessed
        if (e instanceof AppError && e.code === 'LINK_TARGET_AMBIGUOUS')
          throw new AppError(
            'SV_ACTION_INVALID',
            {
              detail: `第 ${n + 1} 项关联的事项编号 ${i.linkedRefNo} 对应多个事项（${String(e.params.modules)}），请选择事项类型，或在编号前加上类型字母（${String(e.params.prefixes)}）`,
            },
            { field: `items.${n}.linkedModule` },
          );
        if (e instanceof AppError)
          throw new AppError('SV_ACTION_INVALID', { detail: `第 ${n + 1} 项关联的事项编号 ${i.linkedRefNo} 没有找到` }, { field: `items.${n}.linkedRefNo` });
        throw e;
      }
      await linkItems(trx, { modules: opts.modules, user, actor: opts.actor, now: opts.now, fromId: taskId, toId: linked, kind: 'relates', note: label });
    }
    const r = await trx
      .insertInto('sv_action_items')
      .values({ action_id: a.id, seq: Number(seq.n) + n + 1, task_id: taskId, standard: i.standard, linked_item_id: linked, created_by: user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(Number(r.id));
  }
  await appendAudit(trx, opts.actor, {
    action: 'supervision.action.items',
    entityType: 'sv_action',
    entityId: a.id,
    after: {
      added: input.items.map((i) => ({ title: i.title, dueDate: i.dueDate, standard: i.standard, linkedRefNo: i.linkedRefNo ?? null })),
      ...(opts.importedFrom ? { importedFrom: opts.importedFrom } : {}),
    },
  });
  return { ids };
}

/**
 * The 问题清单's figures as they stood at the end of business day `on`: rows assigned by then, rows 销号 by then, and
 * rows past their deadline and not 销号 by then.
 */
export async function figuresAt(db: Q, actionId: number, on: string): Promise<{ total: number; closed: number; overdue: number }> {
  const r = await db
    .selectFrom('sv_action_items as i')
    .innerJoin('supervision_tasks as t', 't.id', 'i.task_id')
    .innerJoin('work_items as wi', 'wi.id', 't.id')
    .where('i.action_id', '=', actionId)
    .where('wi.state', '<>', 'withdrawn')
    .where('t.assigned_on', '<=', on)
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) filter (where wi.state = 'closed' and t.verified_on <= ${on}::date)::int`.as('closed'),
      sql<number>`count(*) filter (where t.due_date < ${on}::date and not (wi.state = 'closed' and t.verified_on <= ${on}::date))::int`.as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(r.total), closed: Number(r.closed), overdue: Number(r.overdue) };
}

/** Records a 调度 on its business date (补录 with reason past the window), with the list's figures of that day; audited. */
export async function addDispatch(
  db: Kysely<DB>,
  opts: { user: SessionUser; actor: Actor; actionId: number; input: DispatchInput; today: string },
): Promise<{ id: number }> {
  const { user, input } = opts;
  const a = await loadAction(db, opts.actionId);
  if (!isActionOffice(user, a.lead_unit_id)) throw new AppError('FORBIDDEN');
  if (a.status === 'ended') throw new AppError('SV_ACTION_ENDED', { name: a.name });
  if (a.status === 'preparing') throw new AppError('SV_ACTION_INVALID', { detail: '行动尚在筹备，启动实施后再登记调度' }, { field: 'dispatchedOn' });
  const on = checkBusinessDate({
    occurredOn: input.dispatchedOn,
    backdateReason: input.backdateReason,
    today: opts.today,
    lastEventOn: a.period_from,
    windowDays: await loadBackdateWindow(db),
  });
  if (on > a.period_to)
    throw new AppError('SV_ACTION_INVALID', { detail: `调度日期应在行动期间（${a.period_from} 至 ${a.period_to}）之内` }, { field: 'dispatchedOn' });
  return db.transaction().execute(async (trx) => {
    const f = await figuresAt(trx, a.id, on);
    const r = await trx
      .insertInto('sv_action_dispatches')
      .values({
        action_id: a.id,
        dispatched_on: on,
        form: input.form,
        reported: input.reported,
        problems: input.problems || null,
        next_steps: input.nextSteps || null,
        ...f,
        backdate_reason: input.backdateReason ?? null,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, opts.actor, {
      action: 'supervision.action.dispatch',
      entityType: 'sv_action',
      entityId: a.id,
      after: { dispatchedOn: on, form: DISPATCH_FORMS[input.form], reported: input.reported, ...f },
      reason: input.backdateReason ? `补录：${input.backdateReason}` : undefined,
    });
    return { id: Number(r.id) };
  });
}

/** Moves the action to its next stage (筹备 → 实施中 → 总结 → 已结束, or back from 总结 to 实施中), audited. */
export async function setStatus(db: Kysely<DB>, opts: { user: SessionUser; actor: Actor; actionId: number; status: ActionStatus }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const a = await loadAction(trx, opts.actionId, true);
    if (!isActionOffice(opts.user, a.lead_unit_id)) throw new AppError('FORBIDDEN');
    if (!ACTION_NEXT[a.status].includes(opts.status))
      throw new AppError(
        'SV_ACTION_INVALID',
        { detail: `行动处于“${ACTION_STATUSES[a.status]}”阶段，不能改为“${ACTION_STATUSES[opts.status]}”` },
        { field: 'status' },
      );
    await trx.updateTable('sv_actions').set({ status: opts.status }).where('id', '=', a.id).execute();
    await appendAudit(trx, opts.actor, {
      action: 'supervision.action.status',
      entityType: 'sv_action',
      entityId: a.id,
      before: { status: ACTION_STATUSES[a.status] },
      after: { status: ACTION_STATUSES[opts.status] },
    });
  });
}
