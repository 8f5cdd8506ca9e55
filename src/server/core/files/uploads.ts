import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { removeAttachmentUnlessNeeded } from './attachment-store.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Unclaimed uploads expire after 24 hours. */
export const UPLOAD_TTL_MS = 24 * 3600 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Records an uploaded (already stored) file and returns its one-off claim token (only the hash is kept). */
export async function recordUpload(db: Q, f: { sha256: string; size: number; type: string; name: string; now: Date }): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db
    .insertInto('uploads')
    .values({
      token_hash: hashToken(token),
      sha256: f.sha256,
      size: f.size,
      type: f.type,
      name: f.name,
      uploaded_at: f.now,
      expires_at: new Date(f.now.getTime() + UPLOAD_TTL_MS),
    })
    .execute();
  return token;
}

/** Whether an upload's claim token is among `tokens` (a batch checks the tokens of several submissions at once). */
export const tokenIn = (tokens: readonly string[], upload: { token_hash: string }): boolean => tokens.some((t) => hashToken(t) === upload.token_hash);

/** The uploads behind `tokens` that may still be claimed (unexpired, unclaimed or already attached to `workItemId`). */
export async function findClaimableUploads(db: Q, opts: { tokens: string[]; now: Date; workItemId?: number }) {
  if (opts.tokens.length === 0) return [];
  const rows = await db
    .selectFrom('uploads as u')
    .leftJoin('item_attachments as ia', 'ia.upload_id', 'u.id')
    .select(['u.id', 'u.token_hash', 'u.expires_at', 'u.claimed_at', 'ia.work_item_id'])
    .where('u.token_hash', 'in', tokenHashes(opts.tokens))
    .execute();
  return rows.filter((r) =>
    r.claimed_at === null ? new Date(r.expires_at) > opts.now : opts.workItemId !== undefined && Number(r.work_item_id) === opts.workItemId,
  );
}

/** The claim tokens' hashes, as the uploads table stores them (item attachments claim by them). */
export const tokenHashes = (tokens: readonly string[]): string[] => tokens.map(hashToken);

/** Deletes expired unclaimed uploads and the files no other upload still references. */
export async function purgeExpiredUploads(db: Kysely<DB>, opts: { dataDir: string; now: Date }): Promise<number> {
  const gone = await db.deleteFrom('uploads').where('claimed_at', 'is', null).where('expires_at', '<=', opts.now).returning('sha256').execute();
  await removeUnreferencedFiles(db, { dataDir: opts.dataDir, sha256s: gone.map((g) => g.sha256) });
  return gone.length;
}

/**
 * Deletes each stored file that no `uploads` row references any more (the same content may have
 * been uploaded again by someone else). Returns how many files were deleted.
 */
export async function removeUnreferencedFiles(db: Q, opts: { dataDir: string; sha256s: string[] }): Promise<number> {
  const referenced = async (sha256: string) => (await db.selectFrom('uploads').select('id').where('sha256', '=', sha256).executeTakeFirst()) !== undefined;
  let removed = 0;
  for (const sha256 of new Set(opts.sha256s)) {
    if (await referenced(sha256)) continue;
    if (await removeAttachmentUnlessNeeded(opts.dataDir, sha256, () => referenced(sha256))) removed++;
  }
  return removed;
}
