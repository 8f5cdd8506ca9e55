import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { XLSX_TYPE } from '../excel/list-export.ts';
import { contentDisposition } from './content-disposition.ts';

/**
 * Sends an Excel workbook (a streamed list export or a built buffer) as a download: the .xlsx type,
 * the Chinese file name with its ASCII fallback (RFC 5987), and no caching by anyone.
 * The one way every route answers with a workbook.
 */
export function sendXlsx(reply: FastifyReply, body: Readable | Buffer | Uint8Array, fileName: string, asciiName: string): FastifyReply {
  return reply
    .type(XLSX_TYPE)
    .header('content-disposition', contentDisposition(fileName, asciiName))
    .header('cache-control', 'private, no-store')
    .send(body instanceof Uint8Array && !Buffer.isBuffer(body) ? Buffer.from(body) : body);
}
