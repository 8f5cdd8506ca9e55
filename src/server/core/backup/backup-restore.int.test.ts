import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openTestDatabase, TEST_BACKEND } from '../../../../test/support/test-db.ts';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit-chain.ts';
import { AppError } from '../errors.ts';
import { writeBackup } from './write-backup.ts';
import { restoreBackup } from './restore-backup.ts';

const actor = { ...SYSTEM_ACTOR, name: '测试' };

/** Fills an embedded source with a little of everything the backup must carry faithfully. */
async function fillSource(db: Database['db']) {
  // a child inserted before its parent (lower id): restore must still put the parent first
  await db.insertInto('units').values({ id: 10, code: 'C', name: '测试县', kind: 'county', path: '/10/' }).execute();
  await db.insertInto('units').values({ id: 30, code: 'V', name: '龙蚕村', kind: 'village', path: '/10/20/30/', parent_id: null }).execute();
  await db.insertInto('units').values({ id: 20, code: 'T', name: '龙蚕镇', kind: 'township', path: '/10/20/', parent_id: 10 }).execute();
  await db.updateTable('units').set({ parent_id: 20 }).where('id', '=', 30).execute();
  const user = await db
    .insertInto('users')
    .values({ username: 'wang', display_name: '王某', unit_id: 20, roles: ['township_staff', 'mediator'], password_hash: '$argon2id$x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('sessions').values({ id_hash: 'secret', user_id: user.id, csrf_token: 'c', expires_at: new Date('2030-01-01T00:00:00Z') }).execute();
  await db.insertInto('settings').values({ key: 'deadline.warning', value: JSON.stringify({ approachingDays: 5, list: [1, 2, { a: '中文' }] }) }).execute();
  for (let i = 0; i < 3; i++) {
    await db.transaction().execute(async (trx) => {
      const item = await trx
        .insertInto('work_items')
        .values({ module: 'petition', ref_no: `XF-${i}`, title: `反映道路积水${i}`, state: 'handling', owner_unit_id: 20, owner_unit_path: '/10/20/', assignee_id: user.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('deadlines')
        .values({ work_item_id: item.id, rule_key: 'xf.handle', label: '办理期限', status: 'running', started_at: new Date('2026-11-01T02:03:04.567Z'), start_date: '2026-11-01', due_date: '2026-12-31', missing_years: [2027] })
        .execute();
      await appendAudit(trx, { ...actor, ip: '10.0.0.1' }, { action: 'item.create', entityType: 'work_item', entityId: item.id, after: { title: `反映道路积水${i}`, tags: ['a', 'b'] } });
    });
  }
}

async function counts(db: Database['db'], tables: string[]) {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)}`.execute(db)).rows[0]!.n;
  return out;
}

describe(`backup from embedded PGlite, restore into ${TEST_BACKEND}`, () => {
  let source: Database;
  let target: Database;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-backup-'));
    file = path.join(dir, 'b.jsonl.gz');
    source = await openDatabase({});
    await migrateToLatest(source.db);
    await fillSource(source.db);
    target = await openTestDatabase();
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a header with schema version, kind and row counts, without sessions or pg-boss', async () => {
    const result = await writeBackup({ database: source, file, actor, now: new Date('2026-11-23T08:00:00Z') });
    expect(result.header).toMatchObject({ format: 'anwen-backup', databaseKind: 'pglite', createdAt: '2026-11-23T08:00:00.000Z' });
    const names = result.header.tables.map((t) => t.name);
    expect(names).not.toContain('sessions');
    expect(names).not.toContain('kysely_migration');
    expect(names.indexOf('units')).toBeLessThan(names.indexOf('users'));
    expect(names.indexOf('work_items')).toBeLessThan(names.indexOf('deadlines'));
    expect(result.header.tables.find((t) => t.name === 'units')?.rows).toBe(3);
  });

  it('restores into an empty target: same rows, intact audit chain, working identities', async () => {
    const result = await restoreBackup({ database: target, file, actor });
    expect(result.audit).toMatchObject({ ok: true });
    const tables = result.header.tables.map((t) => t.name);
    const after = await counts(target.db, tables);
    for (const t of result.header.tables) {
      // the restore itself is audited: one more event than the backup holds
      expect(after[t.name], t.name).toBe(t.name === 'audit_events' ? t.rows + 1 : t.rows);
    }
    expect(await counts(target.db, ['sessions'])).toEqual({ sessions: 0 });
    const units = (db: Database['db']) => db.selectFrom('units').selectAll().orderBy('id').execute();
    expect(await units(target.db)).toEqual(await units(source.db));
    const deadlines = (db: Database['db']) => db.selectFrom('deadlines').selectAll().orderBy('id').execute();
    expect(await deadlines(target.db)).toEqual(await deadlines(source.db));
    const setting = await target.db.selectFrom('settings').select('value').where('key', '=', 'deadline.warning').executeTakeFirstOrThrow();
    expect(setting.value).toEqual({ approachingDays: 5, list: [1, 2, { a: '中文' }] });
    const user = await target.db.selectFrom('users').select(['roles', 'username']).executeTakeFirstOrThrow();
    expect(user.roles).toEqual(['township_staff', 'mediator']);
    // identity sequences continue after the restored ids
    const fresh = await target.db.insertInto('units').values({ code: 'N', name: '新单位', kind: 'department', path: '/x/' }).returning('id').executeTakeFirstOrThrow();
    expect(Number(fresh.id)).toBeGreaterThan(30);
  });

  it('refuses a target that is not empty', async () => {
    await expect(restoreBackup({ database: target, file, actor })).rejects.toMatchObject({ code: 'RESTORE_TARGET_NOT_EMPTY' });
  });

  it('rejects a file that is not a backup, or a truncated one, and leaves the target empty', async () => {
    const empty = await openTestDatabase();
    try {
      const junk = path.join(dir, 'junk.gz');
      fs.writeFileSync(junk, 'not gzip at all');
      const e1 = await restoreBackup({ database: empty, file: junk, actor }).catch((e: unknown) => e);
      expect(e1).toBeInstanceOf(AppError);
      expect(e1).toMatchObject({ code: 'BACKUP_INVALID' });

      const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
      const truncated = path.join(dir, 'truncated.gz');
      fs.writeFileSync(truncated, zlib.gzipSync(lines.slice(0, -3).join('\n') + '\n'));
      await expect(restoreBackup({ database: empty, file: truncated, actor })).rejects.toMatchObject({ code: 'BACKUP_INVALID' });

      const other = path.join(dir, 'other.gz');
      fs.writeFileSync(other, zlib.gzipSync(JSON.stringify({ format: 'something-else' }) + '\n'));
      await expect(restoreBackup({ database: empty, file: other, actor })).rejects.toMatchObject({ code: 'BACKUP_INVALID' });

      expect(await counts(empty.db, ['units', 'users', 'audit_events'])).toEqual({ units: 0, users: 0, audit_events: 0 });
    } finally {
      await empty.close();
    }
  });
});
