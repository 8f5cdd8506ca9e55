/**
 * 矛盾纠纷 register and statistics on PostgreSQL (issue 15, "Every list and statistic on 1M disputes"). At
 * ANWEN_BENCH_DISPUTES (default 1M) disputes bulk-inserted in SQL (generate_series; spread over the townships' villages,
 * the seeded types, the states and 3 years of dates, a running 调结 clock on the open ones):
 *   the register's first page (all; filtered by township, type and state), and the statistics by township and by path,
 *   each through the HTTP API against the very SQL that request ran, raw, in the same run (the harness of
 *   bench/hazard-ledger.ts) — target: API p50 within 2× of raw and under 100 ms.
 * Run: npx tsx bench/disputes.ts → bench/results/disputes.json (+ -explain.txt)
 */
import fs from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/core/db/database.ts';
import { loginAs } from '../test/support/login.ts';
import { PG_URL, reachable, setUp } from './support/petition-bench.ts';
import { BENCH_TMP, machine, writeResult } from './support/server.ts';
import { measureApiVsSql } from './support/api-vs-sql.ts';

const COUNT = Number(process.env.ANWEN_BENCH_DISPUTES ?? 1_000_000);
// ANWEN_BENCH_DB: a database of one's own when several benches share the cluster
const DB_NAME = process.env.ANWEN_BENCH_DB ?? 'anwen_bench_disputes';
const CALLS = Number(process.env.ANWEN_BENCH_CALLS ?? 20);
const TARGET = { ratio: 2, ms: 100 };
const STATES: [string, number][] = [
  ['registered', 0.05],
  ['mediating', 0.15],
  ['agreed', 0.18],
  ['performing', 0.25],
  ['performed', 0.28],
  ['closed', 0.85],
  ['failed', 0.93],
  ['refused', 0.97],
  ['escalated', 1],
];

// ── capture of the statements one API call runs, at the pg driver (Kysely calls client.query(text, values)) ──
const { compare } = measureApiVsSql({ calls: CALLS, target: TARGET, tables: /disputes/ });

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
  console.log(`— disputes: PostgreSQL ${PG_URL.replace(/:[^:@/]+@/, ':***@')} 不可达，跳过`);
  process.exit(0);
}
fs.mkdirSync(BENCH_TMP, { recursive: true });
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
  benchmark: 'disputes',
  description:
    'issue 15 proof: 矛盾纠纷台账 first pages (all; by township, type, state) and 矛盾纠纷统计 (by township, by path) through the HTTP API vs the same SQL raw in the same run',
  targets: { apiVsRaw: `p50 ≤ ${TARGET.ratio}× raw`, apiMs: `p50 < ${TARGET.ms}` },
  machine: machine(),
  disputes: COUNT,
};
const explainOut: string[] = [];
try {
  const s = await setUp(database);
  try {
    const db = database.db;
    const county = await db.selectFrom('units').select('id').where('kind', '=', 'county').orderBy('id').executeTakeFirstOrThrow();
    const towns = (await db.selectFrom('units').select(['id', 'path']).where('kind', 'in', ['township', 'street']).orderBy('id').execute()).map((u) => ({
      id: Number(u.id),
      path: u.path,
    }));
    const wwb = await loginAs(s.testApp, { roles: ['wwb_staff'], unitId: Number(county.id) });
    const h = wwb.headers;
    console.log(`生成 ${COUNT} 件矛盾纠纷（${towns.length} 个乡镇）…`);
    const t0 = performance.now();
    const places = (
      await sql<{ id: number; path: string }>`SELECT id, path FROM units WHERE kind IN ('village', 'community', 'township', 'street') ORDER BY id`.execute(db)
    ).rows;
    const stateNames = STATES.map(([n]) => n);
    const stateCum = STATES.map(([, c]) => c);
    const batch = 100_000;
    for (let done = 0; done < COUNT; done += batch) {
      const n = Math.min(batch, COUNT - done);
      await db.connection().execute(async (conn) => {
        await sql`BEGIN`.execute(conn);
        await sql`CREATE TEMP TABLE bench_d ON COMMIT DROP AS
          SELECT nextval(pg_get_serial_sequence('work_items', 'id')) AS id, g.s AS seq,
                 (${places.map((p) => p.id)}::bigint[])[1 + floor(power(random(), 1.5) * ${places.length})::int] AS place_id,
                 (SELECT array_agg(id ORDER BY id) FROM dispute_types)[1 + floor(random() * (SELECT count(*) FROM dispute_types))::int] AS type_id,
                 (${stateNames}::text[])[(SELECT count(*) + 1 FROM unnest(${stateCum}::float8[]) c WHERE c < g.r)::int] AS state,
                 (array['screening','screening','visit','grid','petition','hotline'])[1 + floor(random() * 6)::int] AS source,
                 (array['people','people','people','people','administrative','judicial'])[1 + floor(random() * 6)::int] AS path,
                 (now() AT TIME ZONE 'Asia/Shanghai')::date - floor(random() * 1095)::int AS found_on
            FROM (SELECT s, random() AS r FROM generate_series(${done + 1}::int, ${done + n}::int) s) g`.execute(conn);
        await sql`INSERT INTO work_items (id, module, ref_no, title, state, open, owner_unit_id, owner_unit_path, created_at, updated_at, last_event_on, received_on)
          SELECT d.id, 'dispute', 'JF-B-' || d.seq, '基准纠纷 #' || d.seq, d.state, d.state NOT IN ('closed','failed','refused','escalated'), d.place_id, u.path,
                 d.found_on::timestamp AT TIME ZONE 'Asia/Shanghai', d.found_on::timestamp AT TIME ZONE 'Asia/Shanghai', d.found_on, d.found_on
            FROM bench_d d JOIN units u ON u.id = d.place_id`.execute(conn);
        await sql`INSERT INTO disputes (id, source, type_id, place_unit_id, facts, people_count, found_on, mediation_kind, accepted_on, agreed_on, outcome, closed_on)
          SELECT d.id, d.source, d.type_id, d.place_id, '基准纠纷情况 ' || d.seq, 1 + d.seq % 9, d.found_on,
                 CASE WHEN d.state NOT IN ('registered','refused') THEN d.path END,
                 CASE WHEN d.state NOT IN ('registered','refused') THEN d.found_on + 1 END,
                 CASE WHEN d.state IN ('agreed','performing','performed','closed') THEN d.found_on + 10 END,
                 CASE d.state WHEN 'closed' THEN 'resolved' WHEN 'failed' THEN 'failed' WHEN 'refused' THEN 'refused' WHEN 'escalated' THEN 'escalated' END,
                 CASE WHEN d.state IN ('closed','failed','refused','escalated') THEN d.found_on + 20 END
            FROM bench_d d`.execute(conn);
        await sql`INSERT INTO deadlines (work_item_id, rule_key, label, status, started_at, start_date, due_date, explanation, computed_at)
          SELECT d.id, 'med.settle', '调结期限', 'running', d.found_on::timestamp AT TIME ZONE 'Asia/Shanghai', d.found_on + 1, d.found_on + 31, 'bench',
                 d.found_on::timestamp AT TIME ZONE 'Asia/Shanghai'
            FROM bench_d d WHERE d.state = 'mediating'`.execute(conn);
        await sql`COMMIT`.execute(conn);
      });
      console.log(`  已生成 ${done + n} 件`);
    }
    await sql`ANALYZE`.execute(db);
    result.loadSeconds = Math.round((performance.now() - t0) / 1000);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() + 8 * 3600_000 - 365 * 86400_000).toISOString().slice(0, 10);
    const town = towns[0]!.id;
    const type = (await db.selectFrom('dispute_types').select('id').where('code', '=', 'land').executeTakeFirstOrThrow()).id;
    const api = `${s.url}/api/v1`;
    result.listFirstPage = await compare('台账全部首页', rawPool, `${api}/disputes?page=1&pageSize=20`, h, explainOut);
    result.listFiltered = await compare(
      '台账筛选首页',
      rawPool,
      `${api}/disputes?townshipUnitId=${town}&typeId=${type}&state=mediating&page=1&pageSize=20`,
      h,
      explainOut,
    );
    result.statsByTownship = await compare('统计·按乡镇', rawPool, `${api}/stats/dispute?from=${yearAgo}&to=${today}&groupBy=township`, h, explainOut);
    result.statsByPath = await compare('统计·按调解途径', rawPool, `${api}/stats/dispute?from=${yearAgo}&to=${today}&groupBy=path`, h, explainOut);
  } finally {
    await s.testApp.app.close();
  }
} finally {
  await rawPool.end();
  await database.close();
  if (process.env.ANWEN_BENCH_KEEP_DB !== '1') await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`));
}
result.pass = ['listFirstPage', 'listFiltered', 'statsByTownship', 'statsByPath'].every((k) => (result[k] as { pass: boolean }).pass);
const suffix = process.env.ANWEN_BENCH_RESULT_SUFFIX ?? '';
fs.writeFileSync(writeResult(`disputes${suffix}`, result).replace(/\.json$/, '-explain.txt'), explainOut.join('\n\n') + '\n');
console.log(`结果：bench/results/disputes${suffix}.json`);
