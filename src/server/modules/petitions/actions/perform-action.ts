import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { findRule } from '../../../core/clock/legal-rules.ts';
import { assertTransition } from '../../../kernel/machine/index.ts';
import { assignParties, retireParties, type PartyInput } from '../../../kernel/parties/index.ts';
import { extendDeadline } from '../../../kernel/deadlines/index.ts';
import { PETITION_MACHINE, type PetitionCtx, type PetitionState } from '../machine.ts';
import { loadCtx, loadVisible, type PetitionRow } from '../repository.ts';
import { startClock, stopClocks } from './clocks.ts';
import { openReviewCase } from './open-review.ts';
import { isValidApprover } from '../extension-approvers.ts';
import type { PersonalDataKeys } from '../../../core/personal-data/index.ts';
import { messagesForPetitionEvent } from '../petitioner-messages.ts';

interface Step {
  trx: Transaction<DB>;
  row: PetitionRow;
  ctx: PetitionCtx;
  input: Record<string, unknown>;
  actor: Actor;
  now: Date;
  today: string;
  decisions: Record<string, unknown>;
}

const ANSWER_CLOCK = { initial: 'xf.handle', fucha: 'xf.fucha.answer', fuhe: 'xf.fuhe.answer' } as const;
const id = (s: Step) => Number(s.row.id);

/** Side effects of each action (clocks, parties, linked cases); the state change itself is common. */
const EFFECTS: Record<string, (s: Step) => Promise<void>> = {
  async accept(s) {
    const date = (s.input.date as string | undefined) ?? s.today;
    await stopClocks(s.trx, { workItemId: id(s), ruleKeys: ['xf.dept.route', 'xf.transfer.notice', 'xf.transfer.objection'], at: s.now, actor: s.actor });
    await startClock(s.trx, { workItemId: id(s), ruleKey: 'xf.handle', startedAt: date, actor: s.actor });
    s.decisions.acceptance = { date, note: s.input.note ?? null, by: s.actor.name };
  },
  async reject(s) {
    const routes: string[] = [];
    for (const r of s.input.routes as string[]) {
      const rule = await findRule(s.trx, r === 'fuyi' ? 'legal.fuyi' : 'legal.susong');
      routes.push(r === 'fuyi' ? `可自知道或应当知道该行政行为之日起${rule.amount}日内依法申请行政复议（${rule.source}）` : `可自知道或应当知道该行政行为之日起${rule.amount}个月内依法提起行政诉讼（${rule.source}）`);
    }
    if (s.input.otherRoute) routes.push(String(s.input.otherRoute));
    await stopClocks(s.trx, { workItemId: id(s), at: s.now, actor: s.actor });
    s.decisions.rejection = { date: s.today, reason: s.input.reason, legalRoutes: routes };
  },
  async transfer(s) {
    await stopClocks(s.trx, { workItemId: id(s), at: s.now, actor: s.actor });
    s.decisions.transfer = { date: s.today, toUnitName: s.input.toUnitName, note: s.input.note ?? null };
  },
  async assign(s) {
    const i = s.input as { leadUnitId: number; assistUnitIds: number[]; territorialUnitId?: number; leaderId?: number; note?: string };
    const parties: PartyInput[] = [{ role: 'lead', unitId: i.leadUnitId }, ...i.assistUnitIds.map((u) => ({ role: 'assist' as const, unitId: u }))];
    if (i.territorialUnitId) parties.push({ role: 'territorial', unitId: i.territorialUnitId });
    if (i.leaderId) parties.push({ role: 'leader', leaderId: i.leaderId });
    await assignParties(s.trx, { workItemId: id(s), parties, actor: s.actor, at: s.now });
    await stopClocks(s.trx, { workItemId: id(s), ruleKeys: ['xf.dept.route'], at: s.now, actor: s.actor });
    await startClock(s.trx, { workItemId: id(s), ruleKey: 'xf.transfer.objection', startedAt: s.now, actor: s.actor });
    await startClock(s.trx, { workItemId: id(s), ruleKey: 'xf.transfer.notice', startedAt: s.now, actor: s.actor });
    s.decisions.assignment = { date: s.today, note: i.note ?? null };
  },
  async object(s) {
    await stopClocks(s.trx, { workItemId: id(s), ruleKeys: ['xf.transfer.objection'], at: s.now, actor: s.actor });
    s.decisions.objection = { date: s.today, reasons: s.input.reasons, by: s.actor.name };
  },
  async decide_objection(s) {
    if (s.input.decision === 'uphold') {
      await retireParties(s.trx, { workItemId: id(s), actor: s.actor });
      await stopClocks(s.trx, { workItemId: id(s), ruleKeys: ['xf.transfer.notice'], at: s.now, actor: s.actor });
    }
    s.decisions.objectionDecision = { date: s.today, decision: s.input.decision, note: s.input.note ?? null };
  },
  async progress() {
    // the note itself is the audited input: it shows on the timeline
  },
  async extend(s) {
    const i = s.input as { amount: number; reason: string; approverUserId: number };
    const approver = await s.trx.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id').select(['users.id', 'users.roles', 'units.path']).where('users.id', '=', i.approverUserId).where('users.disabled', '=', false).executeTakeFirst();
    const unitPath = s.ctx.leadUnitPath ?? s.row.owner_unit_path;
    if (!approver || !isValidApprover({ id: Number(approver.id), roles: approver.roles, unitPath: approver.path }, { requesterId: s.actor.userId, unitPath })) {
      throw new AppError('VALIDATION_FAILED', { detail: 'approverUserId：批准人应为承办单位负责人或县领导，且不能是申请延期的本人' }, { field: 'approverUserId' });
    }
    const clock = await s.trx.selectFrom('deadlines').select('id').where('work_item_id', '=', id(s)).where('rule_key', '=', 'xf.handle').where('status', '<>', 'stopped').executeTakeFirstOrThrow();
    const view = await extendDeadline(s.trx, { deadlineId: Number(clock.id), amount: i.amount, reason: i.reason, approvedBy: i.approverUserId, actor: s.actor, at: s.now });
    const list = Array.isArray(s.decisions.extensions) ? (s.decisions.extensions as unknown[]) : [];
    s.decisions.extensions = [...list, { date: s.today, amount: i.amount, reason: i.reason, approverUserId: i.approverUserId, newDueDate: view.dueDate }];
  },
  async reply(s) {
    await stopClocks(s.trx, { workItemId: id(s), ruleKeys: [ANSWER_CLOCK[s.row.stage]], at: s.now, actor: s.actor });
    s.decisions.reply = { date: s.today, outcome: s.input.outcome, facts: s.input.facts, legalBasis: s.input.legalBasis };
  },
  async deliver(s) {
    const date = (s.input.date as string | undefined) ?? s.today;
    s.decisions.delivery = { date };
    if (s.row.stage === 'fuhe') {
      await terminateChain(s);
      return;
    }
    await startClock(s.trx, { workItemId: id(s), ruleKey: 'xf.eval.window', startedAt: date, actor: s.actor });
    await startClock(s.trx, { workItemId: id(s), ruleKey: s.row.stage === 'initial' ? 'xf.fucha.apply' : 'xf.fuhe.apply', startedAt: date, actor: s.actor });
  },
  async evaluate(s) {
    await stopClocks(s.trx, { workItemId: id(s), ruleKeys: ['xf.eval.window'], at: s.now, actor: s.actor });
    s.decisions.evaluation = { date: s.today, result: s.input.result, ...(s.input.comment ? { comment: s.input.comment } : {}) };
  },
  async apply_review(s) {
    const date = (s.input.date as string | undefined) ?? s.today;
    // the review's case number first: every writer takes the case-number row before the audit head (no deadlock with registrations)
    const reviewId = await openReviewCase(s.trx, { original: s.row, date, reviewUnitId: s.input.reviewUnitId as number | undefined, actor: s.actor, now: s.now });
    await stopClocks(s.trx, { workItemId: id(s), at: s.now, actor: s.actor });
    s.decisions.reviewApplication = { date, reviewId };
  },
  async close(s) {
    await stopClocks(s.trx, { workItemId: id(s), at: s.now, actor: s.actor });
    s.decisions.closure = { date: s.today, petitionerAccepted: s.input.petitionerAccepted ?? false, note: s.input.note ?? null };
    // closing a 复查 case closes the matter it reviewed
    await setAncestors(s, 'closed');
  },
  async withdraw(s) {
    await stopClocks(s.trx, { workItemId: id(s), at: s.now, actor: s.actor });
    s.decisions.withdrawal = { date: s.today, reason: s.input.reason ?? null };
    // withdrawing a 复查/复核 application closes the matter it reviewed, as 办结 does
    await setAncestors(s, 'closed');
  },
  async refuse_again(s) {
    await stopClocks(s.trx, { workItemId: id(s), at: s.now, actor: s.actor });
    s.decisions.refuseAgain = { date: s.today, note: s.input.note ?? null };
  },
};

/** After 复核 is delivered, the whole matter (复核, 复查 and the original case) is 终结. */
async function terminateChain(s: Step) {
  await s.trx.updateTable('work_items').set({ open: false }).where('id', '=', id(s)).execute();
  await setAncestors(s, 'terminated');
}

async function setAncestors(s: Step, state: 'closed' | 'terminated') {
  let parent = s.row.review_of === null ? null : Number(s.row.review_of);
  while (parent !== null) {
    const before = await s.trx.selectFrom('work_items').select('state').where('id', '=', parent).forUpdate().executeTakeFirstOrThrow();
    await s.trx.updateTable('work_items').set({ state, open: false, updated_at: s.now }).where('id', '=', parent).execute();
    await appendAudit(s.trx, s.actor, { action: 'petition.chain', entityType: 'work_item', entityId: parent, before: { state: before.state }, after: { state, by: id(s) } });
    const p = await s.trx.selectFrom('petitions').select('review_of').where('id', '=', parent).executeTakeFirstOrThrow();
    parent = p.review_of === null ? null : Number(p.review_of);
  }
}

const FINAL: ReadonlySet<PetitionState> = new Set(['closed', 'terminated', 'transferred']);

/**
 * One transition, all or nothing: the case row is locked, the machine checks state, policy, input
 * and guard (409/403/400 before anything is written), then effects, the new state and the audit
 * event (before/after) commit together.
 */
export async function performPetitionAction(opts: { db: Kysely<DB>; user: SessionUser; actor: Actor; id: number; action: string; input: unknown; now: Date; keys?: PersonalDataKeys }): Promise<void> {
  const { db, user, now } = opts;
  await db.transaction().execute(async (trx) => {
    await trx.selectFrom('work_items').select('id').where('id', '=', opts.id).forUpdate().executeTakeFirst();
    const row = await loadVisible(trx, user, opts.id);
    const { ctx } = await loadCtx(trx, row);
    const t = assertTransition(PETITION_MACHINE, { user, item: ctx, action: opts.action, input: opts.input, now });
    await applyPetitionTransition(trx, { row, ctx, action: t.action, input: t.input as Record<string, unknown>, to: t.to, actor: opts.actor, now, keys: opts.keys });
  });
}

/**
 * The part of a transition after the machine allowed it (staff: performPetitionAction; the petitioner:
 * modules/portal): effects, the new state, the decisions, the message to the petitioner and the audit
 * event, in the caller's transaction with the case row already locked.
 */
export async function applyPetitionTransition(
  trx: Transaction<DB>,
  opts: { row: PetitionRow; ctx: PetitionCtx; action: string; input: Record<string, unknown>; to: PetitionState; actor: Actor; now: Date; keys?: PersonalDataKeys },
): Promise<void> {
  const { row, ctx, actor, now } = opts;
  const petitionId = Number(row.id);
  const step: Step = { trx, row, ctx, input: opts.input, actor, now, today: shanghaiDate(now), decisions: { ...((row.decisions ?? {}) as Record<string, unknown>) } };
  await EFFECTS[opts.action]!(step);
  await trx.updateTable('work_items').set({ state: opts.to, open: !FINAL.has(opts.to), updated_at: now }).where('id', '=', petitionId).execute();
  await trx.updateTable('petitions').set({ decisions: JSON.stringify(step.decisions) }).where('id', '=', petitionId).execute();
  // the petitioner is told (outbox) in the same transaction; without keys (demo seed) nothing is sent
  if (opts.keys) await messagesForPetitionEvent(trx, { keys: opts.keys, petitionId, event: opts.action, details: step.decisions, now });
  await appendAudit(trx, actor, {
    action: `petition.${opts.action}`,
    entityType: 'work_item',
    entityId: petitionId,
    before: { state: ctx.state },
    after: { state: opts.to, input: opts.input },
    reason: typeof step.input.reason === 'string' ? step.input.reason : typeof step.input.reasons === 'string' ? step.input.reasons : undefined,
  });
}
