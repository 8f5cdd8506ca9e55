/**
 * 信访 read benchmarks (issue 3, "Proof"), on PostgreSQL and embedded PGlite (registration throughput:
 * bench/petition-registrations.ts). At BENCH_PETITIONS (default 100k; 1M with BENCH_PETITIONS=1000000) bulk petitions:
 *     GET /stats/petition (3 months, groupBy=unit) < 300 ms; GET /petitions?overdue=true first page
 *     < 20 ms; GET /petitions/repeat-candidates for a repeat person < 50 ms (median, p95 of 20 calls).
 * The database is a fresh `anwen_bench_<random>` on BENCH_PG_URL, dropped at the end. When the
 * server is unreachable the benchmark prints a skip line and exits 0.
 * Run: npx tsx bench/petitions.ts   → bench/results/petitions.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database } from '../src/server/core/db/database.ts';
import { insertBulkPetitions, type BulkResult } from './support/bulk-petitions.ts';
import { createDatabase, PG_URL, reachable, setUp, type Setup } from './support/petition-bench.ts';
import { BENCH_TMP, machine, writeResult } from './support/server.ts';

const COUNT = Number(process.env.BENCH_PETITIONS ?? 100_000);
const WITH_PGLITE = process.env.BENCH_PGLITE !== '0';
/** the embedded database's sizes (default 100k); BENCH_PGLITE_ONLY=1 skips PostgreSQL and writes petitions-pglite.json */
const PGLITE_COUNT = Number(process.env.BENCH_PGLITE_PETITIONS ?? 100_000);
const PGLITE_ONLY = process.env.BENCH_PGLITE_ONLY === '1';
const TARGET = { statsMs: 300, overdueMs: 20, repeatMs: 50 };

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
  const stats = await timed(`${s.url}/api/v1/stats/petition?from=${from}&to=${to}&groupBy=unit`, h);
  const overdue = await timed(`${s.url}/api/v1/petitions?overdue=true&page=1&pageSize=20`, h);
  const person = bulk.repeatIdNumbers[3]!;
  const repeat = await timed(
    `${s.url}/api/v1/petitions/repeat-candidates?idNumber=${person}&title=${encodeURIComponent('拖欠工资问题')}&content=${encodeURIComponent('某工地拖欠农民工工资，多次讨要未果。')}`,
    h,
  );
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

async function onBackend(kind: 'postgres' | 'pglite', database: Database, opts: { counts: number[] }) {
  const s = await setUp(database);
  const out: Record<string, unknown> = { backend: kind };
  try {
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

if (!PGLITE_ONLY && !(await reachable())) {
  console.log(`— petitions: PostgreSQL ${PG_URL.replace(/:[^:@/]+@/, ':***@')} 不可达，跳过`);
  process.exit(0);
}
fs.mkdirSync(BENCH_TMP, { recursive: true });
const result: Record<string, unknown> = {
  benchmark: 'petitions',
  description: 'issue 3 proof: registration throughput vs a bare INSERT route; stats / overdue list / repeat suggestion at bulk sizes',
  targets: { statsMs: `< ${TARGET.statsMs} (PostgreSQL, 1M)`, overdueFirstPageMs: `< ${TARGET.overdueMs}`, repeatCandidatesMs: `< ${TARGET.repeatMs} (1M)` },
  machine: machine(),
  poolMax: 20,
};
if (!PGLITE_ONLY) {
  const created = await createDatabase();
  const database = await openDatabase({ databaseUrl: created.url, poolMax: 20 });
  try {
    const counts = COUNT > 100_000 ? [100_000, COUNT] : [COUNT];
    result.postgres = await onBackend('postgres', database, { counts });
  } finally {
    await database.close();
    await created.drop();
  }
}
if (!PGLITE_ONLY) {
  // the verdict against issue 3's targets, at the largest size measured on PostgreSQL
  const pgOut = result.postgres as { reads: Record<string, Awaited<ReturnType<typeof reads>>> };
  const largest = pgOut.reads[String(Math.max(...Object.keys(pgOut.reads).map(Number)))]!;
  const verdict: Record<string, { value: number; target: string; pass: boolean }> = {
    statsMs: { value: largest.stats.medianMs, target: `< ${TARGET.statsMs}`, pass: largest.stats.pass },
    overdueFirstPageMs: { value: largest.overdueFirstPage.medianMs, target: `< ${TARGET.overdueMs}`, pass: largest.overdueFirstPage.pass },
    repeatCandidatesMs: { value: largest.repeatCandidates.medianMs, target: `< ${TARGET.repeatMs}`, pass: largest.repeatCandidates.pass },
  };
  result.verdictAtPetitions = Math.max(...Object.keys(pgOut.reads).map(Number));
  result.verdict = verdict;
  result.pass = Object.values(verdict).every((v) => v.pass);
}
if (WITH_PGLITE) {
  const dataDir = fs.mkdtempSync(path.join(BENCH_TMP, 'pglite-'));
  const embedded = await openDatabase({ dataDir });
  try {
    result.pglite = await onBackend('pglite', embedded, { counts: PGLITE_COUNT > 100_000 ? [100_000, PGLITE_COUNT] : [PGLITE_COUNT] });
  } finally {
    await embedded.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log(`结果：${writeResult(PGLITE_ONLY ? 'petitions-pglite' : 'petitions', result)}`);
