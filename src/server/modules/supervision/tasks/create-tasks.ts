import type { Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { parseIsoDay } from '../../../core/clock/day-math.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { createItem } from '../../../kernel/actions/index.ts';
import { assignParties, type PartyInput } from '../../../kernel/parties/index.ts';
import { startTaskClock } from './actions.ts';
import { SOURCE_KINDS, type TaskSource } from './sources.ts';
import { SUPERVISION_MODULE } from '../descriptor.ts';

export interface NewTask {
  unitId: number;
  title: string;
  detail?: string | null;
  /** 完成时限 (YYYY-MM-DD): an instructed clock on the kernel's deadlines */
  dueDate: string;
  /** the 包案/分管 leader (a leaders record), optional */
  leaderId?: number | null;
}

export interface CreateTasksOptions {
  user: SessionUser;
  actor: Actor;
  now: Date;
  source: TaskSource;
  tasks: readonly NewTask[];
  /** the office that verifies and 销号s (default: the signed-in user's unit) */
  officeUnitId?: number;
  /** business date the tasks were assigned (default today; 补录 with its reason) */
  occurredOn?: string;
  backdateReason?: string;
}

/**
 * Creates 督办事项 inside the caller's transaction: for each task a work item of kind 'supervision' owned by the unit that
 * does it (so the unit sees its own tasks and nobody else's), its record with the SOURCE (kind + id + label), the
 * leader as 包案 party when named, and its deadline as an instructed kernel clock (reminders, automatic 督办 and
 * 升级督办 follow from it). Audited as supervision.create + supervision.assign. Returns the work item ids in order.
 * A task may not be assigned to the office that verifies it (nobody 销号s their own work).
 */
export async function createSupervisionTasks(trx: Transaction<DB>, opts: CreateTasksOptions): Promise<number[]> {
  if (!SOURCE_KINDS[opts.source.kind]) throw new AppError('SUPERVISION_TASK_INVALID', { detail: '督办来源类别不正确' }, { field: 'source' });
  if (opts.tasks.length === 0) throw new AppError('SUPERVISION_TASK_INVALID', { detail: '至少交办一个单位' }, { field: 'tasks' });
  const officeUnitId = opts.officeUnitId ?? opts.user.unitId;
  if (!officeUnitId) throw new AppError('SUPERVISION_TASK_INVALID', { detail: '未确定督办单位' }, { field: 'officeUnitId' });
  const unitIds = [...new Set([officeUnitId, ...opts.tasks.map((t) => t.unitId)])];
  const units = await trx.selectFrom('units').select(['id', 'name', 'path']).where('id', 'in', unitIds).where('disabled', '=', false).execute();
  const byId = new Map(units.map((u) => [Number(u.id), u]));
  const office = byId.get(officeUnitId);
  if (!office) throw new AppError('SUPERVISION_TASK_INVALID', { detail: '督办单位不存在或已停用' }, { field: 'officeUnitId' });
  const ids: number[] = [];
  for (const [n, t] of opts.tasks.entries()) {
    const unit = byId.get(t.unitId);
    const field = `tasks.${n}`;
    if (!unit) throw new AppError('SUPERVISION_TASK_INVALID', { detail: `第 ${n + 1} 项的承办单位不存在或已停用` }, { field: `${field}.unitId` });
    if (Number(unit.id) === officeUnitId)
      throw new AppError('SUPERVISION_TASK_INVALID', { detail: `${unit.name}是督办单位本身，不能交办给自己` }, { field: `${field}.unitId` });
    if (parseIsoDay(t.dueDate) === null)
      throw new AppError('SUPERVISION_TASK_INVALID', { detail: `${unit.name}的完成时限不是有效日期` }, { field: `${field}.dueDate` });
    const item = await createItem(trx, {
      module: SUPERVISION_MODULE,
      title: t.title,
      state: 'assigned',
      ownerUnitId: Number(unit.id),
      actor: opts.actor,
      now: opts.now,
      occurredOn: opts.occurredOn,
      backdateReason: opts.backdateReason,
    });
    if (t.dueDate < item.on)
      throw new AppError('SUPERVISION_TASK_INVALID', { detail: `${unit.name}的完成时限 ${t.dueDate} 早于交办日期 ${item.on}` }, { field: `${field}.dueDate` });
    // the office that verifies is a party of the task (督办单位), so the kernel's scope lets it see the tasks it issued
    // even where it is not above the doing unit (a department leading a 专项行动, a meeting's convening unit)
    const parties: PartyInput[] = [{ role: 'office', unitId: officeUnitId }];
    if (t.leaderId) parties.push({ role: 'lead', unitId: Number(unit.id) }, { role: 'leader', leaderId: t.leaderId });
    await assignParties(trx, { workItemId: item.id, parties, actor: opts.actor, at: opts.now });
    await trx
      .insertInto('supervision_tasks')
      .values({
        id: item.id,
        source_kind: opts.source.kind,
        source_id: opts.source.id,
        source_label: opts.source.label,
        unit_id: Number(unit.id),
        leader_id: t.leaderId ?? null,
        detail: t.detail || null,
        due_date: t.dueDate,
        office_unit_id: officeUnitId,
        assigned_on: item.on,
        assigned_by: opts.user.id,
      })
      .execute();
    const deadlineId = await startTaskClock(trx, {
      workItemId: item.id,
      dueDate: t.dueDate,
      unitName: unit.name,
      sourceLabel: opts.source.label,
      // a 补录 task's clock starts on its business date (09:00 that day), today's at the moment it is entered
      at: item.on === shanghaiDate(opts.now) ? opts.now : new Date(`${item.on}T09:00:00+08:00`),
      actor: opts.actor,
    });
    await trx.updateTable('supervision_tasks').set({ deadline_id: deadlineId }).where('id', '=', item.id).execute();
    await appendAudit(trx, opts.actor, {
      action: 'supervision.assign',
      entityType: 'work_item',
      entityId: item.id,
      after: { source: opts.source.label, unit: unit.name, office: office.name, dueDate: t.dueDate, detail: t.detail ?? null },
    });
    ids.push(item.id);
  }
  return ids;
}
