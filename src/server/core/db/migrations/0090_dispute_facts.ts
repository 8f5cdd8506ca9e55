import { sql, type Kysely } from 'kysely';

/**
 * dispute_facts (issue 15): one narrow row per 矛盾纠纷 with what the 矛盾纠纷统计 groups and counts on and what the
 * register's filters read, so neither joins disputes ⋈ work_items ⋈ units ⋈ deadlines row by row at 1M disputes
 * (measured before: statistics by township / by path 6–9 s, the register filtered by township + type + state 0.74 s,
 * bench/results/disputes-1m-before.json).
 *
 * Every column is a copy or a derivation of the source rows, computed by ONE function (dispute_facts_refresh) — never
 * written by application code. Statement-level triggers with transition tables keep it: a bulk INSERT … SELECT of
 * 100,000 disputes refreshes its facts in one set-based statement; a single-row write upserts one row.
 *
 *  - place_path: the place's unit path — the register's 乡镇（街道） filter is "placed under that unit", as before
 *  - township_id: the township (or street) the place lies in — the deepest unit of that kind on the place's path, as
 *    modules/disputes/township.ts defines it (the candidates are the ids on the path, so a refresh probes units by id)
 *  - path / level / outcome / state / open: disputes.mediation_kind / resolved_level / outcome, work_items.state / open
 *  - settle_due: the earliest due date of the item's 调结 clocks (rule med.settle) — 按期调结 is agreed_on ≤ settle_due
 *  - running_due: the nearest due date of its running clocks other than med.confirm.apply — the register's 逾期 filter
 *    is running_due < today on an open item
 *  - id, owner_unit_path: what the module's one visibility rule (the kernel scope, disputes/visibility.ts) reads; its
 *    case_parties half is read live, so a party added or withdrawn counts at once
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE dispute_facts (
      id                 bigint PRIMARY KEY REFERENCES disputes(id) ON DELETE CASCADE,
      found_on           date NOT NULL,
      type_id            bigint NOT NULL,
      place_unit_id      bigint NOT NULL,
      place_path         text NOT NULL,
      township_id        bigint,
      source             text NOT NULL,
      path               text,
      outcome            text,
      level              text,
      state              text NOT NULL,
      open               boolean NOT NULL,
      urgent             boolean NOT NULL,
      accepted_on        date,
      agreed_on          date,
      performed_on       date,
      agreement_form     text,
      effective_on       date,
      confirm_applied_on date,
      settle_due         date,
      running_due        date,
      owner_unit_path    text NOT NULL
    );
    -- statistics (a period of found_on) and the register's unfiltered page (found_on desc, id desc, backwards):
    -- covering every column the counts, the dimensions and the visibility rule read, so a year is an index-only scan
    CREATE INDEX dispute_facts_found_idx ON dispute_facts (found_on, id)
      INCLUDE (type_id, township_id, place_path, source, path, outcome, level, state, urgent, accepted_on, agreed_on, performed_on, agreement_form,
               effective_on, confirm_applied_on, settle_due, owner_unit_path);
    -- the register filtered by type (and state, place): the page in order and its count from one index range
    CREATE INDEX dispute_facts_type_idx ON dispute_facts (type_id, state, found_on DESC, id DESC) INCLUDE (place_path, owner_unit_path);
    -- the register filtered by state (and place)
    CREATE INDEX dispute_facts_state_idx ON dispute_facts (state, found_on DESC, id DESC) INCLUDE (place_path, owner_unit_path);
    CREATE INDEX dispute_facts_running_due_idx ON dispute_facts (running_due) WHERE running_due IS NOT NULL AND open;

    CREATE FUNCTION dispute_facts_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $fn$
      INSERT INTO dispute_facts AS f (id, found_on, type_id, place_unit_id, place_path, township_id, source, path, outcome, level, state, open, urgent,
        accepted_on, agreed_on, performed_on, agreement_form, effective_on, confirm_applied_on, settle_due, running_due, owner_unit_path)
      SELECT d.id, d.found_on, d.type_id, d.place_unit_id, pu.path,
        (SELECT t.id FROM units t
          WHERE t.id = ANY (string_to_array(btrim(pu.path, '/'), '/')::bigint[]) AND t.kind IN ('township', 'street') AND pu.path LIKE t.path || '%'
          ORDER BY length(t.path) DESC LIMIT 1),
        d.source, d.mediation_kind, d.outcome, d.resolved_level, wi.state, wi.open, d.urgent,
        d.accepted_on, d.agreed_on, d.performed_on, d.agreement_form, d.effective_on, d.confirm_applied_on,
        (SELECT min(dl.due_date) FROM deadlines dl WHERE dl.work_item_id = d.id AND dl.rule_key = 'med.settle'),
        (SELECT min(dl.due_date) FROM deadlines dl WHERE dl.work_item_id = d.id AND dl.status = 'running' AND dl.rule_key <> 'med.confirm.apply'),
        wi.owner_unit_path
      FROM (SELECT DISTINCT unnest(ids) AS id) x
      JOIN disputes d ON d.id = x.id
      JOIN work_items wi ON wi.id = d.id
      JOIN units pu ON pu.id = d.place_unit_id
      ON CONFLICT (id) DO UPDATE SET found_on = EXCLUDED.found_on, type_id = EXCLUDED.type_id, place_unit_id = EXCLUDED.place_unit_id,
        place_path = EXCLUDED.place_path, township_id = EXCLUDED.township_id, source = EXCLUDED.source, path = EXCLUDED.path, outcome = EXCLUDED.outcome, level = EXCLUDED.level,
        state = EXCLUDED.state, open = EXCLUDED.open, urgent = EXCLUDED.urgent, accepted_on = EXCLUDED.accepted_on, agreed_on = EXCLUDED.agreed_on,
        performed_on = EXCLUDED.performed_on, agreement_form = EXCLUDED.agreement_form, effective_on = EXCLUDED.effective_on,
        confirm_applied_on = EXCLUDED.confirm_applied_on, settle_due = EXCLUDED.settle_due, running_due = EXCLUDED.running_due,
        owner_unit_path = EXCLUDED.owner_unit_path
      -- an unchanged row is not rewritten (work_items and deadlines change often for reasons the facts ignore)
      WHERE (f.found_on, f.type_id, f.place_unit_id, f.place_path, f.township_id, f.source, f.path, f.outcome, f.level, f.state, f.open, f.urgent, f.accepted_on,
             f.agreed_on, f.performed_on, f.agreement_form, f.effective_on, f.confirm_applied_on, f.settle_due, f.running_due, f.owner_unit_path)
        IS DISTINCT FROM (EXCLUDED.found_on, EXCLUDED.type_id, EXCLUDED.place_unit_id, EXCLUDED.place_path, EXCLUDED.township_id, EXCLUDED.source, EXCLUDED.path,
             EXCLUDED.outcome, EXCLUDED.level, EXCLUDED.state, EXCLUDED.open, EXCLUDED.urgent, EXCLUDED.accepted_on, EXCLUDED.agreed_on,
             EXCLUDED.performed_on, EXCLUDED.agreement_form, EXCLUDED.effective_on, EXCLUDED.confirm_applied_on, EXCLUDED.settle_due,
             EXCLUDED.running_due, EXCLUDED.owner_unit_path)
    $fn$;

    CREATE FUNCTION dispute_facts_by_id() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM dispute_facts_refresh(ARRAY(SELECT id FROM changed_rows));
      RETURN NULL;
    END $fn$;
    CREATE FUNCTION dispute_facts_by_work_item() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM dispute_facts_refresh(ARRAY(SELECT work_item_id FROM changed_rows));
      RETURN NULL;
    END $fn$;
    -- a unit moved under another parent or made (or unmade) a township moves the disputes placed beneath it (their
    -- place_path, their township); a rename changes nothing here and refreshes nothing
    CREATE FUNCTION dispute_facts_by_unit() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM dispute_facts_refresh(ARRAY(
        SELECT d.id FROM disputes d JOIN units pu ON pu.id = d.place_unit_id
        WHERE EXISTS (SELECT 1 FROM changed_rows c JOIN old_rows o ON o.id = c.id
                      WHERE (c.path, c.kind) IS DISTINCT FROM (o.path, o.kind) AND (pu.path LIKE c.path || '%' OR pu.path LIKE o.path || '%'))));
      RETURN NULL;
    END $fn$;

    CREATE TRIGGER dispute_facts_disputes_ins AFTER INSERT ON disputes REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_facts_by_id();
    CREATE TRIGGER dispute_facts_disputes_upd AFTER UPDATE ON disputes REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_facts_by_id();
    CREATE TRIGGER dispute_facts_work_items_upd AFTER UPDATE ON work_items REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_facts_by_id();
    CREATE TRIGGER dispute_facts_deadlines_ins AFTER INSERT ON deadlines REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_facts_by_work_item();
    CREATE TRIGGER dispute_facts_deadlines_upd AFTER UPDATE ON deadlines REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_facts_by_work_item();
    CREATE TRIGGER dispute_facts_deadlines_del AFTER DELETE ON deadlines REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_facts_by_work_item();
    CREATE TRIGGER dispute_facts_units_upd AFTER UPDATE ON units REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_facts_by_unit();

    -- disputes registered before this migration
    SELECT dispute_facts_refresh(ARRAY(SELECT id FROM disputes));
    ANALYZE dispute_facts;

    -- the statistics' daily rollup: per dimension, day found and value, each count of DISPUTE_STATS (modules/disputes/
    -- stats.ts — the same predicates, word for word), kept exact by statement triggers on dispute_facts (the net change
    -- per key; a key whose disputes fall to 0 is dropped, so the kept table equals its rebuild row for row)
    CREATE TABLE dispute_stats_daily (
      dim             text NOT NULL,
      found_on        date NOT NULL,
      key             text NOT NULL,
      disputes        integer NOT NULL,
      urgent          integer NOT NULL,
      accepted        integer NOT NULL,
      agreed          integer NOT NULL,
      failed          integer NOT NULL,
      performed       integer NOT NULL,
      written         integer NOT NULL,
      confirm_applied integer NOT NULL,
      settled_in_time integer NOT NULL,
      PRIMARY KEY (dim, found_on, key)
    );
    CREATE INDEX dispute_stats_daily_empty_idx ON dispute_stats_daily (dim) WHERE disputes = 0;
    -- the counts of a set of facts rows (a subquery with a sign column: +1 counted, -1 uncounted), per dimension value
    CREATE FUNCTION dispute_stats_daily_delta_sql(src text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
      SELECT format($q$
        SELECT v.dim, r.found_on, v.key, sum(r.sign)::int AS disputes,
          coalesce(sum(r.sign) FILTER (WHERE r.urgent), 0)::int AS urgent,
          coalesce(sum(r.sign) FILTER (WHERE r.accepted_on IS NOT NULL), 0)::int AS accepted,
          coalesce(sum(r.sign) FILTER (WHERE r.agreed_on IS NOT NULL), 0)::int AS agreed,
          coalesce(sum(r.sign) FILTER (WHERE coalesce(r.outcome, '') = 'failed'), 0)::int AS failed,
          coalesce(sum(r.sign) FILTER (WHERE r.performed_on IS NOT NULL), 0)::int AS performed,
          coalesce(sum(r.sign) FILTER (WHERE r.agreement_form = 'written' AND r.effective_on IS NOT NULL), 0)::int AS written,
          coalesce(sum(r.sign) FILTER (WHERE r.confirm_applied_on IS NOT NULL), 0)::int AS confirm_applied,
          coalesce(sum(r.sign) FILTER (WHERE r.agreed_on IS NOT NULL AND r.settle_due IS NOT NULL AND r.agreed_on <= r.settle_due), 0)::int AS settled_in_time
        FROM (%s) r
        CROSS JOIN LATERAL (VALUES ('type', r.type_id::text), ('township', coalesce(r.township_id::text, '')), ('source', r.source),
          ('outcome', coalesce(r.outcome, '')), ('level', coalesce(r.level, '')), ('state', r.state), ('path', coalesce(r.path, ''))) v(dim, key)
        GROUP BY 1, 2, 3 $q$, src)
    $fn$;
    CREATE FUNCTION dispute_stats_daily_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE src text;
    BEGIN
      src := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT n.*, 1 AS sign FROM new_rows n'
        WHEN 'DELETE' THEN 'SELECT o.*, -1 AS sign FROM old_rows o'
        ELSE 'SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 AS sign FROM old_rows o' END;
      EXECUTE format($q$
        INSERT INTO dispute_stats_daily AS t
        SELECT * FROM (%s) c
        WHERE (disputes, urgent, accepted, agreed, failed, performed, written, confirm_applied, settled_in_time) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)
        ON CONFLICT (dim, found_on, key) DO UPDATE SET disputes = t.disputes + EXCLUDED.disputes, urgent = t.urgent + EXCLUDED.urgent,
          accepted = t.accepted + EXCLUDED.accepted, agreed = t.agreed + EXCLUDED.agreed, failed = t.failed + EXCLUDED.failed,
          performed = t.performed + EXCLUDED.performed, written = t.written + EXCLUDED.written,
          confirm_applied = t.confirm_applied + EXCLUDED.confirm_applied, settled_in_time = t.settled_in_time + EXCLUDED.settled_in_time
      $q$, dispute_stats_daily_delta_sql(src));
      DELETE FROM dispute_stats_daily WHERE disputes = 0;
      RETURN NULL;
    END $fn$;
    CREATE FUNCTION dispute_stats_daily_rebuild() RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      DELETE FROM dispute_stats_daily;
      EXECUTE 'INSERT INTO dispute_stats_daily SELECT * FROM (' || dispute_stats_daily_delta_sql('SELECT f.*, 1 AS sign FROM dispute_facts f') || ') c';
    END $fn$;
    CREATE TRIGGER dispute_stats_daily_ins AFTER INSERT ON dispute_facts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_stats_daily_apply();
    CREATE TRIGGER dispute_stats_daily_upd AFTER UPDATE ON dispute_facts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_stats_daily_apply();
    CREATE TRIGGER dispute_stats_daily_del AFTER DELETE ON dispute_facts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_stats_daily_apply();
    SELECT dispute_stats_daily_rebuild();
  `.execute(db);
}
