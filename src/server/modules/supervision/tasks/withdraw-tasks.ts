import type { Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { stopDeadline } from '../../../kernel/deadlines/index.ts';

/**
 * Withdraws the tasks of a voided source (已撤销), inside the caller's transaction: refused once any unit has acted on
 * one of them (签收 or 反馈 — then the record of what it did stays, and the source cannot be voided); their clocks stop,
 * each withdrawal audited with the reason.
 */
export async function withdrawSourceTasks(
  trx: Transaction<DB>,
  opts: { source: { kind: string; id: number }; reason: string; actor: Actor; now: Date },
): Promise<number> {
  const tasks = await trx
    .selectFrom('supervision_tasks as t')
    .innerJoin('work_items as wi', 'wi.id', 't.id')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.id', 'wi.state', 'u.name', 't.deadline_id'])
    .where('t.source_kind', '=', opts.source.kind)
    .where('t.source_id', '=', opts.source.id)
    .forUpdate()
    .execute();
  const acted = tasks.filter((t) => t.state !== 'assigned' && t.state !== 'withdrawn');
  if (acted.length > 0)
    throw new AppError('SUPERVISION_TASK_INVALID', { detail: `${acted.map((t) => t.name).join('、')}已签收或反馈，不能再作废；请按程序核查销号或退回` });
  for (const t of tasks.filter((x) => x.state === 'assigned')) {
    if (t.deadline_id !== null) {
      const d = await trx.selectFrom('deadlines').select('status').where('id', '=', t.deadline_id).executeTakeFirst();
      if (d && (d.status === 'running' || d.status === 'paused'))
        await stopDeadline(trx, { deadlineId: Number(t.deadline_id), at: opts.now, actor: opts.actor });
    }
    await trx
      .updateTable('work_items')
      .set({ state: 'withdrawn', open: false, updated_at: opts.now, last_event_on: shanghaiDate(opts.now) })
      .where('id', '=', t.id)
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
  return tasks.length;
}
