import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { documentKindSet, issueItemDocument, type DocumentKindDef, type IssuedDocument } from '../../../kernel/documents/index.ts';
import { lockItem } from '../../../kernel/catalog/index.ts';
import { getHazard, type HazardDetail } from './read-hazards.ts';
import { isHazardHandler } from './machine.ts';

/** The documents (文书) of a hazard, GB/T 9704 through the kernel: addressed to the enterprise (requester). */
export const HAZARD_DOCUMENT_KINDS = documentKindSet<HazardDetail>([
  {
    kind: 'hazard_rectify_order',
    name: '责令限期整改指令书',
    addressedTo: 'requester',
    notApplicable: (h) => (h.state === 'closed' ? '隐患已销号，无需责令整改' : null),
    defaultTemplate: {
      title: '责令限期整改指令书',
      body: [
        '经查，你单位存在下列事故隐患：{description}（隐患编号 {refNo}，{grade}，发现日期 {foundOn}）。',
        '判定依据：{basis}',
        '依据《中华人民共和国安全生产法》第六十五条的规定，现责令你单位于 {dueOn} 前整改完毕，并将整改情况书面报告我单位。整改措施：{measures}',
        '整改期间，你单位应当采取必要的临时防范措施，防止事故发生：{tempMeasures}',
        '如不服本指令，可以依法申请行政复议或者提起行政诉讼。',
      ].join('\n\n'),
    },
  },
  {
    kind: 'hazard_acceptance',
    name: '隐患整改复查意见书',
    addressedTo: 'requester',
    notApplicable: (h) => (h.state === 'verifying' || h.state === 'closed' ? null : '整改完成申请验收后才能出具复查意见'),
    defaultTemplate: {
      title: '隐患整改复查意见书',
      body: ['你单位隐患（编号 {refNo}）：{description}', '整改情况：{rectification}', '经复查，意见如下：{conclusion}'].join('\n\n'),
    },
  },
] satisfies DocumentKindDef<HazardDetail>[]);

const orDash = (v: string | null | undefined) => (v && v.trim() ? v : '—');

/** Issues one 文书 of a hazard (the user's unit signs it under its 代字), stored by the item, audited. */
export async function issueHazardDocument(
  db: Kysely<DB>,
  opts: { id: number; kind: string; user: SessionUser; actor: Actor; now: Date; today: string },
): Promise<IssuedDocument> {
  if (!isHazardHandler(opts.user)) throw new AppError('FORBIDDEN');
  const hazard = await getHazard(db, opts.user, opts.id, opts.today);
  const def = HAZARD_DOCUMENT_KINDS.get(opts.kind);
  const why = def.notApplicable(hazard);
  if (why) throw new AppError('CONFLICT', { detail: why });
  return db.transaction().execute(async (trx) => {
    await lockItem(trx, hazard.id);
    return issueItemDocument(trx, {
      item: { id: hazard.id, module: 'hazard', refNo: hazard.refNo },
      def: def as DocumentKindDef<never>,
      values: {
        refNo: hazard.refNo,
        enterpriseName: hazard.enterpriseName,
        description: hazard.description,
        grade: hazard.gradeName,
        foundOn: hazard.foundOn,
        basis: orDash(hazard.basis),
        dueOn: hazard.dueOn,
        measures: orDash(hazard.measures),
        tempMeasures: orDash(hazard.tempMeasures),
        rectification: orDash(hazard.rectification),
        conclusion: orDash(hazard.verifyConclusion),
      },
      addressee: hazard.enterpriseName,
      unitId: opts.user.unitId,
      user: opts.user,
      actor: opts.actor,
      now: opts.now,
    });
  });
}
