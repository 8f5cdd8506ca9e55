import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { withoutUnsafeChars } from './file-name.ts';

/** The only types a citizen may upload, decided by the bytes (file-type), never by the name or the client's header. */
export const ALLOWED_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];

/** The sniffed MIME type if it is one we accept, else null (with what it really is, for the message). */
export async function sniffAllowedType(bytes: Uint8Array): Promise<{ type: AllowedType | null; detected: string | null }> {
  const found = await fileTypeFromBuffer(bytes);
  const mime = found?.mime ?? null;
  return { type: (ALLOWED_TYPES as readonly string[]).includes(mime ?? '') ? (mime as AllowedType) : null, detected: mime };
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const attachmentsDir = (dataDir: string) => path.join(dataDir, 'attachments');

/** The path of a stored file: its SHA-256 only (a client's file name never becomes a path). */
export function attachmentPath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid attachment digest');
  return path.join(attachmentsDir(dataDir), sha256);
}

/**
 * Stores `bytes` content-addressed under <dataDir>/attachments/<sha256> (0600), written to a temp
 * name then renamed, so a reader never sees half a file and the same content is stored once.
 */
export async function storeAttachment(dataDir: string, bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
  const sha256 = sha256Hex(bytes);
  const target = attachmentPath(dataDir, sha256);
  const exists = await stat(target).then(
    (s) => s.size === bytes.length,
    () => false,
  );
  if (!exists) {
    await mkdir(attachmentsDir(dataDir), { recursive: true, mode: 0o700 });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, target);
  }
  return { sha256, size: bytes.length };
}

export async function readAttachment(dataDir: string, sha256: string): Promise<Buffer> {
  return readFile(attachmentPath(dataDir, sha256));
}

/**
 * Puts bytes that must be the file `sha256` (a restore): verified first, so a damaged copy never
 * takes a digest's name. 'present' when an intact file was already there (not rewritten),
 * 'created' when written (temp name, then rename). Throws when the bytes do not match.
 */
export async function putAttachment(dataDir: string, sha256: string, bytes: Uint8Array): Promise<'created' | 'present'> {
  const target = attachmentPath(dataDir, sha256);
  if (sha256Hex(bytes) !== sha256) throw new Error(`attachment ${sha256} does not match its digest`);
  const existing = await readFile(target).catch(() => null);
  if (existing && sha256Hex(existing) === sha256) return 'present';
  await mkdir(attachmentsDir(dataDir), { recursive: true, mode: 0o700 });
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, bytes, { mode: 0o600 });
  await rename(tmp, target);
  return existing ? 'present' : 'created';
}

/**
 * Moves a file aside (<sha256>.<random>.gone) so that `stillNeeded` can be asked after it left
 * its name: a new upload of the same content that was recorded meanwhile puts it back instead of
 * losing it; otherwise the file is deleted. Returns true when the file was deleted.
 */
export async function removeAttachmentUnlessNeeded(dataDir: string, sha256: string, stillNeeded: () => Promise<boolean>): Promise<boolean> {
  const target = attachmentPath(dataDir, sha256);
  const aside = `${target}.${randomBytes(6).toString('hex')}.gone`;
  const moved = await rename(target, aside).then(
    () => true,
    () => false,
  );
  if (!moved) return false;
  if (await stillNeeded()) {
    await rename(aside, target);
    return false;
  }
  await unlink(aside).catch(() => undefined);
  return true;
}

export async function removeAttachment(dataDir: string, sha256: string): Promise<void> {
  await unlink(attachmentPath(dataDir, sha256)).catch(() => undefined);
}

/** A display name safe to store: no path, no control or bidi-override characters (file-name.ts), at most 100 characters. */
export function cleanFileName(name: string | undefined, type: AllowedType): string {
  const base =
    withoutUnsafeChars(name ?? '')
      .split(/[\\/]/)
      .pop() ?? '';
  const clean = base
    .replace(/[<>:"|?*]/g, '')
    .trim()
    .slice(-100);
  const ext = type === 'application/pdf' ? '.pdf' : type === 'image/png' ? '.png' : '.jpg';
  if (!clean) return `附件${ext}`;
  return /\.[a-z0-9]{1,5}$/i.test(clean) ? clean.replace(/\.[a-z0-9]{1,5}$/i, ext) : `${clean}${ext}`;
}
