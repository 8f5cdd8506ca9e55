import type { Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { PersonalDataKeys } from '../../core/personal-data/index.ts';
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
type Built = { template: PetitionMessageKey; params: TemplateParams; documentId?: number | null } | null;
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The written notice the decision issued in this transaction (the message names it and references its row). */
export interface NoticeIssued {
  id: number;
  number: string;
  name: string;
}

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

const reviewWord = (stage: string) => (stage === 'fuhe' ? '复核' : '复查');

interface BuildInput {
  id: number;
  /** the number the petitioner tracks the matter by: the original case's (a 复查/复核 case has no 查询码 of its own) */
  caseNo: string;
  stage: string;
  d: Decisions;
  doc: NoticeIssued | null;
}

/** A message about a notice: its 发文字号 in the text, its row referenced (never a notice that was not issued). */
function about(doc: NoticeIssued | null, template: PetitionMessageKey, params: TemplateParams): Built {
  if (!doc) throw new Error(`petition message ${template}: the decision's notice was not issued`);
  return { template, params: { ...params, docNo: doc.number }, documentId: doc.id };
}

/** Which message an action sends, with its parameters (null: this action tells the petitioner nothing). */
const BUILDERS: Record<string, (trx: Transaction<DB>, p: BuildInput) => Promise<Built>> = {
  async accept(trx, p) {
    const a = obj(p.d.acceptance);
    return about(p.doc, 'accepted', { caseNo: p.caseNo, date: String(a.date ?? ''), dueDate: (await dueDate(trx, p.id, 'xf.handle')) ?? '依法确定' });
  },
  async reject(_trx, p) {
    const routes = (obj(p.d.rejection).legalRoutes as string[] | undefined) ?? [];
    const legalRoute = routes.length ? `如不服，${clip(routes.map((r) => r.replace(/[。；，\s]+$/, '')).join('；'), 100)}。` : '';
    return about(p.doc, 'not_accepted', { caseNo: p.caseNo, legalRoute });
  },
  async refuse_again(_trx, p) {
    return about(p.doc, 'not_accepted_again', { caseNo: p.caseNo });
  },
  async transfer(_trx, p) {
    return about(p.doc, 'transferred', { caseNo: p.caseNo, toUnitName: clip(String(obj(p.d.transfer).toUnitName ?? '有权处理的机关'), 30) });
  },
  async assign(trx, p) {
    const lead = await trx
      .selectFrom('case_parties as wp')
      .innerJoin('units as u', 'u.id', 'wp.unit_id')
      .select('u.name')
      .where('wp.work_item_id', '=', p.id)
      .where('wp.role', '=', 'lead')
      .where('wp.active', '=', true)
      .executeTakeFirst();
    return about(p.doc, 'assigned', { caseNo: p.caseNo, toUnitName: clip(lead?.name ?? '承办单位', 30) });
  },
  async extend(_trx, p) {
    const list = Array.isArray(p.d.extensions) ? (p.d.extensions as unknown[]) : [];
    const last = obj(list.at(-1));
    return about(p.doc, 'extended', { caseNo: p.caseNo, dueDate: String(last.newDueDate ?? ''), reason: clip(String(last.reason ?? ''), 40) });
  },
  async reply(_trx, p) {
    const afterDelivery =
      p.stage === 'fuhe' ? '本复核意见为终结意见。' : `评价和申请${p.stage === 'initial' ? '复查' : '复核'}的期限自送达之日起计算，届时另行告知。`;
    return about(p.doc, 'replied', { caseNo: p.caseNo, docName: p.doc?.name ?? '', afterDelivery });
  },
  async deliver(trx, p) {
    // the opinion served: the case's latest 处理/复查/复核意见书 (a case replied before notices were automatic may have none)
    const served = await trx
      .selectFrom('item_documents')
      .select(['id'])
      .where('work_item_id', '=', p.id)
      .where('kind', 'in', ['opinion', 'review_opinion'])
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const docName = p.stage === 'initial' ? (served ? '处理意见书' : '处理意见') : `${reviewWord(p.stage)}意见${served ? '书' : ''}`;
    const date = String(obj(p.d.delivery).date ?? '');
    let nextStep: string;
    if (p.stage === 'fuhe') nextStep = '本复核意见为终结意见，以同一事实和理由再次提出的，不再受理。';
    else {
      const next = p.stage === 'initial' ? '复查' : '复核';
      const evalDue = await dueDate(trx, p.id, 'xf.eval.window');
      const applyDue = await dueDate(trx, p.id, p.stage === 'initial' ? 'xf.fucha.apply' : 'xf.fuhe.apply');
      nextStep = `${evalDue ? `请于${evalDue}前评价办理工作；` : ''}不服的，可于${applyDue ?? '法定期限内'}前申请${next}。`;
    }
    return { template: 'delivered', params: { caseNo: p.caseNo, docName, date, nextStep }, documentId: served ? Number(served.id) : null };
  },
  async apply_review(trx, p) {
    const reviewId = Number(obj(p.d.reviewApplication).reviewId);
    if (!reviewId) return null;
    const review = await trx.selectFrom('petitions').select(['case_no', 'stage']).where('id', '=', reviewId).executeTakeFirstOrThrow();
    const due = await dueDate(trx, reviewId, review.stage === 'fucha' ? 'xf.fucha.answer' : 'xf.fuhe.answer');
    return {
      template: 'review_opened',
      params: { caseNo: p.caseNo, reviewKind: reviewWord(review.stage), reviewCaseNo: review.case_no, dueDate: due ?? '依法确定' },
    };
  },
};

/** Actions that send a message (the rest — 进展, 退回 … — are internal). */
export const MESSAGE_ACTIONS: readonly string[] = Object.keys(BUILDERS);

/**
 * Enqueues the message for `event` (an action of the petition machine) to every petitioner with a
 * phone (one per distinct phone). The stored, encrypted phone is copied as is: nothing is decrypted.
 * `details` are the case's decisions after the action; `doc` the notice the action issued (written
 * before, in the same transaction). Returns the outbox ids.
 */
export async function messagesForPetitionEvent(
  trx: Transaction<DB>,
  opts: { keys: PersonalDataKeys; petitionId: number; event: string; details: Decisions; now: Date; doc?: NoticeIssued | null },
): Promise<number[]> {
  const build = BUILDERS[opts.event];
  if (!build) return [];
  const petition = await trx
    .selectFrom('petitions as p')
    .leftJoin('petitions as root', 'root.id', 'p.root_id')
    .select(['p.case_no', 'p.stage', 'root.case_no as root_case_no'])
    .where('p.id', '=', opts.petitionId)
    .executeTakeFirstOrThrow();
  const built = await build(trx, {
    id: opts.petitionId,
    caseNo: petition.root_case_no ?? petition.case_no,
    stage: petition.stage,
    d: opts.details,
    doc: opts.doc ?? null,
  });
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
        {
          channel: 'sms',
          template: PETITION_MESSAGES[built.template],
          params: built.params,
          workItemId: opts.petitionId,
          documentId: built.documentId ?? null,
        },
        { recipientEnc: p.phone_enc!, recipientMasked: p.phone_masked ?? '***' },
      ),
    );
  }
  return enqueueOutboxMessages(trx, messages, opts.now);
}
