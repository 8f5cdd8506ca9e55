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
import { attachmentPath, sha256Hex, sniffAllowedType, storeAttachment } from '../files/attachment-store.ts';
import { recordUpload } from '../files/uploads.ts';

const actor = { ...SYSTEM_ACTOR, name: '测试' };

/** Two real attachments: a 1×1 PNG, and a PDF large enough (≈ 400 KiB of random stream) to span several base64 slices. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj << /Length 409600 >> stream\n'),
  Buffer.from(Array.from({ length: 409_600 }, (_, i) => (i * 7919 + (i >> 5)) & 0xff)),
  Buffer.from('\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
]);
/** an upload row whose file is gone from disk (e.g. removed by hand): reported, not fatal */
const LOST = sha256Hex(Buffer.from('never stored'));

async function fillFiles(db: Database['db'], dataDir: string) {
  const now = new Date('2026-11-22T08:00:00Z');
  for (const [bytes, type, name] of [
    [PNG, 'image/png', '现场.png'],
    [PDF, 'application/pdf', '材料.pdf'],
    [PDF, 'application/pdf', '同一份材料.pdf'],
  ] as const) {
    const stored = await storeAttachment(dataDir, bytes);
    await recordUpload(db, { ...stored, type, name, now });
  }
  await recordUpload(db, { sha256: LOST, size: 12, type: 'image/png', name: '丢失.png', now });
}

const backupLines = (file: string) => zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
const writeLines = (file: string, lines: string[]) => fs.writeFileSync(file, zlib.gzipSync(lines.join('\n') + '\n'));
const attachmentsIn = (dataDir: string) => (fs.existsSync(path.join(dataDir, 'attachments')) ? fs.readdirSync(path.join(dataDir, 'attachments')).sort() : []);

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
  await db
    .insertInto('sessions')
    .values({ id_hash: 'secret', user_id: user.id, csrf_token: 'c', expires_at: new Date('2030-01-01T00:00:00Z') })
    .execute();
  await db
    .insertInto('settings')
    .values({ key: 'deadline.warning', value: JSON.stringify({ approachingDays: 5, list: [1, 2, { a: '中文' }] }) })
    .execute();
  for (let i = 0; i < 3; i++) {
    await db.transaction().execute(async (trx) => {
      const item = await trx
        .insertInto('work_items')
        .values({
          module: 'petition',
          ref_no: `XF-${i}`,
          title: `反映道路积水${i}`,
          state: 'handling',
          owner_unit_id: 20,
          owner_unit_path: '/10/20/',
          assignee_id: user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('deadlines')
        .values({
          work_item_id: item.id,
          rule_key: 'xf.handle',
          label: '办理期限',
          status: 'running',
          started_at: new Date('2026-11-01T02:03:04.567Z'),
          start_date: '2026-11-01',
          due_date: '2026-12-31',
          missing_years: [2027],
        })
        .execute();
      await appendAudit(
        trx,
        { ...actor, ip: '10.0.0.1' },
        { action: 'item.create', entityType: 'work_item', entityId: item.id, after: { title: `反映道路积水${i}`, tags: ['a', 'b'] } },
      );
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
  let sourceDir: string;
  const dataDirFor = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-backup-'));
    file = path.join(dir, 'b.jsonl.gz');
    sourceDir = dataDirFor('source');
    source = await openDatabase({});
    await migrateToLatest(source.db);
    await fillSource(source.db);
    await fillFiles(source.db, sourceDir);
    target = await openTestDatabase();
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a header with schema version, kind and row counts, without sessions or pg-boss', async () => {
    const result = await writeBackup({ database: source, file, dataDir: sourceDir, actor, now: new Date('2026-11-23T08:00:00Z') });
    // every case and attachment of the county: readable by the operator's account only
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(result.header).toMatchObject({ format: 'anwen-backup', formatVersion: 2, databaseKind: 'pglite', createdAt: '2026-11-23T08:00:00.000Z' });
    const names = result.header.tables.map((t) => t.name);
    expect(names).not.toContain('sessions');
    expect(names).not.toContain('kysely_migration');
    expect(names.indexOf('units')).toBeLessThan(names.indexOf('users'));
    expect(names.indexOf('work_items')).toBeLessThan(names.indexOf('deadlines'));
    // the work-item files (migration 0018) are carried after the items and uploads they point at
    expect(names.indexOf('work_items')).toBeLessThan(names.indexOf('item_attachments'));
    expect(names.indexOf('uploads')).toBeLessThan(names.indexOf('item_attachments'));
    expect(names.indexOf('work_items')).toBeLessThan(names.indexOf('item_documents'));
    expect(names).not.toContain('petition_attachments');
    expect(result.header.tables.find((t) => t.name === 'units')?.rows).toBe(3);
    // the PDF uploaded twice is stored and backed up once; the row without a file is reported
    expect(result.files).toEqual({ count: 2, bytes: PNG.length + PDF.length, missing: [LOST], damaged: [] });
    const lines = backupLines(file);
    expect(JSON.parse(lines.at(-1)!)).toEqual({ end: true, tables: result.header.tables.length, files: 2 });
    const fileLines = lines.filter((l) => l.startsWith('{"file"')).map((l) => JSON.parse(l) as { file: string; size: number; data: string });
    expect(fileLines.map((f) => f.file).sort()).toEqual([sha256Hex(PNG), sha256Hex(PDF)].sort());
    expect(Buffer.from(fileLines.find((f) => f.file === sha256Hex(PDF))!.data, 'base64').equals(PDF)).toBe(true);
  });

  it('restores into an empty target: same rows, the attachment files byte for byte, intact audit chain, working identities', async () => {
    const targetDir = dataDirFor('target');
    const result = await restoreBackup({ database: target, file, dataDir: targetDir, actor });
    expect(result.audit).toMatchObject({ ok: true });
    expect(result.files).toEqual({ count: 2, bytes: PNG.length + PDF.length });
    expect(attachmentsIn(targetDir)).toEqual([sha256Hex(PNG), sha256Hex(PDF)].sort());
    expect(fs.readFileSync(attachmentPath(targetDir, sha256Hex(PDF))).equals(PDF)).toBe(true);
    const png = fs.readFileSync(attachmentPath(targetDir, sha256Hex(PNG)));
    expect(png.equals(PNG)).toBe(true);
    expect((await sniffAllowedType(png)).type).toBe('image/png');
    // every restored upload row finds its file again (except the one that had none)
    const uploads = await target.db.selectFrom('uploads').select(['sha256', 'name']).orderBy('id').execute();
    expect(uploads.map((u) => u.name)).toEqual(['现场.png', '材料.pdf', '同一份材料.pdf', '丢失.png']);
    for (const u of uploads.filter((x) => x.sha256 !== LOST)) expect(fs.existsSync(attachmentPath(targetDir, u.sha256))).toBe(true);
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
    const fresh = await target.db
      .insertInto('units')
      .values({ code: 'N', name: '新单位', kind: 'department', path: '/x/' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(Number(fresh.id)).toBeGreaterThan(30);
  });

  it('writes the backup file 0600 even over an older, world-readable copy', async () => {
    const copy = path.join(dir, 'again.jsonl.gz');
    fs.writeFileSync(copy, 'old', { mode: 0o644 });
    fs.chmodSync(copy, 0o644);
    fs.writeFileSync(`${copy}.partial`, 'left by a crash', { mode: 0o644 });
    fs.chmodSync(`${copy}.partial`, 0o644);
    await writeBackup({ database: source, file: copy, dataDir: sourceDir, actor, now: new Date('2026-11-23T09:00:00Z') });
    expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${copy}.partial`)).toBe(false);
  });

  it('refuses a target that is not empty', async () => {
    await expect(restoreBackup({ database: target, file, dataDir: dataDirFor('target'), actor })).rejects.toMatchObject({ code: 'RESTORE_TARGET_NOT_EMPTY' });
  });

  it('rejects a file that is not a backup, or a truncated one, and leaves the target empty', async () => {
    const empty = await openTestDatabase();
    const emptyDir = dataDirFor('empty');
    try {
      const junk = path.join(dir, 'junk.gz');
      fs.writeFileSync(junk, 'not gzip at all');
      const e1 = await restoreBackup({ database: empty, file: junk, dataDir: emptyDir, actor }).catch((e: unknown) => e);
      expect(e1).toBeInstanceOf(AppError);
      expect(e1).toMatchObject({ code: 'BACKUP_INVALID' });

      const lines = backupLines(file);
      const truncated = path.join(dir, 'truncated.gz');
      writeLines(truncated, lines.slice(0, -3));
      await expect(restoreBackup({ database: empty, file: truncated, dataDir: emptyDir, actor })).rejects.toMatchObject({ code: 'BACKUP_INVALID' });

      const other = path.join(dir, 'other.gz');
      fs.writeFileSync(other, zlib.gzipSync(JSON.stringify({ format: 'something-else' }) + '\n'));
      await expect(restoreBackup({ database: empty, file: other, dataDir: emptyDir, actor })).rejects.toMatchObject({ code: 'BACKUP_INVALID' });

      // a file line lost in the middle: the trailer's count tells
      const lastFile = lines.findLastIndex((l) => l.startsWith('{"file"'));
      const oneFileShort = path.join(dir, 'one-file-short.gz');
      writeLines(
        oneFileShort,
        lines.filter((_, i) => i !== lastFile),
      );
      await expect(restoreBackup({ database: empty, file: oneFileShort, dataDir: emptyDir, actor })).rejects.toMatchObject({
        code: 'BACKUP_INVALID',
        message: expect.stringContaining('附件数 1'),
      });

      expect(await counts(empty.db, ['units', 'users', 'audit_events', 'uploads'])).toEqual({ units: 0, users: 0, audit_events: 0, uploads: 0 });
      expect(attachmentsIn(emptyDir)).toEqual([]);
    } finally {
      await empty.close();
    }
  });

  it('aborts on an attachment whose bytes do not match its SHA-256: no rows, and no file left behind', async () => {
    const empty = await openTestDatabase();
    const emptyDir = dataDirFor('corrupt');
    try {
      const lines = backupLines(file);
      // corrupt the LAST file line, so an earlier good file has already been written when the bad one is met
      const at = lines.findLastIndex((l) => l.startsWith('{"file"'));
      const line = JSON.parse(lines[at]!) as { file: string; size: number; data: string };
      const bytes = Buffer.from(line.data, 'base64');
      const mid = bytes.length >> 1;
      bytes.writeUInt8(bytes.readUInt8(mid) ^ 0xff, mid); // one flipped byte, same size
      const corrupt = path.join(dir, 'corrupt.gz');
      writeLines(
        corrupt,
        lines.map((l, i) => (i === at ? JSON.stringify({ ...line, data: bytes.toString('base64') }) : l)),
      );

      const error = await restoreBackup({ database: empty, file: corrupt, dataDir: emptyDir, actor }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: 'BACKUP_INVALID',
        message: expect.stringContaining(`附件 ${line.file.slice(0, 12)}… 的内容与其 SHA-256 校验值不符`),
      });
      expect(await counts(empty.db, ['units', 'uploads', 'audit_events'])).toEqual({ units: 0, uploads: 0, audit_events: 0 });
      expect(attachmentsIn(emptyDir)).toEqual([]);
    } finally {
      await empty.close();
    }
  });

  it('still restores a version-1 backup (written before attachments were carried)', async () => {
    const empty = await openTestDatabase();
    const emptyDir = dataDirFor('v1');
    try {
      const lines = backupLines(file);
      const header = JSON.parse(lines[0]!) as { tables: unknown[] };
      const v1 = [
        JSON.stringify({ ...header, formatVersion: 1 }),
        ...lines.slice(1, -1).filter((l) => !l.startsWith('{"file"')),
        JSON.stringify({ end: true, tables: header.tables.length }),
      ];
      const old = path.join(dir, 'v1.gz');
      writeLines(old, v1);
      const result = await restoreBackup({ database: empty, file: old, dataDir: emptyDir, actor });
      expect(result.audit).toMatchObject({ ok: true });
      expect(result.files).toEqual({ count: 0, bytes: 0 });
      expect(await counts(empty.db, ['units', 'uploads'])).toEqual({ units: 3, uploads: 4 });
      expect(attachmentsIn(emptyDir)).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
