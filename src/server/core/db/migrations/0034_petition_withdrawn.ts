import { sql, type Kysely } from 'kysely';

/**
 * 已撤回 is a final state of its own: a petition the petitioner withdrew used to end in 'closed' (已办结), so every
 * list, the 台账, the statistics and the timeline read it as finished business like a 不予受理 or an answered case.
 *  - existing withdrawn petitions (a withdrawal decision on a 'closed' case) move to 'withdrawn'; a matter that a
 *    withdrawn 复查/复核 application had closed stays 已办结 (its own 处理意见 stands)
 *  - petition_facts keeps the case's state and whether a 受理/交办/转送/不予受理 decision was made (route_decided), so
 *    the statistics count 已办结 and 已撤回 apart and a case withdrawn before any such decision is no 及时受理
 * Written to be re-runnable (IF NOT EXISTS), so a test can replay it over a case left 'closed' the old way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE petition_facts ADD COLUMN IF NOT EXISTS state text NOT NULL DEFAULT '', ADD COLUMN IF NOT EXISTS route_decided boolean NOT NULL DEFAULT false;

    CREATE OR REPLACE FUNCTION petition_facts_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $fn$
      INSERT INTO petition_facts AS f (id, stage, case_no, received_at, channel, category_id, place_unit_id, level_key, law_related, is_repeat,
        unit_key, persons, owner_unit_path, accused_unit_path, route_due, route_status, route_done, handle_due, reply_date, eval_due, eval_result, running_due,
        state, route_decided)
      SELECT p.id, p.stage, p.case_no, p.received_at, p.channel, p.category_id, p.place_unit_id,
        CASE WHEN p.channel = 'upper' THEN coalesce(p.upper_ref->>'level', 'county') ELSE 'county' END,
        p.law_related, p.is_repeat,
        coalesce((SELECT cp.unit_id FROM case_parties cp WHERE cp.work_item_id = p.id AND cp.role = 'lead' AND cp.active ORDER BY cp.id DESC LIMIT 1), wi.owner_unit_id),
        CASE WHEN p.visit IS NOT NULL AND (p.visit->>'persons') IS NOT NULL THEN (p.visit->>'persons')::int
             ELSE greatest((SELECT count(*)::int FROM petitioners pe WHERE pe.petition_id = p.id), 1) END,
        wi.owner_unit_path, p.accused_unit_path,
        rd.due_date, rd.status, (rd.stopped_at AT TIME ZONE 'Asia/Shanghai')::date,
        (SELECT d.due_date FROM deadlines d WHERE d.work_item_id = p.id AND d.rule_key = 'xf.handle' ORDER BY d.id DESC LIMIT 1),
        (p.decisions->'reply'->>'date')::date,
        (SELECT d.due_date FROM deadlines d WHERE d.work_item_id = p.id AND d.rule_key = 'xf.eval.window' ORDER BY d.id DESC LIMIT 1),
        p.decisions->'evaluation'->>'result',
        (SELECT min(d.due_date) FROM deadlines d WHERE d.work_item_id = p.id AND d.status = 'running'),
        wi.state,
        coalesce(p.decisions ?| array['acceptance', 'assignment', 'transfer', 'rejection', 'refuseAgain'], false)
      FROM (SELECT DISTINCT unnest(ids) AS id) t
      JOIN petitions p ON p.id = t.id
      JOIN work_items wi ON wi.id = p.id
      LEFT JOIN LATERAL (SELECT d.due_date, d.status, d.stopped_at FROM deadlines d WHERE d.work_item_id = p.id AND d.rule_key = 'xf.dept.route' ORDER BY d.id DESC LIMIT 1) rd ON true
      ON CONFLICT (id) DO UPDATE SET stage = EXCLUDED.stage, case_no = EXCLUDED.case_no, received_at = EXCLUDED.received_at, channel = EXCLUDED.channel,
        category_id = EXCLUDED.category_id, place_unit_id = EXCLUDED.place_unit_id, level_key = EXCLUDED.level_key, law_related = EXCLUDED.law_related,
        is_repeat = EXCLUDED.is_repeat, unit_key = EXCLUDED.unit_key, persons = EXCLUDED.persons, owner_unit_path = EXCLUDED.owner_unit_path,
        accused_unit_path = EXCLUDED.accused_unit_path, route_due = EXCLUDED.route_due, route_status = EXCLUDED.route_status, route_done = EXCLUDED.route_done,
        handle_due = EXCLUDED.handle_due, reply_date = EXCLUDED.reply_date, eval_due = EXCLUDED.eval_due, eval_result = EXCLUDED.eval_result, running_due = EXCLUDED.running_due,
        state = EXCLUDED.state, route_decided = EXCLUDED.route_decided
      -- an unchanged row is not rewritten (work_items and deadlines change often for reasons the facts ignore)
      WHERE (f.stage, f.case_no, f.received_at, f.channel, f.category_id, f.place_unit_id, f.level_key, f.law_related, f.is_repeat, f.unit_key, f.persons,
             f.owner_unit_path, f.accused_unit_path, f.route_due, f.route_status, f.route_done, f.handle_due, f.reply_date, f.eval_due, f.eval_result, f.running_due,
             f.state, f.route_decided)
        IS DISTINCT FROM (EXCLUDED.stage, EXCLUDED.case_no, EXCLUDED.received_at, EXCLUDED.channel, EXCLUDED.category_id, EXCLUDED.place_unit_id, EXCLUDED.level_key,
             EXCLUDED.law_related, EXCLUDED.is_repeat, EXCLUDED.unit_key, EXCLUDED.persons, EXCLUDED.owner_unit_path, EXCLUDED.accused_unit_path, EXCLUDED.route_due,
             EXCLUDED.route_status, EXCLUDED.route_done, EXCLUDED.handle_due, EXCLUDED.reply_date, EXCLUDED.eval_due, EXCLUDED.eval_result, EXCLUDED.running_due,
             EXCLUDED.state, EXCLUDED.route_decided)
    $fn$;

    -- the statistics' index-only range scan covers the two new columns too
    DROP INDEX IF EXISTS petition_facts_received_idx;
    CREATE INDEX petition_facts_received_idx ON petition_facts(received_at)
      INCLUDE (id, channel, category_id, place_unit_id, level_key, law_related, is_repeat, unit_key, persons, owner_unit_path, accused_unit_path,
               route_due, route_status, route_done, handle_due, reply_date, eval_due, eval_result, state, route_decided)
      WHERE stage = 'initial';

    UPDATE work_items wi SET state = 'withdrawn'
      FROM petitions p
     WHERE p.id = wi.id AND wi.module = 'petition' AND wi.state = 'closed' AND p.decisions ? 'withdrawal';

    SELECT petition_facts_refresh(ARRAY(SELECT id FROM petitions));
  `.execute(db);
}
