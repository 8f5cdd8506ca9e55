import { sql, type Kysely, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { likePrefix, scopePrefix } from '../../../core/access/scope.ts';
import { bodyId, isCalendarDate, text } from '../../../core/http/input.ts';
import { buildOfficialDocx } from '../../../core/documents/index.ts';
import { checkBusinessDate, loadBackdateWindow } from '../../../kernel/actions/index.ts';
import { loadVisibleItem, moduleVisibleSql, type ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { requireIssuer, nextDocumentNumber } from '../../../kernel/documents/index.ts';
import { isCountySupervisor, mayIssueNotice, recordItemNotice } from '../../../kernel/supervision/index.ts';
import {
  countSourceTasks,
  createSupervisionTasks,
  emptyCounts,
  readSourceTasks,
  withdrawSourceTasks,
  type TaskCounts,
  type TaskStatus,
  type TaskView,
} from '../tasks/index.ts';
import { SUPERVISION_VISIBILITY } from '../tasks/visibility.ts';

const day = z.string().refine(isCalendarDate, '应为真实存在的日期（YYYY-MM-DD）');

export const issueDispatchInput = z.object({
  subject: text(200, { min: 4 }).describe('标题'),
  body: text(8000, { min: 10 }).describe('正文'),
  feedbackRequired: text(2000, { min: 2 }).describe('反馈要求'),
  tasks: z
    .array(
      z.object({
        unitId: bodyId.describe('承办单位'),
        title: text(200, { min: 2 }).describe('督办事项'),
        detail: text(2000, { min: 0 }).optional().describe('具体要求'),
        dueDate: day.describe('完成时限'),
        leaderId: bodyId.optional().describe('责任领导'),
      }),
    )
    .max(100)
    .default([])
    .describe('交办单位及事项'),
  items: z
    .array(z.object({ workItemId: bodyId.describe('已有事项'), dueDate: day.describe('回复时限') }))
    .max(100)
    .default([])
    .describe('督办的已有事项'),
  occurredOn: day.optional().describe('印发日期'),
  backdateReason: text(200, { min: 0 }).optional().describe('补录说明'),
});
export type IssueDispatchInput = z.output<typeof issueDispatchInput>;

const label = (docNo: string, subject: string) => `${docNo}《${subject}》`;

/**
 * Who issues 督办通知: the county (督查办 and the county bodies, to any unit) and a township or street (乡级督办, to the
 * villages, communities and 站所 of its own area — which its staff see and 销号 under the one scope rule).
 */
export const mayIssueDispatch = (user: SessionUser) => mayIssueNotice(user, 'township');

/** Where the user's notices may go: the county's anywhere; a township's (乡级督办) within its own unit's area. */
export async function dispatchIssuerArea(
  db: Kysely<DB>,
  user: SessionUser,
): Promise<{ level: 'county' | 'township'; areaUnitId: number | null; areaName: string | null }> {
  if (isCountySupervisor(user)) return { level: 'county', areaUnitId: null, areaName: null };
  const unit = await db.selectFrom('units').select('name').where('id', '=', user.unitId).executeTakeFirst();
  return { level: 'township', areaUnitId: user.unitId, areaName: unit?.name ?? null };
}

/** A township's notice names only units of its own area (its unit's sub-units); the county's any unit. */
async function checkIssuerArea(db: Kysely<DB>, user: SessionUser, unitIds: readonly number[]): Promise<void> {
  if (isCountySupervisor(user) || unitIds.length === 0) return;
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name', 'path'])
    .where('id', 'in', [...unitIds])
    .execute();
  const byId = new Map(rows.map((u) => [Number(u.id), u]));
  for (const [n, unitId] of unitIds.entries()) {
    const u = byId.get(unitId);
    if (u && !u.path.startsWith(user.unitPath))
      throw new AppError(
        'SUPERVISION_DISPATCH_INVALID',
        { detail: `第 ${n + 1} 项的承办单位${u.name}不在本乡镇（街道）辖区内：乡级督办只能交办辖区内的村（社区）和站所` },
        { field: `tasks.${n}.unitId` },
      );
  }
}

/**
 * 印发督办通知: the office's 代字 (an administrator sets it per unit), the next 发文字号 of (office, 代字, year) taken by
 * the kernel's row-locked sequence in this same transaction (a refused notice rolls its number back: no gap, never
 * repeated across app instances), the notice, its 督办事项 per unit, and for the existing items it names the kernel's
 * single-item 督办通知 tied to it — all or nothing, audited.
 */
export async function issueDispatch(
  db: Kysely<DB>,
  modules: ModuleCatalog,
  opts: { user: SessionUser; actor: Actor; now: Date; input: IssueDispatchInput },
): Promise<{ id: number; docNo: string; taskIds: number[] }> {
  const { user, input } = opts;
  if (!mayIssueDispatch(user) || !user.unitPath) throw new AppError('FORBIDDEN');
  if (input.tasks.length + input.items.length === 0)
    throw new AppError('SUPERVISION_DISPATCH_INVALID', { detail: '请至少交办一个单位或督办一件已有事项' }, { field: 'tasks' });
  const units = input.tasks.map((t) => t.unitId);
  if (new Set(units).size !== units.length)
    throw new AppError('SUPERVISION_DISPATCH_INVALID', { detail: '同一单位重复交办，请合并为一项' }, { field: 'tasks' });
  const itemIds = input.items.map((i) => i.workItemId);
  if (new Set(itemIds).size !== itemIds.length) throw new AppError('SUPERVISION_DISPATCH_INVALID', { detail: '同一事项重复列出' }, { field: 'items' });
  return db.transaction().execute(async (trx) => {
    await checkIssuerArea(trx, user, units);
    const on = checkBusinessDate({
      occurredOn: input.occurredOn,
      backdateReason: input.backdateReason,
      today: shanghaiDate(opts.now),
      lastEventOn: null,
      windowDays: await loadBackdateWindow(trx),
    });
    const issuer = await requireIssuer(trx, user.unitId);
    const year = Number(on.slice(0, 4));
    const { n, number } = await nextDocumentNumber(trx, { unitId: user.unitId, prefix: issuer.prefix, year });
    const { id } = await trx
      .insertInto('supervision_dispatches')
      .values({
        office_unit_id: user.unitId,
        prefix: issuer.prefix,
        year,
        seq: n,
        doc_no: number,
        subject: input.subject,
        body: input.body,
        feedback_required: input.feedbackRequired,
        issued_on: on,
        issued_by: user.id,
        issued_at: opts.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const dispatchId = Number(id);
    await appendAudit(trx, opts.actor, {
      action: 'supervision.dispatch_issue',
      entityType: 'supervision_dispatch',
      entityId: dispatchId,
      after: { docNo: number, subject: input.subject, units: input.tasks.length, items: input.items.length, occurredOn: on },
      reason: input.backdateReason ? `补录：${input.backdateReason}` : undefined,
    });
    const taskIds =
      input.tasks.length === 0
        ? []
        : await createSupervisionTasks(trx, {
            user,
            actor: opts.actor,
            now: opts.now,
            source: { kind: 'notice', id: dispatchId, label: label(number, input.subject) },
            tasks: input.tasks.map((t) => ({ unitId: t.unitId, title: t.title, detail: t.detail, dueDate: t.dueDate, leaderId: t.leaderId })),
            officeUnitId: user.unitId,
            occurredOn: input.occurredOn,
            backdateReason: input.backdateReason,
          });
    for (const [k, it] of input.items.entries()) {
      await loadVisibleItem(trx, modules, user, it.workItemId).catch(() => {
        throw new AppError(
          'SUPERVISION_DISPATCH_INVALID',
          { detail: `第 ${k + 1} 件已有事项不存在或不在本人的查看范围内` },
          { field: `items.${k}.workItemId` },
        );
      });
      if (it.dueDate < on)
        throw new AppError('SUPERVISION_DISPATCH_INVALID', { detail: `回复时限 ${it.dueDate} 早于印发日期` }, { field: `items.${k}.dueDate` });
      await recordItemNotice(trx, {
        workItemId: it.workItemId,
        level: isCountySupervisor(user) ? 'county' : 'township',
        text: `${label(number, input.subject)}：${input.feedbackRequired}`,
        issuedBy: user.id,
        actor: opts.actor,
        now: opts.now,
        replyDue: it.dueDate,
        dispatchId,
      });
    }
    return { id: dispatchId, docNo: number, taskIds };
  });
}

/** 作废: the number stays used (never issued again), the reason recorded; only before any unit has acted on it. */
export async function voidDispatch(db: Kysely<DB>, opts: { user: SessionUser; actor: Actor; now: Date; id: number; reason: string }): Promise<void> {
  if (!mayIssueDispatch(opts.user)) throw new AppError('FORBIDDEN');
  await db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('supervision_dispatches').selectAll().where('id', '=', opts.id).forUpdate().executeTakeFirst();
    if (!d || !opts.user.unitPath || !(await officeInScope(trx, opts.user, Number(d.office_unit_id)))) throw new AppError('NOT_FOUND');
    if (d.voided_at)
      throw new AppError('SUPERVISION_DISPATCH_VOIDED', { docNo: d.doc_no, on: shanghaiDate(new Date(d.voided_at)), reason: d.void_reason ?? '' });
    const replied = await trx
      .selectFrom('supervision_notices')
      .select('id')
      .where('dispatch_id', '=', opts.id)
      .where('replied_at', 'is not', null)
      .executeTakeFirst();
    if (replied) throw new AppError('SUPERVISION_TASK_INVALID', { detail: '所督办的事项已有回复，不能再作废' });
    await withdrawSourceTasks(trx, {
      source: { kind: 'notice', id: opts.id },
      reason: `督办通知 ${d.doc_no} 作废：${opts.reason}`,
      actor: opts.actor,
      now: opts.now,
    });
    await trx
      .updateTable('supervision_dispatches')
      .set({ voided_at: opts.now, voided_by: opts.user.id, void_reason: opts.reason })
      .where('id', '=', opts.id)
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'supervision.dispatch_void',
      entityType: 'supervision_dispatch',
      entityId: opts.id,
      before: { voided: false },
      after: { docNo: d.doc_no, reason: opts.reason, voided: true },
      reason: opts.reason,
    });
  });
}

async function officeInScope(db: Kysely<DB>, user: SessionUser, officeUnitId: number): Promise<boolean> {
  const prefix = scopePrefix(user);
  if (prefix === null) return true;
  const u = await db.selectFrom('units').select('path').where('id', '=', officeUnitId).executeTakeFirst();
  return !!u && u.path.startsWith(prefix);
}

/**
 * Who sees a notice: the office (its unit in the user's scope, county roles all) and every unit with a task of it it
 * may see — one rule for the list, the page, the Excel and the DOCX.
 */
function dispatchVisibleSql(user: SessionUser) {
  const prefix = scopePrefix(user);
  if (prefix === null) return sql<SqlBool>`true`;
  return sql<SqlBool>`(exists (select 1 from units vu where vu.id = d.office_unit_id and vu.path like ${likePrefix(prefix)})
    or exists (select 1 from supervision_tasks t join work_items wi on wi.id = t.id
      where t.source_kind = 'notice' and t.source_id = d.id and ${moduleVisibleSql(SUPERVISION_VISIBILITY, user)}))`;
}

export interface DispatchRow {
  id: number;
  docNo: string;
  subject: string;
  officeName: string;
  issuedOn: string;
  issuedBy: string;
  voided: boolean;
  voidReason: string | null;
  counts: TaskCounts;
  /** 办结率: 已销号 of all tasks, in percent */
  doneRate: number;
}

function dispatchQuery(db: Kysely<DB>, user: SessionUser) {
  return db
    .selectFrom('supervision_dispatches as d')
    .innerJoin('units as ou', 'ou.id', 'd.office_unit_id')
    .innerJoin('users as ib', 'ib.id', 'd.issued_by')
    .where(dispatchVisibleSql(user))
    .select([
      'd.id',
      'd.doc_no',
      'd.subject',
      'd.body',
      'd.feedback_required',
      'ou.name as officeName',
      'd.issued_on',
      'ib.display_name as issuedBy',
      'd.voided_at',
      'd.void_reason',
      'd.office_unit_id',
      'd.seq',
      'd.year',
    ]);
}

/** The notices the user may see, newest number first, each with its progress (under the same task visibility). */
export async function listDispatches(
  db: Kysely<DB>,
  user: SessionUser,
  f: { q?: string; year?: number; overdue?: boolean; page: number; pageSize: number },
  today: string,
): Promise<{ items: DispatchRow[]; total: number }> {
  let q = dispatchQuery(db, user);
  if (f.year) q = q.where('d.year', '=', f.year);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('d.doc_no', 'like', like), eb('d.subject', 'like', like)]));
  }
  if (f.overdue)
    q = q.where(
      sql<SqlBool>`exists (select 1 from supervision_tasks t join work_items wi on wi.id = t.id where t.source_kind = 'notice' and t.source_id = d.id
        and wi.state not in ('closed', 'reported', 'withdrawn') and t.due_date < ${today}::date and ${moduleVisibleSql(SUPERVISION_VISIBILITY, user)})`,
    );
  const [rows, total] = await Promise.all([
    q
      .orderBy('d.issued_on', 'desc')
      .orderBy('d.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const counts = await countSourceTasks(
    db,
    user,
    'notice',
    rows.map((r) => Number(r.id)),
    today,
  );
  return {
    items: rows.map((r) => {
      const c = counts.get(Number(r.id)) ?? emptyCounts();
      return {
        id: Number(r.id),
        docNo: r.doc_no,
        subject: r.subject,
        officeName: r.officeName,
        issuedOn: r.issued_on,
        issuedBy: r.issuedBy,
        voided: r.voided_at !== null,
        voidReason: r.void_reason,
        counts: c,
        doneRate: c.total === 0 ? 0 : Math.round((c.done / c.total) * 1000) / 10,
      };
    }),
    total: Number(total.n),
  };
}

export interface DispatchDetail extends DispatchRow {
  body: string;
  feedbackRequired: string;
  tasks: TaskView[];
  items: {
    noticeId: number;
    workItemId: number;
    refNo: string;
    title: string;
    moduleName: string;
    href: string;
    replyDue: string;
    replied: boolean;
    repliedOn: string | null;
    overdue: boolean;
  }[];
  mayVoid: boolean;
}

/** One notice: its text, the at-a-glance counts, its tasks (narrowed by `status`), and the existing items it supervises. */
export async function getDispatch(
  db: Kysely<DB>,
  modules: ModuleCatalog,
  user: SessionUser,
  id: number,
  today: string,
  status?: TaskStatus,
): Promise<DispatchDetail> {
  const r = await dispatchQuery(db, user).where('d.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  const [{ tasks, counts }, notices] = await Promise.all([
    readSourceTasks(db, user, { kind: 'notice', id }, today, status),
    db
      .selectFrom('supervision_notices as n')
      .innerJoin('work_items as wi', 'wi.id', 'n.work_item_id')
      .where('n.dispatch_id', '=', id)
      .where(modules.visibleSql(user))
      .select(['n.id', 'n.work_item_id', 'wi.ref_no', 'wi.title', 'wi.module', 'wi.state', 'n.reply_due', 'n.replied_at'])
      .orderBy('n.id')
      .execute(),
  ]);
  const mayVoid = mayIssueDispatch(user) && r.voided_at === null && (await officeInScope(db, user, Number(r.office_unit_id)));
  return {
    id: Number(r.id),
    docNo: r.doc_no,
    subject: r.subject,
    body: r.body,
    feedbackRequired: r.feedback_required,
    officeName: r.officeName,
    issuedOn: r.issued_on,
    issuedBy: r.issuedBy,
    voided: r.voided_at !== null,
    voidReason: r.void_reason,
    counts,
    doneRate: counts.total === 0 ? 0 : Math.round((counts.done / counts.total) * 1000) / 10,
    tasks,
    items: notices.map((n) => {
      const repliedOn = n.replied_at ? shanghaiDate(new Date(n.replied_at)) : null;
      return {
        noticeId: Number(n.id),
        workItemId: Number(n.work_item_id),
        refNo: n.ref_no,
        title: n.title,
        moduleName: modules.name(n.module),
        href: modules.href(n.module, Number(n.work_item_id)),
        replyDue: n.reply_due,
        replied: repliedOn !== null,
        repliedOn,
        overdue: repliedOn === null ? n.reply_due < today : repliedOn > n.reply_due,
      };
    }),
    mayVoid,
  };
}

/** The notice as a GB/T 9704 DOCX (红头, 发文字号, 主送 the units, the tasks and the feedback required), built from its record. */
export async function dispatchDocx(
  db: Kysely<DB>,
  modules: ModuleCatalog,
  user: SessionUser,
  id: number,
  today: string,
): Promise<{ bytes: Buffer; fileName: string }> {
  const d = await getDispatch(db, modules, user, id, today);
  const row = await db.selectFrom('supervision_dispatches').select('office_unit_id').where('id', '=', id).executeTakeFirstOrThrow();
  const issuer = await requireIssuer(db, Number(row.office_unit_id));
  const allTasks = (await db
    .selectFrom('supervision_tasks as t')
    .innerJoin('work_items as wi', 'wi.id', 't.id')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['u.name', 'wi.title', 't.detail', 't.due_date'])
    .where('t.source_kind', '=', 'notice')
    .where('t.source_id', '=', id)
    .orderBy('t.id')
    .execute()) as { name: string; title: string; detail: string | null; due_date: string }[];
  const cn = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const body = [
    ...d.body.split(/\n+/).filter((p) => p.trim() !== ''),
    ...(allTasks.length > 0 ? ['一、督办事项及完成时限'] : []),
    ...allTasks.map(
      (t, i) =>
        `（${cn[i] ?? String(i + 1)}）${t.name}：${t.title}${t.detail ? `。${t.detail}` : ''}。请于${t.due_date.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}前反馈。`,
    ),
    `${allTasks.length > 0 ? '二、' : ''}反馈要求`,
    d.feedbackRequired,
  ];
  const bytes = await buildOfficialDocx({
    issuerMark: issuer.mark,
    number: d.docNo,
    title: d.subject,
    addressee: [...new Set(allTasks.map((t) => t.name))].join('、') || undefined,
    body,
    signature: issuer.unitName,
    date: d.issuedOn,
    printedBy: { unit: issuer.unitName, date: d.issuedOn },
  });
  return { bytes, fileName: `${d.docNo}${d.subject}.docx` };
}
