import { randomBytes, randomInt } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/**
 * The captcha's picture: digits drawn as distorted strokes into a pixel buffer and sent as a PNG — pixels only, no
 * vector paths, no text, nothing per glyph a script could look up (the SVG captcha before it was read from its path
 * commands, 300 of 300). Every draw differs: each digit is placed, sized, rotated, sheared and wobbled at random, its
 * strokes vary in width, and curves of the same ink cross the digits.
 */

/** The digits a captcha uses: no 0/1 (read as O/l/7 when rotated). */
export const CAPTCHA_DIGITS = '23456789';

/** Each digit as polylines in a unit box (x right, y down). */
const GLYPHS: Record<string, [number, number][][]> = {
  '2': [
    [
      [0.1, 0.25],
      [0.3, 0.05],
      [0.7, 0.05],
      [0.9, 0.25],
      [0.85, 0.45],
      [0.1, 0.95],
      [0.95, 0.95],
    ],
  ],
  '3': [
    [
      [0.1, 0.1],
      [0.85, 0.1],
      [0.45, 0.45],
      [0.8, 0.55],
      [0.9, 0.75],
      [0.7, 0.95],
      [0.3, 0.95],
      [0.1, 0.82],
    ],
  ],
  '4': [
    [
      [0.7, 0.95],
      [0.7, 0.05],
      [0.05, 0.7],
      [0.95, 0.7],
    ],
  ],
  '5': [
    [
      [0.85, 0.05],
      [0.2, 0.05],
      [0.15, 0.45],
      [0.55, 0.4],
      [0.85, 0.55],
      [0.9, 0.75],
      [0.7, 0.95],
      [0.3, 0.95],
      [0.1, 0.85],
    ],
  ],
  '6': [
    [
      [0.8, 0.08],
      [0.45, 0.05],
      [0.2, 0.3],
      [0.1, 0.65],
      [0.25, 0.92],
      [0.6, 0.95],
      [0.85, 0.8],
      [0.85, 0.6],
      [0.6, 0.45],
      [0.3, 0.5],
      [0.12, 0.65],
    ],
  ],
  '7': [
    [
      [0.1, 0.05],
      [0.9, 0.05],
      [0.45, 0.95],
    ],
  ],
  '8': [
    [
      [0.5, 0.48],
      [0.2, 0.35],
      [0.2, 0.15],
      [0.5, 0.04],
      [0.8, 0.15],
      [0.8, 0.35],
      [0.5, 0.48],
      [0.15, 0.65],
      [0.15, 0.85],
      [0.5, 0.96],
      [0.85, 0.85],
      [0.85, 0.65],
      [0.5, 0.48],
    ],
  ],
  '9': [
    [
      [0.88, 0.35],
      [0.7, 0.5],
      [0.35, 0.52],
      [0.12, 0.35],
      [0.15, 0.12],
      [0.45, 0.04],
      [0.8, 0.1],
      [0.88, 0.35],
      [0.8, 0.7],
      [0.55, 0.95],
      [0.2, 0.92],
    ],
  ],
};

/** Drawn at twice the size it is shown (150 × 50 CSS pixels), so it stays sharp on a phone. */
export const CAPTCHA_WIDTH = 300;
export const CAPTCHA_HEIGHT = 100;

/** A uniform random number in [a, b) (crypto-grade: the picture must not be predictable from earlier ones). */
const rand = (a: number, b: number) => a + (randomInt(1_000_000) / 1_000_000) * (b - a);

/** Ink coverage 0..1 per pixel; strokes are anti-aliased by their distance to the pixel. */
class Canvas {
  readonly ink = new Float32Array(CAPTCHA_WIDTH * CAPTCHA_HEIGHT);
  stroke(points: [number, number][], width: number): void {
    for (let i = 1; i < points.length; i++) this.segment(points[i - 1]!, points[i]!, width);
  }
  private segment([x1, y1]: [number, number], [x2, y2]: [number, number], width: number): void {
    const r = width / 2;
    const x0 = Math.max(0, Math.floor(Math.min(x1, x2) - r - 1));
    const x9 = Math.min(CAPTCHA_WIDTH - 1, Math.ceil(Math.max(x1, x2) + r + 1));
    const y0 = Math.max(0, Math.floor(Math.min(y1, y2) - r - 1));
    const y9 = Math.min(CAPTCHA_HEIGHT - 1, Math.ceil(Math.max(y1, y2) + r + 1));
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len2 = dx * dx + dy * dy || 1;
    for (let y = y0; y <= y9; y++) {
      for (let x = x0; x <= x9; x++) {
        const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len2));
        const ex = x - (x1 + t * dx);
        const ey = y - (y1 + t * dy);
        const d = Math.sqrt(ex * ex + ey * ey);
        const cover = Math.max(0, Math.min(1, r + 0.5 - d));
        const p = y * CAPTCHA_WIDTH + x;
        if (cover > this.ink[p]!) this.ink[p] = cover;
      }
    }
  }
}

/** One digit: random size, place, rotation, shear and wobble; strokes of random width. */
function drawDigit(canvas: Canvas, digit: string, cx: number, cy: number): void {
  const h = rand(0.55, 0.72) * CAPTCHA_HEIGHT;
  const w = h * rand(0.5, 0.68);
  const angle = rand(-0.38, 0.38);
  const shear = rand(-0.25, 0.25);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const width = rand(5, 8);
  for (const line of GLYPHS[digit]!) {
    // sample each straight piece finely so the wobble bends it
    const dense: [number, number][] = [];
    for (let i = 1; i < line.length; i++) {
      const [ax, ay] = line[i - 1]!;
      const [bx, by] = line[i]!;
      for (let k = 0; k < 6; k++) dense.push([ax + ((bx - ax) * k) / 6, ay + ((by - ay) * k) / 6]);
    }
    dense.push(line.at(-1)!);
    const phase = rand(0, Math.PI * 2);
    const amp = rand(0.015, 0.04);
    const points = dense.map(([u, v]): [number, number] => {
      const wu = u + amp * Math.sin(v * 7 + phase);
      const wv = v + amp * Math.cos(u * 7 + phase);
      const x = (wu - 0.5) * w + shear * (wv - 0.5) * h;
      const y = (wv - 0.5) * h;
      return [cx + x * cos - y * sin, cy + x * sin + y * cos];
    });
    canvas.stroke(points, width);
  }
}

/** A curve of the digits' own ink across the picture (a quadratic Bézier, sampled). */
function drawClutter(canvas: Canvas): void {
  const p0: [number, number] = [rand(-10, 30), rand(0, CAPTCHA_HEIGHT)];
  const p1: [number, number] = [rand(60, 240), rand(-40, CAPTCHA_HEIGHT + 40)];
  const p2: [number, number] = [rand(270, 310), rand(0, CAPTCHA_HEIGHT)];
  const points: [number, number][] = [];
  for (let i = 0; i <= 40; i++) {
    const t = i / 40;
    const a = (1 - t) * (1 - t);
    const b = 2 * (1 - t) * t;
    const c = t * t;
    points.push([a * p0[0] + b * p1[0] + c * p2[0], a * p0[1] + b * p1[1] + c * p2[1]]);
  }
  canvas.stroke(points, rand(2, 3.5));
}

/** The picture of `answer` (digits of CAPTCHA_DIGITS) as PNG bytes: 8-bit grey, IHDR + IDAT + IEND only. */
export function renderCaptchaPng(answer: string): Buffer {
  const canvas = new Canvas();
  const cell = (CAPTCHA_WIDTH - 40) / answer.length;
  [...answer].forEach((digit, i) => {
    drawDigit(canvas, digit, 20 + cell * (i + 0.5) + rand(-cell * 0.12, cell * 0.12), CAPTCHA_HEIGHT / 2 + rand(-8, 8));
  });
  const clutter = randomInt(2, 4);
  for (let i = 0; i < clutter; i++) drawClutter(canvas);
  // a light background with a random slope and speckles; dark ink of a random shade
  const bg0 = rand(225, 250);
  const slope = rand(-0.08, 0.08);
  const inkShade = rand(20, 80);
  const raw = Buffer.alloc((CAPTCHA_WIDTH + 1) * CAPTCHA_HEIGHT);
  const noise = randomBytes(CAPTCHA_WIDTH * CAPTCHA_HEIGHT * 2); // per pixel: speckle or not, how much
  for (let y = 0; y < CAPTCHA_HEIGHT; y++) {
    raw[y * (CAPTCHA_WIDTH + 1)] = 0; // filter: none
    for (let x = 0; x < CAPTCHA_WIDTH; x++) {
      const n = 2 * (y * CAPTCHA_WIDTH + x);
      const grain = noise[n + 1]!;
      const bg = bg0 + slope * (x - CAPTCHA_WIDTH / 2) + (noise[n]! < 10 ? -(60 + grain / 3) : (grain - 128) / 10);
      const cover = canvas.ink[y * CAPTCHA_WIDTH + x]!;
      raw[y * (CAPTCHA_WIDTH + 1) + 1 + x] = Math.max(0, Math.min(255, Math.round(bg + (inkShade - bg) * cover)));
    }
  }
  return encodePng(raw, CAPTCHA_WIDTH, CAPTCHA_HEIGHT);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** PNG of 8-bit grey rows, each already led by its filter byte. */
function encodePng(raw: Buffer, width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
