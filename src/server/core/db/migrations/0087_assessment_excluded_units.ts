import { sql, type Kysely } from 'kysely';

/**
 * 考核: units that are not assessed (不参加考核) with the reason — the 督查室 that organises the 考核 does not rank
 * itself among the 县直部门, and a county may leave out a unit being merged or newly set up. A setting, not a literal.
 * Periods already computed keep their scores; the next computation leaves these units out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE assessment_excluded_units (
    unit_id    bigint PRIMARY KEY REFERENCES units(id),
    reason     text NOT NULL CHECK (length(reason) BETWEEN 2 AND 200),
    created_by bigint NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE assessment_excluded_units`.execute(db);
}
