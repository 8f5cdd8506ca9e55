import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { AppError } from '../../core/errors.ts';
import { readAttachment } from '../../core/files/attachment-store.ts';
import { extensionOf, type Download } from '../../core/http/send-download.ts';
import { loadVisibleItem, type ModuleCatalog } from '../catalog/index.ts';
import { findItemAttachment, listItemAttachments, type ItemAttachment } from './item-attachments.ts';

/** An attachment as staff see it listed (the digest stays inside). */
export const attachmentViewSchema = z.object({
  id: z.number(),
  name: z.string(),
  size: z.number(),
  type: z.string(),
  uploadedAt: z.string(),
  label: z.string().nullable().describe('附件内容说明，如 整改前 / 整改后'),
});
export type AttachmentView = z.infer<typeof attachmentViewSchema>;
const view = ({ id, name, size, type, uploadedAt, label }: ItemAttachment): AttachmentView => ({ id, name, size, type, uploadedAt, label });

/** A work item's attachments if `user` may see the item (the kernel's one visibility check), else NOT_FOUND. */
export async function visibleAttachments(db: Kysely<DB>, modules: ModuleCatalog, user: SessionUser, workItemId: number): Promise<AttachmentView[]> {
  await loadVisibleItem(db, modules, user, workItemId);
  return (await listItemAttachments(db, workItemId)).map(view);
}

/**
 * The file of one attachment, ready to send, if it belongs to a work item `user` may see; else
 * NOT_FOUND (an attachment of an item out of scope is indistinguishable from none). `workItemId`,
 * when given, must be the item the attachment belongs to.
 */
export async function visibleAttachmentFile(opts: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  dataDir: string;
  user: SessionUser;
  attachmentId: number;
  workItemId?: number;
}): Promise<Download> {
  const found = await findItemAttachment(opts.db, opts.attachmentId);
  if (!found || (opts.workItemId !== undefined && found.workItemId !== opts.workItemId)) throw new AppError('NOT_FOUND');
  await loadVisibleItem(opts.db, opts.modules, opts.user, found.workItemId);
  const bytes = await readAttachment(opts.dataDir, found.sha256);
  return { bytes, type: found.type, fileName: found.name, asciiName: `attachment-${found.id}${extensionOf(found.name)}` };
}
