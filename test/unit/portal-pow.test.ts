/** The browser's proof of work (src/web/portal/pow.ts) against the server's check (captcha.ts): the two sides must agree. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { powSolved } from '../../src/server/modules/petitions/portal/captcha.ts';
import { powInput, sha256Hex, solvePow } from '../../src/web/portal/pow.ts';

describe('the portal proof of work (browser side)', () => {
  it('hashes like node:crypto for every length the challenge can have', () => {
    for (let n = 0; n <= 55; n++) {
      const m = 'AbCdEfGhIjKlMnOpQrStUv:0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, n);
      expect(sha256Hex(m), m).toBe(createHash('sha256').update(m).digest('hex'));
    }
  });

  it('finds a nonce the server accepts, and the server refuses one short of the bits', async () => {
    const id = 'Qx3kP0_-aZ9bYcXdWeVfUg';
    for (const bits of [1, 8, 12]) {
      const nonce = await solvePow(id, bits);
      expect(powSolved(id, nonce, bits)).toBe(true);
      expect(
        createHash('sha256')
          .update(powInput(id, Number(nonce)))
          .digest('hex'),
      ).toBe(sha256Hex(powInput(id, Number(nonce))));
    }
    expect(powSolved(id, 'x1', 1)).toBe(false);
  });
});
