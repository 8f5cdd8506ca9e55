import { sql } from 'kysely';
import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';

/**
 * Benchmark-only routes, mounted only when ANWEN_BENCH_ROUTES=1 (never in a normal start):
 *  GET /bench/heavy  a report-sized GROUP BY over work_items × deadlines (bench/stall.ts)
 *  GET /bench/light  answers without touching the database: measures the event loop alone
 * No auth on purpose, hence the env switch; bench servers listen on 127.0.0.1 only.
 */
export async function benchRoutes(app: App, deps: AppDeps): Promise<void> {
  if (process.env.ANWEN_BENCH_ROUTES !== '1') return;
  app.get('/bench/light', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/bench/heavy', { schema: { hide: true, response: { 200: z.object({ groups: z.number(), ms: z.number() }) } } }, async () => {
    const t0 = performance.now();
    const r = await sql<{ unit: number }>`
        SELECT w.owner_unit_id AS unit, w.module, d.status,
               count(*) AS items,
               count(*) FILTER (WHERE d.due_date < current_date) AS overdue,
               avg(d.due_date - d.start_date) AS avg_days,
               max(length(w.title)) AS longest
        FROM work_items w JOIN deadlines d ON d.work_item_id = w.id
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(deps.database.db);
    return { groups: r.rows.length, ms: Math.round(performance.now() - t0) };
  });
}
