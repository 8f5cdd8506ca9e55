/**
 * Documents of any work item: kinds a module declares (DocumentKindDef), admin-edited templates
 * (default: the kind's own), each unit's 代字 and 机关标志 set by an administrator, 发文字号 per
 * (unit, 代字, year) without gaps, generated DOCX stored by work item.
 */
export { documentKindSet, type DocumentKindDef, type DocumentKindSet, type DocumentAddressee, type DefaultDocumentTemplate } from './kinds.ts';
export { getTemplate, updateTemplate, bodyParagraphs, type DocumentTemplate } from './templates.ts';
export { findIssuer, requireIssuer, getIssuer, setIssuer, type Issuer, type IssuerView } from './issuers.ts';
export { nextDocumentNumber } from './numbering.ts';
export { storeItemDocument, listItemDocuments, findItemDocumentFile, type ItemDocument } from './item-documents.ts';
export { issueItemDocument, type IssuedDocument } from './issue-document.ts';
