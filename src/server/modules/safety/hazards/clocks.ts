import type { Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { UPWARD_RULES } from './upward-rules.ts';
import { planInstructedDeadline, startDeadline, stopDeadline, writePlannedDeadlines } from '../../../kernel/deadlines/index.ts';

/** The rule of the 复产 on-site check (10日 from the written application to resume, legal_rules). */
export const RESUME_CHECK_RULE = 'haz.resume.check';
export const RECTIFY_LABEL = '整改期限';

/** The 整改期限 set by the order (责令限期整改指令书) or by the enterprise's own plan: a clock on the order's date. */
export async function startRectifyClock(
  trx: Transaction<DB>,
  opts: { workItemId: number; dueOn: string; basis: string; startedAt: Date; actor: Actor },
): Promise<void> {
  const plan = planInstructedDeadline({
    label: RECTIFY_LABEL,
    dueDate: opts.dueOn,
    basis: opts.basis,
    startedAt: opts.startedAt,
    actor: opts.actor,
    requirement: '整改完毕',
    kindName: '责令整改期限',
  });
  await writePlannedDeadlines(trx, [{ workItemId: opts.workItemId, plan }]);
}

export async function startResumeClock(trx: Transaction<DB>, opts: { workItemId: number; startedAt: string; actor: Actor }): Promise<void> {
  await startDeadline(trx, {
    workItemId: opts.workItemId,
    ruleKey: RESUME_CHECK_RULE,
    label: '复产现场审查期限',
    startedAt: opts.startedAt,
    actor: opts.actor,
  });
}

/**
 * Stops the item's running clocks (of one rule, or all of its 整改 clocks): the clocks of a report upward run on until
 * the report is made, whatever happens to the rectification.
 */
export async function stopClocks(trx: Transaction<DB>, opts: { workItemId: number; ruleKey?: string; at: Date; actor: Actor }): Promise<void> {
  let q = trx.selectFrom('deadlines').select('id').where('work_item_id', '=', opts.workItemId).where('status', 'in', ['running', 'paused']);
  q = opts.ruleKey ? q.where('rule_key', '=', opts.ruleKey) : q.where('rule_key', 'not in', Object.values(UPWARD_RULES));
  for (const d of await q.execute()) await stopDeadline(trx, { deadlineId: Number(d.id), at: opts.at, actor: opts.actor });
}
