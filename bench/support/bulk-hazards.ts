/**
 * Benchmarks only: inserts N hazards (隐患台账) the way createHazard leaves them — a work item of kind 'hazard'
 * owned by the enterprise's 属地 township, its `hazards` row, the 行业主管部门 as 主办 (lead) and the township as
 * 属地 (territorial) in case_parties, and the 整改期限 clock ('instructed' rule, running while the hazard is open,
 * stopped once closed) — generated server-side (generate_series) in batches, like bench/support/bulk-petitions.ts.
 * First a register of enterprises spread over the townships, the seeded sectors (level 2) and the departments.
 * Distributions (HAZARD_SHAPE) are plausible, not statistics of a real county.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/core/db/schema.ts';

export const HAZARD_SHAPE = {
  enterprises: 5000,
  /** found_on spread uniformly over the last `spanDays` days */
  spanDays: 3 * 365,
  /** hazards found in the last openDays days may be in any state; older ones are closed … */
  openDays: 120,
  /** … but for this share, still open (and so overdue) */
  stuckShare: 0.02,
  majorShare: 0.03,
  /** states of the recent hazards (cumulative odds taken in order) */
  states: [
    ['reported', 0.15],
    ['rectifying', 0.35],
    ['verifying', 0.1],
    ['closed', 0.4],
  ] as [string, number][],
  /** the 整改期限: found_on + 7 … 97 days (major: + 30 … 180) */
  dueDays: [7, 90],
  categories: ['安全管理', '设备设施', '作业环境', '消防安全', '用电安全', '危险化学品', '特种设备', '有限空间'],
  sources: ['self', 'self', 'inspection', 'inspection', 'report', 'supervision'],
};

export interface BulkHazardOptions {
  db: Kysely<DB>;
  count: number;
  townshipIds: number[];
  departmentIds: number[];
  now: Date;
  batch?: number;
  onProgress?: (done: number) => void;
}

export async function insertBulkHazards(opts: BulkHazardOptions): Promise<{ count: number; seconds: number; enterprises: number }> {
  const { db, count, now } = opts;
  const batch = opts.batch ?? 50_000;
  const t0 = performance.now();
  const nowIso = now.toISOString();
  const stateNames = HAZARD_SHAPE.states.map(([s]) => s);
  const stateCum: number[] = [];
  HAZARD_SHAPE.states.reduce((acc, [, p]) => (stateCum.push(acc + p), acc + p), 0);
  let enterprises = 0;
  await db.connection().execute(async (conn) => {
    await sql`CREATE TEMP TABLE IF NOT EXISTS bench_towns (k int PRIMARY KEY, id bigint, path text)`.execute(conn);
    await sql`TRUNCATE bench_towns`.execute(conn);
    await sql`INSERT INTO bench_towns SELECT row_number() over (order by id) - 1, id, path FROM units WHERE id = ANY(${opts.townshipIds}::bigint[])`.execute(
      conn,
    );
    await sql`CREATE TEMP TABLE IF NOT EXISTS bench_depts (k int PRIMARY KEY, id bigint, path text)`.execute(conn);
    await sql`TRUNCATE bench_depts`.execute(conn);
    await sql`INSERT INTO bench_depts SELECT row_number() over (order by id) - 1, id, path FROM units WHERE id = ANY(${opts.departmentIds}::bigint[])`.execute(
      conn,
    );
    // the register: enterprises once (a second load reuses them)
    const existing = await sql<{ n: number }>`SELECT count(*)::int AS n FROM safety_enterprises WHERE name LIKE '基准企业%'`.execute(conn);
    if (Number(existing.rows[0]!.n) === 0) {
      await sql`INSERT INTO safety_enterprises (name, sector_id, township_unit_id, regulator_unit_id, address, risk_grade, employees)
        SELECT '基准企业' || s, sec.id, t.id, CASE WHEN s % 10 = 0 THEN NULL ELSE d.id END, '某镇某村' || (s % 50) || '组',
               (array['red','orange','yellow','blue','blue','blue'])[1 + s % 6], 5 + (s * 37) % 500
          FROM generate_series(1, ${HAZARD_SHAPE.enterprises}::int) s
          JOIN LATERAL (SELECT id FROM safety_sectors WHERE parent_id IS NOT NULL ORDER BY id OFFSET (s * 7919) % (SELECT count(*) FROM safety_sectors WHERE parent_id IS NOT NULL) LIMIT 1) sec ON true
          JOIN bench_towns t ON t.k = s % ${opts.townshipIds.length}
          JOIN bench_depts d ON d.k = (s / 3) % ${opts.departmentIds.length}`.execute(conn);
    }
    await sql`CREATE TEMP TABLE IF NOT EXISTS bench_ents (k int PRIMARY KEY, id bigint, name text, township_id bigint, township_path text, regulator_id bigint, regulator_path text)`.execute(
      conn,
    );
    await sql`TRUNCATE bench_ents`.execute(conn);
    await sql`INSERT INTO bench_ents SELECT row_number() over (order by e.id) - 1, e.id, e.name, e.township_unit_id, t.path, e.regulator_unit_id, r.path
      FROM safety_enterprises e JOIN units t ON t.id = e.township_unit_id LEFT JOIN units r ON r.id = e.regulator_unit_id WHERE e.name LIKE '基准企业%'`.execute(
      conn,
    );
    enterprises = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM bench_ents`.execute(conn)).rows[0]!.n);
    const reporter = await sql<{ id: number }>`SELECT id FROM users ORDER BY id LIMIT 1`.execute(conn);
    const reporterId = reporter.rows[0] ? Number(reporter.rows[0].id) : null;

    const prior = await sql<{ n: number }>`SELECT count(*)::int AS n FROM work_items WHERE ref_no LIKE 'YH-B-%'`.execute(conn);
    const base = Number(prior.rows[0]!.n);
    const [dueMin, dueSpan] = HAZARD_SHAPE.dueDays as [number, number];
    for (let done = 0; done < count; done += batch) {
      const n = Math.min(batch, count - done);
      await sql`BEGIN`.execute(conn);
      // larger enterprises report more: the enterprise drawn by a skewed random (k ~ r²)
      await sql`CREATE TEMP TABLE bench_h ON COMMIT DROP AS
        SELECT nextval(pg_get_serial_sequence('work_items', 'id')) AS id, s AS seq,
               random() AS r_state, random() AS r_stuck, floor(power(random(), 2) * ${enterprises})::int AS ent_k,
               ((${nowIso}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date - floor(random() * ${HAZARD_SHAPE.spanDays})::int) AS found_on,
               random() < ${HAZARD_SHAPE.majorShare}::float8 AS major,
               (${HAZARD_SHAPE.categories}::text[])[1 + floor(random() * ${HAZARD_SHAPE.categories.length})::int] AS category,
               (${HAZARD_SHAPE.sources}::text[])[1 + floor(random() * ${HAZARD_SHAPE.sources.length})::int] AS source,
               random() AS r_due
          FROM generate_series(${base + done + 1}::int, ${base + done + n}::int) s`.execute(conn);
      await sql`ALTER TABLE bench_h ADD COLUMN state text, ADD COLUMN due_on date, ADD COLUMN closed_on date`.execute(conn);
      await sql`UPDATE bench_h SET
          due_on = found_on + CASE WHEN major THEN 30 + floor(r_due * 150)::int ELSE ${dueMin}::int + floor(r_due * ${dueSpan})::int END,
          state = CASE
            WHEN found_on > (${nowIso}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date - ${HAZARD_SHAPE.openDays}::int OR r_stuck < ${HAZARD_SHAPE.stuckShare}::float8
              THEN (${stateNames}::text[])[(SELECT count(*) + 1 FROM unnest(${stateCum}::float8[]) c WHERE c < r_state)::int]
            ELSE 'closed' END`.execute(conn);
      // most are closed on time, some late (逾期销号)
      await sql`UPDATE bench_h SET closed_on = least(found_on + floor((due_on - found_on) * (0.3 + r_stuck * 1.0))::int, (${nowIso}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date)
          WHERE state = 'closed'`.execute(conn);
      await sql`INSERT INTO work_items (id, module, ref_no, title, state, open, owner_unit_id, owner_unit_path, assignee_id, created_at, updated_at, last_event_on, received_on)
        SELECT h.id, 'hazard', 'YH-B-' || h.seq, e.name || '：' || h.category || '方面隐患 #' || h.seq, h.state, h.state <> 'closed', e.township_id, e.township_path,
               ${reporterId}, h.found_on::timestamp AT TIME ZONE 'Asia/Shanghai', h.found_on::timestamp AT TIME ZONE 'Asia/Shanghai',
               coalesce(h.closed_on, h.found_on), h.found_on
          FROM bench_h h JOIN bench_ents e ON e.k = h.ent_k`.execute(conn);
      await sql`INSERT INTO hazards (id, enterprise_id, source, category, grade, description, location, found_on, measures, responsible_name, due_on,
                                     supervision_level, closed_on, rectified_on, verified_on, rectification, reported_by)
        SELECT h.id, e.id, h.source, h.category, CASE WHEN h.major THEN 'major' ELSE 'general' END,
               h.category || '检查发现：' || (array['配电箱未设置漏电保护装置','消防通道堆放杂物','安全出口指示灯损坏','气瓶未设置防倾倒措施','有限空间作业未审批','特种设备超期未检验'])[1 + h.seq % 6] || '，编号' || h.seq,
               (array['生产车间','仓库','配电房','办公区','厂区道路'])[1 + h.seq % 5], h.found_on, '立即整改并复查', '负责人' || (h.seq % 100), h.due_on,
               CASE WHEN h.major THEN (array['county','township','department'])[1 + h.seq % 3] END,
               h.closed_on, CASE WHEN h.state IN ('verifying', 'closed') THEN coalesce(h.closed_on, h.found_on + 5) END, h.closed_on,
               CASE WHEN h.state IN ('verifying', 'closed') THEN '已按整改措施完成整改' END, ${reporterId}
          FROM bench_h h JOIN bench_ents e ON e.k = h.ent_k`.execute(conn);
      await sql`INSERT INTO case_parties (work_item_id, role, unit_id, unit_path, active, assigned_at)
        SELECT h.id, 'lead', e.regulator_id, e.regulator_path, true, h.found_on::timestamp AT TIME ZONE 'Asia/Shanghai'
          FROM bench_h h JOIN bench_ents e ON e.k = h.ent_k WHERE e.regulator_id IS NOT NULL
        UNION ALL
        SELECT h.id, 'territorial', e.township_id, e.township_path, true, h.found_on::timestamp AT TIME ZONE 'Asia/Shanghai'
          FROM bench_h h JOIN bench_ents e ON e.k = h.ent_k`.execute(conn);
      await sql`INSERT INTO deadlines (work_item_id, rule_key, label, status, started_at, start_date, due_date, due_at, explanation, computed_at, stopped_at)
        SELECT h.id, 'instructed', '整改期限', CASE WHEN h.state = 'closed' THEN 'stopped' ELSE 'running' END,
               h.found_on::timestamp AT TIME ZONE 'Asia/Shanghai', h.found_on, h.due_on, NULL, 'bench', h.found_on::timestamp AT TIME ZONE 'Asia/Shanghai',
               CASE WHEN h.state = 'closed' THEN h.closed_on::timestamp AT TIME ZONE 'Asia/Shanghai' END
          FROM bench_h h`.execute(conn);
      await sql`COMMIT`.execute(conn);
      opts.onProgress?.(done + n);
    }
    // hazard_facts (migration 0089) too: its triggers filled it, and its all-visible pages let the statistics scan the index only
    await sql`VACUUM (ANALYZE) work_items, hazards, hazard_facts, case_parties, deadlines, safety_enterprises`.execute(conn);
  });
  return { count, seconds: Math.round((performance.now() - t0) / 100) / 10, enterprises };
}
