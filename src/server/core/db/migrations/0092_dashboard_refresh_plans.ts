import { sql, type Kysely } from 'kysely';

/**
 * The write cost of the dashboard's stored columns (migration 0075), measured at 1M items per module: the two refresh
 * functions the triggers call for the rows a statement touched were one SQL statement for both uses — every item (ids
 * NULL, the rebuild) and the few items of a write (`… WHERE ids IS NULL UNION SELECT unnest(ids)`). A SQL function's
 * statements are planned without the argument's value, so PostgreSQL planned for "every item": a hash join over a
 * sequential scan of work_items (and, for the handling path, the 主办 look-up called for every item) on each INSERT,
 * UPDATE or DELETE of a deadline or a case party — a registration or an action paid for the whole table
 * (bench/results/dashboard.json, writeCost). Now two statements, chosen by the argument: the rebuild scans, a write
 * joins its ids to the primary key. Same results, same signatures; the triggers are unchanged.
 * Two indexes for the dashboard's lists at that size (bench/results/dashboard-explain.txt): the open items by due date
 * AND id (即将超期's first eight no longer sort a whole day's items), a township's by due date, a leader's active 包案
 * parties.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION work_items_handling_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      IF ids IS NULL THEN
        UPDATE work_items wi SET handling_unit_path = coalesce(work_items_lead_path(wi.id), wi.owner_unit_path)
        WHERE wi.handling_unit_path IS DISTINCT FROM coalesce(work_items_lead_path(wi.id), wi.owner_unit_path);
      ELSE
        UPDATE work_items wi SET handling_unit_path = coalesce(work_items_lead_path(wi.id), wi.owner_unit_path)
        FROM (SELECT DISTINCT x AS id FROM unnest(ids) x) x
        WHERE wi.id = x.id AND wi.handling_unit_path IS DISTINCT FROM coalesce(work_items_lead_path(wi.id), wi.owner_unit_path);
      END IF;
    END $fn$;
    CREATE OR REPLACE FUNCTION work_items_running_due_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      IF ids IS NULL THEN
        UPDATE work_items wi SET running_due = nd.d
        FROM (SELECT w.id, d.nd AS d FROM work_items w
              LEFT JOIN (SELECT work_item_id, min(due_date) AS nd FROM deadlines WHERE status = 'running' GROUP BY 1) d ON d.work_item_id = w.id) nd
        WHERE wi.id = nd.id AND wi.running_due IS DISTINCT FROM nd.d;
      ELSE
        UPDATE work_items wi SET running_due = nd.d
        FROM (SELECT x.id, (SELECT min(d.due_date) FROM deadlines d WHERE d.work_item_id = x.id AND d.status = 'running') AS d
              FROM (SELECT DISTINCT x AS id FROM unnest(ids) x) x) nd
        WHERE wi.id = nd.id AND wi.running_due IS DISTINCT FROM nd.d;
      END IF;
    END $fn$;

    -- the dashboard's lists in due order (即将超期's first eight, a drill-down of 超期) read the order from the index:
    -- with the id a key column beside the due date, not an include, a day's tens of thousands of items need no sort
    CREATE INDEX work_items_open_due_id_idx ON work_items(running_due, id) INCLUDE (module, owner_unit_path, handling_unit_path, handling_top_path)
      WHERE open AND running_due IS NOT NULL;
    DROP INDEX work_items_open_running_due_idx;
    -- a township's (or department's) items in due order (the map's drill-down of 超期 / 即将超期)
    CREATE INDEX work_items_open_top_due_idx ON work_items(handling_top_path, running_due, id) INCLUDE (module, owner_unit_path)
      WHERE open AND running_due IS NOT NULL;
    -- a leader's open 包案 (the dashboard's 我的包案): the leader's parties, not every party of every item
    CREATE INDEX case_parties_leader_idx ON case_parties(leader_id) WHERE role = 'leader' AND active;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION work_items_handling_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $fn$
      UPDATE work_items wi SET handling_unit_path = coalesce(work_items_lead_path(wi.id), wi.owner_unit_path)
      FROM (SELECT w.id FROM work_items w WHERE ids IS NULL UNION SELECT unnest(ids)) x
      WHERE wi.id = x.id AND wi.handling_unit_path IS DISTINCT FROM coalesce(work_items_lead_path(wi.id), wi.owner_unit_path)
    $fn$;
    CREATE OR REPLACE FUNCTION work_items_running_due_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $fn$
      UPDATE work_items wi SET running_due = nd.d
      FROM (SELECT w.id, (SELECT min(d.due_date) FROM deadlines d WHERE d.work_item_id = w.id AND d.status = 'running') AS d
            FROM (SELECT w.id FROM work_items w WHERE ids IS NULL UNION SELECT unnest(ids)) w) nd
      WHERE wi.id = nd.id AND wi.running_due IS DISTINCT FROM nd.d
    $fn$;
    DROP INDEX IF EXISTS case_parties_leader_idx;
    DROP INDEX IF EXISTS work_items_open_top_due_idx;
    CREATE INDEX work_items_open_running_due_idx ON work_items(running_due) INCLUDE (module, id, owner_unit_path, handling_unit_path, handling_top_path)
      WHERE open AND running_due IS NOT NULL;
    DROP INDEX IF EXISTS work_items_open_due_id_idx;
  `.execute(db);
}
