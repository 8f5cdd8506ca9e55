import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import type { Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { decryptValue, type PersonalDataKeys } from '../../core/personal-data/index.ts';
import { documentKindSet, issueItemDocument, type DocumentKindDef, type IssuedDocument } from '../../kernel/documents/index.ts';
import { lockItem } from '../../kernel/catalog/index.ts';
import { getDispute, type DisputeDetail } from './read-disputes.ts';
import { isDisputeHandler } from './machine.ts';
import { PARTY_ROLES } from './fields.ts';

/**
 * 人民调解协议书 (人民调解法 art. 29) through the kernel's documents (GB/T 9704 builder): the parties; the facts, the
 * points in dispute and each party's responsibility; the terms with the method and the deadline of performance; the
 * signature lines of the parties, the mediator, and the committee's seal. In force once signed and sealed; one copy
 * for each party, one kept by the committee.
 */
export const DISPUTE_DOCUMENT_KINDS = documentKindSet<DisputeDetail>([
  {
    kind: 'dispute_agreement',
    name: '人民调解协议书',
    addressedTo: 'requester',
    notApplicable: (d) =>
      d.mediationKind === 'administrative'
        ? '行政调解达成的协议，请制作行政调解协议书'
        : d.agreementForm === 'written'
          ? null
          : '达成书面调解协议后才能制作调解协议书',
    defaultTemplate: {
      title: '人民调解协议书',
      body: [
        '当事人：\n{parties}',
        '纠纷简要情况：{facts}',
        '纠纷的主要事实、争议事项：{points}',
        '各方当事人的责任：{responsibility}',
        '经{committee}主持调解，当事人自愿达成如下协议：\n{terms}',
        '履行方式：{performMethod}\n履行期限：{performDueOn}前履行完毕。',
        '本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效，对当事人具有法律约束力，当事人应当按照约定履行。双方当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。本协议一式{copies}份，当事人各执一份，人民调解委员会留存一份。',
        '{signatures}',
        '人民调解员（签名）：__________\n\n{committee}（印章）\n\n{agreedOn}',
      ].join('\n\n'),
    },
  },
  {
    // 行政调解 (三调联动): the department that mediated seals it; the 人民调解 司法确认 window is not printed on it
    kind: 'dispute_admin_agreement',
    name: '行政调解协议书',
    addressedTo: 'requester',
    notApplicable: (d) =>
      d.mediationKind !== 'administrative'
        ? '仅行政调解达成的协议制作行政调解协议书'
        : d.agreementForm === 'written'
          ? null
          : '达成书面调解协议后才能制作调解协议书',
    defaultTemplate: {
      title: '行政调解协议书',
      body: [
        '当事人：\n{parties}',
        '纠纷简要情况：{facts}',
        '纠纷的主要事实、争议事项：{points}',
        '各方当事人的责任：{responsibility}',
        '经{committee}主持调解，当事人自愿达成如下协议：\n{terms}',
        '履行方式：{performMethod}\n履行期限：{performDueOn}前履行完毕。',
        '本协议经各方当事人签名、盖章或者按指印，调解人员签名并加盖{committee}印章后生效，当事人应当按照约定履行。本协议一式{copies}份，当事人各执一份，{committee}留存一份。',
        '{signatures}',
        '调解人员（签名）：__________\n\n{committee}（印章）\n\n{agreedOn}',
      ].join('\n\n'),
    },
  },
] satisfies DocumentKindDef<DisputeDetail>[]);

const orDash = (v: string | null | undefined) => (v && v.trim() ? v : '—');

/** Issues the 调解协议书 (the user's unit signs it under its 代字), stored by the item, audited; the parties' names in full. */
export async function issueDisputeDocument(
  db: Kysely<DB>,
  opts: { id: number; kind: string; user: SessionUser; actor: Actor; now: Date; today: string; keys: PersonalDataKeys },
): Promise<IssuedDocument> {
  if (!isDisputeHandler(opts.user)) throw new AppError('FORBIDDEN');
  const dispute = await getDispute(db, opts.user, opts.id, opts.today);
  const def = DISPUTE_DOCUMENT_KINDS.get(opts.kind);
  const why = def.notApplicable(dispute);
  if (why) throw new AppError('CONFLICT', { detail: why });
  const rows = await db
    .selectFrom('dispute_parties')
    .select(['role', 'name_enc', 'id_number_enc'])
    .where('dispute_id', '=', dispute.id)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const parties = rows.map((p) => ({
    role: PARTY_ROLES[p.role],
    name: decryptValue(opts.keys, p.name_enc),
    idNumber: p.id_number_enc ? decryptValue(opts.keys, p.id_number_enc) : null,
  }));
  const committee =
    dispute.mediationKind === 'administrative'
      ? (dispute.mediatingUnitName ?? dispute.ownerName)
      : dispute.committee?.trim() || `${dispute.ownerName}人民调解委员会`;
  return db.transaction().execute(async (trx) => {
    await lockItem(trx, dispute.id);
    return issueItemDocument(trx, {
      item: { id: dispute.id, module: 'dispute', refNo: dispute.refNo },
      def: def as DocumentKindDef<never>,
      values: {
        refNo: dispute.refNo,
        parties: parties.map((p) => `${p.role}：${p.name}${p.idNumber ? `，公民身份号码 ${p.idNumber}` : ''}`).join('\n'),
        facts: dispute.facts,
        points: orDash(dispute.points),
        responsibility: orDash(dispute.responsibility),
        terms: orDash(dispute.terms),
        performMethod: orDash(dispute.performMethod),
        performDueOn: orDash(dispute.performDueOn),
        committee,
        mediator: orDash(dispute.mediatorName),
        copies: String(parties.length + 1),
        signatures: parties.map((p) => `${p.role}（签名、盖章或按指印）：__________`).join('\n\n'),
        agreedOn: orDash(dispute.agreedOn),
      },
      addressee: parties.map((p) => p.name).join('、'),
      unitId: opts.user.unitId,
      user: opts.user,
      actor: opts.actor,
      now: opts.now,
    });
  });
}
