import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { Database } from '../core/db/database.ts';
import { openTestDatabase } from '../../../test/support/test-db.ts';
import { verifyAuditChain } from '../core/audit/audit-chain.ts';
import { generateBulkItems, loadTitles } from './bulk.ts';

describe('bulk data generator', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db.insertInto('units').values({ id: 1, code: 'C', name: '测试县', kind: 'county', path: '/1/' }).execute();
    await database.db.insertInto('units').values({ id: 2, code: 'T', name: '龙蚕镇', kind: 'township', path: '/1/2/', parent_id: 1 }).execute();
    await database.db.insertInto('units').values({ id: 3, code: 'G', name: '领导小组', kind: 'leading_group', path: '/1/3/', parent_id: 1 }).execute();
  });
  afterAll(() => database?.close());

  it('refuses to run before any unit exists', async () => {
    const empty = await openTestDatabase();
    try {
      await expect(generateBulkItems({ database: empty, count: 10 })).rejects.toThrow('anwen seed');
    } finally {
      await empty.close();
    }
  });

  it('inserts open items with one running deadline each, spread around today, in batches', async () => {
    const now = new Date('2026-11-23T04:00:00Z');
    const result = await generateBulkItems({ database, count: 1234, batchSize: 500, now });
    expect(result.inserted).toBe(1234);
    const items = await database.db.selectFrom('work_items').select(['id', 'owner_unit_id', 'owner_unit_path', 'open', 'title']).execute();
    expect(items).toHaveLength(1234);
    expect(new Set(items.map((i) => Number(i.owner_unit_id)))).toEqual(new Set([1, 2])); // never into a leading group
    expect(items.every((i) => i.open && i.owner_unit_path.startsWith('/1/'))).toBe(true);
    const deadlines = await database.db.selectFrom('deadlines').select(['work_item_id', 'status', 'due_date']).execute();
    expect(deadlines).toHaveLength(1234);
    expect(new Set(deadlines.map((d) => Number(d.work_item_id))).size).toBe(1234);
    expect(deadlines.every((d) => d.status === 'running')).toBe(true);
    const overdue = deadlines.filter((d) => d.due_date! < '2026-11-23').length;
    expect(overdue).toBeGreaterThan(200);
    expect(overdue).toBeLessThan(1000);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 3 }); // one event per batch
    // titles come from the real messages when the shared data folder is present
    const { source, titles } = loadTitles();
    expect(result.titleSource).toBe(source);
    expect(items.every((i) => titles.includes(i.title))).toBe(true);
  });

  it('can run twice without reference-number clashes', async () => {
    const result = await generateBulkItems({ database, count: 10, now: new Date('2026-11-23T05:00:00Z') });
    expect(result.inserted).toBe(10);
  });

  it('falls back to synthetic titles when the data folder is absent', () => {
    const r = loadTitles('/nonexistent-folder');
    expect(r.source).toBe('synthetic');
    expect(r.titles.length).toBeGreaterThan(10);
    if (fs.existsSync('/work/shared/data/tipdm2020c')) expect(loadTitles().source).toBe('tipdm2020c');
  });
});
