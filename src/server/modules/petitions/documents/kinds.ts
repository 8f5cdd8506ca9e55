import { documentKindSet, type DocumentKindDef } from '../../../kernel/documents/index.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import type { PetitionDecisions } from '../decisions.ts';

/** What a 信访 document kind's applicability depends on: the case's state, stage and recorded decisions. */
export interface CaseFacts {
  state: string;
  stage: string;
  open: boolean;
  decisions: PetitionDecisions;
  hasLeadUnit: boolean;
}

/** The 信访 document kinds, in the order of the chain. */
export const DOCUMENT_KINDS = [
  'accept_notice',
  'reject_notice',
  'transfer_slip',
  'extension_notice',
  'opinion',
  'review_opinion',
  'supervision_notice',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const has = (c: CaseFacts, key: keyof PetitionDecisions) => c.decisions[key] !== undefined && c.decisions[key] !== null;

type KindRule = Pick<DocumentKindDef<CaseFacts>, 'addressedTo' | 'notApplicable'>;
const RULES: Record<DocumentKind, KindRule> = {
  accept_notice: { addressedTo: 'requester', notApplicable: (c) => (has(c, 'acceptance') ? null : '事项尚未受理') },
  reject_notice: { addressedTo: 'requester', notApplicable: (c) => (has(c, 'rejection') ? null : '事项未作出不予受理决定') },
  transfer_slip: { addressedTo: 'unit', notApplicable: (c) => (has(c, 'transfer') || has(c, 'assignment') ? null : '事项未转送或交办') },
  extension_notice: { addressedTo: 'requester', notApplicable: (c) => ((c.decisions.extensions?.length ?? 0) > 0 ? null : '事项未延期') },
  opinion: {
    addressedTo: 'requester',
    notApplicable: (c) => (c.stage !== 'initial' ? '复查、复核事项请制作复查/复核意见书' : has(c, 'reply') ? null : '尚未出具处理意见'),
  },
  review_opinion: {
    addressedTo: 'requester',
    notApplicable: (c) => (c.stage === 'initial' ? '仅适用于复查、复核事项' : has(c, 'reply') ? null : '尚未出具复查/复核意见'),
  },
  supervision_notice: {
    addressedTo: 'unit',
    notApplicable: (c) =>
      !c.open
        ? c.state === 'withdrawn'
          ? '事项已撤回'
          : '事项已办结'
        : !c.hasLeadUnit
          ? '事项尚无承办单位'
          : ['assigned', 'handling', 'objected'].includes(c.state)
            ? null
            : '仅适用于交办后、出具意见前的事项',
  },
};

/**
 * The document kinds the 信访 module declares to the kernel's document service: name, addressee
 * (信访人 or a unit), when each applies, and its default template.
 */
export const PETITION_DOCUMENT_KINDS: DocumentKindDef<CaseFacts>[] = DOCUMENT_KINDS.map((kind) => {
  const t = DEFAULT_TEMPLATES.find((d) => d.kind === kind);
  if (!t) throw new Error(`no default template for document kind ${kind}`);
  return { kind, name: t.name, ...RULES[kind], defaultTemplate: { title: t.title, body: t.body } };
});

export const petitionDocumentKinds = documentKindSet(PETITION_DOCUMENT_KINDS);

/** The title prefix the 信访 documents share, left out of their file names (受理告知书-<编号>.docx). */
export const shortTitle = (title: string): string => title.replace(/^信访事项/, '');
