import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { isDocumentKind } from './kinds.ts';

type Q = Kysely<DB> | Transaction<DB>;
export interface DocumentTemplate {
  kind: string;
  name: string;
  title: string;
  body: string;
  updatedAt: string;
}

export async function getTemplate(db: Q, kind: string): Promise<DocumentTemplate> {
  if (!isDocumentKind(kind)) throw new AppError('DOCUMENT_KIND_UNKNOWN', { kind });
  const t = await db.selectFrom('document_templates').selectAll().where('kind', '=', kind).executeTakeFirst();
  if (!t) throw new AppError('DOCUMENT_KIND_UNKNOWN', { kind });
  return { kind: t.kind, name: t.name, title: t.title, body: t.body, updatedAt: new Date(t.updated_at).toISOString() };
}

/** Edits a template's title and body (audited with the old and new text). */
export async function updateTemplate(opts: { db: Kysely<DB>; actor: Actor; kind: string; title: string; body: string; now: Date }): Promise<DocumentTemplate> {
  if (/\{[^{}]*$|^[^{}]*\}/m.test(opts.body)) throw new AppError('DOCUMENT_TEMPLATE_INVALID', { detail: '占位符的花括号不成对' });
  return opts.db.transaction().execute(async (trx) => {
    const before = await getTemplate(trx, opts.kind);
    await trx.updateTable('document_templates').set({ title: opts.title, body: opts.body, updated_at: opts.now, updated_by: opts.actor.userId }).where('kind', '=', opts.kind).execute();
    await appendAudit(trx, opts.actor, { action: 'document_template.update', entityType: 'document_template', entityId: opts.kind, before: { title: before.title, body: before.body }, after: { title: opts.title, body: opts.body } });
    return getTemplate(trx, opts.kind);
  });
}

/** Paragraphs of a template body: separated by blank lines (single newlines stay inside a paragraph). */
export const bodyParagraphs = (body: string): string[] => body.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, '')).filter((p) => p.trim() !== '');
