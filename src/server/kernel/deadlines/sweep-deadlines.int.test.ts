import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../core/db/database.ts';
import { openTestDatabase } from '../../../../test/support/test-db.ts';
import { verifyAuditChain } from '../../core/audit/audit-chain.ts';
import { sweepDeadlines } from './sweep-deadlines.ts';
import { createCatalog } from '../catalog/index.ts';

const NO_MODULES = createCatalog([]);
import { cleanupSessions, vacuumAnalyze } from '../../core/jobs/maintenance.ts';

/** Inserts a work item with one deadline due on `due` (status running unless told). */
async function itemWithDeadline(database: Database, ref: string, due: string, status: 'running' | 'paused' | 'stopped' = 'running', open = true) {
  const item = await database.db
    .insertInto('work_items')
    .values({ module: 'test', ref_no: ref, title: `事项${ref}`, state: 'handling', open, owner_unit_id: 1, owner_unit_path: '/1/' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const d = await database.db
    .insertInto('deadlines')
    .values({
      work_item_id: item.id,
      rule_key: 'xf.handle',
      label: '办理期限',
      status,
      started_at: new Date('2026-09-01T00:00:00Z'),
      start_date: '2026-09-01',
      due_date: due,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(d.id);
}

describe('deadline sweep', () => {
  let database: Database;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db.insertInto('units').values({ id: 1, code: 'T', name: '测试县', kind: 'county', path: '/1/' }).execute();
    // thresholds: 临期 within 3 days, 严重超期 after 30 days overdue (defaults)
    ids.far = await itemWithDeadline(database, 'far', '2026-12-20');
    ids.soon = await itemWithDeadline(database, 'soon', '2026-11-25');
    ids.late = await itemWithDeadline(database, 'late', '2026-11-20');
    ids.ancient = await itemWithDeadline(database, 'ancient', '2026-09-01');
    ids.paused = await itemWithDeadline(database, 'paused', '2026-11-01', 'paused');
    ids.closed = await itemWithDeadline(database, 'closed', '2026-11-01', 'running', false);
  });
  afterAll(() => database?.close());

  const levelsOf = async (deadlineId: number) =>
    (await database.db.selectFrom('notifications').select('level').where('deadline_id', '=', deadlineId).orderBy('id').execute()).map((r) => r.level);

  it('writes one reminder at the level each running deadline has reached', async () => {
    const result = await sweepDeadlines({ db: database.db, modules: NO_MODULES, today: '2026-11-23' });
    expect(result.written).toBe(3);
    expect(await levelsOf(ids.far!)).toEqual([]);
    expect(await levelsOf(ids.soon!)).toEqual(['approaching']);
    expect(await levelsOf(ids.late!)).toEqual(['overdue']);
    expect(await levelsOf(ids.ancient!)).toEqual(['severe']); // only the current level, not all three
    expect(await levelsOf(ids.paused!)).toEqual([]);
    expect(await levelsOf(ids.closed!)).toEqual([]);
    const soon = await database.db.selectFrom('notifications').selectAll().where('deadline_id', '=', ids.soon!).executeTakeFirstOrThrow();
    expect(soon.title).toBe('【临期】事项soon');
    expect(soon.unit_id).toBe(1);
    expect(soon.body).toContain('还剩 2 天');
  });

  it('does not remind twice for the same level (repeated and concurrent sweeps)', async () => {
    await Promise.all([
      sweepDeadlines({ db: database.db, modules: NO_MODULES, today: '2026-11-23' }),
      sweepDeadlines({ db: database.db, modules: NO_MODULES, today: '2026-11-23', batchSize: 1 }),
    ]);
    const count = await database.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
  });

  it('reminds again when a deadline crosses into the next level', async () => {
    const result = await sweepDeadlines({ db: database.db, modules: NO_MODULES, today: '2026-11-27' });
    expect(await levelsOf(ids.soon!)).toEqual(['approaching', 'overdue']);
    expect(await levelsOf(ids.late!)).toEqual(['overdue']);
    expect(result.written).toBe(1);
    await sweepDeadlines({ db: database.db, modules: NO_MODULES, today: '2026-12-21' }); // late is 31 days overdue, far is 1 day overdue
    expect(await levelsOf(ids.late!)).toEqual(['overdue', 'severe']);
    expect(await levelsOf(ids.far!)).toEqual(['overdue']);
  });

  it('audits the reminders it writes, keeping the chain intact', async () => {
    const events = await database.db.selectFrom('audit_events').select(['action', 'after']).where('action', '=', 'deadline.remind').execute();
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });

  it('deletes only expired sessions', async () => {
    const user = await database.db
      .insertInto('users')
      .values({ username: 'u1', display_name: '甲', unit_id: 1, roles: [], password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('sessions')
      .values([
        { id_hash: 'old', user_id: user.id, csrf_token: 'c', expires_at: new Date('2026-11-23T07:00:00Z') },
        { id_hash: 'live', user_id: user.id, csrf_token: 'c', expires_at: new Date('2026-11-23T09:00:00Z') },
      ])
      .execute();
    expect(await cleanupSessions({ db: database.db, now: new Date('2026-11-23T08:00:00Z') })).toBe(1);
    const left = await database.db.selectFrom('sessions').select('id_hash').execute();
    expect(left.map((s) => s.id_hash)).toEqual(['live']);
  });

  it('runs VACUUM (ANALYZE) on this back end and refreshes statistics', async () => {
    await vacuumAnalyze(database.db);
    const stats = await database.db
      .selectFrom('pg_stat_user_tables' as never)
      .select(['last_vacuum' as never, 'last_analyze' as never])
      .where('relname' as never, '=', 'deadlines' as never)
      .executeTakeFirstOrThrow();
    expect(stats).toMatchObject({ last_vacuum: expect.any(Date), last_analyze: expect.any(Date) });
  });
});
