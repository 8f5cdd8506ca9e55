import { describe, expect, it } from 'vitest';
import { imageSize, imageWithin } from './image-size.ts';
import { pngDeclaring } from '../../../../test/support/images.ts';

/** A baseline JPEG header (APP0, a quantisation table, then SOF0 declaring `width`×`height`). */
function jpegDeclaring(width: number, height: number): Buffer {
  const app0 = Buffer.from('ffe000104a46494600010100000100010000', 'hex');
  const dqt = Buffer.concat([Buffer.from('ffdb004300', 'hex'), Buffer.alloc(64, 1)]);
  const sof = Buffer.from('ffc0000b08000000000101221100', 'hex');
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from('ffd8', 'hex'), app0, dqt, sof, Buffer.from('ffd9', 'hex')]);
}

describe('image pixel dimensions from the header', () => {
  it('reads PNG, JPEG, GIF and WebP sizes without decoding', () => {
    expect(imageSize(pngDeclaring(60000, 60000), 'image/png')).toEqual({ width: 60000, height: 60000 });
    expect(imageSize(jpegDeclaring(4032, 3024), 'image/jpeg')).toEqual({ width: 4032, height: 3024 });
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.from([0x40, 0x01, 0xf0, 0x00]), Buffer.alloc(10)]);
    expect(imageSize(gif, 'image/gif')).toEqual({ width: 320, height: 240 });
    const vp8x = Buffer.alloc(30);
    vp8x.write('RIFF', 0, 'ascii');
    vp8x.write('WEBPVP8X', 8, 'ascii');
    vp8x.writeUIntLE(59999, 24, 3);
    vp8x.writeUIntLE(99, 27, 3);
    expect(imageSize(vp8x, 'image/webp')).toEqual({ width: 60000, height: 100 });
    expect(imageSize(Buffer.from('%PDF-1.4'), 'application/pdf')).toBeUndefined();
  });

  it('a header that declares nothing readable is null (refused as damaged)', () => {
    expect(imageSize(pngDeclaring(0, 10), 'image/png')).toBeNull();
    expect(imageSize(Buffer.from('89504e470d0a1a0a', 'hex'), 'image/png')).toBeNull();
    expect(imageSize(Buffer.from('ffd8ffe0', 'hex'), 'image/jpeg')).toBeNull();
  });

  it('limits a side and the whole picture', () => {
    const limits = { maxSide: 10_000, maxPixels: 50_000_000 };
    expect(imageWithin({ width: 8160, height: 6120 }, limits)).toBe(true);
    expect(imageWithin({ width: 60000, height: 60000 }, limits)).toBe(false);
    expect(imageWithin({ width: 10_001, height: 10 }, limits)).toBe(false);
    expect(imageWithin({ width: 9000, height: 9000 }, limits)).toBe(false);
  });
});
