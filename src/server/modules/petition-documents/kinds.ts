/** The 信访 document kinds and when each makes sense for a case (its state, stage and recorded decisions). */
export const DOCUMENT_KINDS = ['accept_notice', 'reject_notice', 'transfer_slip', 'extension_notice', 'opinion', 'review_opinion', 'supervision_notice'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface CaseFacts {
  state: string;
  stage: string;
  open: boolean;
  decisions: Record<string, unknown>;
  hasLeadUnit: boolean;
}

export interface KindInfo {
  name: string;
  /** addressed to the petitioner: their real name is used (an audited reveal) */
  toPetitioner: boolean;
  /** null when applicable, else why not (zh-CN) */
  notApplicable(c: CaseFacts): string | null;
}

const has = (c: CaseFacts, key: string) => c.decisions[key] !== undefined && c.decisions[key] !== null;

export const KINDS: Record<DocumentKind, KindInfo> = {
  accept_notice: { name: '受理告知书', toPetitioner: true, notApplicable: (c) => (has(c, 'acceptance') ? null : '事项尚未受理') },
  reject_notice: { name: '不予受理告知书', toPetitioner: true, notApplicable: (c) => (has(c, 'rejection') ? null : '事项未作出不予受理决定') },
  transfer_slip: { name: '转送/交办单', toPetitioner: false, notApplicable: (c) => (has(c, 'transfer') || has(c, 'assignment') ? null : '事项未转送或交办') },
  extension_notice: {
    name: '延期告知书',
    toPetitioner: true,
    notApplicable: (c) => (Array.isArray(c.decisions.extensions) && c.decisions.extensions.length > 0 ? null : '事项未延期'),
  },
  opinion: { name: '处理意见书', toPetitioner: true, notApplicable: (c) => (c.stage !== 'initial' ? '复查、复核事项请制作复查/复核意见书' : has(c, 'reply') ? null : '尚未出具处理意见') },
  review_opinion: { name: '复查/复核意见书', toPetitioner: true, notApplicable: (c) => (c.stage === 'initial' ? '仅适用于复查、复核事项' : has(c, 'reply') ? null : '尚未出具复查/复核意见') },
  supervision_notice: {
    name: '督办通知',
    toPetitioner: false,
    notApplicable: (c) => (!c.open ? '事项已办结' : !c.hasLeadUnit ? '事项尚无承办单位' : ['assigned', 'handling', 'objected'].includes(c.state) ? null : '仅适用于交办后、出具意见前的事项'),
  },
};

export const isDocumentKind = (k: string): k is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(k);

/** The kinds a case allows now, in the order of the chain. */
export const applicableKinds = (c: CaseFacts): DocumentKind[] => DOCUMENT_KINDS.filter((k) => KINDS[k].notApplicable(c) === null);
