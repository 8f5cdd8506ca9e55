import { AppError } from '../../core/errors.ts';

/**
 * Who a document is addressed to: `requester` — the people or organisation who brought the item
 * (信访人, an enterprise …): their names come from the module's record, and the portal may show the
 * document to them; `unit` — a unit of the county (承办单位): the document carries a 版记.
 */
export type DocumentAddressee = 'requester' | 'unit';

/** The wording a kind starts with, until an administrator edits it (title and body, `{placeholder}`s). */
export interface DefaultDocumentTemplate {
  title: string;
  /** paragraphs separated by blank lines */
  body: string;
}

/**
 * A document kind as a module declares it: its key (unique across modules — the template table is
 * keyed by it), zh-CN name, addressee, when it does not apply to an item (`facts` are the module's
 * own view of the item) and its default template.
 */
export interface DocumentKindDef<F> {
  kind: string;
  name: string;
  addressedTo: DocumentAddressee;
  /** null when the kind may be issued for an item with these facts now, else why not (zh-CN) */
  notApplicable(facts: F): string | null;
  defaultTemplate: DefaultDocumentTemplate;
}

/** A module's kinds, looked up by key, in the order the module listed them. */
export interface DocumentKindSet<F> {
  readonly all: readonly DocumentKindDef<F>[];
  /** the kind, or DOCUMENT_KIND_UNKNOWN (404) */
  get(kind: string): DocumentKindDef<F>;
  find(kind: string): DocumentKindDef<F> | undefined;
  /** the kinds that apply to an item with these facts, in the module's order */
  applicable(facts: F): DocumentKindDef<F>[];
}

export function documentKindSet<F>(defs: readonly DocumentKindDef<F>[]): DocumentKindSet<F> {
  const byKind = new Map(defs.map((d) => [d.kind, d]));
  if (byKind.size !== defs.length) throw new Error('document kinds must have distinct keys');
  return {
    all: defs,
    find: (kind) => byKind.get(kind),
    get(kind) {
      const def = byKind.get(kind);
      if (!def) throw new AppError('DOCUMENT_KIND_UNKNOWN', { kind });
      return def;
    },
    applicable: (facts) => defs.filter((d) => d.notApplicable(facts) === null),
  };
}
