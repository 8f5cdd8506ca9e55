/** Files of any work item over HTTP: attachments and documents (listed and downloaded as the item is visible) and the units' document issuers. */
export { itemAttachmentRoutes } from './attachment-routes.ts';
export { documentIssuerRoutes } from './document-issuer-routes.ts';
export { itemDocumentRoutes } from './document-routes.ts';
