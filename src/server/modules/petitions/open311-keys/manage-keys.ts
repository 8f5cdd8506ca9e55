import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { newApiKey } from '../open311/api-keys.ts';

export interface ApiKeyView {
  id: number;
  appName: string;
  keyPrefix: string;
  enabled: boolean;
  ratePerMinute: number;
  createdBy: string | null;
  createdAt: string;
  revokedBy: string | null;
  revokedAt: string | null;
  requests: number;
}

/** Partner apps' keys for the console: never the key, only its prefix. */
export async function listApiKeys(db: Kysely<DB>): Promise<ApiKeyView[]> {
  const rows = await db
    .selectFrom('open311_api_keys as k')
    .leftJoin('users as cu', 'cu.id', 'k.created_by')
    .leftJoin('users as ru', 'ru.id', 'k.revoked_by')
    .select((eb) => [
      'k.id',
      'k.app_name',
      'k.key_prefix',
      'k.enabled',
      'k.rate_per_minute',
      'k.created_at',
      'k.revoked_at',
      'cu.display_name as created_by_name',
      'ru.display_name as revoked_by_name',
      eb
        .selectFrom('open311_requests as o')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('o.api_key_id', '=', 'k.id')
        .as('requests'),
    ])
    .orderBy('k.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    appName: r.app_name,
    keyPrefix: r.key_prefix,
    enabled: r.enabled,
    ratePerMinute: r.rate_per_minute,
    createdBy: r.created_by_name,
    createdAt: new Date(r.created_at).toISOString(),
    revokedBy: r.revoked_by_name,
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    requests: Number(r.requests ?? 0),
  }));
}

/** Issues a key to a named partner app; the key itself is returned this once and never stored. */
export async function issueApiKey(
  trx: Transaction<DB>,
  opts: { appName: string; ratePerMinute: number; actor: Actor; now: Date },
): Promise<{ id: number; apiKey: string; keyPrefix: string }> {
  const fresh = newApiKey();
  const row = await trx
    .insertInto('open311_api_keys')
    .values({
      app_name: opts.appName,
      key_hash: fresh.hash,
      key_prefix: fresh.prefix,
      rate_per_minute: opts.ratePerMinute,
      created_by: opts.actor.userId,
      created_at: opts.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, opts.actor, {
    action: 'open311.key.issue',
    entityType: 'open311_api_key',
    entityId: row.id,
    after: { appName: opts.appName, keyPrefix: fresh.prefix, ratePerMinute: opts.ratePerMinute },
  });
  return { id: Number(row.id), apiKey: fresh.key, keyPrefix: fresh.prefix };
}

/** Revokes a key for good (a partner needing access again gets a new key); requests it made stay. */
export async function revokeApiKey(trx: Transaction<DB>, opts: { id: number; reason: string; actor: Actor; now: Date }): Promise<void> {
  const before = await trx
    .selectFrom('open311_api_keys')
    .select(['id', 'app_name', 'key_prefix', 'enabled'])
    .where('id', '=', opts.id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw new AppError('NOT_FOUND');
  if (!before.enabled) throw new AppError('CONFLICT', { detail: '该密钥已吊销' });
  await trx.updateTable('open311_api_keys').set({ enabled: false, revoked_by: opts.actor.userId, revoked_at: opts.now }).where('id', '=', opts.id).execute();
  await appendAudit(trx, opts.actor, {
    action: 'open311.key.revoke',
    entityType: 'open311_api_key',
    entityId: opts.id,
    before: { appName: before.app_name, keyPrefix: before.key_prefix, enabled: true },
    after: { enabled: false },
    reason: opts.reason,
  });
}
