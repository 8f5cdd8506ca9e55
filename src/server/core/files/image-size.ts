/** An image's size in pixels, as its header declares it (what a browser will allocate to show it). */
export interface ImageSize {
  width: number;
  height: number;
}

/** How large an image may be: a side and the whole picture, in pixels. */
export interface ImageLimits {
  maxSide: number;
  maxPixels: number;
}

const be16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const le16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const be32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const le24 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

/** PNG: the IHDR chunk comes first, width and height as 32-bit big-endian. */
function png(b: Uint8Array): ImageSize | null {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  return { width: be32(b, 16), height: be32(b, 20) };
}

/** JPEG: walk the segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG, DAC). */
function jpeg(b: Uint8Array): ImageSize | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      at += 2; // a marker without a segment
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: be16(b, at + 5), width: be16(b, at + 7) };
    at += 2 + be16(b, at + 2);
  }
  return null;
}

/** GIF: the logical screen, 16-bit little-endian. */
function gif(b: Uint8Array): ImageSize | null {
  return b.length >= 10 ? { width: le16(b, 6), height: le16(b, 8) } : null;
}

/** WebP: lossy (VP8), lossless (VP8L) or extended (VP8X) header. */
function webp(b: Uint8Array): ImageSize | null {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: le24(b, 24) + 1, height: le24(b, 27) + 1 };
  if (chunk === 'VP8 ') return { width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return null;
}

const READERS: Record<string, (b: Uint8Array) => ImageSize | null> = {
  'image/png': png,
  'image/jpeg': jpeg,
  'image/gif': gif,
  'image/webp': webp,
};

/**
 * The declared size of an image of `type` (a type sniffed from its bytes), read from its header only — nothing is
 * decoded. Null when the header cannot be read or declares no size; undefined when `type` is not an image kind read here.
 */
export function imageSize(bytes: Uint8Array, type: string): ImageSize | null | undefined {
  const read = READERS[type];
  if (!read) return undefined;
  const size = read(bytes);
  return size && size.width > 0 && size.height > 0 ? size : null;
}

/** Whether a declared size is within the limits. */
export const imageWithin = (size: ImageSize, limits: ImageLimits): boolean =>
  size.width <= limits.maxSide && size.height <= limits.maxSide && size.width * size.height <= limits.maxPixels;
