import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';

// A PostgreSQL server can drop idle connections (restart, failover, an administrator); the
// process must log it and keep serving, not die of an unheard 'error' event.
describe.skipIf(!process.env.ANWEN_TEST_DATABASE_URL)('losing idle database connections', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps serving after the server terminates every idle connection of the pool', async () => {
    await Promise.all(Array.from({ length: 4 }, () => t.app.inject({ method: 'GET', url: '/healthz' })));
    const killer = await t.database.pool.connect();
    try {
      const { rows } = await killer.query(
        'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      killer.release();
    }
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/healthz' });
      if (res.statusCode === 200) break;
    }
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(t.database.db)).rows[0]?.one).toBe(1);
  });
});
