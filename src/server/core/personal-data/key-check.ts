import { createHmac } from 'node:crypto';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { PersonalDataKeys } from './keys.ts';
import { decryptValue } from './protect.ts';

/** The settings row binding a database to its personal-data key: key id and verifier, never the key. */
export const KEY_CHECK_SETTING = 'personal_data.key_check';

interface KeyCheck {
  keyId: string;
  verifier: string;
}

/** A keyed hash of a constant: equal for the same key, says nothing about the key itself. */
export function keyVerifier(keys: PersonalDataKeys): string {
  return createHmac('sha256', keys.encryption).update('anwen.personal-data.key-check').digest('hex');
}

/** Where the configured key came from, to name it in the refusal. */
export interface KeySource {
  /** true when ANWEN_SECRET_KEY is set (it wins over the key file) */
  fromEnv: boolean;
  dataDir: string;
}

/**
 * Refuses to run with a personal-data key other than the one the database's personal data was encrypted with
 * (a restore into a new data dir without its secret.key, a mistyped ANWEN_SECRET_KEY): started anyway, every
 * reveal, 文书 and message to a petitioner would fail. The database records the key id and a verifier
 * (settings `personal_data.key_check`, carried by backups) the first time it meets a key; a database from before
 * this check, or restored from a backup without it, is judged by decrypting stored values instead (one of each
 * `*_enc` column): a key that opens none of them is refused. A database with no encrypted data takes the key it is
 * given. Returns what happened: the recorded key matched, or this key was recorded now.
 */
export async function checkPersonalDataKey(db: Kysely<DB>, keys: PersonalDataKeys, source: KeySource): Promise<'matched' | 'recorded'> {
  const refuse = (storedKeyId: string) =>
    new AppError('PERSONAL_DATA_KEY_MISMATCH', {
      storedKeyId,
      keyId: keys.keyId,
      source: source.fromEnv ? 'ANWEN_SECRET_KEY' : path.join(source.dataDir, 'secret.key'),
      keyFile: path.join(source.dataDir, 'secret.key'),
    });
  const recorded = await readKeyCheck(db);
  if (recorded) {
    if (recorded.verifier === keyVerifier(keys)) return 'matched';
    throw refuse(recorded.keyId);
  }
  const samples = await encryptedSamples(db);
  if (samples.length && !samples.some((s) => opens(keys, s))) throw refuse(samples[0]!.split(':')[1] ?? '?');
  const check: KeyCheck = { keyId: keys.keyId, verifier: keyVerifier(keys) };
  await db
    .insertInto('settings')
    .values({ key: KEY_CHECK_SETTING, value: JSON.stringify(check) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // another instance starting at the same moment may have recorded its key first
  const now = await readKeyCheck(db);
  if (now && now.verifier !== check.verifier) throw refuse(now.keyId);
  return 'recorded';
}

async function readKeyCheck(db: Kysely<DB>): Promise<KeyCheck | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY_CHECK_SETTING).executeTakeFirst();
  const value = row?.value as Partial<KeyCheck> | undefined;
  return value && typeof value.verifier === 'string' ? { keyId: String(value.keyId ?? '?'), verifier: value.verifier } : null;
}

/** One stored ciphertext of every `*_enc` column that holds any (the naming rule of encrypted columns). */
async function encryptedSamples(db: Kysely<DB>): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name LIKE '%\\_enc' AND data_type = 'text'
    ORDER BY table_name, column_name`.execute(db);
  const samples: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    const r = await sql<{
      v: string;
    }>`SELECT ${sql.ref(column_name)} AS v FROM ${sql.table(table_name)} WHERE ${sql.ref(column_name)} LIKE 'pd1:%' LIMIT 1`.execute(db);
    if (r.rows[0]) samples.push(r.rows[0].v);
  }
  return samples;
}

function opens(keys: PersonalDataKeys, stored: string): boolean {
  try {
    decryptValue(keys, stored);
    return true;
  } catch {
    return false;
  }
}
