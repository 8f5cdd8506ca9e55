import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { buildOfficialDocx, fillTemplate } from '../../core/documents/index.ts';
import { revealPersonalValue, type PersonalDataKeys } from '../../core/personal-data/index.ts';
import { loadCtx, loadVisible } from '../petitions/repository.ts';
import { canReveal, isXfj } from '../petitions/policy.ts';
import { KINDS, isDocumentKind, type CaseFacts } from './kinds.ts';
import { issuerOf, nextDocumentNumber } from './numbering.ts';
import { bodyParagraphs, getTemplate } from './templates.ts';
import { petitionerAddressee } from './fill-values.ts';
import { caseFillValues } from './case-values.ts';

export const REVEAL_REASON = '制作送达文书';

export interface GeneratedDocument {
  id: number;
  kind: string;
  name: string;
  number: string;
  fileName: string;
  sha256: string;
  size: number;
  createdAt: string;
  createdBy: string | null;
}

/**
 * Generates one 信访 document for a case the user can see: a 发文字号 of the user's unit, the
 * admin-edited template filled from the record, the DOCX stored with its hash; all in one
 * transaction with its audit entry. Notices to the petitioner carry the real name(s), each
 * decrypted as an audited reveal ('制作送达文书').
 */
export async function generatePetitionDocument(opts: { db: Kysely<DB>; keys: PersonalDataKeys; user: SessionUser; actor: Actor; petitionId: number; kind: string; now: Date }): Promise<GeneratedDocument> {
  const { user, actor, now } = opts;
  if (!isDocumentKind(opts.kind)) throw new AppError('DOCUMENT_KIND_UNKNOWN', { kind: opts.kind });
  const kind = opts.kind;
  const info = KINDS[kind];
  return opts.db.transaction().execute(async (trx) => {
    const row = await loadVisible(trx, user, opts.petitionId, true);
    const { ctx, parties } = await loadCtx(trx, row);
    const lead = parties.find((p) => p.role === 'lead');
    // who may issue: 信访局 for its own slips and notices; the handling unit's staff for notices to the petitioner
    if (info.toPetitioner ? !canReveal(user, ctx) : !isXfj(user)) throw new AppError('FORBIDDEN');
    const facts: CaseFacts = { state: row.state, stage: row.stage, open: row.open, decisions: (row.decisions ?? {}) as Record<string, unknown>, hasLeadUnit: !!lead };
    const why = info.notApplicable(facts);
    if (why) throw new AppError('DOCUMENT_NOT_APPLICABLE', { name: info.name, detail: why });

    const [template, issuer, values] = await Promise.all([getTemplate(trx, kind), issuerOf(trx, user.unitId), caseFillValues(trx, kind, row, lead?.unitId)]);

    let addressee: string;
    if (info.toPetitioner) {
      const people = row.anonymous ? [] : await trx.selectFrom('petitioners').select(['id', 'name_enc']).where('petition_id', '=', row.id).orderBy('id').execute();
      const names: string[] = [];
      for (const p of people) names.push(await revealPersonalValue(trx, { keys: opts.keys, actor, entityType: 'petitioner', entityId: Number(p.id), field: 'name', stored: p.name_enc, reason: REVEAL_REASON }));
      addressee = petitionerAddressee(names);
    } else {
      addressee = values.toUnitName || '有关单位';
    }

    const today = shanghaiDate(now);
    const { number } = await nextDocumentNumber(trx, { unitId: user.unitId, prefix: issuer.prefix, year: Number(today.slice(0, 4)) });
    const title = fillTemplate(template.title, values);
    const bytes = await buildOfficialDocx({
      issuerMark: issuer.mark,
      number,
      title,
      addressee,
      body: bodyParagraphs(template.body).map((p) => fillTemplate(p, values)).filter((p) => p.trim() !== ''),
      signature: issuer.unitName,
      date: today,
      ...(info.toPetitioner ? {} : { printedBy: { unit: issuer.unitName, date: today } }),
    });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const displayName = title.replace(/^信访事项/, '') || info.name;
    const fileName = `${displayName}-${row.case_no}.docx`;
    const inserted = await trx
      .insertInto('petition_documents')
      .values({ petition_id: row.id, kind, number, file_name: fileName, created_by: user.id, created_at: now, sha256, size: bytes.length, bytes })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'petition.document.generate', entityType: 'petition', entityId: Number(row.id), after: { documentId: Number(inserted.id), kind, number, sha256 } });
    return { id: Number(inserted.id), kind, name: info.name, number, fileName, sha256, size: bytes.length, createdAt: now.toISOString(), createdBy: user.displayName };
  });
}
