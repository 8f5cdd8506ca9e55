import { sql, type Kysely } from 'kysely';

/**
 * The kernel's business dates and the one visibility rule:
 *  - work_items.last_event_on: the business date of the item's latest event. An action may not be dated
 *    before it (events keep their order); the runner advances it. Existing items start from their
 *    received date (信访: petitions.received_at), else their creation date — a lower bound only.
 *  - settings 'kernel.backdate_window_days' (30): how far back an event may be dated without a stated reason.
 *  - petitions_accused_idx: the 检举控告 clause of the visibility rule is an anti-join on the few accusations
 *    whose accused unit contains the reader's unit; this partial index makes it a handful of index reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE work_items ADD COLUMN last_event_on date;
    UPDATE work_items wi SET last_event_on = coalesce(
      (SELECT (p.received_at AT TIME ZONE 'Asia/Shanghai')::date FROM petitions p WHERE p.id = wi.id),
      (wi.created_at AT TIME ZONE 'Asia/Shanghai')::date);
    INSERT INTO settings(key, value) VALUES ('kernel.backdate_window_days', '30') ON CONFLICT (key) DO NOTHING;
    CREATE INDEX petitions_accused_idx ON petitions(accused_unit_path) WHERE accused_unit_path IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS petitions_accused_idx;
    DELETE FROM settings WHERE key = 'kernel.backdate_window_days';
    ALTER TABLE work_items DROP COLUMN last_event_on;
  `.execute(db);
}
