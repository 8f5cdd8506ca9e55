import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { appendAudit, type Actor } from '../audit/audit-chain.ts';
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
    .values({ token_hash: hashToken(token), sha256: f.sha256, size: f.size, type: f.type, name: f.name, uploaded_at: f.now, expires_at: new Date(f.now.getTime() + UPLOAD_TTL_MS) })
    .execute();
  return token;
}

/** Whether an upload's claim token is among `tokens` (a batch checks the tokens of several submissions at once). */
export const tokenIn = (tokens: readonly string[], upload: { token_hash: string }): boolean => tokens.some((t) => hashToken(t) === upload.token_hash);

/** The uploads behind `tokens` that may still be claimed (unexpired, unclaimed or already claimed by `petitionId`). */
export async function findClaimableUploads(db: Q, opts: { tokens: string[]; now: Date; petitionId?: number }) {
  if (opts.tokens.length === 0) return [];
  const rows = await db
    .selectFrom('uploads as u')
    .leftJoin('petition_attachments as pa', 'pa.upload_id', 'u.id')
    .select(['u.id', 'u.token_hash', 'u.expires_at', 'u.claimed_at', 'pa.petition_id'])
    .where('u.token_hash', 'in', opts.tokens.map(hashToken))
    .execute();
  return rows.filter((r) => (r.claimed_at === null ? new Date(r.expires_at) > opts.now : opts.petitionId !== undefined && Number(r.petition_id) === opts.petitionId));
}

/**
 * Links uploads to a petition: idempotent (a retried submission links nothing twice; an upload
 * already linked to another case is left alone), audited in the same transaction.
 */
export async function linkUploads(db: Kysely<DB>, opts: { petitionId: number; tokens: string[]; actor: Actor; now: Date }): Promise<number> {
  if (opts.tokens.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const free = await trx
      .selectFrom('uploads')
      .select(['id', 'name', 'size', 'type'])
      .where('token_hash', 'in', opts.tokens.map(hashToken))
      .where('claimed_at', 'is', null)
      .where('expires_at', '>', opts.now)
      .forUpdate()
      .execute();
    if (free.length === 0) return 0;
    await trx.updateTable('uploads').set({ claimed_at: opts.now }).where('id', 'in', free.map((u) => u.id)).execute();
    await trx.insertInto('petition_attachments').values(free.map((u) => ({ petition_id: opts.petitionId, upload_id: u.id, created_at: opts.now }))).onConflict((oc) => oc.column('upload_id').doNothing()).execute();
    await appendAudit(trx, opts.actor, {
      action: 'petition.attachments',
      entityType: 'work_item',
      entityId: opts.petitionId,
      after: { attachments: free.map((u) => ({ uploadId: Number(u.id), name: u.name, size: u.size, type: u.type })) },
    });
    return free.length;
  });
}

/** A petition's attachments, oldest first. */
export async function listPetitionAttachments(db: Q, petitionId: number) {
  const rows = await db
    .selectFrom('petition_attachments as pa')
    .innerJoin('uploads as u', 'u.id', 'pa.upload_id')
    .select(['pa.id', 'u.name', 'u.size', 'u.type', 'u.uploaded_at', 'u.sha256'])
    .where('pa.petition_id', '=', petitionId)
    .orderBy('pa.id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, size: Number(r.size), type: r.type, uploadedAt: new Date(r.uploaded_at).toISOString(), sha256: r.sha256 }));
}

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
