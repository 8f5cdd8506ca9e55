import type { FastifyReply } from 'fastify';
import { contentDisposition } from './content-disposition.ts';

export interface Download {
  bytes: Uint8Array;
  /** MIME type of the bytes */
  type: string;
  /** the name the user sees (may be Chinese) */
  fileName: string;
  /** an ASCII name for clients that do not read filename* */
  asciiName: string;
}

/**
 * Sends a stored file as a download that no shared cache keeps: `private, no-store` for staff
 * (behind a session), plain `no-store` for the portal (behind a track token).
 */
export function sendDownload(reply: FastifyReply, file: Download, cache: 'private, no-store' | 'no-store' = 'private, no-store'): FastifyReply {
  return reply
    .header('content-type', file.type)
    .header('content-disposition', contentDisposition(file.fileName, file.asciiName))
    .header('cache-control', cache)
    .send(Buffer.isBuffer(file.bytes) ? file.bytes : Buffer.from(file.bytes));
}

/** The extension of a file name with its dot ('.png'), or '' when it has none. */
export const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
};
