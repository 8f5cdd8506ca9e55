import { sql, type Kysely } from 'kysely';

/**
 * Issue 16, the leaders' dashboard fast on 1M items per module: the unit HANDLING an item, stored on the item.
 *  - work_items.handling_unit_path: the path of the item's active 主办 ('lead') party — the latest one — else its owner's.
 *    The dashboard's 分管 scope, its townships/departments panel and the unit drill-down read it instead of a lateral
 *    look-up into case_parties per item. Kept by triggers: on work_items (insert, owner change) and on case_parties
 *    (any insert, update or delete recomputes the items touched), so no code path that changes a 主办 can forget it.
 *  - work_items.handling_top_path (generated): the county's unit one level below the county that handles the item
 *    (township, street or county department) — "open per township" is a scan of one partial index.
 *  - work_items.running_due: the nearest due date among the item's running clocks (deadlines, status 'running'), kept
 *    by triggers on deadlines. 超期 (a running clock past due) is `running_due < today`, 即将超期 (none past due, one due
 *    by the warning date) is `running_due between today and the warning date` — the same sets as the EXISTS over
 *    deadlines, read as a range of one partial index instead of a probe per open item.
 *  - indexes for the dashboard's panels: open items by module and by handling unit; received_on covering the columns
 *    the panels and the visibility rule read (index-only scans for 新增); running deadlines by item (the refresh's
 *    min(due_date) — one probe per item, so refreshing many items at once stays linear).
 *  - dashboard_monthly_new: the rollup of 新增 — items per module × month received × owner's and handling top-level
 *    unit — kept exact by a statement trigger on work_items (insert, update, delete: the net change per key), so the
 *    trend's twelve months read a few thousand rows instead of every item received in a year. The dashboard reads it
 *    only where it equals the live count: modules without a visibility rule of their own (信访's accusation rule
 *    stays live), the county or a portfolio of top-level units. Rebuild: `SELECT dashboard_monthly_new_rebuild()`.
 * Rebuild from scratch: `SELECT work_items_handling_refresh(NULL); SELECT work_items_running_due_refresh(NULL);`
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE work_items ADD COLUMN handling_unit_path text;
    CREATE FUNCTION work_items_lead_path(item bigint) RETURNS text LANGUAGE sql STABLE AS $fn$
      SELECT cp.unit_path FROM case_parties cp WHERE cp.work_item_id = item AND cp.active AND cp.role = 'lead' ORDER BY cp.id DESC LIMIT 1
    $fn$;
    -- ids NULL: every item (the rebuild); the ids are joined (unnest), never searched with = ANY per row
    CREATE FUNCTION work_items_handling_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $fn$
      UPDATE work_items wi SET handling_unit_path = coalesce(work_items_lead_path(wi.id), wi.owner_unit_path)
      FROM (SELECT w.id FROM work_items w WHERE ids IS NULL UNION SELECT unnest(ids)) x
      WHERE wi.id = x.id AND wi.handling_unit_path IS DISTINCT FROM coalesce(work_items_lead_path(wi.id), wi.owner_unit_path)
    $fn$;
    UPDATE work_items wi SET handling_unit_path = coalesce(work_items_lead_path(wi.id), wi.owner_unit_path);
    ALTER TABLE work_items ALTER COLUMN handling_unit_path SET NOT NULL;
    ALTER TABLE work_items ADD COLUMN handling_top_path text GENERATED ALWAYS AS (substring(handling_unit_path from '^/[0-9]+/[0-9]+/')) STORED;

    CREATE FUNCTION work_items_handling_own() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      NEW.handling_unit_path := coalesce(work_items_lead_path(NEW.id), NEW.owner_unit_path);
      RETURN NEW;
    END $fn$;
    CREATE TRIGGER work_items_handling_ins BEFORE INSERT ON work_items FOR EACH ROW EXECUTE FUNCTION work_items_handling_own();
    CREATE TRIGGER work_items_handling_upd BEFORE UPDATE OF owner_unit_path, handling_unit_path ON work_items FOR EACH ROW EXECUTE FUNCTION work_items_handling_own();
    CREATE FUNCTION work_items_handling_by_party() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM work_items_handling_refresh(ARRAY(SELECT DISTINCT work_item_id FROM changed_rows));
      RETURN NULL;
    END $fn$;
    CREATE TRIGGER work_items_handling_parties_ins AFTER INSERT ON case_parties REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION work_items_handling_by_party();
    CREATE TRIGGER work_items_handling_parties_upd AFTER UPDATE ON case_parties REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION work_items_handling_by_party();
    CREATE TRIGGER work_items_handling_parties_del AFTER DELETE ON case_parties REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION work_items_handling_by_party();

    ALTER TABLE work_items ADD COLUMN running_due date;
    CREATE FUNCTION work_items_running_due_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $fn$
      UPDATE work_items wi SET running_due = nd.d
      FROM (SELECT w.id, (SELECT min(d.due_date) FROM deadlines d WHERE d.work_item_id = w.id AND d.status = 'running') AS d
            FROM (SELECT w.id FROM work_items w WHERE ids IS NULL UNION SELECT unnest(ids)) w) nd
      WHERE wi.id = nd.id AND wi.running_due IS DISTINCT FROM nd.d
    $fn$;
    UPDATE work_items wi SET running_due = d.nd FROM (SELECT work_item_id, min(due_date) AS nd FROM deadlines WHERE status = 'running' GROUP BY 1) d
      WHERE d.work_item_id = wi.id;
    CREATE FUNCTION work_items_running_due_by_deadline() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM work_items_running_due_refresh(ARRAY(SELECT DISTINCT work_item_id FROM changed_rows));
      RETURN NULL;
    END $fn$;
    CREATE TRIGGER work_items_running_due_ins AFTER INSERT ON deadlines REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION work_items_running_due_by_deadline();
    CREATE TRIGGER work_items_running_due_upd AFTER UPDATE ON deadlines REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION work_items_running_due_by_deadline();
    CREATE TRIGGER work_items_running_due_del AFTER DELETE ON deadlines REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION work_items_running_due_by_deadline();
    CREATE INDEX work_items_open_running_due_idx ON work_items(running_due) INCLUDE (module, id, owner_unit_path, handling_unit_path, handling_top_path)
      WHERE open AND running_due IS NOT NULL;

    CREATE TABLE dashboard_monthly_new (
      module       text NOT NULL,
      month        date NOT NULL,
      owner_top    text NOT NULL,
      handling_top text NOT NULL,
      items        integer NOT NULL,
      PRIMARY KEY (month, module, owner_top, handling_top)
    );
    CREATE FUNCTION dashboard_monthly_new_apply(delta_rows jsonb) RETURNS void LANGUAGE sql AS $fn$
      INSERT INTO dashboard_monthly_new AS t (module, month, owner_top, handling_top, items)
      SELECT d.module, d.month, d.owner_top, d.handling_top, sum(d.n)::int
      FROM jsonb_to_recordset(delta_rows) AS d(module text, month date, owner_top text, handling_top text, n int)
      GROUP BY 1, 2, 3, 4 HAVING sum(d.n) <> 0
      ORDER BY 2, 1, 3, 4
      ON CONFLICT (month, module, owner_top, handling_top) DO UPDATE SET items = t.items + excluded.items;
      -- a key whose items fall to 0 is removed, so the kept table is row for row what a rebuild writes
      DELETE FROM dashboard_monthly_new t
      USING jsonb_to_recordset(delta_rows) AS d(module text, month date, owner_top text, handling_top text, n int)
      WHERE t.items = 0 AND t.module = d.module AND t.month = d.month AND t.owner_top = d.owner_top AND t.handling_top = d.handling_top;
    $fn$;
    CREATE FUNCTION dashboard_monthly_new_by_item() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE delta jsonb;
    BEGIN
      IF TG_OP = 'INSERT' THEN
        SELECT jsonb_agg(x) INTO delta FROM (
          SELECT module, date_trunc('month', received_on)::date AS month, coalesce(substring(owner_unit_path from '^/[0-9]+/[0-9]+/'), '') AS owner_top,
                 coalesce(handling_top_path, '') AS handling_top, 1 AS n FROM new_rows) x;
      ELSIF TG_OP = 'DELETE' THEN
        SELECT jsonb_agg(x) INTO delta FROM (
          SELECT module, date_trunc('month', received_on)::date AS month, coalesce(substring(owner_unit_path from '^/[0-9]+/[0-9]+/'), '') AS owner_top,
                 coalesce(handling_top_path, '') AS handling_top, -1 AS n FROM old_rows) x;
      ELSE
        -- only the rows whose key changed (most updates — a state, a timestamp — change none)
        SELECT jsonb_agg(x) INTO delta FROM (
          SELECT k.* FROM old_rows o JOIN new_rows nw ON nw.id = o.id
          CROSS JOIN LATERAL (VALUES
            (o.module, date_trunc('month', o.received_on)::date, coalesce(substring(o.owner_unit_path from '^/[0-9]+/[0-9]+/'), ''), coalesce(o.handling_top_path, ''), -1),
            (nw.module, date_trunc('month', nw.received_on)::date, coalesce(substring(nw.owner_unit_path from '^/[0-9]+/[0-9]+/'), ''), coalesce(nw.handling_top_path, ''), 1)
          ) AS k(module, month, owner_top, handling_top, n)
          WHERE (o.module, o.received_on, o.owner_unit_path, o.handling_top_path) IS DISTINCT FROM (nw.module, nw.received_on, nw.owner_unit_path, nw.handling_top_path)) x;
      END IF;
      IF delta IS NOT NULL THEN PERFORM dashboard_monthly_new_apply(delta); END IF;
      RETURN NULL;
    END $fn$;
    CREATE FUNCTION dashboard_monthly_new_rebuild() RETURNS void LANGUAGE sql AS $fn$
      DELETE FROM dashboard_monthly_new;
      INSERT INTO dashboard_monthly_new (module, month, owner_top, handling_top, items)
      SELECT module, date_trunc('month', received_on)::date, coalesce(substring(owner_unit_path from '^/[0-9]+/[0-9]+/'), ''),
             coalesce(handling_top_path, ''), count(*)::int
      FROM work_items GROUP BY 1, 2, 3, 4;
    $fn$;
    SELECT dashboard_monthly_new_rebuild();
    CREATE TRIGGER dashboard_monthly_new_ins AFTER INSERT ON work_items REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_monthly_new_by_item();
    CREATE TRIGGER dashboard_monthly_new_upd AFTER UPDATE ON work_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_monthly_new_by_item();
    CREATE TRIGGER dashboard_monthly_new_del AFTER DELETE ON work_items REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_monthly_new_by_item();

    CREATE INDEX work_items_open_top_idx ON work_items(handling_top_path, module) INCLUDE (id, owner_unit_path, handling_unit_path) WHERE open;
    CREATE INDEX work_items_open_module_idx ON work_items(module) INCLUDE (id, owner_unit_path, handling_unit_path) WHERE open;
    CREATE INDEX work_items_handling_path_idx ON work_items(handling_unit_path text_pattern_ops) WHERE open;
    CREATE INDEX work_items_received_cover_idx ON work_items(received_on, module) INCLUDE (id, owner_unit_path, handling_unit_path, handling_top_path);
    -- one module's items over a span (the trend's live part): a range of this index alone
    CREATE INDEX work_items_module_received_idx ON work_items(module, received_on) INCLUDE (id, owner_unit_path, handling_unit_path);
    -- the nearest running due date of an item (the running_due refresh): one index probe per item
    CREATE INDEX deadlines_running_item_idx ON deadlines(work_item_id, due_date) WHERE status = 'running';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS dashboard_monthly_new_ins ON work_items;
    DROP TRIGGER IF EXISTS dashboard_monthly_new_upd ON work_items;
    DROP TRIGGER IF EXISTS dashboard_monthly_new_del ON work_items;
    DROP FUNCTION IF EXISTS dashboard_monthly_new_by_item();
    DROP FUNCTION IF EXISTS dashboard_monthly_new_rebuild();
    DROP FUNCTION IF EXISTS dashboard_monthly_new_apply(jsonb);
    DROP TABLE IF EXISTS dashboard_monthly_new;
    DROP INDEX IF EXISTS deadlines_running_item_idx;
    DROP INDEX IF EXISTS work_items_module_received_idx;
    DROP TRIGGER IF EXISTS work_items_running_due_ins ON deadlines;
    DROP TRIGGER IF EXISTS work_items_running_due_upd ON deadlines;
    DROP TRIGGER IF EXISTS work_items_running_due_del ON deadlines;
    DROP FUNCTION IF EXISTS work_items_running_due_by_deadline();
    DROP FUNCTION IF EXISTS work_items_running_due_refresh(bigint[]);
    ALTER TABLE work_items DROP COLUMN IF EXISTS running_due;
    DROP TRIGGER IF EXISTS work_items_handling_parties_ins ON case_parties;
    DROP TRIGGER IF EXISTS work_items_handling_parties_upd ON case_parties;
    DROP TRIGGER IF EXISTS work_items_handling_parties_del ON case_parties;
    DROP TRIGGER IF EXISTS work_items_handling_ins ON work_items;
    DROP TRIGGER IF EXISTS work_items_handling_upd ON work_items;
    DROP FUNCTION IF EXISTS work_items_handling_by_party();
    DROP FUNCTION IF EXISTS work_items_handling_own();
    DROP FUNCTION IF EXISTS work_items_handling_refresh(bigint[]);
    ALTER TABLE work_items DROP COLUMN IF EXISTS handling_top_path;
    ALTER TABLE work_items DROP COLUMN IF EXISTS handling_unit_path;
    DROP FUNCTION IF EXISTS work_items_lead_path(bigint);
  `.execute(db);
}
