import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { tokenHashes } from '../../core/files/uploads.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface ItemAttachment {
  id: number;
  workItemId: number;
  name: string;
  size: number;
  type: string;
  uploadedAt: string;
  sha256: string;
  /** what the file shows (整改前, 整改后 …), when said */
  label: string | null;
}

/**
 * Attaches uploads to a work item by their claim tokens: idempotent (a retried submission attaches
 * nothing twice; an upload already attached to another item is left alone), audited as
 * `item.attachments` in the same transaction. `label` says what the files show (整改前 / 整改后 …). Returns how many were
 * attached.
 */
export async function attachUploadsToItem(
  db: Kysely<DB>,
  opts: { workItemId: number; tokens: string[]; actor: Actor; now: Date; label?: string | null },
): Promise<number> {
  if (opts.tokens.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const free = await trx
      .selectFrom('uploads')
      .select(['id', 'name', 'size', 'type'])
      .where('token_hash', 'in', tokenHashes(opts.tokens))
      .where('claimed_at', 'is', null)
      .where('expires_at', '>', opts.now)
      .forUpdate()
      .execute();
    if (free.length === 0) return 0;
    await trx
      .updateTable('uploads')
      .set({ claimed_at: opts.now })
      .where(
        'id',
        'in',
        free.map((u) => u.id),
      )
      .execute();
    await trx
      .insertInto('item_attachments')
      .values(free.map((u) => ({ work_item_id: opts.workItemId, upload_id: u.id, created_at: opts.now, label: opts.label ?? null })))
      .onConflict((oc) => oc.column('upload_id').doNothing())
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'item.attachments',
      entityType: 'work_item',
      entityId: opts.workItemId,
      after: { attachments: free.map((u) => ({ uploadId: Number(u.id), name: u.name, size: u.size, type: u.type, label: opts.label ?? null })) },
    });
    return free.length;
  });
}

const attachments = (db: Q) =>
  db
    .selectFrom('item_attachments as ia')
    .innerJoin('uploads as u', 'u.id', 'ia.upload_id')
    .select(['ia.id', 'ia.work_item_id', 'ia.label', 'u.name', 'u.size', 'u.type', 'u.uploaded_at', 'u.sha256']);

type Row = { id: number; work_item_id: number; label: string | null; name: string; size: number; type: string; uploaded_at: Date | string; sha256: string };
const present = (r: Row): ItemAttachment => ({
  id: Number(r.id),
  workItemId: Number(r.work_item_id),
  name: r.name,
  size: Number(r.size),
  type: r.type,
  uploadedAt: new Date(r.uploaded_at).toISOString(),
  sha256: r.sha256,
  label: r.label,
});

/** A work item's attachments, oldest first. Does not check scope: load the item as the user may see it first. */
export async function listItemAttachments(db: Q, workItemId: number): Promise<ItemAttachment[]> {
  const rows = await attachments(db).where('ia.work_item_id', '=', workItemId).orderBy('ia.id').execute();
  return rows.map(present);
}

/** One attachment by its id (with the item it belongs to), or undefined. Does not check scope. */
export async function findItemAttachment(db: Q, attachmentId: number): Promise<ItemAttachment | undefined> {
  const row = await attachments(db).where('ia.id', '=', attachmentId).executeTakeFirst();
  return row ? present(row) : undefined;
}
