/** Shared by the 信访 benchmarks: a throwaway PostgreSQL database, an app on loopback with a small county, autocannon typing. */
import autocannonUntyped from 'autocannon';
import pg from 'pg';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildApp, type App } from '../../src/server/app.ts';
import { loadConfig, type AppConfig } from '../../src/server/core/config.ts';
import type { Database } from '../../src/server/core/db/database.ts';
import { migrateToLatest } from '../../src/server/core/db/migrate.ts';
import { ensureLegalClock } from '../../src/server/kernel/deadlines/seed-legal-clock.ts';
import { deriveKeys, type PersonalDataKeys } from '../../src/server/core/personal-data/index.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn } from '../../test/support/login.ts';
import type { TestApp } from '../../test/support/test-app.ts';
import { BENCH_TMP, freePort } from './server.ts';

export const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://anwen:anwen@127.0.0.1:5432/postgres';

export async function reachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `anwen_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface Setup {
  testApp: TestApp;
  xfj: LoggedIn;
  url: string;
  unitIds: number[];
  categoryId: number;
  placeUnitId: number;
  keys: PersonalDataKeys;
}

/** Migrated database → app listening on loopback, a small county, an xfj_staff session. */
export async function setUp(database: Database, overrides: Partial<AppConfig> = {}): Promise<Setup> {
  await migrateToLatest(database.db);
  await ensureLegalClock(database.db);
  // ANWEN_BENCH_SECRET_KEY (64 hex): a fixed key, so a database kept by one run (ANWEN_BENCH_KEEP_DB) can be read by the next
  const secretKey = process.env.ANWEN_BENCH_SECRET_KEY ?? randomBytes(32).toString('hex');
  const config = { ...loadConfig({}), secretKey, dataDir: path.join(BENCH_TMP, 'petitions'), ...overrides };
  const keys = deriveKeys(Buffer.from(secretKey, 'hex'));
  const app: App = await buildApp({ database, config, keys, logger: false });
  await app.ready();
  const testApp: TestApp = { app, database, config, close: async () => app.close() };
  const tree = await createUnitTree(testApp);
  const extra = [];
  for (let i = 0; i < 16; i++)
    extra.push(await insertUnit(testApp, { parentId: tree.county.id, kind: i < 8 ? 'township' : 'department', name: `基准单位${i}` }));
  const xfj = await loginAs(testApp, { roles: ['xfj_staff'], unitId: tree.department.id });
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  const cat = await database.db.selectFrom('petition_categories').select('id').where('parent_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
  return {
    testApp,
    xfj,
    url: `http://127.0.0.1:${port}`,
    unitIds: [tree.department.id, ...tree.townships.map((t) => t.id), ...extra.map((u) => u.id)],
    categoryId: Number(cat.id),
    placeUnitId: tree.townships[0].id,
    keys,
  };
}

/** autocannon 9's per-request hooks (bench/support/autocannon.d.ts types only the plain options). */
export interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
}
export type CannonResult = Awaited<ReturnType<typeof autocannonUntyped>>;
export const autocannon = autocannonUntyped as unknown as (o: {
  url: string;
  connections: number;
  duration: number;
  requests?: CannonRequest[];
}) => PromiseLike<CannonResult>;

export const summary = (r: CannonResult) => ({
  reqPerSec: Math.round(r.requests.average),
  total: r.requests.total,
  p50: r.latency.p50,
  p99: r.latency.p99,
  max: r.latency.max,
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
});
