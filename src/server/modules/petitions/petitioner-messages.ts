import type { Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { PersonalDataKeys } from '../../core/personal-data/index.ts';
import { findRule } from '../../core/clock/legal-rules.ts';
import { clip, enqueueOutboxMessages, sealForRecipient, sealMessage, type SealedMessage, type TemplateParams } from '../../core/outbox/index.ts';
import { PETITION_MESSAGES, type PetitionMessageKey } from './messages.ts';

/**
 * Messages to the petitioner when their case moves (《信访工作条例》: they are told of acceptance,
 * of the decision, of an extension and its reason). Each function only builds and enqueues, in the
 * caller's transaction: the message exists iff the action committed.
 */

/** The 登记回执 (case number + 查询码) for the registration writer to enqueue with the case. */
export function registrationAcknowledgement(opts: {
  keys: PersonalDataKeys;
  caseNo: string;
  queryCode: string;
  phone?: string | null;
  email?: string | null;
  workItemId?: number | null;
}): SealedMessage[] {
  const params = { caseNo: opts.caseNo, queryCode: opts.queryCode };
  const out: SealedMessage[] = [];
  if (opts.phone)
    out.push(sealMessage(opts.keys, { channel: 'sms', to: opts.phone, template: PETITION_MESSAGES.registered, params, workItemId: opts.workItemId }));
  if (opts.email)
    out.push(sealMessage(opts.keys, { channel: 'email', to: opts.email, template: PETITION_MESSAGES.registered, params, workItemId: opts.workItemId }));
  return out;
}

type Decisions = Record<string, unknown>;
type Built = { template: PetitionMessageKey; params: TemplateParams } | null;
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

async function dueDate(trx: Transaction<DB>, workItemId: number, ruleKey: string): Promise<string | null> {
  const row = await trx
    .selectFrom('deadlines')
    .select('due_date')
    .where('work_item_id', '=', workItemId)
    .where('rule_key', '=', ruleKey)
    .where('status', '<>', 'stopped')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.due_date ?? null;
}

/** Which message an action sends, with its parameters (null: this action tells the petitioner nothing). */
const BUILDERS: Record<string, (trx: Transaction<DB>, p: { id: number; caseNo: string; stage: string; d: Decisions }) => Promise<Built>> = {
  async accept(trx, p) {
    const a = obj(p.d.acceptance);
    return { template: 'accepted', params: { caseNo: p.caseNo, date: String(a.date ?? ''), dueDate: (await dueDate(trx, p.id, 'xf.handle')) ?? '依法确定' } };
  },
  async reject(_trx, p) {
    const routes = (obj(p.d.rejection).legalRoutes as string[] | undefined) ?? [];
    const legalRoute = routes.length ? `如不服，${clip(routes.join('；'), 110)}。` : '';
    return { template: 'not_accepted', params: { caseNo: p.caseNo, legalRoute } };
  },
  async transfer(_trx, p) {
    return { template: 'transferred', params: { caseNo: p.caseNo, toUnitName: clip(String(obj(p.d.transfer).toUnitName ?? '有权处理的机关'), 30) } };
  },
  async extend(_trx, p) {
    const list = Array.isArray(p.d.extensions) ? (p.d.extensions as unknown[]) : [];
    const last = obj(list.at(-1));
    return { template: 'extended', params: { caseNo: p.caseNo, dueDate: String(last.newDueDate ?? ''), reason: clip(String(last.reason ?? ''), 40) } };
  },
  async reply(trx, p) {
    const evalDays = (await findRule(trx, 'xf.eval.window')).amount;
    let reviewHint = '本意见为复核意见。';
    if (p.stage !== 'fuhe') {
      const rule = await findRule(trx, p.stage === 'initial' ? 'xf.fucha.apply' : 'xf.fuhe.apply');
      reviewHint = `不服的，可在收到之日起${rule.amount}日内申请${p.stage === 'initial' ? '复查' : '复核'}。`;
    }
    return { template: 'replied', params: { caseNo: p.caseNo, evalDays, reviewHint } };
  },
  async apply_review(trx, p) {
    const reviewId = Number(obj(p.d.reviewApplication).reviewId);
    if (!reviewId) return null;
    const review = await trx.selectFrom('petitions').select(['case_no', 'stage']).where('id', '=', reviewId).executeTakeFirstOrThrow();
    const due = await dueDate(trx, reviewId, review.stage === 'fucha' ? 'xf.fucha.answer' : 'xf.fuhe.answer');
    return {
      template: 'review_opened',
      params: { caseNo: p.caseNo, reviewKind: review.stage === 'fucha' ? '复查' : '复核', reviewCaseNo: review.case_no, dueDate: due ?? '依法确定' },
    };
  },
};

/** Actions that send a message (the rest — 交办, 进展 … — are internal). */
export const MESSAGE_ACTIONS: readonly string[] = Object.keys(BUILDERS);

/**
 * Enqueues the message for `event` (an action of the petition machine) to every petitioner with a
 * phone (one per distinct phone). The stored, encrypted phone is copied as is: nothing is decrypted.
 * `details` are the case's decisions after the action. Returns the outbox ids.
 */
export async function messagesForPetitionEvent(
  trx: Transaction<DB>,
  opts: { keys: PersonalDataKeys; petitionId: number; event: string; details: Decisions; now: Date },
): Promise<number[]> {
  const build = BUILDERS[opts.event];
  if (!build) return [];
  const petition = await trx.selectFrom('petitions').select(['case_no', 'stage']).where('id', '=', opts.petitionId).executeTakeFirstOrThrow();
  const built = await build(trx, { id: opts.petitionId, caseNo: petition.case_no, stage: petition.stage, d: opts.details });
  if (!built) return [];
  const phones = await trx
    .selectFrom('petitioners')
    .select(['phone_enc', 'phone_masked', 'phone_bidx'])
    .where('petition_id', '=', opts.petitionId)
    .where('phone_enc', 'is not', null)
    .orderBy('id')
    .execute();
  const seen = new Set<string>();
  const messages: SealedMessage[] = [];
  for (const p of phones) {
    const key = p.phone_bidx ?? p.phone_enc!;
    if (seen.has(key)) continue;
    seen.add(key);
    messages.push(
      sealForRecipient(
        opts.keys,
        { channel: 'sms', template: PETITION_MESSAGES[built.template], params: built.params, workItemId: opts.petitionId },
        { recipientEnc: p.phone_enc!, recipientMasked: p.phone_masked ?? '***' },
      ),
    );
  }
  return enqueueOutboxMessages(trx, messages, opts.now);
}
