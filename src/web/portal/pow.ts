/**
 * The portal's proof of work: find a nonce such that SHA-256("<challenge id>:<nonce>") starts with `bits` zero bits
 * (the server checks it with one hash). Plain JavaScript rather than WebCrypto: crypto.subtle exists only on HTTPS
 * or localhost (a county intranet may serve the portal over plain HTTP) and costs a promise per hash; a message this
 * short is one SHA-256 block, hashed here without allocating.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const W = new Uint32Array(64);
const block = new Uint8Array(64);
const out = new Uint32Array(8);

/** SHA-256 of an ASCII message of at most 55 bytes (one block) into `out` (eight big-endian words). */
function sha256Block(message: string): Uint32Array {
  const n = message.length;
  block.fill(0);
  for (let i = 0; i < n; i++) block[i] = message.charCodeAt(i);
  block[n] = 0x80;
  block[62] = (n * 8) >>> 8;
  block[63] = (n * 8) & 0xff;
  for (let i = 0; i < 16; i++) W[i] = (block[i * 4]! << 24) | (block[i * 4 + 1]! << 16) | (block[i * 4 + 2]! << 8) | block[i * 4 + 3]!;
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15]!;
    const w2 = W[i - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = H0[0]!;
  let b = H0[1]!;
  let c = H0[2]!;
  let d = H0[3]!;
  let e = H0[4]!;
  let f = H0[5]!;
  let g = H0[6]!;
  let h = H0[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  out[0] = H0[0]! + a;
  out[1] = H0[1]! + b;
  out[2] = H0[2]! + c;
  out[3] = H0[3]! + d;
  out[4] = H0[4]! + e;
  out[5] = H0[5]! + f;
  out[6] = H0[6]! + g;
  out[7] = H0[7]! + h;
  return out;
}

/** The hex digest (for tests against another implementation). */
export function sha256Hex(message: string): string {
  return Array.from(sha256Block(message), (w) => w.toString(16).padStart(8, '0')).join('');
}

/** True when the first `bits` bits of the digest are zero. */
function leadingZeros(digest: Uint32Array, bits: number): boolean {
  let left = bits;
  for (let i = 0; left > 0; i++, left -= 32) {
    const mask = left >= 32 ? 0xffffffff : (0xffffffff << (32 - left)) >>> 0;
    if ((digest[i]! & mask) >>> 0 !== 0) return false;
  }
  return true;
}

export const powInput = (id: string, nonce: number) => `${id}:${nonce}`;

/**
 * Finds the nonce, yielding to the page every few thousand hashes so it stays responsive. `onProgress` hears the share
 * of the expected work done (it may pass 1: the work is a lottery). Aborts by `signal`.
 */
export async function solvePow(id: string, bits: number, opts: { signal?: AbortSignal; onProgress?: (share: number) => void } = {}): Promise<string> {
  if (id.length > 40) throw new Error('challenge id too long');
  const expected = 2 ** bits;
  for (let nonce = 0; ; nonce++) {
    if (leadingZeros(sha256Block(powInput(id, nonce)), bits)) return String(nonce);
    if (nonce % 20_000 === 19_999) {
      opts.onProgress?.(nonce / expected);
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (opts.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    }
  }
}
