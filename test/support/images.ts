import { deflateSync } from 'node:zlib';

/** A PNG whose IHDR declares `width`×`height` (a few dozen bytes whatever it declares). */
export function pngDeclaring(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'ascii');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 6, 0, 0, 0], 16);
  const idat = deflateSync(Buffer.alloc(16));
  const chunk = Buffer.alloc(12 + idat.length);
  chunk.writeUInt32BE(idat.length, 0);
  chunk.write('IDAT', 4, 'ascii');
  idat.copy(chunk, 8);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), ihdr, chunk, Buffer.from('0000000049454e44ae426082', 'hex')]);
}
