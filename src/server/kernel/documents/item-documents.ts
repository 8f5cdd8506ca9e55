import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** A generated document as lists show it (the bytes stay in the table). */
export interface ItemDocument {
  id: number;
  workItemId: number;
  kind: string;
  number: string;
  fileName: string;
  sha256: string;
  size: number;
  createdAt: string;
  createdBy: string | null;
}

/** Stores a generated document of a work item (the bytes are kept: a served document must be reproducible exactly). */
export async function storeItemDocument(
  trx: Transaction<DB>,
  d: { workItemId: number; kind: string; number: string; fileName: string; createdBy: number; createdAt: Date; sha256: string; bytes: Uint8Array },
): Promise<number> {
  const row = await trx
    .insertInto('item_documents')
    .values({
      work_item_id: d.workItemId,
      kind: d.kind,
      number: d.number,
      file_name: d.fileName,
      created_by: d.createdBy,
      created_at: d.createdAt,
      sha256: d.sha256,
      size: d.bytes.length,
      bytes: Buffer.from(d.bytes),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The documents of some work items, newest first (or oldest first). Does not check scope. */
export async function listItemDocuments(db: Q, workItemIds: number[], order: 'newest' | 'oldest' = 'newest'): Promise<ItemDocument[]> {
  if (workItemIds.length === 0) return [];
  const rows = await db
    .selectFrom('item_documents as d')
    .leftJoin('users as u', 'u.id', 'd.created_by')
    .select(['d.id', 'd.work_item_id', 'd.kind', 'd.number', 'd.file_name', 'd.sha256', 'd.size', 'd.created_at', 'u.display_name'])
    .where('d.work_item_id', 'in', workItemIds)
    .orderBy('d.id', order === 'newest' ? 'desc' : 'asc')
    .execute();
  return rows.map((d) => ({
    id: Number(d.id),
    workItemId: Number(d.work_item_id),
    kind: d.kind,
    number: d.number,
    fileName: d.file_name,
    sha256: d.sha256,
    size: d.size,
    createdAt: new Date(d.created_at).toISOString(),
    createdBy: d.display_name ?? null,
  }));
}

/** One document with its bytes, or undefined. Does not check scope: check its work item before serving it. */
export async function findItemDocumentFile(db: Q, documentId: number) {
  const d = await db
    .selectFrom('item_documents')
    .select(['id', 'work_item_id', 'kind', 'number', 'file_name', 'bytes'])
    .where('id', '=', documentId)
    .executeTakeFirst();
  return d ? { id: Number(d.id), workItemId: Number(d.work_item_id), kind: d.kind, number: d.number, fileName: d.file_name, bytes: d.bytes } : undefined;
}
