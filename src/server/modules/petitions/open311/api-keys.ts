import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { Open311Error } from './open311-error.ts';

/** A partner app as a request sees it once its key checked out. */
export interface PartnerApp {
  id: number;
  appName: string;
  ratePerMinute: number;
}

/** 32 random bytes: a fast hash is enough to store it, and lets the lookup be one indexed equality. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key.trim()).digest('hex');

/** A fresh key ('o311_' + 43 base64url characters) with what is stored of it. */
export function newApiKey(): { key: string; hash: string; prefix: string } {
  const key = `o311_${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, 12) };
}

/** The enabled partner app holding `key`, else 403 in the spec's format (missing, unknown or revoked alike). */
export async function authenticateApiKey(db: Kysely<DB>, key: string | undefined): Promise<PartnerApp> {
  if (!key || key.length > 200) throw new Open311Error(403, 'api_key 缺失或无效：请使用管理员为贵应用签发的有效 api_key');
  const row = await db
    .selectFrom('open311_api_keys')
    .select(['id', 'app_name', 'rate_per_minute'])
    .where('key_hash', '=', hashApiKey(key))
    .where('enabled', '=', true)
    .executeTakeFirst();
  if (!row) throw new Open311Error(403, 'api_key 缺失或无效：请使用管理员为贵应用签发的有效 api_key');
  return { id: Number(row.id), appName: row.app_name, ratePerMinute: row.rate_per_minute };
}
