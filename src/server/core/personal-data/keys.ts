import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The key that protects personal data (ID numbers, phones, names of petitioners). From
 * ANWEN_SECRET_KEY (64 hex chars or base64 of 32 bytes) — required when several instances share
 * a database — else from `<data dir>/secret.key`, created (0600) on first use. The key is never
 * stored in the database or in backups: keep a copy of it with the backups, apart from them.
 */
export interface PersonalDataKeys {
  /** id written into every ciphertext, so keys can be rotated later */
  keyId: string;
  encryption: Buffer;
  blindIndex: Buffer;
}

export function parseSecret(raw: string): Buffer {
  const text = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('ANWEN_SECRET_KEY 必须是 32 字节密钥（64 位十六进制或 base64）');
  return key;
}

export function deriveKeys(master: Buffer): PersonalDataKeys {
  const sub = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return {
    keyId: keyIdOf(master),
    encryption: sub('anwen.personal-data.aes-256-gcm'),
    blindIndex: sub('anwen.personal-data.blind-index'),
  };
}

export function loadPersonalDataKeys(opts: { secret?: string; dataDir: string }): PersonalDataKeys {
  return deriveKeys(loadMasterSecret(opts));
}

/**
 * The installation's master secret: ANWEN_SECRET_KEY, else `<data dir>/secret.key` (created 0600 on first
 * use). Every key the application holds outside the database is derived from it with HKDF under its own
 * label — the personal-data keys above, the audit chain's keys (core/audit/audit-key.ts).
 */
export function loadMasterSecret(opts: { secret?: string; dataDir: string }): Buffer {
  if (opts.secret) return parseSecret(opts.secret);
  const file = path.join(opts.dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // another process created it first: read theirs
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return parseSecret(fs.readFileSync(file, 'utf8'));
}

/** A short public id of a master secret, written beside what it protects so a wrong key is told apart from tampering. */
export function keyIdOf(master: Buffer): string {
  return createHmac('sha256', master).update('anwen.key-id').digest('hex').slice(0, 8);
}
