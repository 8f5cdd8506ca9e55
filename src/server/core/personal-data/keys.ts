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
    keyId: createHmac('sha256', master).update('anwen.key-id').digest('hex').slice(0, 8),
    encryption: sub('anwen.personal-data.aes-256-gcm'),
    blindIndex: sub('anwen.personal-data.blind-index'),
  };
}

export function loadPersonalDataKeys(opts: { secret?: string; dataDir: string }): PersonalDataKeys {
  if (opts.secret) return deriveKeys(parseSecret(opts.secret));
  const file = path.join(opts.dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return deriveKeys(parseSecret(fs.readFileSync(file, 'utf8')));
}
