import type { Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { stopDeadline } from '../../../kernel/deadlines/index.ts';
import { TASK_MACHINE, type TaskState } from './machine.ts';

interface WithdrawOpts {
  source: { kind: string; id: number };
  reason: string;
  actor: Actor;
  now: Date;
}

/** States a task may still be withdrawn from once a unit acted on it (签收, 反馈): everything but 已销号 and 已撤销. */
const OPEN_STATES: readonly string[] = ['assigned', 'in_progress', 'reported', 'tracking'];

/** One task to 已撤销: its clock stops, the withdrawal is audited on the task with the reason (its 办理记录 shows it). */
async function withdrawOne(trx: Transaction<DB>, t: { id: number | string; state: string; deadline_id: number | string | null }, opts: WithdrawOpts) {
  if (t.deadline_id !== null) {
    const d = await trx
      .selectFrom('deadlines')
      .select('status')
      .where('id', '=', t.deadline_id as number)
      .executeTakeFirst();
    if (d && (d.status === 'running' || d.status === 'paused')) await stopDeadline(trx, { deadlineId: Number(t.deadline_id), at: opts.now, actor: opts.actor });
  }
  await trx
    .updateTable('work_items')
    .set({ state: 'withdrawn', open: false, updated_at: opts.now, last_event_on: shanghaiDate(opts.now) })
    .where('id', '=', t.id as number)
    .execute();
  await appendAudit(trx, opts.actor, {
    action: 'supervision.withdraw',
    entityType: 'work_item',
    entityId: Number(t.id),
    before: { state: t.state },
    after: { state: 'withdrawn' },
    reason: opts.reason,
  });
}

const stateName = (s: string) => TASK_MACHINE.states[s as TaskState]?.name ?? s;

/**
 * Withdraws the tasks of a voided source (已撤销), inside the caller's transaction; their clocks stop, each withdrawal
 * audited with the reason. By default refused once any unit has acted on one of them (签收 or 反馈 — a 督办通知 作废d
 * then keeps its tasks running to 销号 or 退回). `acted: 'withdraw'` (a meeting's decision voided by its convening unit)
 * withdraws those too — what the unit did stays in the task's record — and refuses only when a task was already 销号.
 */
export async function withdrawSourceTasks(trx: Transaction<DB>, opts: WithdrawOpts & { acted?: 'refuse' | 'withdraw' }): Promise<number> {
  const tasks = await trx
    .selectFrom('supervision_tasks as t')
    .innerJoin('work_items as wi', 'wi.id', 't.id')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.id', 'wi.state', 'u.name', 't.deadline_id'])
    .where('t.source_kind', '=', opts.source.kind)
    .where('t.source_id', '=', opts.source.id)
    .orderBy('t.id')
    .forUpdate()
    .execute();
  if (opts.acted === 'withdraw') {
    const closed = tasks.filter((t) => t.state === 'closed');
    if (closed.length > 0)
      throw new AppError('SUPERVISION_TASK_INVALID', {
        detail: `${closed.map((t) => t.name).join('、')}的督办事项已核查销号，不能撤销；其余督办事项可逐项撤销`,
      });
  } else {
    const acted = tasks.filter((t) => t.state !== 'assigned' && t.state !== 'withdrawn');
    if (acted.length > 0)
      throw new AppError('SUPERVISION_TASK_INVALID', { detail: `${acted.map((t) => t.name).join('、')}已签收或反馈，不能再作废；请按程序核查销号或退回` });
  }
  const open = tasks.filter((x) => OPEN_STATES.includes(x.state));
  for (const t of open) await withdrawOne(trx, t, opts);
  return open.length;
}

/**
 * Withdraws ONE task of a source (a meeting's convening unit calls off what it gave one unit), whatever the unit has
 * done so far — refused when the task is 已销号 (finished and verified) or already 已撤销. Returns the state it left.
 */
export async function withdrawSourceTask(trx: Transaction<DB>, opts: WithdrawOpts & { taskId: number }): Promise<{ from: string; unitName: string }> {
  const t = await trx
    .selectFrom('supervision_tasks as t')
    .innerJoin('work_items as wi', 'wi.id', 't.id')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.id', 'wi.state', 'wi.ref_no', 'u.name', 't.deadline_id'])
    .where('t.id', '=', opts.taskId)
    .where('t.source_kind', '=', opts.source.kind)
    .where('t.source_id', '=', opts.source.id)
    .forUpdate()
    .executeTakeFirst();
  if (!t) throw new AppError('NOT_FOUND');
  if (!OPEN_STATES.includes(t.state))
    throw new AppError('SUPERVISION_TASK_INVALID', {
      detail: t.state === 'closed' ? `${t.name}的督办事项 ${t.ref_no} 已核查销号，不能撤销` : `${t.name}的督办事项 ${t.ref_no} 已经撤销，不能重复撤销`,
    });
  await withdrawOne(trx, t, opts);
  return { from: stateName(t.state), unitName: t.name };
}
