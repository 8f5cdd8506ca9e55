/**
 * 信访 documents: the kinds the 信访 module declares to the kernel's document service
 * (PETITION_DOCUMENT_KINDS — name, addressee, applicability, default template), the case values
 * their templates are filled with, and the routes.
 */
export {
  PETITION_DOCUMENT_KINDS,
  petitionDocumentKinds,
  DOCUMENT_KINDS,
  decisionDocumentKind,
  kindNameFor,
  type CaseFacts,
  type DocumentKind,
} from './kinds.ts';
export { generatePetitionDocument, issueDecisionDocument, REVEAL_REASON, type GeneratedDocument } from './generate-document.ts';
export { petitionDocumentRoutes } from './routes.ts';
