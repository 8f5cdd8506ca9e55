import type { Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { moduleVisibleSql } from '../../../kernel/catalog/index.ts';
import type { ActingParty, ActionStep, ModuleActions } from '../../../kernel/actions/index.ts';
import { planInstructedDeadline, stopDeadline, writePlannedDeadlines } from '../../../kernel/deadlines/index.ts';
import { TASK_MACHINE, type TaskCtx, type TaskState } from './machine.ts';
import { SUPERVISION_VISIBILITY } from './visibility.ts';

export interface TaskRow {
  id: number;
  deadlineId: number | null;
  dueDate: string | null;
  unitName: string;
  sourceLabel: string;
}
type Step = ActionStep<TaskRow, TaskCtx>;

/** The task as the machine sees it, for staff through the one visibility rule. */
export async function loadTask(trx: Transaction<DB>, id: number, party: ActingParty) {
  if (party.kind !== 'staff') throw new AppError('NOT_FOUND');
  const r = await trx
    .selectFrom('work_items as wi')
    .leftJoin('supervision_tasks as t', 't.id', 'wi.id')
    .leftJoin('units as u', 'u.id', 't.unit_id')
    .leftJoin('units as o', 'o.id', 't.office_unit_id')
    .select([
      'wi.id',
      'wi.state',
      't.id as taskId',
      'u.path as unitPath',
      'u.name as unitName',
      'o.path as officePath',
      't.reported_by',
      't.deadline_id',
      't.due_date',
      't.source_label',
    ])
    .where('wi.id', '=', id)
    .where('wi.module', '=', 'supervision')
    .where(moduleVisibleSql(SUPERVISION_VISIBILITY, party.user))
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  const ctx: TaskCtx = {
    id: Number(r.id),
    state: r.state as TaskState,
    hasTask: r.taskId !== null,
    unitPath: r.unitPath ?? '',
    officePath: r.officePath ?? '',
    reportedBy: r.reported_by === null ? null : Number(r.reported_by),
  };
  return {
    row: {
      id: ctx.id,
      deadlineId: r.deadline_id === null ? null : Number(r.deadline_id),
      dueDate: r.due_date,
      unitName: r.unitName ?? '',
      sourceLabel: r.source_label ?? '',
    },
    ctx,
  };
}

/** The task's deadline as a kernel clock (reminders, overdue lists, automatic 督办 and 升级督办 work on it). Returns its id. */
export async function startTaskClock(
  trx: Transaction<DB>,
  opts: { workItemId: number; dueDate: string; unitName: string; sourceLabel: string; at: Date; actor: Actor },
): Promise<number> {
  const plan = planInstructedDeadline({
    label: '督办事项办理时限',
    dueDate: opts.dueDate,
    basis: `${opts.sourceLabel}（承办单位：${opts.unitName}）`,
    startedAt: opts.at,
    actor: opts.actor,
    requirement: '反馈办理情况',
    kindName: '督办时限',
  });
  const [view] = await writePlannedDeadlines(trx, [{ workItemId: opts.workItemId, plan }]);
  return view!.id;
}

async function stopClock(s: Step): Promise<void> {
  if (s.row.deadlineId === null) return;
  const d = await s.trx.selectFrom('deadlines').select('status').where('id', '=', s.row.deadlineId).executeTakeFirst();
  if (d && (d.status === 'running' || d.status === 'paused')) await stopDeadline(s.trx, { deadlineId: s.row.deadlineId, at: s.at, actor: s.actor });
}

/** Attachment ids must be the item's own (a number typed by hand or another item's file is refused). */
async function ownAttachments(s: Step, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await s.trx
    .selectFrom('item_attachments')
    .select('id')
    .where('work_item_id', '=', s.row.id)
    .where('id', 'in', [...ids])
    .execute();
  if (found.length !== new Set(ids).size) throw new AppError('SUPERVISION_TASK_INVALID', { detail: '所选材料不是本事项的附件' }, { field: 'attachmentIds' });
}

/** The task's machine applied by the kernel's runner. */
export const TASK_ACTIONS: ModuleActions<TaskState, TaskCtx, TaskRow> = {
  kind: 'supervision',
  machine: TASK_MACHINE,
  load: loadTask,
  effects: {
    async start(s) {
      await s.trx.updateTable('supervision_tasks').set({ started_on: s.on }).where('id', '=', s.row.id).execute();
    },
    async report(s) {
      const i = s.input as { reportText: string; attachmentIds?: number[] };
      await ownAttachments(s, i.attachmentIds ?? []);
      await s.trx
        .updateTable('supervision_tasks')
        .set((eb) => ({
          report_text: i.reportText,
          report_attachment_ids: i.attachmentIds ?? [],
          reported_on: s.on,
          reported_by: s.actor.userId,
          started_on: eb.fn.coalesce('started_on', eb.val(s.on)),
        }))
        .where('id', '=', s.row.id)
        .execute();
      // the unit's part is done on the day it reported: the clock stops (a 退回 starts it again)
      await stopClock(s);
    },
    async verify(s) {
      const user = s.party.kind === 'staff' ? s.party.user : null;
      if (!user || s.ctx.reportedBy === user.id) throw new AppError('SUPERVISION_SELF_VERIFY', { detail: '您反馈了本事项的办理情况' });
      const i = s.input as { note: string };
      await s.trx.updateTable('supervision_tasks').set({ verified_on: s.on, verified_by: user.id, verify_note: i.note }).where('id', '=', s.row.id).execute();
      await stopClock(s);
    },
    async sendBack(s) {
      const i = s.input as { reason: string };
      const deadlineId =
        s.row.dueDate === null
          ? null
          : await startTaskClock(s.trx, {
              workItemId: s.row.id,
              dueDate: s.row.dueDate,
              unitName: s.row.unitName,
              sourceLabel: s.row.sourceLabel,
              at: s.at,
              actor: s.actor,
            });
      await s.trx
        .updateTable('supervision_tasks')
        .set((eb) => ({
          returned_count: eb('returned_count', '+', 1),
          return_reason: i.reason,
          reported_on: null,
          reported_by: null,
          deadline_id: deadlineId,
        }))
        .where('id', '=', s.row.id)
        .execute();
    },
  },
  auditReason: (input) => (typeof input.reason === 'string' ? input.reason : undefined),
};
