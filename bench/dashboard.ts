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
import { fakeIdNumber, fakeName, fakePhone } from './support/bulk-petitions.ts';

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
  // At 1M per module (6M items) the load runs as a restore does: on its own connection with a larger
  // maintenance_work_mem, the user triggers of the loaded tables off (the derived columns and the 新增 rollup are
  // then rebuilt set-based, one statement each), their secondary indexes and unique constraints dropped and built
  // again after the load (a sort each instead of 6M random inserts into every b-tree), then VACUUM ANALYZE.
  // Tables stay LOGGED: the measured state is the app's own.
  const kinds = MODULES.filter((m) => m.stats || m.keyFigures).map((m) => m.kind);
  const paths = units.map((u) => u.path);
  const ids = units.map((u) => Number(u.id));
  const townPaths = towns.map((t) => t.path);
  const townIds = towns.map((t) => Number(t.id));
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const phases: Record<string, number> = {};
  const load = new pg.Client({ connectionString: dbUrl.toString() });
  await load.connect();
  const q = async (label: string, text: string, values: unknown[] = []) => {
    const t = performance.now();
    const res = await load.query(text, values);
    const ms = Math.round(performance.now() - t);
    phases[label] = (phases[label] ?? 0) + ms;
    console.log(`  ${label}: ${ms} ms`);
    return res;
  };
  await load.query(`set maintenance_work_mem = '${process.env.ANWEN_BENCH_MWM ?? '512MB'}'`);
  const loaded = ['work_items', 'deadlines', 'case_parties', 'supervision_listings'];
  // the secondary indexes and unique constraints of the loaded tables (primary keys stay: ids grow, appends only)
  const dropped = (
    await load.query<{ tbl: string; name: string; def: string; con: string | null }>(
      `select i.tablename as tbl, i.indexname as name, i.indexdef as def,
              (select pg_get_constraintdef(c.oid) from pg_constraint c where c.conindid = x.indexrelid and c.contype = 'u') as con
       from pg_indexes i join pg_class ic on ic.relname = i.indexname join pg_index x on x.indexrelid = ic.oid
       where i.schemaname = 'public' and i.tablename = any($1) and not x.indisprimary`,
      [loaded],
    )
  ).rows;
  for (const d of dropped) await load.query(d.con ? `alter table ${d.tbl} drop constraint ${d.name}` : `drop index ${d.name}`);
  for (const t of loaded) await load.query(`alter table ${t} disable trigger user`);
  const t0 = performance.now();
  // ids given here (the identity is BY DEFAULT), so the derived columns are written with the row, as the triggers
  // would leave them: the handling unit is the 主办 township of the items the parties below name, the running due
  // date is the one of the deadline below; both are checked against the app's own definition after the load
  let base = Number((await load.query<{ m: string }>(`select coalesce(max(id), 0) as m from work_items`)).rows[0]!.m);
  for (const kind of kinds) {
    await q(
      `work_items ${kind}`,
      `insert into work_items (id, module, ref_no, title, state, open, owner_unit_id, owner_unit_path, assignee_id, received_on, created_at, updated_at,
                               handling_unit_path, running_due)
       select id, $1, $1 || '-B-' || g, '压测事项' || g, 'bulk', (g % 3 = 0), oid, opath, null, $4::date - ((g * 104729) % 730)::int, now(), now(),
              case when g % 3 = 0 and id % 4 = 1 then ($5::text[])[(1 + id % $6)::int] else opath end,
              case when g % 3 = 0 then (case when id % 10 = 0 then $4::date - 1 - (id % 30)::int else $4::date + (id % 60)::int end) end
       from (select $7::bigint + g as id, g, ($2::bigint[])[(1 + (g * 7919) % $8)::int] as oid, ($3::text[])[(1 + (g * 7919) % $8)::int] as opath
             from generate_series(1::bigint, $9::bigint) g) s`,
      [kind, ids, paths, today, townPaths, townPaths.length, base, ids.length, PER_MODULE],
    );
    base += PER_MODULE;
  }
  await load.query(`select setval(pg_get_serial_sequence('work_items', 'id'), (select max(id) from work_items))`);
  // a running deadline on every open item (a tenth overdue), a 主办 township on a quarter of them, 挂牌 and 积案 on a few
  await q(
    'deadlines',
    `insert into deadlines (work_item_id, rule_key, label, status, started_at, start_date, due_date, explanation)
     select wi.id, 'xf.handle', '办理期限', 'running', now(), wi.received_on,
            case when wi.id % 10 = 0 then $1::date - 1 - (wi.id % 30)::int else $1::date + (wi.id % 60)::int end, '压测数据'
     from work_items wi where wi.open and wi.state = 'bulk'`,
    [today],
  );
  await q(
    'case_parties lead',
    `insert into case_parties (work_item_id, role, unit_id, unit_path, active, assigned_at)
     select wi.id, 'lead', ($1::bigint[])[(1 + wi.id % $3)::int], ($2::text[])[(1 + wi.id % $3)::int], true, now()
     from work_items wi where wi.open and wi.state = 'bulk' and wi.id % 4 = 1`,
    [townIds, townPaths, townIds.length],
  );
  await q(
    'case_parties leader',
    `insert into case_parties (work_item_id, role, leader_id, active, assigned_at)
     select wi.id, 'leader', $1, true, now() from work_items wi where wi.open and wi.state = 'bulk' and wi.id % 5000 = 3`,
    [leaderId],
  );
  await q(
    'supervision_listings',
    `insert into supervision_listings (work_item_id, reason, listed_by, listed_at)
     select wi.id, '压测挂牌', $1, now() from work_items wi where wi.open and wi.state = 'bulk' and wi.id % 500 = 6`,
    [leader.user.id],
  );
  // the derived data, set-based: the 新增 rollup by its own rebuild; the stored columns checked against the definition
  // their triggers apply (0075: the latest active 主办's path else the owner's; the nearest running due date)
  await q('rebuild dashboard_monthly_new', `select dashboard_monthly_new_rebuild()`);
  // the open-item counter (0097) likewise
  await q('rebuild dashboard_open_counts', `select dashboard_open_counts_rebuild()`);
  const wrong = await q(
    'check derived columns',
    `select count(*) filter (where wi.handling_unit_path is distinct from coalesce(l.unit_path, wi.owner_unit_path)) as handling,
            count(*) filter (where wi.running_due is distinct from d.nd) as due
     from work_items wi
     left join (select distinct on (work_item_id) work_item_id, unit_path from case_parties where active and role = 'lead' order by work_item_id, id desc) l
       on l.work_item_id = wi.id
     left join (select work_item_id, min(due_date) as nd from deadlines where status = 'running' group by 1) d on d.work_item_id = wi.id`,
  );
  const bad = wrong.rows[0] as { handling: string; due: string };
  if (Number(bad.handling) || Number(bad.due)) throw new Error(`derived columns wrong: handling ${bad.handling}, running_due ${bad.due}`);
  for (const d of dropped) await q(`index ${d.name}`, d.con ? `alter table ${d.tbl} add constraint ${d.name} ${d.con}` : d.def);
  for (const t of loaded) await load.query(`alter table ${t} enable trigger user`);
  // VACUUM as autovacuum would on a settled database: the visibility map lets the covering indexes answer alone
  await q('vacuum analyze', `vacuum analyze`);
  await load.end();
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
  // ── the write cost of the dashboard's triggers (0075) on an ordinary write: 信访 registrations (a work item, its
  // running clock), one at a time over loopback, in blocks with the triggers on and off (handling_unit_path's NOT NULL
  // dropped while off; the rows written then are put right before the next block on). The 0075 indexes stay in both.
  const WRITES = Number(process.env.ANWEN_BENCH_WRITES ?? 150);
  const dashTriggers: [string, string][] = [
    ['work_items', 'work_items_handling_ins'],
    ['work_items', 'work_items_handling_upd'],
    ['work_items', 'dashboard_monthly_new_ins'],
    ['work_items', 'dashboard_monthly_new_upd'],
    ['work_items', 'dashboard_monthly_new_del'],
    ['deadlines', 'work_items_running_due_ins'],
    ['deadlines', 'work_items_running_due_upd'],
    ['deadlines', 'work_items_running_due_del'],
    ['case_parties', 'work_items_handling_parties_ins'],
    ['case_parties', 'work_items_handling_parties_upd'],
    ['case_parties', 'work_items_handling_parties_del'],
  ];
  // the open-item counter's (0097): switched with the others, but on again only once the stored columns are put right
  // (it keys on handling_unit_path, null for the rows a block without triggers wrote)
  const counterTriggers = ['dashboard_open_counts_ins', 'dashboard_open_counts_upd', 'dashboard_open_counts_del'];
  let seq = 0;
  const register = async () => {
    const k = ++seq + 500_000;
    const t = performance.now();
    const res = await fetch(`${setup.url}/api/v1/petitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...setup.xfj.headers },
      body: JSON.stringify({
        channel: 'letter',
        matterType: 'appeal',
        categoryId: setup.categoryId,
        placeUnitId: setup.placeUnitId,
        petitioners: [{ name: fakeName(k), idNumber: fakeIdNumber(k * 31), phone: fakePhone(k * 17) }],
        title: `拖欠工资问题 ${k}`,
        content: `某工地拖欠农民工工资，多次讨要未果（第 ${k} 件）。`,
      }),
    });
    const body = await res.text();
    if (res.status >= 300) throw new Error(`register → ${res.status} ${body}`);
    return performance.now() - t;
  };
  const setTriggers = async (on: boolean) => {
    const wc = new pg.Client({ connectionString: dbUrl.toString() });
    await wc.connect();
    try {
      if (!on) await wc.query(`alter table work_items alter column handling_unit_path drop not null`);
      for (const [t, name] of dashTriggers) await wc.query(`alter table ${t} ${on ? 'enable' : 'disable'} trigger ${name}`);
      if (!on) for (const name of counterTriggers) await wc.query(`alter table work_items disable trigger ${name}`);
      if (on) {
        // what the triggers would have written for the rows of the block without them
        await wc.query(`select work_items_handling_refresh(array(select id from work_items where handling_unit_path is null))`);
        await wc.query(`select work_items_running_due_refresh(array(select id from work_items where state <> 'bulk'))`);
        await wc.query(`select dashboard_monthly_new_rebuild()`);
        for (const name of counterTriggers) await wc.query(`alter table work_items enable trigger ${name}`);
        await wc.query(`select dashboard_open_counts_rebuild()`);
        await wc.query(`alter table work_items alter column handling_unit_path set not null`);
      }
    } finally {
      await wc.end();
    }
  };
  const blocks: { triggers: boolean; ms: number[] }[] = [];
  for (let i = 0; i < 10; i++) await register(); // warm-up
  for (const on of [true, false, true, false]) {
    if (blocks.length) await setTriggers(on);
    const ms: number[] = [];
    for (let i = 0; i < WRITES; i++) ms.push(await register());
    blocks.push({ triggers: on, ms });
  }
  await setTriggers(true);
  const writeStat = (on: boolean) => {
    const all = blocks.filter((b) => b.triggers === on).flatMap((b) => b.ms);
    return { ...stat(all), meanMs: r1(all.reduce((a, b) => a + b, 0) / all.length) };
  };
  const withT = writeStat(true);
  const withoutT = writeStat(false);
  const writeCost = {
    what: 'POST /api/v1/petitions（登记一件信访，含事项与办理期限），单连接顺序，触发器开/关交替各两组',
    writesPerBlock: WRITES,
    withTriggers: withT,
    withoutTriggers: withoutT,
    ratioP50: Math.round((withT.p50Ms / withoutT.p50Ms) * 1000) / 1000,
    ratioMean: Math.round((withT.meanMs / withoutT.meanMs) * 1000) / 1000,
  };
  console.log(`  写入代价：触发器开 p50 ${withT.p50Ms} ms / 关 ${withoutT.p50Ms} ms，比值 ${writeCost.ratioP50}`);
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
    loadPhasesMs: phases,
    note: process.env.ANWEN_BENCH_NOTE,
    targetMs: TARGET_MS,
    panels: results,
    writeCost,
    pass: results.every((r) => r.pass),
  };
  const out = writeResult('dashboard', { benchmark: 'dashboard', latest: LABEL, runs: { ...(previous.runs ?? {}), [LABEL]: run } });
  console.log(`结果：${out}`);
  await setup.testApp.close();
} finally {
  await database.close();
  if (!KEEP) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`));
}
