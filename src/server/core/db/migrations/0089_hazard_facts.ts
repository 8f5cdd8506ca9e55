import { sql, type Kysely } from 'kysely';

/**
 * hazard_facts: one narrow row per hazard with exactly what 隐患统计 (modules/safety/hazards/stats.ts) groups and
 * counts on, so a quarter's statistics read one index range of this table instead of joining hazards ⋈ work_items ⋈
 * safety_enterprises ⋈ safety_sectors row by row (measured at 1M hazards: ~1.9 s before this table,
 * bench/results/hazard-ledger-1m.json).
 *
 * Kept as petition_facts is (migration 0010): ONE function (hazard_facts_refresh) computes the rows from the source
 * tables; statement-level triggers with transition tables call it for the hazards a statement touched, so every
 * writer (createHazard, the actions, moving an enterprise's hazards, bulk loads, hand-made SQL) keeps it current
 * without knowing it exists. Derived: left out of backups and rebuilt on restore (core/db/derived-tables.ts).
 *
 * Columns (as the statistics read them before this table):
 *  - found_on: the business date the statistics count by; grade, source, due_on, closed_on: hazards' own
 *  - sector_key: the enterprise's 一级 sector (coalesce(parent_id, id) of its sector)
 *  - township_unit_id, regulator_unit_id: the enterprise's current 属地 township and 行业主管部门
 *  - state: the work item's state
 *  - owner_unit_path: what the visibility rule reads besides the id (its parties are read from case_parties by id)
 *  - major, closed, closed_late: generated from the row (重大隐患; 已销号; 销号 after the 整改期限), what the counts test
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE hazard_facts (
      id                bigint PRIMARY KEY REFERENCES hazards(id) ON DELETE CASCADE,
      found_on          date NOT NULL,
      grade             text NOT NULL,
      source            text NOT NULL,
      sector_key        bigint NOT NULL,
      township_unit_id  bigint NOT NULL,
      regulator_unit_id bigint,
      state             text NOT NULL,
      due_on            date NOT NULL,
      closed_on         date,
      owner_unit_path   text NOT NULL,
      -- the counts' predicates, evaluated once per write instead of per row per query (measured at 1M: a quarter's
      -- statistics ~65 → ~46 ms on the shared bench machine)
      major             boolean GENERATED ALWAYS AS (grade = 'major') STORED,
      closed            boolean GENERATED ALWAYS AS (state = 'closed') STORED,
      closed_late       boolean GENERATED ALWAYS AS (state = 'closed' AND coalesce(closed_on > due_on, false)) STORED
    );
    -- the statistics: a range of found_on covering every column the counts, the dimensions and the visibility rule
    -- read, so a quarter is an index-only scan
    CREATE INDEX hazard_facts_found_idx ON hazard_facts(found_on)
      INCLUDE (id, grade, source, sector_key, township_unit_id, regulator_unit_id, state, due_on, closed_on, owner_unit_path, major, closed, closed_late);

    CREATE FUNCTION hazard_facts_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $fn$
      INSERT INTO hazard_facts AS f (id, found_on, grade, source, sector_key, township_unit_id, regulator_unit_id, state, due_on, closed_on, owner_unit_path)
      SELECT h.id, h.found_on, h.grade, h.source, coalesce(s.parent_id, s.id), e.township_unit_id, e.regulator_unit_id, wi.state, h.due_on, h.closed_on,
        wi.owner_unit_path
      FROM (SELECT DISTINCT unnest(ids) AS id) t
      JOIN hazards h ON h.id = t.id
      JOIN work_items wi ON wi.id = h.id
      JOIN safety_enterprises e ON e.id = h.enterprise_id
      JOIN safety_sectors s ON s.id = e.sector_id
      ON CONFLICT (id) DO UPDATE SET found_on = EXCLUDED.found_on, grade = EXCLUDED.grade, source = EXCLUDED.source, sector_key = EXCLUDED.sector_key,
        township_unit_id = EXCLUDED.township_unit_id, regulator_unit_id = EXCLUDED.regulator_unit_id, state = EXCLUDED.state, due_on = EXCLUDED.due_on,
        closed_on = EXCLUDED.closed_on, owner_unit_path = EXCLUDED.owner_unit_path
      -- an unchanged row is not rewritten (work items change often for reasons the facts ignore)
      WHERE (f.found_on, f.grade, f.source, f.sector_key, f.township_unit_id, f.regulator_unit_id, f.state, f.due_on, f.closed_on, f.owner_unit_path)
        IS DISTINCT FROM (EXCLUDED.found_on, EXCLUDED.grade, EXCLUDED.source, EXCLUDED.sector_key, EXCLUDED.township_unit_id, EXCLUDED.regulator_unit_id,
             EXCLUDED.state, EXCLUDED.due_on, EXCLUDED.closed_on, EXCLUDED.owner_unit_path)
    $fn$;

    CREATE FUNCTION hazard_facts_by_id() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM hazard_facts_refresh(ARRAY(SELECT id FROM changed_rows));
      RETURN NULL;
    END $fn$;
    -- an enterprise's township, regulator or sector changed: all its hazards (closed ones too: the statistics group by
    -- the enterprise's current units)
    CREATE FUNCTION hazard_facts_by_enterprise() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM hazard_facts_refresh(ARRAY(SELECT h.id FROM hazards h WHERE h.enterprise_id IN (SELECT id FROM changed_rows)));
      RETURN NULL;
    END $fn$;
    -- a sector moved under another 一级 sector: the hazards of the enterprises in it or under it
    CREATE FUNCTION hazard_facts_by_sector() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM hazard_facts_refresh(ARRAY(
        SELECT h.id FROM hazards h JOIN safety_enterprises e ON e.id = h.enterprise_id JOIN safety_sectors s ON s.id = e.sector_id
        WHERE s.id IN (SELECT id FROM changed_rows) OR s.parent_id IN (SELECT id FROM changed_rows)));
      RETURN NULL;
    END $fn$;

    CREATE TRIGGER hazard_facts_hazards_ins AFTER INSERT ON hazards REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hazard_facts_by_id();
    CREATE TRIGGER hazard_facts_hazards_upd AFTER UPDATE ON hazards REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hazard_facts_by_id();
    CREATE TRIGGER hazard_facts_work_items_upd AFTER UPDATE ON work_items REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hazard_facts_by_id();
    CREATE TRIGGER hazard_facts_enterprises_upd AFTER UPDATE ON safety_enterprises REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hazard_facts_by_enterprise();
    CREATE TRIGGER hazard_facts_sectors_upd AFTER UPDATE ON safety_sectors REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION hazard_facts_by_sector();

    -- hazards recorded before this migration
    SELECT hazard_facts_refresh(ARRAY(SELECT id FROM hazards));
    ANALYZE hazard_facts;
  `.execute(db);
}
