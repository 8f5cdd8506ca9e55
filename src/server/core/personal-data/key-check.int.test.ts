import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase, TEST_BACKEND } from '../../../../test/support/test-db.ts';
import { AppError } from '../errors.ts';
import { deriveKeys } from './keys.ts';
import { encryptValue } from './protect.ts';
import { checkPersonalDataKey, KEY_CHECK_SETTING } from './key-check.ts';

const source = { fromEnv: false, dataDir: '/srv/anwen/data' };

describe(`the personal-data key a database was encrypted with (${TEST_BACKEND})`, () => {
  let database: Database;
  const original = deriveKeys(randomBytes(32));
  const other = deriveKeys(randomBytes(32));

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  const refusal = (keys = other, from = source) => checkPersonalDataKey(database.db, keys, from).catch((e: unknown) => e);

  it('a fresh database with no encrypted data starts with any key, and from then on is bound to it', async () => {
    expect(await checkPersonalDataKey(database.db, original, source)).toBe('recorded');
    const row = await database.db.selectFrom('settings').select('value').where('key', '=', KEY_CHECK_SETTING).executeTakeFirstOrThrow();
    // the key id and a verifier, never the key
    expect(row.value).toEqual({ keyId: original.keyId, verifier: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(row.value)).not.toContain(original.encryption.toString('hex'));
    expect(await checkPersonalDataKey(database.db, original, source)).toBe('matched');
  });

  it('refuses a different key with a zh-CN and English message naming ANWEN_SECRET_KEY and the key file', async () => {
    await checkPersonalDataKey(database.db, original, source);
    const error = await refusal();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'PERSONAL_DATA_KEY_MISMATCH' });
    const message = (error as AppError).message;
    expect(message).toContain('个人信息密钥与数据库不符，拒绝启动');
    expect(message).toContain('personal-data key does not match this database');
    expect(message).toContain(`由密钥 ${original.keyId} 加密`);
    expect(message).toContain(`当前密钥（/srv/anwen/data/secret.key）是 ${other.keyId}`);
    expect(message).toContain('ANWEN_SECRET_KEY');
    // a key from the environment is named as such
    expect(((await refusal(other, { ...source, fromEnv: true })) as AppError).message).toContain('当前密钥（ANWEN_SECRET_KEY）');
  });

  it('a database with encrypted data but no recorded key (older, or restored from an older backup) refuses a key that opens none of it', async () => {
    await database.db.deleteFrom('settings').where('key', '=', KEY_CHECK_SETTING).execute();
    const { id } = await database.db
      .insertInto('outbox_messages')
      .values({
        channel: 'sms',
        recipient_enc: encryptValue(original, '13912345678'),
        recipient_masked: '139****5678',
        template: 't',
        subject: null,
        body_enc: encryptValue(original, '您的信访事项已受理'),
        preview: '您的信访事项已受理',
        work_item_id: null,
        next_attempt_at: new Date(),
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(id).toBeGreaterThan(0);
    expect(await refusal()).toMatchObject({ code: 'PERSONAL_DATA_KEY_MISMATCH', message: expect.stringContaining(`由密钥 ${original.keyId} 加密`) });
    // nothing recorded by the refused start: the right key is still taken
    expect(await database.db.selectFrom('settings').select('key').where('key', '=', KEY_CHECK_SETTING).executeTakeFirst()).toBeUndefined();
    expect(await checkPersonalDataKey(database.db, original, source)).toBe('recorded');
    expect(await refusal()).toMatchObject({ code: 'PERSONAL_DATA_KEY_MISMATCH' });
  });
});
