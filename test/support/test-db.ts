import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../src/server/core/db/database.ts';
import { migrateToLatest } from '../../src/server/core/db/migrate.ts';

/** Which back end the integration suite runs on in this process. */
export const TEST_BACKEND: 'postgres' | 'pglite' = process.env.ANWEN_TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, migrated, empty database for one test file: an in-memory PGlite, or a new
 * database on the PostgreSQL server named by ANWEN_TEST_DATABASE_URL (dropped on close).
 */
export async function openTestDatabase(): Promise<Database> {
  const serverUrl = process.env.ANWEN_TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({});
    await migrateToLatest(database.db);
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
  await migrateToLatest(database.db);
  const close = database.close;
  database.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  };
  return database;
}
