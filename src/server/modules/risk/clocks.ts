import type { Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { Actor } from '../../core/audit/audit-chain.ts';
import { findRule } from '../../core/clock/legal-rules.ts';
import { loadCalendar, planInstructedDeadline, startDeadline, stopDeadline, writePlannedDeadlines } from '../../kernel/deadlines/index.ts';
import { FILING_RULE } from './config.ts';
import { filingDueFor } from './filing.ts';

export const FILING_LABEL = '稳评报告季度备案期限';

/** Starts a step: its start date, and the clocks of its minimum periods (公示 ≥10日, 征求意见 ≥30日) from that date. */
export async function startStep(trx: Transaction<DB>, opts: { workItemId: number; seq: number; on: string; actor: Actor }): Promise<void> {
  const step = await trx
    .updateTable('risk_steps')
    .set({ started_on: opts.on })
    .where('assessment_id', '=', opts.workItemId)
    .where('seq', '=', opts.seq)
    .returning(['min_rules', 'name'])
    .executeTakeFirst();
  for (const key of step?.min_rules ?? []) {
    const rule = await findRule(trx, key);
    await startDeadline(trx, { workItemId: opts.workItemId, ruleKey: key, label: rule.name, startedAt: opts.on, actor: opts.actor });
  }
}

/** Stops the item's running clocks: of some rules, with a label, or by id; all when nothing is named. */
export async function stopClocks(
  trx: Transaction<DB>,
  opts: { workItemId: number; ruleKeys?: string[]; label?: string; ids?: number[]; at: Date; actor: Actor },
): Promise<void> {
  let q = trx.selectFrom('deadlines').select('id').where('work_item_id', '=', opts.workItemId).where('status', 'in', ['running', 'paused']);
  if (opts.ruleKeys) {
    if (opts.ruleKeys.length === 0) return;
    q = q.where('rule_key', 'in', opts.ruleKeys);
  }
  if (opts.label) q = q.where('label', '=', opts.label);
  if (opts.ids) {
    if (opts.ids.length === 0) return;
    q = q.where('id', 'in', opts.ids);
  }
  for (const d of await q.execute()) await stopDeadline(trx, { deadlineId: Number(d.id), at: opts.at, actor: opts.actor });
}

/**
 * The quarterly filing clock from the decision: due on the filing day of the quarter the report was completed in
 * (wp.filing.quarter, rolled past rest days by the working-day calendar); the kernel's sweep reminds and overdue
 * shows in every list. Returns the due date.
 */
export async function startFilingClock(trx: Transaction<DB>, opts: { workItemId: number; on: string; at: Date; actor: Actor }): Promise<string> {
  const [rule, calendar] = await Promise.all([findRule(trx, FILING_RULE), loadCalendar(trx)]);
  const due = filingDueFor(opts.on, rule.amount, calendar);
  const plan = planInstructedDeadline({
    label: FILING_LABEL,
    dueDate: due.due,
    basis: `${rule.source}（${due.label}）`,
    startedAt: opts.at,
    actor: opts.actor,
    requirement: '报县维稳办、县发改局备案',
    kindName: '季度备案时限',
  });
  await writePlannedDeadlines(trx, [{ workItemId: opts.workItemId, plan }]);
  return due.due;
}

/** A mitigation measure's deadline (its owner's 完成时限), reminded and overdue like any clock. Returns the clock's id. */
export async function startMeasureClock(
  trx: Transaction<DB>,
  opts: { workItemId: number; content: string; ownerName: string; dueOn: string; at: Date; actor: Actor },
): Promise<number> {
  const plan = planInstructedDeadline({
    label: `化解措施：${[...opts.content].slice(0, 16).join('')}${[...opts.content].length > 16 ? '…' : ''}`,
    dueDate: opts.dueOn,
    basis: `稳评风险防范化解措施（责任单位：${opts.ownerName}）`,
    startedAt: opts.at,
    actor: opts.actor,
    requirement: '落实',
    kindName: '化解措施完成时限',
  });
  const [view] = await writePlannedDeadlines(trx, [{ workItemId: opts.workItemId, plan }]);
  return view!.id;
}
