import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { revealPersonalValue, type PersonalDataKeys } from '../../../core/personal-data/index.ts';
import { issueItemDocument, type IssuedDocument } from '../../../kernel/documents/index.ts';
import { loadCtx, loadVisible } from '../repository.ts';
import { canReveal, isXfj } from '../policy.ts';
import { petitionDocumentKinds, shortTitle, type CaseFacts } from './kinds.ts';
import { addressPetitioners, petitionerAddressee } from './fill-values.ts';
import { caseFillValues } from './case-values.ts';
import { readDecisions } from '../decisions.ts';

export const REVEAL_REASON = '制作送达文书';
export type GeneratedDocument = IssuedDocument;

/**
 * Generates one 信访 document for a case the user can see, through the kernel's document service
 * (template, the user's unit's 代字 and 发文字号, DOCX stored by work item, audit) in one transaction.
 * Notices to the petitioner carry the real name(s), each decrypted as an audited reveal ('制作送达文书').
 */
export async function generatePetitionDocument(opts: {
  db: Kysely<DB>;
  keys: PersonalDataKeys;
  user: SessionUser;
  actor: Actor;
  petitionId: number;
  kind: string;
  now: Date;
}): Promise<GeneratedDocument> {
  const { user, actor, now } = opts;
  const def = petitionDocumentKinds.get(opts.kind);
  const toPetitioner = def.addressedTo === 'requester';
  return opts.db.transaction().execute(async (trx) => {
    const row = await loadVisible(trx, user, opts.petitionId, true);
    const { ctx, parties } = await loadCtx(trx, row);
    const lead = parties.find((p) => p.role === 'lead');
    // who may issue: 信访局 for its own slips and notices; the handling unit's staff for notices to the petitioner
    if (toPetitioner ? !canReveal(user, ctx) : !isXfj(user)) throw new AppError('FORBIDDEN');
    const facts: CaseFacts = { state: row.state, stage: row.stage, open: row.open, decisions: readDecisions(row.decisions), hasLeadUnit: !!lead };
    const why = def.notApplicable(facts);
    if (why) throw new AppError('DOCUMENT_NOT_APPLICABLE', { name: def.name, detail: why });

    const values = await caseFillValues(trx, def.kind, row, lead?.unitId);
    let addressee: string;
    let speak: ((text: string) => string) | undefined;
    if (toPetitioner) {
      const people = row.anonymous
        ? []
        : await trx.selectFrom('petitioners').select(['id', 'name_enc']).where('petition_id', '=', row.id).orderBy('id').execute();
      const names: string[] = [];
      for (const p of people)
        names.push(
          await revealPersonalValue(trx, {
            keys: opts.keys,
            actor,
            entityType: 'petitioner',
            entityId: Number(p.id),
            field: 'name',
            stored: p.name_enc,
            reason: REVEAL_REASON,
          }),
        );
      addressee = petitionerAddressee(names);
      speak = addressPetitioners(names.length);
    } else {
      addressee = values.toUnitName || '有关单位';
    }
    return issueItemDocument(trx, {
      item: { id: Number(row.id), module: 'petition', refNo: row.case_no },
      def,
      values,
      addressee,
      ...(speak ? { speak } : {}),
      unitId: user.unitId,
      user,
      actor,
      now,
      shortTitle,
    });
  });
}
