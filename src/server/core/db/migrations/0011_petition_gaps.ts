import { sql, type Kysely } from 'kysely';

/**
 * 信访 gaps:
 * - automatic 督办通知 when a statutory clock goes overdue: issued by the system (no user), keyed by
 *   the deadline so that every sweep on every instance issues it at most once (unique index);
 * - the 集体访 representatives limit (《信访工作条例》第二十条) as an admin-editable setting with
 *   its source and optional per-province values (浙江 differs), read by registration and the form.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE supervision_notices ALTER COLUMN issued_by DROP NOT NULL;
    ALTER TABLE supervision_notices ADD COLUMN deadline_id bigint REFERENCES deadlines(id);
    CREATE UNIQUE INDEX supervision_notices_deadline_idx ON supervision_notices(deadline_id) WHERE deadline_id IS NOT NULL;
    INSERT INTO settings(key, value)
      VALUES ('xf.visit.reps_max', '{"max": 5, "source": "《信访工作条例》第二十条", "byProvince": {}}')
      ON CONFLICT (key) DO NOTHING;
  `.execute(db);
}
