/**
 * 安全生产 hazard ledger benchmarks (issue 14, "Views and proof"), on PostgreSQL. At ANWEN_BENCH_HAZARDS
 * (default 1M; e.g. ANWEN_BENCH_HAZARDS=100000 for a quick run) bulk hazards:
 *   (a) a filtered ledger page — GET /safety/hazards?townshipUnitId&state&overdue=true, page 1 of 20;
 *   (b) the statistics — GET /stats/hazard for a quarter by township and by grade;
 *   each through the HTTP API (real loopback HTTP) against the very SQL statements that request ran (captured
 *   at the pg driver during one call, session lookups left out) executed raw on their own pool in the same run,
 *   concurrently as far as they are independent — target: API p50 within 2× of raw and under 100 ms;
 *   (c) the Excel export of ≥100k rows (the whole ledger, or one township at 1M): wall time, RSS and heap growth
 *   sampled every 20 ms while the file streams, at ~25k, ~50k and ≥100k rows after a forced GC (node --expose-gc):
 *   bounded = the live heap (after full GCs mid-stream) does not grow with the rows (≥100k growth ≤ 1.5× the ~25k one).
 * ANWEN_BENCH_KEEP_DB=1 keeps the database; ANWEN_BENCH_REUSE_DB=1 (with the same ANWEN_BENCH_SECRET_KEY) measures on it
 * again after migrating it, without loading.
 * The database is `anwen_bench_hazards` on BENCH_PG_URL, created fresh and dropped at the end. When the server
 * is unreachable the benchmark prints a skip line and exits 0.
 * Run: node --expose-gc --import tsx bench/hazard-ledger.ts   → bench/results/hazard-ledger.json
 */
import fs from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/server/core/db/database.ts';
import { HAZARD_EXPORT_MAX_ROWS } from '../src/server/modules/safety/hazards/routes.ts';
import { loginAs } from '../test/support/login.ts';
import { insertBulkHazards } from './support/bulk-hazards.ts';
import { PG_URL, reachable, setUp } from './support/petition-bench.ts';
import { BENCH_TMP, machine, writeResult } from './support/server.ts';
import { measureApiVsSql } from './support/api-vs-sql.ts';

const COUNT = Number(process.env.ANWEN_BENCH_HAZARDS ?? 1_000_000);
/** the bar for the export: "Excel export of 100k rows with bounded memory" */
const EXPORT_MIN = 100_000;
/** ANWEN_BENCH_DB: another name when several runs share one server */
const DB_NAME = process.env.ANWEN_BENCH_DB ?? 'anwen_bench_hazards';
const CALLS = Number(process.env.ANWEN_BENCH_CALLS ?? 20);
const TARGET = { ratio: 2, ms: 100 };
const mib = (b: number) => Math.round((b / 1048576) * 10) / 10;

// ── capture of the statements one API call runs, at the pg driver (Kysely calls client.query(text, values)) ──
const { compare } = measureApiVsSql({ calls: CALLS, target: TARGET, tables: /hazard/ });

async function exportRun(url: string, headers: Record<string, string>) {
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  // the live heap: what the export still holds after a full GC, sampled every 250 ms mid-stream (the peak above also
  // counts garbage not yet collected, which depends on the GC's pace, not on what the export retains)
  let peakLive = before.heapUsed;
  const liveTimer = global.gc
    ? setInterval(() => {
        global.gc!();
        peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
      }, 250)
    : undefined;
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`${url} → ${res.status} ${await res.text()}`);
  let bytes = 0;
  const reader = res.body!.getReader();
  let firstByteMs = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!bytes) firstByteMs = performance.now() - t0;
    bytes += value.byteLength;
  }
  const wallMs = performance.now() - t0;
  clearInterval(timer);
  clearInterval(liveTimer);
  return {
    wallMs: Math.round(wallMs),
    firstByteMs: Math.round(firstByteMs),
    fileMiB: mib(bytes),
    rssBeforeMiB: mib(before.rss),
    rssPeakMiB: mib(peakRss),
    rssGrowthMiB: mib(peakRss - before.rss),
    heapBeforeMiB: mib(before.heapUsed),
    heapPeakMiB: mib(peakHeap),
    heapGrowthMiB: mib(peakHeap - before.heapUsed),
    liveHeapPeakMiB: mib(peakLive),
    liveHeapGrowthMiB: mib(peakLive - before.heapUsed),
  };
}

/** The ledger's one- and two-field filters (township, department, grade, source, state; township × the others) and their row counts. */
async function exportFilters(db: Database['db']): Promise<{ query: string; rows: number }[]> {
  const groups = [
    ['townshipUnitId', 'e.township_unit_id'],
    ['regulatorUnitId', 'e.regulator_unit_id'],
    ['grade', 'hz.grade'],
    ['source', 'hz.source'],
    ['state', 'w.state'],
  ] as const;
  const candidates: { query: string; rows: number }[] = [];
  for (const [param, column] of groups) {
    const rows = await sql<{ v: string | null; n: number }>`SELECT ${sql.ref(column)}::text AS v, count(*)::int AS n
      FROM hazards hz JOIN safety_enterprises e ON e.id = hz.enterprise_id JOIN work_items w ON w.id = hz.id GROUP BY 1`.execute(db);
    for (const r of rows.rows) if (r.v !== null) candidates.push({ query: `?${param}=${encodeURIComponent(r.v)}`, rows: Number(r.n) });
  }
  for (const [param, column] of groups.slice(1)) {
    const rows = await sql<{ t: string; v: string | null; n: number }>`SELECT e.township_unit_id::text AS t, ${sql.ref(column)}::text AS v, count(*)::int AS n
      FROM hazards hz JOIN safety_enterprises e ON e.id = hz.enterprise_id JOIN work_items w ON w.id = hz.id GROUP BY 1, 2`.execute(db);
    for (const r of rows.rows) if (r.v !== null) candidates.push({ query: `?townshipUnitId=${r.t}&${param}=${encodeURIComponent(r.v)}`, rows: Number(r.n) });
  }
  return candidates.filter((c) => c.rows <= HAZARD_EXPORT_MAX_ROWS);
}
/** The filter whose row count is nearest `target` (for the largest, the narrowest one ≥ EXPORT_MIN, or the whole ledger when it fits). */
function nearest(candidates: { query: string; rows: number }[], target: number, total: number): { query: string; rows: number } {
  if (target >= EXPORT_MIN) {
    if (total >= EXPORT_MIN && total <= HAZARD_EXPORT_MAX_ROWS) return { query: '', rows: total };
    const fits = candidates.filter((c) => c.rows >= EXPORT_MIN).sort((x, y) => x.rows - y.rows);
    if (!fits[0]) throw new Error(`没有筛选条件能导出 ${EXPORT_MIN}–${HAZARD_EXPORT_MAX_ROWS} 行（共 ${total} 条隐患）`);
    return fits[0];
  }
  const best = [...candidates].sort((x, y) => Math.abs(x.rows - target) - Math.abs(y.rows - target))[0];
  if (!best) throw new Error(`没有筛选条件能导出约 ${target} 行`);
  return best;
}

async function admin<T>(f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

if (!(await reachable())) {
  console.log(`— hazard-ledger: PostgreSQL ${PG_URL.replace(/:[^:@/]+@/, ':***@')} 不可达，跳过`);
  process.exit(0);
}
fs.mkdirSync(BENCH_TMP, { recursive: true });
// ANWEN_BENCH_REUSE_DB=1: measure on the database a run kept (ANWEN_BENCH_KEEP_DB=1, the same ANWEN_BENCH_SECRET_KEY)
// when it holds ANWEN_BENCH_HAZARDS hazards — migrated to the latest schema, without loading again
const REUSE =
  process.env.ANWEN_BENCH_REUSE_DB === '1' &&
  (await admin(async (c) => (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB_NAME])).rowCount === 1));
if (!REUSE)
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${DB_NAME}`);
  });
const dbUrl = new URL(PG_URL);
dbUrl.pathname = `/${DB_NAME}`;
const database = await openDatabase({ databaseUrl: dbUrl.toString(), poolMax: 20 });
// the raw side runs with the app's own session settings (jit=off, core/db/database.ts): the same statements, the same settings
const rawPool = new pg.Pool({ ...database.connection, connectionString: dbUrl.toString(), max: 20 });
const result: Record<string, unknown> = {
  benchmark: 'hazard-ledger',
  description:
    'issue 14 proof: filtered hazard ledger page and 隐患统计 (by township, by grade) through the HTTP API vs the same SQL raw in the same run; Excel export of ≥100k rows with bounded memory',
  targets: {
    apiVsRaw: `p50 ≤ ${TARGET.ratio}× raw`,
    apiMs: `p50 < ${TARGET.ms}`,
    export: "exports of ~25k, ~50k, ≥100k rows: the ≥100k export's live heap growth (after forced GCs mid-stream) ≤ 1.5× the ~25k one (floor 8 MiB)",
  },
  machine: machine(),
  hazards: COUNT,
};
const explainOut: string[] = [];
try {
  const s = await setUp(database);
  try {
    const db = database.db;
    const county = await db.selectFrom('units').select('id').where('kind', '=', 'county').orderBy('id').executeTakeFirstOrThrow();
    const towns = (await db.selectFrom('units').select('id').where('kind', '=', 'township').orderBy('id').execute()).map((u) => Number(u.id));
    const depts = (await db.selectFrom('units').select('id').where('kind', '=', 'department').orderBy('id').execute()).map((u) => Number(u.id));
    const safety = await loginAs(s.testApp, { roles: ['safety_staff'], unitId: Number(county.id) });
    const h = safety.headers;
    const have = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM hazards`.execute(db)).rows[0]!.n);
    if (REUSE && have !== COUNT) throw new Error(`保留的库有 ${have} 条隐患，不是 ${COUNT} 条`);
    if (REUSE) {
      console.log(`沿用保留的库（${have} 条隐患），已迁移到最新结构`);
      await sql`VACUUM (ANALYZE) hazard_facts`.execute(db);
      result.reusedDatabase = true;
    }
    console.log(`生成 ${COUNT} 条隐患（${towns.length} 个乡镇，${depts.length} 个部门）…`);
    let last = 0;
    const bulk = REUSE
      ? { seconds: 0, enterprises: 0 }
      : await insertBulkHazards({
          db,
          count: COUNT,
          townshipIds: towns,
          departmentIds: depts,
          now: new Date(),
          onProgress: (done) => {
            if (done - last < 100_000 && done !== COUNT) return;
            console.log(`  已生成 ${done} 条`);
            last = done;
          },
        });
    console.log(`  ${COUNT} 条用时 ${bulk.seconds} s（${bulk.enterprises} 家企业）`);
    result.loadSeconds = bulk.seconds;
    result.enterprises = bulk.enterprises;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const quarterAgo = new Date(Date.now() + 8 * 3600_000 - 91 * 86400_000).toISOString().slice(0, 10);
    const town = towns[0]!;
    const api = `${s.url}/api/v1`;
    result.ledgerPage = await compare(
      '台账筛选首页',
      rawPool,
      `${api}/safety/hazards?townshipUnitId=${town}&state=rectifying&overdue=true&page=1&pageSize=20`,
      h,
      explainOut,
    );
    result.ledgerAllFirstPage = await compare('台账全部首页', rawPool, `${api}/safety/hazards?page=1&pageSize=20`, h, explainOut);
    result.statsByTownship = await compare('统计·按乡镇', rawPool, `${api}/stats/hazard?from=${quarterAgo}&to=${today}&groupBy=township`, h, explainOut);
    result.statsByGrade = await compare('统计·按级别', rawPool, `${api}/stats/hazard?from=${quarterAgo}&to=${today}&groupBy=grade`, h, explainOut);
    // the export must cover ≥ EXPORT_MIN rows and stay within the hazard ledger's own cap (HAZARD_EXPORT_MAX_ROWS,
    // explicitly above the 50k MAX_EXPORT_ROWS of other lists): the whole ledger when it fits, else the one-field
    // filter of the ledger's own query (township, department, grade, source, state) that selects the fewest rows ≥ EXPORT_MIN
    // (at 1M one township is only ≈ 97k rows)
    // bounded memory: the export of ~25k, ~50k and ≥100k rows (the ledger's own filters, within its cap), each after a
    // forced GC (run with node --expose-gc); bounded means what the export holds does not grow with the rows: the ≥100k
    // export's live heap growth (full GCs every 250 ms mid-stream) at most 1.5× the ~25k one's (floor 8 MiB, against
    // noise); the peak heap and RSS growth without those GCs are recorded beside it
    const candidates = await exportFilters(db);
    const exports: Record<string, unknown>[] = [];
    for (const target of [25_000, 50_000, EXPORT_MIN]) {
      const pick = nearest(candidates, target, COUNT);
      console.log(`导出 ${pick.rows} 行（${pick.query || '全部'}）…`);
      const exp = await exportRun(`${api}/safety/hazards/export.xlsx${pick.query}`, h);
      exports.push({ target, query: pick.query || '(全部)', rows: pick.rows, ...exp });
      console.log(
        `  导出 ${pick.rows} 行：${exp.wallMs} ms，首字节 ${exp.firstByteMs} ms，文件 ${exp.fileMiB} MiB，RSS 增长 ${exp.rssGrowthMiB} MiB，堆增长 ${exp.heapGrowthMiB} MiB，GC 后存活堆增长 ${exp.liveHeapGrowthMiB} MiB`,
      );
    }
    const small = exports[0] as { heapGrowthMiB: number; rssGrowthMiB: number; liveHeapGrowthMiB: number };
    const large = exports[2] as { heapGrowthMiB: number; rssGrowthMiB: number; liveHeapGrowthMiB: number; rows: number };
    result.export = {
      cap: HAZARD_EXPORT_MAX_ROWS,
      forcedGc: typeof global.gc === 'function',
      runs: exports,
      heapGrowthRatio: Math.round((large.heapGrowthMiB / Math.max(small.heapGrowthMiB, 8)) * 100) / 100,
      rssGrowthRatio: Math.round((large.rssGrowthMiB / Math.max(small.rssGrowthMiB, 8)) * 100) / 100,
      liveHeapGrowthRatio: Math.round((large.liveHeapGrowthMiB / Math.max(small.liveHeapGrowthMiB, 8)) * 100) / 100,
      // bounded: what the export holds (the live heap after a full GC) does not grow with the rows
      pass: large.rows >= EXPORT_MIN && large.liveHeapGrowthMiB <= 1.5 * Math.max(small.liveHeapGrowthMiB, 8),
    };
  } finally {
    await s.testApp.app.close();
  }
} finally {
  await rawPool.end();
  await database.close();
  // ANWEN_BENCH_KEEP_DB=1 keeps the database for EXPLAIN by hand (drop it afterwards)
  if (process.env.ANWEN_BENCH_KEEP_DB !== '1') await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`));
}
const parts = ['ledgerPage', 'statsByTownship', 'statsByGrade'].map((k) => result[k] as { pass: boolean });
result.pass = parts.every((p) => p.pass) && (result.export as { pass: boolean }).pass;
const suffix = process.env.ANWEN_BENCH_RESULT_SUFFIX ?? '';
fs.writeFileSync(writeResult(`hazard-ledger${suffix}`, result).replace(/\.json$/, '-explain.txt'), explainOut.join('\n\n') + '\n');
console.log(`结果：bench/results/hazard-ledger${suffix}.json`);
