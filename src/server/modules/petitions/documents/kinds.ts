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
  'refuse_again_notice',
  'transfer_notice',
  'transfer_slip',
  'extension_notice',
  'opinion',
  'review_opinion',
  'supervision_notice',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const has = (c: CaseFacts, key: keyof PetitionDecisions) => c.decisions[key] !== undefined && c.decisions[key] !== null;

type KindRule = Pick<DocumentKindDef<CaseFacts>, 'addressedTo' | 'notApplicable'> & {
  /** the states in which the kind's step is current; in any other, a notice made by hand needs a stated reason (omitted: always current) */
  currentIn?: readonly string[];
};
const TRANSFERRED = ['assigned', 'objected', 'transferred'] as const;
const RULES: Record<DocumentKind, KindRule> = {
  accept_notice: { addressedTo: 'requester', notApplicable: (c) => (has(c, 'acceptance') ? null : '事项尚未受理'), currentIn: ['handling'] },
  reject_notice: { addressedTo: 'requester', notApplicable: (c) => (has(c, 'rejection') ? null : '事项未作出不予受理决定') },
  refuse_again_notice: { addressedTo: 'requester', notApplicable: (c) => (has(c, 'refuseAgain') ? null : '事项未作出不再受理决定') },
  transfer_notice: {
    addressedTo: 'requester',
    notApplicable: (c) => (has(c, 'transfer') || has(c, 'assignment') ? null : '事项未转送或交办'),
    currentIn: TRANSFERRED,
  },
  transfer_slip: {
    addressedTo: 'unit',
    notApplicable: (c) => (has(c, 'transfer') || has(c, 'assignment') ? null : '事项未转送或交办'),
    currentIn: TRANSFERRED,
  },
  extension_notice: {
    addressedTo: 'requester',
    notApplicable: (c) => ((c.decisions.extensions?.length ?? 0) > 0 ? null : '事项未延期'),
    currentIn: ['handling'],
  },
  opinion: {
    addressedTo: 'requester',
    notApplicable: (c) => (c.stage !== 'initial' ? '复查、复核事项请制作复查/复核意见书' : has(c, 'reply') ? null : '尚未出具处理意见'),
    currentIn: ['replied'],
  },
  review_opinion: {
    addressedTo: 'requester',
    notApplicable: (c) => (c.stage === 'initial' ? '仅适用于复查、复核事项' : has(c, 'reply') ? null : `尚未出具${c.stage === 'fuhe' ? '复核' : '复查'}意见`),
    currentIn: ['replied'],
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

/** Whether the case has moved past the step a kind belongs to (a notice made then needs a stated reason). */
export const stepPassed = (kind: string, state: string): boolean => {
  const current = (RULES as Record<string, KindRule>)[kind]?.currentIn;
  return current !== undefined && !current.includes(state);
};

/**
 * A kind's name for one case: 复查意见书 or 复核意见书, 转送告知书 or 交办告知书, rather than the kind's generic
 * 复查/复核意见书 and 转送/交办告知书 (a 转送 ends the case here, so a case with a 转送 decision was 转送).
 */
export function kindNameFor(kind: string, stage: string, decisions?: PetitionDecisions): string {
  if (kind === 'review_opinion' && stage !== 'initial') return `${stage === 'fuhe' ? '复核' : '复查'}意见书`;
  if (kind === 'transfer_notice' && decisions) return decisions.transfer ? '转送告知书' : '交办告知书';
  return petitionDocumentKinds.find(kind)?.name ?? kind;
}

/**
 * The notice each decision issues by itself (《信访工作条例》: the petitioner is told in writing), in the
 * decision's own transaction: the kind for an action on a case of `stage`, or null (the action tells nothing in writing).
 */
export function decisionDocumentKind(action: string, stage: string): DocumentKind | null {
  switch (action) {
    case 'accept':
      return 'accept_notice';
    case 'reject':
      return 'reject_notice';
    case 'refuse_again':
      return 'refuse_again_notice';
    case 'transfer':
    case 'assign':
      return 'transfer_notice';
    case 'extend':
      return 'extension_notice';
    case 'reply':
      return stage === 'initial' ? 'opinion' : 'review_opinion';
    default:
      return null;
  }
}

/** The title prefix the 信访 documents share, left out of their file names (受理告知书-<编号>.docx). */
export const shortTitle = (title: string): string => title.replace(/^信访事项/, '');
