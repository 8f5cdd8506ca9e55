import { sql, type Kysely } from 'kysely';

/**
 * The hazard ledger (隐患台账) reads its filters and its count from hazard_facts (migration 0089) and joins the source
 * tables only for the page's rows, as the dispute register does over dispute_facts (0090). Measured at 1M hazards
 * (bench/results/hazard-ledger-1m.json): the filtered page by township, state and 逾期 was ~160 ms joined row by row.
 *
 * Added here:
 *  - enterprise_id, sector_id: the ledger's 企业 filter and its 行业 filter (an enterprise's own sector or any sector
 *    under the one chosen, which sector_key — the 一级 sector — alone cannot say for a 二级 sector)
 *  - indexes in the ledger's order (found_on desc, id desc) for its filters by township (and state), state, regulator
 *    and enterprise, each carrying what the other filters, the 逾期 condition (closed_on, due_on) and the visibility
 *    rule (owner_unit_path) read, so a page and its count are one index range; the statistics' found_on index now
 *    orders by id too (the unfiltered page, newest first, walks it backwards)
 * hazard_facts_refresh (the one function the triggers and a restore call) writes the new columns.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE hazard_facts ADD COLUMN enterprise_id bigint, ADD COLUMN sector_id bigint;

    CREATE OR REPLACE FUNCTION hazard_facts_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $fn$
      INSERT INTO hazard_facts AS f (id, found_on, grade, source, sector_key, township_unit_id, regulator_unit_id, state, due_on, closed_on, owner_unit_path,
        enterprise_id, sector_id)
      SELECT h.id, h.found_on, h.grade, h.source, coalesce(s.parent_id, s.id), e.township_unit_id, e.regulator_unit_id, wi.state, h.due_on, h.closed_on,
        wi.owner_unit_path, h.enterprise_id, e.sector_id
      FROM (SELECT DISTINCT unnest(ids) AS id) t
      JOIN hazards h ON h.id = t.id
      JOIN work_items wi ON wi.id = h.id
      JOIN safety_enterprises e ON e.id = h.enterprise_id
      JOIN safety_sectors s ON s.id = e.sector_id
      ON CONFLICT (id) DO UPDATE SET found_on = EXCLUDED.found_on, grade = EXCLUDED.grade, source = EXCLUDED.source, sector_key = EXCLUDED.sector_key,
        township_unit_id = EXCLUDED.township_unit_id, regulator_unit_id = EXCLUDED.regulator_unit_id, state = EXCLUDED.state, due_on = EXCLUDED.due_on,
        closed_on = EXCLUDED.closed_on, owner_unit_path = EXCLUDED.owner_unit_path, enterprise_id = EXCLUDED.enterprise_id, sector_id = EXCLUDED.sector_id
      -- an unchanged row is not rewritten (work items change often for reasons the facts ignore)
      WHERE (f.found_on, f.grade, f.source, f.sector_key, f.township_unit_id, f.regulator_unit_id, f.state, f.due_on, f.closed_on, f.owner_unit_path,
             f.enterprise_id, f.sector_id)
        IS DISTINCT FROM (EXCLUDED.found_on, EXCLUDED.grade, EXCLUDED.source, EXCLUDED.sector_key, EXCLUDED.township_unit_id, EXCLUDED.regulator_unit_id,
             EXCLUDED.state, EXCLUDED.due_on, EXCLUDED.closed_on, EXCLUDED.owner_unit_path, EXCLUDED.enterprise_id, EXCLUDED.sector_id)
    $fn$;

    UPDATE hazard_facts f SET enterprise_id = h.enterprise_id, sector_id = e.sector_id
      FROM hazards h JOIN safety_enterprises e ON e.id = h.enterprise_id WHERE h.id = f.id;
    ALTER TABLE hazard_facts ALTER COLUMN enterprise_id SET NOT NULL, ALTER COLUMN sector_id SET NOT NULL;

    DROP INDEX hazard_facts_found_idx;
    CREATE INDEX hazard_facts_found_idx ON hazard_facts (found_on, id)
      INCLUDE (grade, source, sector_key, township_unit_id, regulator_unit_id, state, due_on, closed_on, owner_unit_path, major, closed, closed_late);
    CREATE INDEX hazard_facts_township_idx ON hazard_facts (township_unit_id, found_on DESC, id DESC)
      INCLUDE (state, grade, source, due_on, closed_on, owner_unit_path);
    CREATE INDEX hazard_facts_township_state_idx ON hazard_facts (township_unit_id, state, found_on DESC, id DESC)
      INCLUDE (grade, source, due_on, closed_on, owner_unit_path);
    CREATE INDEX hazard_facts_state_idx ON hazard_facts (state, found_on DESC, id DESC)
      INCLUDE (township_unit_id, regulator_unit_id, grade, source, due_on, closed_on, owner_unit_path);
    CREATE INDEX hazard_facts_regulator_idx ON hazard_facts (regulator_unit_id, found_on DESC, id DESC)
      INCLUDE (state, grade, source, due_on, closed_on, owner_unit_path);
    CREATE INDEX hazard_facts_enterprise_idx ON hazard_facts (enterprise_id, found_on DESC, id DESC);
    ANALYZE hazard_facts;
  `.execute(db);
}
