import type { Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { startDeadline, stopDeadline } from '../../../kernel/deadlines/index.ts';

/** The running clocks of an accident (id, rule, due date). */
export async function runningClocks(trx: Transaction<DB>, workItemId: number) {
  const rows = await trx
    .selectFrom('deadlines')
    .select(['id', 'rule_key', 'due_date', 'started_at', 'label'])
    .where('work_item_id', '=', workItemId)
    .where('status', '=', 'running')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), ruleKey: r.rule_key, dueDate: r.due_date, startedAt: new Date(r.started_at), label: r.label }));
}

/** Stops the running clocks whose rule matches `keep` (all when omitted) at `at`. */
export async function stopClocks(trx: Transaction<DB>, opts: { workItemId: number; at: Date; actor: Actor; rules?: (rule: string) => boolean }) {
  for (const c of await runningClocks(trx, opts.workItemId)) {
    if (opts.rules && !opts.rules(c.ruleKey)) continue;
    await stopDeadline(trx, { deadlineId: c.id, at: opts.at < c.startedAt ? c.startedAt : opts.at, actor: opts.actor });
  }
}

export { startDeadline };
