import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { recordUpload } from './uploads.ts';
import { cleanFileName, sniffAllowedType, storeAttachment } from './attachment-store.ts';
import { imageSize, imageWithin } from './image-size.ts';

export interface UploadLimits {
  maxFileBytes: number;
  maxImageSide: number;
  maxImagePixels: number;
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)}MB`;

/**
 * One uploaded file (multipart field `file`) taken in before the record it belongs to exists: read within the
 * limits, judged by its bytes (type sniffed, an image's pixel size read from its header), stored by content hash and
 * recorded as an unclaimed upload. Answers the claim token the later submission names. Every refusal is a zh-CN 4xx
 * on the field `file`. Used by the portal's and the counter's uploads alike.
 */
export async function receiveUpload(
  request: FastifyRequest,
  opts: { db: Kysely<DB>; dataDir: string; limits: UploadLimits; now: Date },
): Promise<{ token: string; name: string; size: number; type: string }> {
  const { limits } = opts;
  let bytes: Buffer;
  let clientName: string | undefined;
  try {
    const file = await request.file();
    if (!file || file.fieldname !== 'file') throw new AppError('PORTAL_FILE_MISSING', {}, { field: 'file' });
    clientName = file.filename;
    bytes = await file.toBuffer();
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PORTAL_FILE_TOO_LARGE', { max: mb(limits.maxFileBytes) }, { field: 'file' });
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw new AppError('PORTAL_FILE_MISSING', {}, { field: 'file' });
    throw err;
  }
  if (bytes.length === 0) throw new AppError('PORTAL_FILE_MISSING', {}, { field: 'file' });
  const { type } = await sniffAllowedType(bytes);
  if (!type) throw new AppError('PORTAL_FILE_TYPE', {}, { field: 'file' });
  const pixels = imageSize(bytes, type);
  if (pixels === null) throw new AppError('PORTAL_IMAGE_INVALID', {}, { field: 'file' });
  if (pixels && !imageWithin(pixels, { maxSide: limits.maxImageSide, maxPixels: limits.maxImagePixels }))
    throw new AppError('PORTAL_IMAGE_TOO_LARGE', { ...pixels, maxSide: limits.maxImageSide, maxPixels: limits.maxImagePixels / 10_000 }, { field: 'file' });
  const stored = await storeAttachment(opts.dataDir, bytes);
  const name = cleanFileName(clientName, type);
  const token = await recordUpload(opts.db, { sha256: stored.sha256, size: stored.size, type, name, now: opts.now });
  return { token, name, size: stored.size, type };
}
