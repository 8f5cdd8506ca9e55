/**
 * 信访 benchmarks (issue 3, "Proof"), on PostgreSQL (and the reads also on embedded PGlite):
 *  1. registrations/s: autocannon (50 connections, 10 s, loopback) on POST /api/v1/petitions as an
 *     xfj_staff user, against a bare Fastify route doing one INSERT on the same server, same run.
 *     Target: ≥ 70 % of the bare route, p99 < 50 ms.
 *  2. at BENCH_PETITIONS (default 100k; 1M with BENCH_PETITIONS=1000000) bulk petitions:
 *     GET /petition-stats (3 months, groupBy=unit) < 300 ms; GET /petitions?overdue=true first page
 *     < 20 ms; GET /petitions/repeat-candidates for a repeat person < 50 ms (median, p95 of 20 calls).
 * The database is a fresh `anwen_bench_<random>` on BENCH_PG_URL, dropped at the end. When the
 * server is unreachable the benchmark prints a skip line and exits 0.
 * Run: npx tsx bench/petitions.ts   → bench/results/petitions.json
 */
import autocannonUntyped from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildApp, type App } from '../src/server/app.ts';
import { loadConfig } from '../src/server/core/config.ts';
import { openDatabase, type Database } from '../src/server/core/db/database.ts';
import { migrateToLatest } from '../src/server/core/db/migrate.ts';
import { ensureLegalClock } from '../src/server/core/clock/seed-legal-clock.ts';
import { deriveKeys, type PersonalDataKeys } from '../src/server/core/personal-data/index.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn } from '../test/support/login.ts';
import type { TestApp } from '../test/support/test-app.ts';
import { fakeIdNumber, fakeName, fakePhone, insertBulkPetitions, type BulkResult } from './support/bulk-petitions.ts';
import { BENCH_TMP, freePort, machine, writeResult } from './support/server.ts';

const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://anwen:anwen@127.0.0.1:5432/postgres';
const COUNT = Number(process.env.BENCH_PETITIONS ?? 100_000);
const WITH_PGLITE = process.env.BENCH_PGLITE !== '0';
const TARGET = { ratio: 0.7, p99Ms: 50, statsMs: 300, overdueMs: 20, repeatMs: 50 };

async function reachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
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

interface Setup {
  testApp: TestApp;
  xfj: LoggedIn;
  url: string;
  unitIds: number[];
  categoryId: number;
  placeUnitId: number;
  keys: PersonalDataKeys;
}

/** Migrated database → app listening on loopback, a small county, an xfj_staff session. */
async function setUp(database: Database): Promise<Setup> {
  await migrateToLatest(database.db);
  await ensureLegalClock(database.db);
  const secretKey = randomBytes(32).toString('hex');
  const config = { ...loadConfig({}), secretKey, dataDir: path.join(BENCH_TMP, 'petitions') };
  const keys = deriveKeys(Buffer.from(secretKey, 'hex'));
  const app: App = await buildApp({ database, config, keys, logger: false });
  await app.ready();
  const testApp: TestApp = { app, database, config, close: async () => app.close() };
  const tree = await createUnitTree(testApp);
  const extra = [];
  for (let i = 0; i < 16; i++) extra.push(await insertUnit(testApp, { parentId: tree.county.id, kind: i < 8 ? 'township' : 'department', name: `基准单位${i}` }));
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
interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
}
type CannonResult = Awaited<ReturnType<typeof autocannonUntyped>>;
const autocannon = autocannonUntyped as unknown as (o: { url: string; connections: number; duration: number; requests?: CannonRequest[] }) => PromiseLike<CannonResult>;

const summary = (r: CannonResult) => ({ reqPerSec: Math.round(r.requests.average), total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, errors: r.errors + r.timeouts, non2xx: r.non2xx });

/** (a) bare Fastify + one INSERT, (b) POST /petitions, same database server, same run. */
async function registrations(database: Database, s: Setup) {
  await database.pool.query('CREATE TABLE bench_scratch (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, title text NOT NULL, body jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())');
  const bare = Fastify({ logger: false });
  bare.post('/insert', async (request) => {
    const { rows } = await database.pool.query('INSERT INTO bench_scratch (title, body) VALUES ($1, $2) RETURNING id', [(request.body as { title: string }).title, JSON.stringify(request.body)]);
    return { id: Number(rows[0].id) };
  });
  const barePort = await freePort();
  await bare.listen({ host: '127.0.0.1', port: barePort });
  let seq = 0;
  const payload = () => {
    const n = ++seq + 100_000;
    return JSON.stringify({
      channel: 'letter',
      matterType: 'appeal',
      categoryId: s.categoryId,
      placeUnitId: s.placeUnitId,
      petitioners: [{ name: fakeName(n), idNumber: fakeIdNumber(n * 31), phone: fakePhone(n * 17) }],
      title: `拖欠工资问题 ${n}`,
      content: `某工地拖欠农民工工资，多次讨要未果（第 ${n} 件）。`,
    });
  };
  const run = (url: string, headers: Record<string, string>) =>
    autocannon({ url, connections: 50, duration: 10, requests: [{ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, setupRequest: (req) => ({ ...req, body: payload() }) }] });
  try {
    await run(`http://127.0.0.1:${barePort}/insert`, {}); // warm-up of both: first run pays JIT and pool growth
    const bareResult = summary(await run(`http://127.0.0.1:${barePort}/insert`, {}));
    await autocannon({ url: `${s.url}/api/v1/petitions`, connections: 50, duration: 3, requests: [{ method: 'POST', headers: { 'content-type': 'application/json', ...s.xfj.headers }, setupRequest: (req) => ({ ...req, body: payload() }) }] });
    const appResult = summary(await run(`${s.url}/api/v1/petitions`, s.xfj.headers));
    // diagnostic: one connection. If 50 connections barely beat it, registrations serialize on a lock.
    const single = summary(await autocannon({ url: `${s.url}/api/v1/petitions`, connections: 1, duration: 5, requests: [{ method: 'POST', headers: { 'content-type': 'application/json', ...s.xfj.headers }, setupRequest: (req) => ({ ...req, body: payload() }) }] }));
    const ratio = Math.round((appResult.reqPerSec / bareResult.reqPerSec) * 1000) / 1000;
    return { connections: 50, durationS: 10, bareInsert: bareResult, registerPetition: appResult, registerPetitionOneConnection: single, ratio, pass: ratio >= TARGET.ratio && appResult.p99 < TARGET.p99Ms && appResult.non2xx === 0 && appResult.errors === 0 };
  } finally {
    await bare.close();
  }
}

async function timed(url: string, headers: Record<string, string>, n = 20) {
  const times: number[] = [];
  let body = '';
  for (let i = 0; i < n + 2; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    body = await res.text();
    if (res.status !== 200) throw new Error(`${url} → ${res.status} ${body}`);
    if (i >= 2) times.push(performance.now() - t0); // two warm-up calls
  }
  times.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  const json = JSON.parse(body) as { rows?: unknown[]; items?: unknown[]; total?: number };
  // what came back, so a fast empty answer cannot pass unnoticed
  const returned = { rows: json.rows?.length, items: json.items?.length, total: typeof json.total === 'number' ? json.total : undefined };
  return { calls: n, medianMs: r(times[Math.floor(n / 2)]!), p95Ms: r(times[Math.ceil(n * 0.95) - 1]!), maxMs: r(times[n - 1]!), returned };
}

const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function reads(s: Setup, bulk: BulkResult) {
  const today = new Date();
  const from = shanghaiDay(new Date(today.getTime() - 91 * 86400_000));
  const to = shanghaiDay(today);
  const h = s.xfj.headers;
  const stats = await timed(`${s.url}/api/v1/petition-stats?from=${from}&to=${to}&groupBy=unit`, h);
  const overdue = await timed(`${s.url}/api/v1/petitions?overdue=true&page=1&pageSize=20`, h);
  const person = bulk.repeatIdNumbers[3]!;
  const repeat = await timed(`${s.url}/api/v1/petitions/repeat-candidates?idNumber=${person}&title=${encodeURIComponent('拖欠工资问题')}&content=${encodeURIComponent('某工地拖欠农民工工资，多次讨要未果。')}`, h);
  return {
    stats: { query: `from=${from}&to=${to}&groupBy=unit`, ...stats, targetMs: TARGET.statsMs, pass: stats.medianMs < TARGET.statsMs },
    overdueFirstPage: { query: 'overdue=true&page=1&pageSize=20', ...overdue, targetMs: TARGET.overdueMs, pass: overdue.medianMs < TARGET.overdueMs },
    repeatCandidates: { query: 'idNumber=<a repeat person>&title&content', ...repeat, targetMs: TARGET.repeatMs, pass: repeat.medianMs < TARGET.repeatMs },
  };
}

async function loadBulk(database: Database, s: Setup, count: number) {
  let last = 0;
  const bulk = await insertBulkPetitions({
    db: database.db,
    keys: s.keys,
    count,
    unitIds: s.unitIds,
    now: new Date(),
    onProgress: (done) => {
      if (done - last < 100_000 && done !== count) return;
      console.log(`  已生成 ${done} 件`);
      last = done;
    },
  });
  console.log(`  ${count} 件用时 ${bulk.seconds} s`);
  return bulk;
}

async function onBackend(kind: 'postgres' | 'pglite', database: Database, opts: { registrations: boolean; counts: number[] }) {
  const s = await setUp(database);
  const out: Record<string, unknown> = { backend: kind };
  try {
    if (opts.registrations) {
      console.log(`[${kind}] 登记吞吐（50 连接 × 10 s）…`);
      out.registrations = await registrations(database, s);
      console.log(JSON.stringify(out.registrations));
    }
    let loaded = 0;
    const atSizes: Record<string, unknown> = {};
    for (const count of opts.counts) {
      console.log(`[${kind}] 生成至 ${count} 件…`);
      const bulk = await loadBulk(database, s, count - loaded);
      loaded = count;
      const r = await reads(s, bulk);
      atSizes[String(count)] = { loadSeconds: bulk.seconds, ...r };
      console.log(`[${kind}] ${count}: 统计 ${r.stats.medianMs} ms，超期首页 ${r.overdueFirstPage.medianMs} ms，重复提示 ${r.repeatCandidates.medianMs} ms`);
    }
    out.reads = atSizes;
    return out;
  } finally {
    await s.testApp.app.close();
  }
}

if (!(await reachable())) {
  console.log(`— petitions: PostgreSQL ${PG_URL.replace(/:[^:@/]+@/, ':***@')} 不可达，跳过`);
  process.exit(0);
}
fs.mkdirSync(BENCH_TMP, { recursive: true });
const created = await createDatabase();
const database = await openDatabase({ databaseUrl: created.url, poolMax: 20 });
const result: Record<string, unknown> = {
  benchmark: 'petitions',
  description: 'issue 3 proof: registration throughput vs a bare INSERT route; stats / overdue list / repeat suggestion at bulk sizes',
  targets: { registrationRatio: `>= ${TARGET.ratio}`, registrationP99Ms: `< ${TARGET.p99Ms}`, statsMs: `< ${TARGET.statsMs} (PostgreSQL, 1M)`, overdueFirstPageMs: `< ${TARGET.overdueMs}`, repeatCandidatesMs: `< ${TARGET.repeatMs} (1M)` },
  machine: machine(),
  poolMax: 20,
};
try {
  const counts = COUNT > 100_000 ? [100_000, COUNT] : [COUNT];
  result.postgres = await onBackend('postgres', database, { registrations: process.env.BENCH_SKIP_REGISTRATIONS !== '1', counts });
} finally {
  await database.close();
  await created.drop();
}
{
  // the verdict against issue 3's targets, at the largest size measured on PostgreSQL
  const pgOut = result.postgres as { registrations?: { ratio: number; registerPetition: { p99: number } }; reads: Record<string, Awaited<ReturnType<typeof reads>>> };
  const largest = pgOut.reads[String(Math.max(...Object.keys(pgOut.reads).map(Number)))]!;
  const verdict: Record<string, { value: number; target: string; pass: boolean }> = {
    statsMs: { value: largest.stats.medianMs, target: `< ${TARGET.statsMs}`, pass: largest.stats.pass },
    overdueFirstPageMs: { value: largest.overdueFirstPage.medianMs, target: `< ${TARGET.overdueMs}`, pass: largest.overdueFirstPage.pass },
    repeatCandidatesMs: { value: largest.repeatCandidates.medianMs, target: `< ${TARGET.repeatMs}`, pass: largest.repeatCandidates.pass },
  };
  if (pgOut.registrations) {
    verdict.registrationRatio = { value: pgOut.registrations.ratio, target: `>= ${TARGET.ratio}`, pass: pgOut.registrations.ratio >= TARGET.ratio };
    verdict.registrationP99Ms = { value: pgOut.registrations.registerPetition.p99, target: `< ${TARGET.p99Ms}`, pass: pgOut.registrations.registerPetition.p99 < TARGET.p99Ms };
  }
  result.verdictAtPetitions = Math.max(...Object.keys(pgOut.reads).map(Number));
  result.verdict = verdict;
  result.pass = Object.values(verdict).every((v) => v.pass);
}
if (WITH_PGLITE) {
  const dataDir = fs.mkdtempSync(path.join(BENCH_TMP, 'pglite-'));
  const embedded = await openDatabase({ dataDir });
  try {
    result.pglite = await onBackend('pglite', embedded, { registrations: false, counts: [100_000] });
  } finally {
    await embedded.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log(`结果：${writeResult('petitions', result)}`);
