import { sql, type Kysely } from 'kysely';

/**
 * 定期报告: the automatic reminder's lead time is the report's own setting (minutes before the cut-off; 0 = no
 * automatic reminder), no longer a constant in code. Existing reports keep the hour they had.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE periodic_report_defs
    ADD COLUMN remind_before_minutes integer NOT NULL DEFAULT 60
    CHECK (remind_before_minutes BETWEEN 0 AND 1440)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE periodic_report_defs DROP COLUMN remind_before_minutes`.execute(db);
}
