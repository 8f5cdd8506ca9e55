/**
 * EXPLAIN ANALYZE of every statement the dashboard's panels run, on the database a dashboard benchmark kept
 * (ANWEN_BENCH_KEEP=1 npx tsx bench/dashboard.ts): migrates it to the latest schema first, then runs each panel as the
 * benchmark's county leader (county-wide) and 分管 leader, capturing the statements, and writes their plans to
 * bench/results/dashboard-explain.txt (appended under ANWEN_BENCH_LABEL).
 * Run: ANWEN_BENCH_LABEL=… npx tsx bench/support/explain-dashboard.ts
 */
import fs from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../../src/server/core/db/database.ts';
import { migrateToLatest } from '../../src/server/core/db/migrate.ts';
import { shanghaiDate } from '../../src/server/core/clock/clock.ts';
import type { Role, SessionUser } from '../../src/server/core/auth/types.ts';
import { createCatalog } from '../../src/server/kernel/catalog/index.ts';
import { MODULES } from '../../src/server/modules/registry.ts';
import {
  dashboardAttention,
  dashboardFigures,
  dashboardItems,
  dashboardTrend,
  dashboardUnits,
  type DashboardContext,
  type DashboardScope,
} from '../../src/server/modules/platform/dashboard/dashboard.ts';
import { PG_URL } from './petition-bench.ts';

const LABEL = process.env.ANWEN_BENCH_LABEL ?? 'dashboard';
const url = new URL(PG_URL);
url.pathname = '/anwen_bench_dashboard';
const captured: { text: string; values: unknown[] }[] = [];
let capturing = false;
const origQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  if (capturing && typeof args[0] === 'string' && Array.isArray(args[1])) captured.push({ text: args[0], values: args[1] as unknown[] });
  return origQuery.apply(this, args);
};

const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 4 });
const out: string[] = [`════════ ${LABEL} — ${new Date().toISOString()} ════════`];
try {
  await migrateToLatest(database.db);
  const db = database.db;
  const modules = createCatalog(MODULES);
  const leaders = await db
    .selectFrom('leaders as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select(['u.id', 'u.username', 'u.unit_id', 'un.path', 'un.name', 'l.oversees_unit_ids'])
    .orderBy('l.id')
    .execute();
  const town = await db.selectFrom('units').select('id').where('kind', '=', 'township').orderBy('id').executeTakeFirstOrThrow();
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  for (const l of leaders) {
    const scope: DashboardScope = l.oversees_unit_ids.length ? 'portfolio' : 'county';
    const user: SessionUser = {
      id: Number(l.id),
      username: l.username,
      displayName: l.username,
      unitId: Number(l.unit_id),
      unitName: l.name,
      unitPath: l.path,
      roles: ['county_leader' as Role],
      mustChangePassword: false,
    };
    const ctx: DashboardContext = { db, modules, user, today: shanghaiDate(new Date()), scope, period: 'month' };
    const panels: [string, () => Promise<unknown>][] = [
      ['figures', () => dashboardFigures(ctx, new Date())],
      ['trend', () => dashboardTrend(ctx, new Date())],
      ['units', () => dashboardUnits(ctx, new Date())],
      ['attention', () => dashboardAttention(ctx, new Date())],
      ['items overdue (township)', () => dashboardItems(ctx, { metric: 'overdue', unitId: Number(town.id), page: 1, pageSize: 20 })],
      ['items new', () => dashboardItems(ctx, { metric: 'new', page: 1, pageSize: 20 })],
    ];
    for (const [name, run] of panels) {
      captured.length = 0;
      capturing = true;
      const t0 = performance.now();
      await run();
      const ms = performance.now() - t0;
      capturing = false;
      const statements = captured.filter((c) => /work_items/.test(c.text));
      out.push(`\n──── ${scope} · ${name} · ${Math.round(ms)} ms in the function (${statements.length} statements on work_items) ────`);
      for (const s of statements) {
        const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.values);
        out.push(s.text.replace(/\s+/g, ' ').slice(0, 600), ...plan.rows.map((r) => r['QUERY PLAN']), '');
      }
    }
  }
  await client.end();
} finally {
  await database.close();
}
const file = new URL('../results/dashboard-explain.txt', import.meta.url);
fs.appendFileSync(file, out.join('\n') + '\n\n');
console.log(out.filter((l) => l.startsWith('────') || /Execution Time/.test(l)).join('\n'));
