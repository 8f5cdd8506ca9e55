import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { buildOfficialDocx, fillTemplate } from '../../core/documents/index.ts';
import type { DocumentKindDef } from './kinds.ts';
import { requireIssuer } from './issuers.ts';
import { nextDocumentNumber } from './numbering.ts';
import { bodyParagraphs, getTemplate } from './templates.ts';
import { storeItemDocument, type ItemDocument } from './item-documents.ts';

export interface IssuedDocument extends Omit<ItemDocument, 'workItemId'> {
  name: string;
}

/**
 * Issues one document of a work item, inside the caller's transaction (the module has already
 * checked that the user may see the item and issue this kind, and that it applies): the kind's
 * template filled with the module's `values`, signed by the issuing unit's 代字 and 机关标志 (refused
 * when an administrator set none), a 发文字号 of (unit, 代字, year), the GB/T 9704 DOCX stored with
 * its hash, and the audit event `<module>.document.generate` — all or nothing.
 */
export async function issueItemDocument(
  trx: Transaction<DB>,
  opts: {
    item: { id: number; module: string; refNo: string };
    def: DocumentKindDef<never>;
    /** the `{placeholder}` values of this item */
    values: Record<string, string>;
    addressee: string;
    /** how the filled text addresses its reader (e.g. 你 or 你们 for one or several petitioners) */
    speak?: (text: string) => string;
    /** the issuing unit (the user's) */
    unitId: number;
    user: { id: number; displayName: string };
    actor: Actor;
    now: Date;
    /** the document's name in its file name, from its filled title (default: the title) */
    shortTitle?: (title: string) => string;
    /** why it is issued (kept by the audit event), e.g. the stated reason for a notice made after its step */
    reason?: string;
    /** the document's name for this item when it is not the kind's (复查意见书 for a kind named 复查/复核意见书) */
    name?: string;
  },
): Promise<IssuedDocument> {
  const { def, values, now } = opts;
  const [template, issuer] = await Promise.all([getTemplate(trx, def), requireIssuer(trx, opts.unitId)]);
  const today = shanghaiDate(now);
  const { number } = await nextDocumentNumber(trx, { unitId: opts.unitId, prefix: issuer.prefix, year: Number(today.slice(0, 4)) });
  const speak = opts.speak ?? ((t: string) => t);
  const title = speak(fillTemplate(template.title, values));
  const bytes = await buildOfficialDocx({
    issuerMark: issuer.mark,
    number,
    title,
    addressee: opts.addressee,
    body: bodyParagraphs(template.body)
      .map((p) => speak(fillTemplate(p, values)))
      .filter((p) => p.trim() !== ''),
    signature: issuer.unitName,
    date: today,
    ...(def.addressedTo === 'unit' ? { printedBy: { unit: issuer.unitName, date: today } } : {}),
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fileName = `${(opts.shortTitle ?? ((t) => t))(title) || def.name}-${opts.item.refNo}.docx`;
  const id = await storeItemDocument(trx, {
    workItemId: opts.item.id,
    kind: def.kind,
    number,
    fileName,
    createdBy: opts.user.id,
    createdAt: now,
    sha256,
    bytes,
  });
  await appendAudit(trx, opts.actor, {
    action: `${opts.item.module}.document.generate`,
    entityType: opts.item.module,
    entityId: opts.item.id,
    after: { documentId: id, kind: def.kind, name: opts.name ?? def.name, number, sha256 },
    ...(opts.reason ? { reason: opts.reason } : {}),
  });
  return {
    id,
    kind: def.kind,
    name: opts.name ?? def.name,
    number,
    fileName,
    sha256,
    size: bytes.length,
    createdAt: now.toISOString(),
    createdBy: opts.user.displayName,
  };
}
