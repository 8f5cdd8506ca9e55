import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Database } from './database.ts';
import { openTestDatabase } from '../../../../test/support/test-db.ts';

/**
 * Many connections querying at once, outside and inside transactions, must each get their own
 * answer. On embedded PGlite all connections share one session behind pglite-socket; without the
 * worker's sequence rule one connection's Bind could run another's statement (a wrong answer, or
 * "portal does not exist").
 */
describe('concurrent queries on the pool', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('200 parameterised queries at once: every caller gets its own rows', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const { rows } = await database.pool.query<{ n: number; label: string }>('SELECT $1::int AS n, $2::text AS label FROM generate_series(1, $3::int)', [
          i,
          `第${i}号`,
          (i % 7) + 1,
        ]);
        return { i, rows };
      }),
    );
    for (const { i, rows } of results) {
      expect(rows).toHaveLength((i % 7) + 1);
      expect(rows.every((r) => r.n === i && r.label === `第${i}号`)).toBe(true);
    }
  });

  it('transactions and plain queries interleaved: each transaction sees only its own writes until commit', async () => {
    await database.pool.query('CREATE TABLE conc_probe (k int PRIMARY KEY, v text NOT NULL)');
    const tx = async (k: number) => {
      const client: pg.PoolClient = await database.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO conc_probe (k, v) VALUES ($1, $2)', [k, `v${k}`]);
        const mine = await client.query<{ v: string }>('SELECT v FROM conc_probe WHERE k = $1', [k]);
        await client.query(k % 5 === 0 ? 'ROLLBACK' : 'COMMIT');
        return mine.rows[0]?.v;
      } finally {
        client.release();
      }
    };
    const reads = async (i: number) => (await database.pool.query<{ x: number }>('SELECT $1::int * 2 AS x', [i])).rows[0]!.x;
    const jobs = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? tx(i) : reads(i)));
    const out = await Promise.all(jobs);
    out.forEach((v, i) => expect(v).toBe(i % 2 === 0 ? `v${i}` : i * 2));
    const { rows } = await database.pool.query<{ k: number }>('SELECT k FROM conc_probe ORDER BY k');
    expect(rows.map((r) => r.k)).toEqual(Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 2 === 0 && i % 5 !== 0));
  });
});
