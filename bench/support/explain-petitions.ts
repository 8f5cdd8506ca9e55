// EXPLAIN (ANALYZE, BUFFERS) of the overdue list and the stats facts on N bulk petitions (default 100k) in a
// throw-away PostgreSQL database. Run: npx tsx bench/support/explain-petitions.ts > bench/results/petitions-explain-100k.txt
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '../../src/server/core/db/database.ts';
import { migrateToLatest } from '../../src/server/core/db/migrate.ts';
import { ensureLegalClock } from '../../src/server/kernel/deadlines/seed-legal-clock.ts';
import { deriveKeys } from '../../src/server/core/personal-data/index.ts';
import { factsSql } from '../../src/server/modules/petitions/stats/facts-sql.ts';
import { petitionVisibleSql } from '../../src/server/modules/petitions/visibility.ts';
import { insertBulkPetitions } from './bulk-petitions.ts';

const PG = 'postgres://anwen:anwen@127.0.0.1:5432/postgres';
const name = `anwen_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: PG });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
await admin.end();
const u = new URL(PG);
u.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: u.toString(), poolMax: 4 });
try {
  const db = database.db;
  await migrateToLatest(db);
  await ensureLegalClock(db);
  const ids: number[] = [];
  const root = await sql<{ id: number }>`INSERT INTO units(parent_id, code, name, kind, path) VALUES (NULL, 'C', '县', 'county', '') RETURNING id`.execute(db);
  const rid = Number(root.rows[0]!.id);
  await sql`UPDATE units SET path = ${`/${rid}/`} WHERE id = ${rid}`.execute(db);
  for (let i = 0; i < 20; i++) {
    const r = await sql<{
      id: number;
    }>`INSERT INTO units(parent_id, code, name, kind, path) VALUES (${rid}, ${'U' + i}, ${'单位' + i}, 'township', '') RETURNING id`.execute(db);
    const id = Number(r.rows[0]!.id);
    await sql`UPDATE units SET path = ${`/${rid}/${id}/`} WHERE id = ${id}`.execute(db);
    ids.push(id);
  }
  const n = Number(process.env.N ?? 100000);
  await insertBulkPetitions({ db, keys: deriveKeys(randomBytes(32)), count: n, unitIds: ids, now: new Date() });
  const user = { roles: ['xfj_staff'] as never, unitPath: `/${rid}/${ids[0]}/` };
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const from = new Date(Date.now() + 8 * 3600e3 - 91 * 86400e3).toISOString().slice(0, 10);
  const explain = async (label: string, q: { sql: string; parameters: readonly unknown[] }) => {
    const r = await database.pool.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.sql}`, q.parameters as unknown[]);
    console.log(`\n=== ${label} ===\n` + r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  };
  const overdue = sql`exists (select d.id from deadlines d where d.work_item_id = p.id and d.status = 'running' and d.due_date < ${today})`;
  await explain(
    'overdue count',
    sql`select count(*) from petitions p join work_items wi on wi.id = p.id where ${petitionVisibleSql(user)} and ${overdue}`.compile(db),
  );
  await explain(
    'overdue page',
    sql`select p.id, (select min(d.due_date) from deadlines d where d.work_item_id = p.id and d.status = 'running') from petitions p join work_items wi on wi.id = p.id join units pu on pu.id = p.place_unit_id where ${petitionVisibleSql(user)} and ${overdue} order by p.received_at desc, p.id desc limit 20`.compile(
      db,
    ),
  );
  await explain(
    'stats facts (unit)',
    sql`select coalesce(f.unit_key::text, '') as key, count(*), sum(f.persons), count(*) filter (where f.route_status <> 'stopped' and f.route_due < ${today}::date) from ${factsSql({ user: user as never, from, to: today, visibleSql: () => sql`true` })} f group by 1`.compile(
      db,
    ),
  );
  const c = await sql<{ n: number }>`select count(*)::int as n from deadlines where status = 'running' and due_date < ${today}`.execute(db);
  console.log('running overdue deadlines', c.rows[0]!.n);
} finally {
  await database.close();
  const d = new pg.Client({ connectionString: PG });
  await d.connect();
  await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await d.end();
}
