import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { findRule } from '../../../core/clock/legal-rules.ts';
import { asStaff, runAction, type ActingParty, type ActionStep, type ModuleActions } from '../../../kernel/actions/index.ts';
import { assignParties, retireParties, type PartyInput } from '../../../kernel/parties/index.ts';
import { extendDeadline } from '../../../kernel/deadlines/index.ts';
import { PETITION_INPUTS, PETITION_MACHINE, type PetitionCtx, type PetitionInput, type PetitionState } from '../machine.ts';
import { loadCtx, loadRow, loadVisible, type PetitionRow } from '../repository.ts';
import { startClock, stopClocks } from './clocks.ts';
import { openReviewCase } from './open-review.ts';
import { isValidApprover } from '../extension-approvers.ts';
import type { PersonalDataKeys } from '../../../core/personal-data/index.ts';
import { messagesForPetitionEvent, type NoticeIssued } from '../petitioner-messages.ts';
import { decisionDocumentKind, issueDecisionDocument } from '../documents/index.ts';
import { periodText } from '../documents/fill-values.ts';
import { readDecisions, type PetitionDecisions } from '../decisions.ts';

/** The case as the effects change it: its decisions are a copy, written back after the effect. */
type CaseRow = Omit<PetitionRow, 'decisions'> & { decisions: PetitionDecisions };
type Step = ActionStep<CaseRow, PetitionCtx>;

const ANSWER_CLOCK = { initial: 'xf.handle', fucha: 'xf.fucha.answer', fuhe: 'xf.fuhe.answer' } as const;
const id = (s: Step) => Number(s.row.id);

/** Side effects typed by each action's input schema (the runner validated the input against that very schema). */
const EFFECTS: { [A in keyof typeof PETITION_INPUTS]: (s: Step, i: PetitionInput<A>) => Promise<void> } = {
  async accept(s, i) {
    await stopClocks(s.trx, { workItemId: id(s), ruleKeys: ['xf.dept.route', 'xf.transfer.notice', 'xf.transfer.objection'], at: s.at, actor: s.actor });
    await startClock(s.trx, { workItemId: id(s), ruleKey: 'xf.handle', startedAt: s.on, actor: s.actor });
    s.row.decisions.acceptance = { date: s.on, note: i.note ?? null, by: s.actor.name };
  },
  async reject(s, i) {
    const routes: string[] = [];
    // each route with its period and the article it comes from, read from legal_rules
    for (const r of i.routes) {
      const rule = await findRule(s.trx, `legal.${r}`);
      const period = periodText(rule);
      routes.push(
        r === 'fuyi'
          ? `可自知道或应当知道该行政行为之日起${period}内依法申请行政复议（${rule.source}）`
          : r === 'susong'
            ? `可自知道或应当知道该行政行为之日起${period}内依法提起行政诉讼（${rule.source}）`
            : `属于劳动人事争议的，可自知道或应当知道其权利被侵害之日起${period}内向劳动人事争议仲裁委员会申请仲裁（${rule.source}）`,
      );
    }
    if (i.otherRoute) routes.push(i.otherRoute);
    await stopClocks(s.trx, { workItemId: id(s), at: s.at, actor: s.actor });
    s.row.decisions.rejection = { date: s.on, reason: i.reason, legalRoutes: routes };
  },
  async transfer(s, i) {
    await stopClocks(s.trx, { workItemId: id(s), at: s.at, actor: s.actor });
    s.row.decisions.transfer = { date: s.on, toUnitName: i.toUnitName, note: i.note ?? null };
  },
  async assign(s, i) {
    await refuseAccusedUnit(s, [i.leadUnitId, ...i.assistUnitIds, ...(i.territorialUnitId ? [i.territorialUnitId] : [])]);
    const parties: PartyInput[] = [{ role: 'lead', unitId: i.leadUnitId }, ...i.assistUnitIds.map((u) => ({ role: 'assist' as const, unitId: u }))];
    if (i.territorialUnitId) parties.push({ role: 'territorial', unitId: i.territorialUnitId });
    if (i.leaderId) parties.push({ role: 'leader', leaderId: i.leaderId });
    await assignParties(s.trx, { workItemId: id(s), parties, actor: s.actor, at: s.at });
    await stopClocks(s.trx, { workItemId: id(s), ruleKeys: ['xf.dept.route'], at: s.at, actor: s.actor });
    await startClock(s.trx, { workItemId: id(s), ruleKey: 'xf.transfer.objection', startedAt: s.at, actor: s.actor });
    await startClock(s.trx, { workItemId: id(s), ruleKey: 'xf.transfer.notice', startedAt: s.at, actor: s.actor });
    s.row.decisions.assignment = { date: s.on, note: i.note ?? null };
  },
  async object(s, i) {
    await stopClocks(s.trx, { workItemId: id(s), ruleKeys: ['xf.transfer.objection'], at: s.at, actor: s.actor });
    s.row.decisions.objection = { date: s.on, reasons: i.reasons, by: s.actor.name };
  },
  async decide_objection(s, i) {
    if (i.decision === 'uphold') {
      await retireParties(s.trx, { workItemId: id(s), actor: s.actor });
      await stopClocks(s.trx, { workItemId: id(s), ruleKeys: ['xf.transfer.notice'], at: s.at, actor: s.actor });
    }
    s.row.decisions.objectionDecision = { date: s.on, decision: i.decision, note: i.note ?? null };
  },
  async progress() {
    // the note itself is the audited input: it shows on the timeline
  },
  async extend(s, i) {
    const approver = await s.trx
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .select(['users.id', 'users.roles', 'units.path'])
      .where('users.id', '=', i.approverUserId)
      .where('users.disabled', '=', false)
      .executeTakeFirst();
    const unitPath = s.ctx.leadUnitPath ?? s.row.owner_unit_path;
    if (!approver || !isValidApprover({ id: Number(approver.id), roles: approver.roles, unitPath: approver.path }, { requesterId: s.actor.userId, unitPath })) {
      throw new AppError(
        'VALIDATION_FAILED',
        { detail: 'approverUserId：批准人应为承办单位负责人或县领导，且不能是申请延期的本人' },
        { field: 'approverUserId' },
      );
    }
    const clock = await s.trx
      .selectFrom('deadlines')
      .select('id')
      .where('work_item_id', '=', id(s))
      .where('rule_key', '=', 'xf.handle')
      .where('status', '<>', 'stopped')
      .executeTakeFirstOrThrow();
    const view = await extendDeadline(s.trx, {
      deadlineId: Number(clock.id),
      amount: i.amount,
      reason: i.reason,
      approvedBy: i.approverUserId,
      actor: s.actor,
      at: s.at,
    });
    s.row.decisions.extensions = [
      ...(s.row.decisions.extensions ?? []),
      { date: s.on, amount: i.amount, reason: i.reason, approverUserId: i.approverUserId, newDueDate: view.dueDate },
    ];
  },
  async reply(s, i) {
    await stopClocks(s.trx, { workItemId: id(s), ruleKeys: [ANSWER_CLOCK[s.row.stage]], at: s.at, actor: s.actor });
    s.row.decisions.reply = { date: s.on, outcome: i.outcome, facts: i.facts, legalBasis: i.legalBasis };
  },
  async deliver(s) {
    const date = s.on;
    s.row.decisions.delivery = { date };
    if (s.row.stage === 'fuhe') {
      await terminateChain(s);
      return;
    }
    await startClock(s.trx, { workItemId: id(s), ruleKey: 'xf.eval.window', startedAt: date, actor: s.actor });
    await startClock(s.trx, { workItemId: id(s), ruleKey: s.row.stage === 'initial' ? 'xf.fucha.apply' : 'xf.fuhe.apply', startedAt: date, actor: s.actor });
  },
  async evaluate(s, i) {
    await stopClocks(s.trx, { workItemId: id(s), ruleKeys: ['xf.eval.window'], at: s.at, actor: s.actor });
    s.row.decisions.evaluation = { date: s.on, result: i.result, ...(i.comment ? { comment: i.comment } : {}) };
  },
  async apply_review(s, i) {
    const date = s.on;
    // the review's case number first: every writer takes the case-number row before the audit head (no deadlock with registrations)
    const reviewId = await openReviewCase(s.trx, { original: s.row, date, reviewUnitId: i.reviewUnitId, actor: s.actor, now: s.now });
    await stopClocks(s.trx, { workItemId: id(s), at: s.at, actor: s.actor });
    s.row.decisions.reviewApplication = { date, reviewId };
  },
  async close(s, i) {
    await stopClocks(s.trx, { workItemId: id(s), at: s.at, actor: s.actor });
    s.row.decisions.closure = { date: s.on, petitionerAccepted: i.petitionerAccepted ?? false, note: i.note ?? null };
    // closing a 复查 case closes the matter it reviewed
    await setAncestors(s, 'closed');
  },
  async withdraw(s, i) {
    await stopClocks(s.trx, { workItemId: id(s), at: s.at, actor: s.actor });
    s.row.decisions.withdrawal = { date: s.on, reason: i.reason };
    // withdrawing a 复查/复核 application closes the matter it reviewed, as 办结 does
    await setAncestors(s, 'closed');
  },
  async refuse_again(s, i) {
    await stopClocks(s.trx, { workItemId: id(s), at: s.at, actor: s.actor });
    s.row.decisions.refuseAgain = { date: s.on, note: i.note ?? null };
  },
};

/** After 复核 is delivered, the whole matter (复核, 复查 and the original case) is 终结. */
async function terminateChain(s: Step) {
  await setAncestors(s, 'terminated');
}

async function setAncestors(s: Step, state: 'closed' | 'terminated') {
  let parent = s.row.review_of === null ? null : Number(s.row.review_of);
  while (parent !== null) {
    const before = await s.trx.selectFrom('work_items').select('state').where('id', '=', parent).forUpdate().executeTakeFirstOrThrow();
    await s.trx.updateTable('work_items').set({ state, open: false, updated_at: s.now }).where('id', '=', parent).execute();
    await appendAudit(s.trx, s.actor, {
      action: 'petition.chain',
      entityType: 'work_item',
      entityId: parent,
      before: { state: before.state },
      after: { state, by: id(s) },
    });
    const p = await s.trx.selectFrom('petitions').select('review_of').where('id', '=', parent).executeTakeFirstOrThrow();
    parent = p.review_of === null ? null : Number(p.review_of);
  }
}

/**
 * 检举控告材料不得转给被检举、控告的人员或单位（《信访工作条例》第三十条）: an accusation is never 交办 to the
 * accused unit or a unit below it — the very units the visibility rule hides it from.
 */
async function refuseAccusedUnit(s: Step, unitIds: number[]): Promise<void> {
  const accused = s.row.accused_unit_path;
  if (!accused || unitIds.length === 0) return;
  const units = await s.trx.selectFrom('units').select(['id', 'name', 'path']).where('id', 'in', unitIds).execute();
  const hit = units.find((u) => u.path.startsWith(accused));
  if (hit) {
    const field = Number(hit.id) === (s.input as { leadUnitId: number }).leadUnitId ? 'leadUnitId' : 'assistUnitIds';
    throw new AppError(
      'VALIDATION_FAILED',
      { detail: `${field}：检举控告事项不得交由被检举控告的单位（${hit.name}）或其下属单位办理（《信访工作条例》第三十条）` },
      { field },
    );
  }
}

/** 信访 as the kernel's runner applies it: load (scoped for staff), effects, then decisions and the message to the petitioner. */
export const PETITION_ACTIONS: ModuleActions<PetitionState, PetitionCtx, CaseRow> = {
  kind: 'petition',
  machine: PETITION_MACHINE,
  async load(trx, id, party) {
    const row = party.kind === 'staff' ? await loadVisible(trx, party.user, id) : await loadRow(trx, id);
    return { row: { ...row, decisions: readDecisions(row.decisions) }, ctx: (await loadCtx(trx, row)).ctx };
  },
  // the runner's untyped step input is the parsed input of exactly this action
  effects: Object.fromEntries(
    Object.entries(EFFECTS).map(([code, effect]) => [code, (s: Step) => (effect as (s: Step, i: unknown) => Promise<void>)(s, s.input)]),
  ),
  async after(step) {
    const petitionId = Number(step.row.id);
    const decisions = step.row.decisions;
    await step.trx
      .updateTable('petitions')
      .set({ decisions: JSON.stringify(decisions) })
      .where('id', '=', petitionId)
      .execute();
  },
  // after the decision's own audit event (the timeline reads: 受理, then 制作文书)
  async followUp(step) {
    const petitionId = Number(step.row.id);
    const decisions = step.row.decisions;
    // the decision's written notice (告知书/意见书), numbered and stored in this transaction — refused, with nothing
    // changed, while the issuing unit has no 代字 — and only then the message that names it
    const kind = decisionDocumentKind(step.action, step.row.stage);
    let doc: NoticeIssued | null = null;
    if (kind) {
      if (!step.keys) throw new Error(`petition ${step.action}: issuing its notice needs the personal-data keys`);
      if (step.party.kind !== 'staff') throw new Error(`petition ${step.action}: a notice is issued by staff`);
      const issued = await issueDecisionDocument(step.trx, {
        keys: step.keys,
        user: step.party.user,
        actor: step.actor,
        petitionId,
        kind,
        actionName: PETITION_MACHINE.actions[step.action as keyof typeof PETITION_MACHINE.actions]?.name ?? step.action,
        now: step.now,
      });
      doc = { id: issued.id, number: issued.number, name: issued.name };
    }
    // the petitioner is told (outbox) in the same transaction, after the notice it names
    if (step.keys) await messagesForPetitionEvent(step.trx, { keys: step.keys, petitionId, event: step.action, details: decisions, now: step.now, doc });
  },
  auditReason: (input) => (typeof input.reason === 'string' ? input.reason : typeof input.reasons === 'string' ? input.reasons : undefined),
};

/** A staff member's transition (the route and the demo seed): one transaction through the kernel's runner. */
export async function performPetitionAction(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  actor: Actor;
  id: number;
  action: string;
  input: unknown;
  now: Date;
  /** the personal-data keys: a decision's notice names the petitioners, and its message goes to their phones */
  keys: PersonalDataKeys;
}): Promise<void> {
  await opts.db.transaction().execute((trx) => runPetitionAction(trx, { ...opts, party: asStaff(opts.user) }));
}

/** Any party's transition in the caller's transaction (the portal adds its Idempotency-Key in the same one). */
export function runPetitionAction(
  trx: Transaction<DB>,
  opts: { party: ActingParty; actor: Actor; id: number; action: string; input: unknown; now: Date; keys?: PersonalDataKeys },
) {
  return runAction(trx, PETITION_ACTIONS, opts);
}
