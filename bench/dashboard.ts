/**
 * 领导驾驶舱 benchmark (issue 16: "fast on 1M items per module — each panel < 300 ms on PostgreSQL"). Bulk work items
 * for every registered case module (ANWEN_BENCH_PER_MODULE each, default 1M), spread over the county's townships,
 * villages and departments and over two years of received dates, a third open with a running deadline (a tenth of
 * those overdue), some 交办'd to a township (an active 主办 party), 挂牌 and 积案; then each panel's API —
 * /dashboard/figures, /trend, /units, /attention and the drill-down /dashboard/items (a township's overdue) — is
 * timed through real loopback HTTP as a county leader (county-wide) and as a 分管 leader (portfolio).
 * The database is `anwen_bench_dashboard` on BENCH_PG_URL, created fresh and dropped at the end; when the server is
 * unreachable the benchmark prints a skip line and exits 0.
 * Switches: ANWEN_BENCH_JIT=off runs `ALTER DATABASE … SET jit = off` before the app connects (PostgreSQL's JIT compiles
 * the big aggregate plans for hundreds of ms — this measures its share without touching the application's pool);
 * ANWEN_BENCH_KEEP=1 keeps the database afterwards (for EXPLAIN ANALYZE by hand); ANWEN_BENCH_LABEL names the run.
 * Each run is kept under `runs` in the result file, by label (default `<perModule>-jit-<on|off>`), so the figures of
 * several levers sit side by side.
 * Run: npx tsx bench/dashboard.ts   → bench/results/dashboard.json
 */
import fs from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/core/db/database.ts';
import { MODULES } from '../src/server/modules/registry.ts';
import { loginAs } from '../test/support/login.ts';
import { PG_URL, reachable, setUp } from './support/petition-bench.ts';
import { BENCH_TMP, machine, writeResult } from './support/server.ts';

const PER_MODULE = Number(process.env.ANWEN_BENCH_PER_MODULE ?? 1_000_000);
const DB_NAME = 'anwen_bench_dashboard';
const CALLS = Number(process.env.ANWEN_BENCH_CALLS ?? 15);
const TARGET_MS = 300;
const JIT = process.env.ANWEN_BENCH_JIT === 'off' ? 'off' : 'on';
const KEEP = process.env.ANWEN_BENCH_KEEP === '1';
const LABEL = process.env.ANWEN_BENCH_LABEL ?? `${PER_MODULE}-jit-${JIT}`;
const r1 = (x: number) => Math.round(x * 10) / 10;

const stat = (times: number[]) => {
  const t = [...times].sort((a, b) => a - b);
  return { calls: t.length, p50Ms: r1(t[Math.floor(t.length / 2)]!), p95Ms: r1(t[Math.ceil(t.length * 0.95) - 1]!), maxMs: r1(t[t.length - 1]!) };
};

async function timed(url: string, headers: Record<string, string>) {
  const times: number[] = [];
  let body = '';
  for (let i = 0; i < CALLS + 2; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    body = await res.text();
    if (res.status !== 200) throw new Error(`${url} → ${res.status} ${body}`);
    if (i >= 2) times.push(performance.now() - t0);
  }
  return { ...stat(times), bytes: body.length };
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
  console.log(`— dashboard: PostgreSQL ${PG_URL.replace(/:[^:@/]+@/, ':***@')} 不可达，跳过`);
  process.exit(0);
}
fs.mkdirSync(BENCH_TMP, { recursive: true });
await admin(async (c) => {
  await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${DB_NAME}`);
  if (JIT === 'off') await c.query(`ALTER DATABASE ${DB_NAME} SET jit = off`);
});
const dbUrl = new URL(PG_URL);
dbUrl.pathname = `/${DB_NAME}`;
const database = await openDatabase({ databaseUrl: dbUrl.toString(), poolMax: 20 });
try {
  const now = new Date();
  const setup = await setUp(database);
  const db = database.db;
  const leader = await loginAs(setup.testApp, { roles: ['county_leader'] });
  const portfolioLeader = await loginAs(setup.testApp, { roles: ['county_leader'] });
  const units = await db.selectFrom('units').select(['id', 'path', 'kind']).where('disabled', '=', false).execute();
  const topLevel = units.filter((u) => /^\/\d+\/\d+\/$/.test(u.path));
  const towns = topLevel.filter((u) => u.kind === 'township');
  await db
    .insertInto('leaders')
    .values([
      { name: '县领导甲', title: '县委副书记', unit_id: Number(units[0]!.id), user_id: leader.user.id, portfolio: ['信访'], oversees_unit_ids: [] },
      {
        name: '县领导乙',
        title: '副县长',
        unit_id: Number(units[0]!.id),
        user_id: portfolioLeader.user.id,
        portfolio: ['乡镇'],
        oversees_unit_ids: towns.slice(0, 3).map((t) => Number(t.id)),
      },
    ])
    .execute();
  const leaderId = Number((await db.selectFrom('leaders').select('id').where('user_id', '=', leader.user.id).executeTakeFirstOrThrow()).id);

  // ── bulk data, generated inside PostgreSQL (generate_series) module by module ──
  const kinds = MODULES.filter((m) => m.stats || m.keyFigures).map((m) => m.kind);
  const paths = units.map((u) => u.path);
  const ids = units.map((u) => Number(u.id));
  const townPaths = towns.map((t) => t.path);
  const townIds = towns.map((t) => Number(t.id));
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const t0 = performance.now();
  for (const kind of kinds) {
    const tk = performance.now();
    await sql`
      insert into work_items (module, ref_no, title, state, open, owner_unit_id, owner_unit_path, assignee_id, received_on, created_at, updated_at)
      select ${kind}, ${kind} || '-B-' || g, '压测事项' || g, 'bulk', (g % 3 = 0),
             (${ids}::bigint[])[(1 + (g * 7919) % ${ids.length})::int], (${paths}::text[])[(1 + (g * 7919) % ${paths.length})::int], null,
             ${today}::date - ((g * 104729) % 730)::int, now(), now()
      from generate_series(1::bigint, ${PER_MODULE}::bigint) g`.execute(db);
    console.log(`  ${kind}: ${PER_MODULE} 条 ${Math.round(performance.now() - tk)} ms`);
  }
  // a running deadline on every open item (a tenth overdue), a 主办 township on a quarter of them, 挂牌 and 积案 on a few
  await sql`
    insert into deadlines (work_item_id, rule_key, label, status, started_at, start_date, due_date, explanation)
    select wi.id, 'xf.handle', '办理期限', 'running', now(), wi.received_on,
           case when wi.id % 10 = 0 then ${today}::date - 1 - (wi.id % 30)::int else ${today}::date + (wi.id % 60)::int end, '压测数据'
    from work_items wi where wi.open and wi.state = 'bulk'`.execute(db);
  await sql`
    insert into case_parties (work_item_id, role, unit_id, unit_path, active, assigned_at)
    select wi.id, 'lead', (${townIds}::bigint[])[(1 + wi.id % ${townIds.length})::int], (${townPaths}::text[])[(1 + wi.id % ${townPaths.length})::int], true, now()
    from work_items wi where wi.open and wi.state = 'bulk' and wi.id % 4 = 1`.execute(db);
  await sql`
    insert into case_parties (work_item_id, role, leader_id, active, assigned_at)
    select wi.id, 'leader', ${leaderId}, true, now() from work_items wi where wi.open and wi.state = 'bulk' and wi.id % 5000 = 3`.execute(db);
  await sql`
    insert into supervision_listings (work_item_id, reason, listed_by, listed_at)
    select wi.id, '压测挂牌', ${leader.user.id}, now() from work_items wi where wi.open and wi.state = 'bulk' and wi.id % 500 = 6`.execute(db);
  // VACUUM as autovacuum would on a settled database: the visibility map lets the covering indexes answer alone
  await sql`vacuum analyze`.execute(db);
  const generateMs = Math.round(performance.now() - t0);
  const total = Number((await sql<{ c: number }>`select count(*) as c from work_items`.execute(db)).rows[0]!.c);
  console.log(`  生成 ${total} 条事项，用时 ${Math.round(generateMs / 1000)} 秒`);

  const panels = ['figures', 'trend', 'units', 'attention'];
  const results: Record<string, unknown>[] = [];
  for (const [who, scope, session] of [
    ['县领导（全县）', 'county', leader],
    ['分管领导（分管3个乡镇）', 'portfolio', portfolioLeader],
  ] as const) {
    const qs = `scope=${scope}&period=month`;
    const urls = [
      ...panels.map((p) => `/api/v1/dashboard/${p}?${qs}`),
      `/api/v1/dashboard/items?${qs}&metric=overdue&unitId=${townIds[0]}`,
      `/api/v1/dashboard/items?${qs}&metric=new`,
    ];
    for (const path of urls) {
      const r = await timed(`${setup.url}${path}`, session.headers);
      const pass = r.p50Ms < TARGET_MS;
      console.log(
        `  ${who} ${path.replace(/\?.*/, '')}${path.includes('metric=') ? ` (${/metric=\w+/.exec(path)![0]})` : ''}: p50 ${r.p50Ms} / p95 ${r.p95Ms} ms${pass ? '  ✔' : '  ✘'}`,
      );
      results.push({ who, path, ...r, pass });
    }
  }
  const resultFile = new URL('./results/dashboard.json', import.meta.url);
  const previous = fs.existsSync(resultFile) ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as { runs?: Record<string, unknown> }) : {};
  const run = {
    label: LABEL,
    jit: JIT,
    at: now.toISOString(),
    machine: machine(),
    perModule: PER_MODULE,
    modules: kinds,
    workItems: total,
    generateSeconds: Math.round(generateMs / 1000),
    targetMs: TARGET_MS,
    panels: results,
    pass: results.every((r) => r.pass),
  };
  const out = writeResult('dashboard', { benchmark: 'dashboard', latest: LABEL, runs: { ...(previous.runs ?? {}), [LABEL]: run } });
  console.log(`结果：${out}`);
  await setup.testApp.close();
} finally {
  await database.close();
  if (!KEEP) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`));
}
