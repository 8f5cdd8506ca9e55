import type { Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { Actor } from '../../core/audit/audit-chain.ts';
import { planInstructedDeadline, startDeadline, stopDeadline, writePlannedDeadlines, INSTRUCTED_RULE_KEY } from '../../kernel/deadlines/index.ts';

/** 一般一个月内调结 (司法部令第75号 art. 33), from 受理. */
export const SETTLE_RULE = 'med.settle';
/** 司法确认: the joint application within 30日 of the agreement taking effect (人民调解法 art. 33). */
export const CONFIRM_RULE = 'med.confirm.apply';
export const PERFORM_LABEL = '协议履行期限';
/** The court's acceptance of an application for 司法确认 (2011 规定 art. 4; the court's limit, shown to follow it up). */
export const COURT_ACCEPT_RULE = 'med.court.accept';

export async function startCourtClock(trx: Transaction<DB>, o: { workItemId: number; on: string; actor: Actor }) {
  await startDeadline(trx, { workItemId: o.workItemId, ruleKey: COURT_ACCEPT_RULE, label: '人民法院司法确认立案期限', startedAt: o.on, actor: o.actor });
}

export async function startSettleClock(trx: Transaction<DB>, o: { workItemId: number; on: string; actor: Actor }) {
  await startDeadline(trx, { workItemId: o.workItemId, ruleKey: SETTLE_RULE, label: '调结期限', startedAt: o.on, actor: o.actor });
}

export async function startConfirmClock(trx: Transaction<DB>, o: { workItemId: number; on: string; actor: Actor }) {
  await startDeadline(trx, { workItemId: o.workItemId, ruleKey: CONFIRM_RULE, label: '司法确认申请期限', startedAt: o.on, actor: o.actor });
}

/** The deadline of performance the agreement sets (art. 29), supervised to its day (art. 31). */
export async function startPerformClock(trx: Transaction<DB>, o: { workItemId: number; dueOn: string; startedAt: Date; actor: Actor }) {
  const plan = planInstructedDeadline({
    label: PERFORM_LABEL,
    dueDate: o.dueOn,
    basis: '调解协议约定的履行期限（《中华人民共和国人民调解法》第二十九条、第三十一条）',
    startedAt: o.startedAt,
    actor: o.actor,
    requirement: '协议履行完毕',
    kindName: '协议履行期限',
  });
  await writePlannedDeadlines(trx, [{ workItemId: o.workItemId, plan }]);
}

export const COURT_LABEL = '人民法院确定的调解期限';

/**
 * 司法调解 on a court's referral (委派 before filing, 委托 after): the court sets the period and the result goes back to
 * it. No statute fixes one period for every referral, so the clock runs to the day the court set (its 案号 as basis).
 */
export async function startCourtReferralClock(
  trx: Transaction<DB>,
  o: { workItemId: number; dueOn: string; court: string; caseNo: string; startedAt: Date; actor: Actor },
) {
  const plan = planInstructedDeadline({
    label: COURT_LABEL,
    dueDate: o.dueOn,
    basis: `${o.court}委派、委托调解确定的期限（${o.caseNo}）`,
    startedAt: o.startedAt,
    actor: o.actor,
    requirement: '向人民法院回复调解结果',
    kindName: COURT_LABEL,
  });
  await writePlannedDeadlines(trx, [{ workItemId: o.workItemId, plan }]);
}

/** Stops the court's clock (the result was reported back, or mediation ended). */
export async function stopCourtReferralClock(trx: Transaction<DB>, o: { workItemId: number; at: Date; actor: Actor }): Promise<void> {
  const rows = await trx
    .selectFrom('deadlines')
    .select('id')
    .where('work_item_id', '=', o.workItemId)
    .where('rule_key', '=', INSTRUCTED_RULE_KEY)
    .where('label', '=', COURT_LABEL)
    .where('status', 'in', ['running', 'paused'])
    .execute();
  for (const d of rows) await stopDeadline(trx, { deadlineId: Number(d.id), at: o.at, actor: o.actor });
}

/** Stops the item's running clocks (of one rule, or all). */
export async function stopClocks(trx: Transaction<DB>, o: { workItemId: number; ruleKey?: string; at: Date; actor: Actor }): Promise<void> {
  let q = trx.selectFrom('deadlines').select('id').where('work_item_id', '=', o.workItemId).where('status', 'in', ['running', 'paused']);
  if (o.ruleKey) q = q.where('rule_key', '=', o.ruleKey);
  for (const d of await q.execute()) await stopDeadline(trx, { deadlineId: Number(d.id), at: o.at, actor: o.actor });
}

export const PERFORM_RULE = INSTRUCTED_RULE_KEY;
