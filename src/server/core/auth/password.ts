import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';
import { AppError } from '../errors.ts';

export const PASSWORD_MIN_LENGTH = 8;

/** Policy: at least 8 characters with both letters and digits (PASSWORD_TOO_WEAK otherwise). */
export function passwordIsStrong(password: string): boolean {
  return password.length >= PASSWORD_MIN_LENGTH && /[A-Za-z]/.test(password) && /\d/.test(password);
}

export function assertPasswordStrength(password: string): void {
  if (!passwordIsStrong(password)) throw new AppError('PASSWORD_TOO_WEAK', { min: PASSWORD_MIN_LENGTH }, { field: 'password' });
}

/**
 * argon2id (the library's default algorithm; the `Algorithm` const enum cannot be imported under
 * tsx's isolated modules) with the library's OWASP-level memory/time costs.
 */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash must never let anyone in, nor crash the login
  }
}

// no look-alike characters (0/O, 1/l/I) so a password read off a screen can be typed back
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/** A random password that satisfies the policy (shown once to the admin). */
export function generatePassword(length = 14): string {
  const all = LETTERS + DIGITS;
  const chars = [LETTERS[randomInt(LETTERS.length)]!, DIGITS[randomInt(DIGITS.length)]!];
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/**
 * A fixed hash verified when the username is unknown, so that "no such user" costs the same time
 * as "wrong password" and the two cannot be told apart.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash(generatePassword());
  return dummyHash;
}
