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
      INCLUDE (type_id, township_id, source, path, outcome, level, state, urgent, accepted_on, agreed_on, performed_on, agreement_form,
               effective_on, confirm_applied_on, settle_due, owner_unit_path);
    -- the register filtered by type (and state, township): the page in order and its count from one index range
    CREATE INDEX dispute_facts_type_idx ON dispute_facts (type_id, state, found_on DESC, id DESC) INCLUDE (township_id, owner_unit_path);
    -- the register filtered by township (and state)
    CREATE INDEX dispute_facts_township_idx ON dispute_facts (township_id, state, found_on DESC, id DESC) INCLUDE (type_id, owner_unit_path);
    -- the register filtered by state alone, and the 逾期 filter
    CREATE INDEX dispute_facts_state_idx ON dispute_facts (state, found_on DESC, id DESC) INCLUDE (owner_unit_path);
    CREATE INDEX dispute_facts_running_due_idx ON dispute_facts (running_due) WHERE running_due IS NOT NULL AND open;

    CREATE FUNCTION dispute_facts_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $fn$
      INSERT INTO dispute_facts AS f (id, found_on, type_id, place_unit_id, township_id, source, path, outcome, level, state, open, urgent,
        accepted_on, agreed_on, performed_on, agreement_form, effective_on, confirm_applied_on, settle_due, running_due, owner_unit_path)
      SELECT d.id, d.found_on, d.type_id, d.place_unit_id,
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
        township_id = EXCLUDED.township_id, source = EXCLUDED.source, path = EXCLUDED.path, outcome = EXCLUDED.outcome, level = EXCLUDED.level,
        state = EXCLUDED.state, open = EXCLUDED.open, urgent = EXCLUDED.urgent, accepted_on = EXCLUDED.accepted_on, agreed_on = EXCLUDED.agreed_on,
        performed_on = EXCLUDED.performed_on, agreement_form = EXCLUDED.agreement_form, effective_on = EXCLUDED.effective_on,
        confirm_applied_on = EXCLUDED.confirm_applied_on, settle_due = EXCLUDED.settle_due, running_due = EXCLUDED.running_due,
        owner_unit_path = EXCLUDED.owner_unit_path
      -- an unchanged row is not rewritten (work_items and deadlines change often for reasons the facts ignore)
      WHERE (f.found_on, f.type_id, f.place_unit_id, f.township_id, f.source, f.path, f.outcome, f.level, f.state, f.open, f.urgent, f.accepted_on,
             f.agreed_on, f.performed_on, f.agreement_form, f.effective_on, f.confirm_applied_on, f.settle_due, f.running_due, f.owner_unit_path)
        IS DISTINCT FROM (EXCLUDED.found_on, EXCLUDED.type_id, EXCLUDED.place_unit_id, EXCLUDED.township_id, EXCLUDED.source, EXCLUDED.path,
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
    -- a unit moved under another parent or made (or unmade) a township moves the disputes placed beneath it to another
    -- township; a rename changes nothing here and refreshes nothing
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
  `.execute(db);
}
