import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import { openTestDatabase } from '../../../../test/support/test-db.ts';
import type { Database } from './database.ts';
import { MIGRATIONS, migrateToLatest } from './migrate.ts';

/** Migration 0018 on a database that already holds 信访 attachments and documents (both back ends). */
describe('migration 0018: petition_attachments / petition_documents become item_attachments / item_documents', () => {
  let database: Database;
  const now = new Date('2026-08-05T02:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase({ migrate: false });
    const { error } = await new Migrator({ db: database.db, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo('0016_facts_whole_cases');
    if (error) throw error;
    const db = database.db;
    await sql`INSERT INTO units(id, parent_id, code, name, kind, path) VALUES (1, NULL, 'C', '青山县', 'county', '/1/')`.execute(db);
    await sql`INSERT INTO work_items(id, module, ref_no, title, state, owner_unit_id, owner_unit_path) VALUES (7, 'petition', '510101-2026-000007', '拖欠工资', 'registered', 1, '/1/')`.execute(
      db,
    );
    const cat = await sql<{ id: number }>`SELECT id FROM petition_categories WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1`.execute(db);
    await sql`INSERT INTO petitions(id, case_no, stage, channel, matter_type, category_id, place_unit_id, title, content, urgency, received_at, query_code_hash)
              VALUES (7, '510101-2026-000007', 'initial', 'letter', 'appeal', ${cat.rows[0]!.id}, 1, '拖欠工资', '拖欠工资', 'normal', ${now}, 'x')`.execute(
      db,
    );
    await sql`INSERT INTO uploads(id, token_hash, sha256, size, type, name, uploaded_at, expires_at, claimed_at)
              VALUES (3, 'h', ${'a'.repeat(64)}, 10, 'image/png', '工资条.png', ${now}, ${now}, ${now})`.execute(db);
    await sql`INSERT INTO petition_attachments(id, petition_id, upload_id, created_at) VALUES (5, 7, 3, ${now})`.execute(db);
    await sql`INSERT INTO petition_documents(id, petition_id, kind, number, file_name, created_at, sha256, size, bytes)
              VALUES (9, 7, 'accept_notice', '青信〔2026〕1号', '受理告知书.docx', ${now}, ${'b'.repeat(64)}, 3, ${Buffer.from('doc')})`.execute(db);
    await migrateToLatest(db);
  });
  afterAll(() => database.close());

  it('keeps every row and id, keyed by work_item_id', async () => {
    const db = database.db;
    expect(await db.selectFrom('item_attachments').select(['id', 'work_item_id', 'upload_id']).execute()).toEqual([{ id: 5, work_item_id: 7, upload_id: 3 }]);
    const doc = await db.selectFrom('item_documents').select(['id', 'work_item_id', 'number', 'bytes']).executeTakeFirstOrThrow();
    expect({ ...doc, bytes: Buffer.from(doc.bytes).toString() }).toEqual({ id: 9, work_item_id: 7, number: '青信〔2026〕1号', bytes: 'doc' });
    const old = await sql<{
      t: string | null;
    }>`SELECT to_regclass('petition_attachments')::text AS t UNION ALL SELECT to_regclass('petition_documents')::text`.execute(db);
    expect(old.rows.map((r) => r.t)).toEqual([null, null]);
  });

  it('points the item key at work_items (any module) and keeps the identities counting', async () => {
    const db = database.db;
    await sql`INSERT INTO work_items(id, module, ref_no, title, state, owner_unit_id, owner_unit_path) VALUES (8, 'hazard', 'YH-1', '消防通道堵塞', 'open', 1, '/1/')`.execute(
      db,
    );
    await sql`INSERT INTO uploads(id, token_hash, sha256, size, type, name, uploaded_at, expires_at) VALUES (4, 'h2', ${'c'.repeat(64)}, 10, 'image/png', '现场.png', ${now}, ${now})`.execute(
      db,
    );
    const a = await db.insertInto('item_attachments').values({ work_item_id: 8, upload_id: 4, created_at: now }).returning('id').executeTakeFirstOrThrow();
    expect(Number(a.id)).toBeGreaterThan(0);
    await expect(db.insertInto('item_attachments').values({ work_item_id: 999, upload_id: 4, created_at: now }).execute()).rejects.toThrow();
    const fks = await sql<{ table: string; parent: string }>`
      SELECT ch.relname AS table, pa.relname AS parent FROM pg_constraint c
      JOIN pg_class ch ON ch.oid = c.conrelid JOIN pg_class pa ON pa.oid = c.confrelid
      WHERE c.contype = 'f' AND ch.relname IN ('item_attachments', 'item_documents') ORDER BY 1, 2`.execute(db);
    expect(fks.rows).toEqual([
      { table: 'item_attachments', parent: 'uploads' },
      { table: 'item_attachments', parent: 'work_items' },
      { table: 'item_documents', parent: 'users' },
      { table: 'item_documents', parent: 'work_items' },
    ]);
    const seqs = await sql<{
      s: string;
    }>`SELECT pg_get_serial_sequence('item_attachments', 'id') AS s UNION ALL SELECT pg_get_serial_sequence('item_documents', 'id')`.execute(db);
    expect(seqs.rows.map((r) => r.s)).toEqual(['public.item_attachments_id_seq', 'public.item_documents_id_seq']);
  });
});
