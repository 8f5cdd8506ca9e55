import { sql, type Kysely } from 'kysely';

/**
 * Issue 16's last figures: 在办 and 超期 per module (/dashboard/figures) and per township or department
 * (/dashboard/units) at 1M items per module. Counting 1.67M open items took about a second even from an index; now
 * they are sums over a current-state counter:
 *  - dashboard_open_counts: the OPEN work items per module × owner's unit path × handling unit path (work_items
 *    .handling_unit_path, 0075) × nearest running due date (work_items.running_due; 'infinity' when no clock runs), with
 *    their number. 在办 of a scope is the sum of the rows the scope admits (the same `like` over the two paths the live
 *    predicate uses), 超期 the sum of those with due < today — exact on any day, because the row keeps the date, not
 *    a flag computed on the day it was written.
 *  - kept exact by statement triggers on work_items (insert, update, delete; transition tables): the net change per
 *    key of the rows that were or are open. The stored columns it reads change by UPDATEs of work_items (the refresh
 *    functions of 0075/0092 called by the deadlines' and case parties' triggers), so a 交办 or a clock stopping moves the
 *    item's count with it. A key whose count falls to 0 is removed: the kept table is row for row what a rebuild writes.
 * A derived table (core/db/derived-tables.ts): left out of backups, rebuilt on restore by dashboard_open_counts_rebuild().
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE dashboard_open_counts (
      module            text NOT NULL,
      owner_unit_path   text NOT NULL,
      handling_unit_path text NOT NULL,
      due               date NOT NULL,
      items             integer NOT NULL,
      PRIMARY KEY (module, owner_unit_path, handling_unit_path, due)
    );
    CREATE FUNCTION dashboard_open_counts_rebuild() RETURNS void LANGUAGE sql AS $fn$
      DELETE FROM dashboard_open_counts;
      INSERT INTO dashboard_open_counts (module, owner_unit_path, handling_unit_path, due, items)
      SELECT module, owner_unit_path, handling_unit_path, coalesce(running_due, 'infinity'::date), count(*)::int
      FROM work_items WHERE open GROUP BY 1, 2, 3, 4;
    $fn$;
    CREATE FUNCTION dashboard_open_counts_apply(delta_rows jsonb) RETURNS void LANGUAGE sql AS $fn$
      INSERT INTO dashboard_open_counts AS t (module, owner_unit_path, handling_unit_path, due, items)
      SELECT d.module, d.owner_unit_path, d.handling_unit_path, d.due, sum(d.n)::int
      FROM jsonb_to_recordset(delta_rows) AS d(module text, owner_unit_path text, handling_unit_path text, due date, n int)
      GROUP BY 1, 2, 3, 4 HAVING sum(d.n) <> 0
      ORDER BY 1, 2, 3, 4
      ON CONFLICT (module, owner_unit_path, handling_unit_path, due) DO UPDATE SET items = t.items + excluded.items;
      DELETE FROM dashboard_open_counts t
      USING jsonb_to_recordset(delta_rows) AS d(module text, owner_unit_path text, handling_unit_path text, due date, n int)
      WHERE t.items = 0 AND t.module = d.module AND t.owner_unit_path = d.owner_unit_path
        AND t.handling_unit_path = d.handling_unit_path AND t.due = d.due;
    $fn$;
    CREATE FUNCTION dashboard_open_counts_by_item() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE delta jsonb;
    BEGIN
      IF TG_OP = 'INSERT' THEN
        SELECT jsonb_agg(x) INTO delta FROM (
          SELECT module, owner_unit_path, handling_unit_path, coalesce(running_due, 'infinity'::date) AS due, 1 AS n FROM new_rows WHERE open) x;
      ELSIF TG_OP = 'DELETE' THEN
        SELECT jsonb_agg(x) INTO delta FROM (
          SELECT module, owner_unit_path, handling_unit_path, coalesce(running_due, 'infinity'::date) AS due, -1 AS n FROM old_rows WHERE open) x;
      ELSE
        -- only the rows whose key or open changed (most updates — a state word, a timestamp — change none)
        SELECT jsonb_agg(x) INTO delta FROM (
          SELECT k.* FROM old_rows o JOIN new_rows nw ON nw.id = o.id
          CROSS JOIN LATERAL (VALUES
            (o.module, o.owner_unit_path, o.handling_unit_path, coalesce(o.running_due, 'infinity'::date), CASE WHEN o.open THEN -1 ELSE 0 END),
            (nw.module, nw.owner_unit_path, nw.handling_unit_path, coalesce(nw.running_due, 'infinity'::date), CASE WHEN nw.open THEN 1 ELSE 0 END)
          ) AS k(module, owner_unit_path, handling_unit_path, due, n)
          WHERE k.n <> 0
            AND (o.open, o.module, o.owner_unit_path, o.handling_unit_path, o.running_due)
                IS DISTINCT FROM (nw.open, nw.module, nw.owner_unit_path, nw.handling_unit_path, nw.running_due)) x;
      END IF;
      IF delta IS NOT NULL THEN PERFORM dashboard_open_counts_apply(delta); END IF;
      RETURN NULL;
    END $fn$;
    SELECT dashboard_open_counts_rebuild();
    CREATE TRIGGER dashboard_open_counts_ins AFTER INSERT ON work_items REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_open_counts_by_item();
    CREATE TRIGGER dashboard_open_counts_upd AFTER UPDATE ON work_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_open_counts_by_item();
    CREATE TRIGGER dashboard_open_counts_del AFTER DELETE ON work_items REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_open_counts_by_item();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS dashboard_open_counts_ins ON work_items;
    DROP TRIGGER IF EXISTS dashboard_open_counts_upd ON work_items;
    DROP TRIGGER IF EXISTS dashboard_open_counts_del ON work_items;
    DROP FUNCTION IF EXISTS dashboard_open_counts_by_item();
    DROP FUNCTION IF EXISTS dashboard_open_counts_rebuild();
    DROP FUNCTION IF EXISTS dashboard_open_counts_apply(jsonb);
    DROP TABLE IF EXISTS dashboard_open_counts;
  `.execute(db);
}
