import type { Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { startDeadline, stopDeadline } from '../../../kernel/deadlines/index.ts';

export const CLOCK_LABELS: Record<string, string> = {
  'xf.dept.route': '受理/转送/交办',
  'xf.handle': '办理期限',
  'xf.transfer.objection': '交办异议期',
  'xf.transfer.notice': '交办事项告知',
  'xf.eval.window': '满意度评价期',
  'xf.fucha.apply': '复查申请期',
  'xf.fuhe.apply': '复核申请期',
  'xf.fucha.answer': '复查答复期限',
  'xf.fuhe.answer': '复核答复期限',
};

/** Stops the running/paused clocks of `ruleKeys` (all of them when omitted). */
export async function stopClocks(trx: Transaction<DB>, opts: { workItemId: number; ruleKeys?: string[]; at: Date; actor: Actor }): Promise<void> {
  let q = trx.selectFrom('deadlines').select('id').where('work_item_id', '=', opts.workItemId).where('status', '<>', 'stopped');
  if (opts.ruleKeys) q = q.where('rule_key', 'in', opts.ruleKeys);
  for (const d of await q.orderBy('id').execute()) await stopDeadline(trx, { deadlineId: Number(d.id), at: opts.at, actor: opts.actor });
}

export function startClock(trx: Transaction<DB>, opts: { workItemId: number; ruleKey: string; startedAt: Date | string; actor: Actor }) {
  return startDeadline(trx, {
    workItemId: opts.workItemId,
    ruleKey: opts.ruleKey,
    label: CLOCK_LABELS[opts.ruleKey] ?? opts.ruleKey,
    startedAt: opts.startedAt,
    actor: opts.actor,
  });
}
