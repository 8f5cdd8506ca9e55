import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import { cappedCount } from './capped-count.ts';
import { openTestDatabase } from '../../../../test/support/test-db.ts';

describe('cappedCount: a list total that stops counting past the cap', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await sql`CREATE TABLE cap_probe (k int PRIMARY KEY, even boolean NOT NULL)`.execute(database.db);
    await sql`INSERT INTO cap_probe SELECT g, g % 2 = 0 FROM generate_series(1, 25) g`.execute(database.db);
  });
  afterAll(() => database.close());

  const probe = () => (database.db as unknown as Kysely<{ cap_probe: { k: number; even: boolean } }>).selectFrom('cap_probe');

  it('counts exactly up to the cap, the filter applied', async () => {
    expect(await cappedCount(database.db, probe(), 25)).toEqual({ total: 25, totalCapped: false });
    expect(await cappedCount(database.db, probe().where('even', '=', true), 12)).toEqual({ total: 12, totalCapped: false });
    expect(await cappedCount(database.db, probe().where('k', '>', 100), 10)).toEqual({ total: 0, totalCapped: false });
  });

  it('past the cap: the cap, marked as capped', async () => {
    expect(await cappedCount(database.db, probe(), 24)).toEqual({ total: 24, totalCapped: true });
    expect(await cappedCount(database.db, probe().where('even', '=', false), 5)).toEqual({ total: 5, totalCapped: true });
  });
});
