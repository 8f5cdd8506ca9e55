/** Attachments of any work item: uploads claimed by token, listed and downloaded as the item is visible. */
export { attachUploadsToItem, listItemAttachments, findItemAttachment, type ItemAttachment } from './item-attachments.ts';
export { visibleAttachments, visibleAttachmentFile, attachmentViewSchema, type AttachmentView } from './visible-attachments.ts';
