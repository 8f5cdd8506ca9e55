import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { fillTemplate } from '../../../core/documents/index.ts';
import { loadCtx, loadVisible } from '../repository.ts';
import { bodyParagraphs, getIssuer } from '../../../kernel/documents/index.ts';
import { petitionDocumentKinds, type DocumentKind } from './kinds.ts';
import { caseFillValues } from './case-values.ts';
import { readDecisions } from '../decisions.ts';

export interface TemplatePreview {
  issuerMark: string;
  title: string;
  addressee: string;
  paragraphs: string[];
  /** placeholders in the draft that nothing fills (typos) */
  unknownPlaceholders: string[];
  /** why this kind would not be issued for this case now (the preview is shown anyway) */
  notApplicable: string | null;
}

/**
 * A draft template filled from a case the admin can see — text only: no 发文字号 is taken, nothing is
 * stored, and no personal data is revealed (the addressee stays a placeholder).
 */
export async function previewTemplate(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  kind: DocumentKind;
  title: string;
  body: string;
  petitionId: number;
}): Promise<TemplatePreview> {
  // a read-only transaction keeps the helpers' Transaction types and takes no locks worth noting
  return opts.db.transaction().execute(async (trx) => {
    const row = await loadVisible(trx, opts.user, opts.petitionId);
    const { parties } = await loadCtx(trx, row);
    const lead = parties.find((p) => p.role === 'lead');
    const values = await caseFillValues(trx, opts.kind, row, lead?.unitId);
    const issuer = await getIssuer(trx, opts.user.unitId);
    const def = petitionDocumentKinds.get(opts.kind);
    const used = [...`${opts.title}\n${opts.body}`.matchAll(/\{([^{}\s]+)\}/g)].map((m) => m[1]!);
    return {
      // a unit without a 机关标志 is refused at generation; the draft shows its full name meanwhile
      issuerMark: issuer.mark,
      title: fillTemplate(opts.title, values),
      addressee: def.addressedTo === 'requester' ? '（信访人姓名）' : values.toUnitName || '有关单位',
      paragraphs: bodyParagraphs(opts.body)
        .map((p) => fillTemplate(p, values))
        .filter((p) => p.trim() !== ''),
      unknownPlaceholders: [...new Set(used.filter((k) => !Object.hasOwn(values, k)))],
      notApplicable: def.notApplicable({ state: row.state, stage: row.stage, open: row.open, decisions: readDecisions(row.decisions), hasLeadUnit: !!lead }),
    };
  });
}
