import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../src/server/core/db/database.ts';
import { migrateToLatest } from '../../src/server/core/db/migrate.ts';

/** Which back end the integration suite runs on in this process. */
export const TEST_BACKEND: 'postgres' | 'pglite' = process.env.ANWEN_TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, migrated, empty database for one test file: an in-memory PGlite, or a new
 * database on the PostgreSQL server named by ANWEN_TEST_DATABASE_URL (dropped on close).
 * `migrate: false` leaves it without any table (a migration test brings it to its own version).
 */
export async function openTestDatabase(opts: { migrate?: boolean } = {}): Promise<Database> {
  const migrate = opts.migrate ?? true;
  const serverUrl = process.env.ANWEN_TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({});
    if (migrate) await migrateToLatest(database.db);
    return database;
  }
  const name = `anwen_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 10 });
  if (migrate) await migrateToLatest(database.db);
  const close = database.close;
  database.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    // pool.end() resolves before the server has seen every client leave; dropping WITH (FORCE)
    // at once kills those half-closed clients with 57P01 (an uncaught error in the test run)
    for (let i = 0; i < 50; i++) {
      const { rows } = await dropper.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  };
  return database;
}
