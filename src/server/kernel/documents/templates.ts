import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import type { DocumentKindDef } from './kinds.ts';

type Q = Kysely<DB> | Transaction<DB>;
export interface DocumentTemplate {
  kind: string;
  name: string;
  title: string;
  body: string;
  updatedAt: string | null;
}

/** A kind's template: the administrator's edited text, else the kind's default (updatedAt null). */
export async function getTemplate(db: Q, def: DocumentKindDef<never>): Promise<DocumentTemplate> {
  const t = await db.selectFrom('document_templates').select(['title', 'body', 'updated_at']).where('kind', '=', def.kind).executeTakeFirst();
  if (!t) return { kind: def.kind, name: def.name, title: def.defaultTemplate.title, body: def.defaultTemplate.body, updatedAt: null };
  return { kind: def.kind, name: def.name, title: t.title, body: t.body, updatedAt: new Date(t.updated_at).toISOString() };
}

/** Edits a kind's title and body (audited with the old and new text). */
export async function updateTemplate(opts: {
  db: Kysely<DB>;
  actor: Actor;
  def: DocumentKindDef<never>;
  title: string;
  body: string;
  now: Date;
}): Promise<DocumentTemplate> {
  if (/\{[^{}]*$|^[^{}]*\}/m.test(opts.body)) throw new AppError('DOCUMENT_TEMPLATE_INVALID', { detail: '占位符的花括号不成对' });
  const { def } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const before = await getTemplate(trx, def);
    await trx
      .insertInto('document_templates')
      .values({ kind: def.kind, name: def.name, title: opts.title, body: opts.body, updated_at: opts.now, updated_by: opts.actor.userId })
      .onConflict((oc) => oc.column('kind').doUpdateSet({ title: opts.title, body: opts.body, updated_at: opts.now, updated_by: opts.actor.userId }))
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'document_template.update',
      entityType: 'document_template',
      entityId: def.kind,
      before: { title: before.title, body: before.body },
      after: { title: opts.title, body: opts.body },
    });
    return getTemplate(trx, def);
  });
}

/** Paragraphs of a template body: separated by blank lines (single newlines stay inside a paragraph). */
export const bodyParagraphs = (body: string): string[] =>
  body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ''))
    .filter((p) => p.trim() !== '');
