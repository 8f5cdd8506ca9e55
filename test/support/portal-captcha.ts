import { powSolved } from '../../src/server/modules/petitions/portal/captcha.ts';

/** Does a captcha's proof of work as the portal's browser code does (there in plain JavaScript, here with node:crypto). */
export function solvePow(id: string, bits: number): string {
  for (let nonce = 0; ; nonce++) if (powSolved(id, String(nonce), bits)) return String(nonce);
}

/** A nonce that does not do the work (for tests that refuse it). */
export function wrongNonce(id: string, bits: number): string {
  for (let nonce = 0; ; nonce++) if (!powSolved(id, String(nonce), bits)) return String(nonce);
}
