import { sql, type Kysely } from 'kysely';

/**
 * Minimum periods are not deadlines: a legal rule (and each clock started from it) has a kind — 'deadline' (must be
 * done by; reminded, overdue) or 'minimum' (the step may not end before the period has run; never overdue, never
 * reminded). 稳评's 公开征求意见 (≥30日), 公示 (≥10日) and 合法性审查 (≥7个工作日) are minimums.
 * Settings and 纠纷类型 record who changed them last (the console shows who changed what when; the audit chain holds
 * the history).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE legal_rules ADD COLUMN kind text NOT NULL DEFAULT 'deadline' CHECK (kind IN ('deadline', 'minimum'));
    UPDATE legal_rules SET kind = 'minimum' WHERE key IN ('wp.comment', 'wp.publicity', 'wp.legality');
    ALTER TABLE deadlines ADD COLUMN kind text NOT NULL DEFAULT 'deadline' CHECK (kind IN ('deadline', 'minimum'));
    UPDATE deadlines SET kind = 'minimum' WHERE rule_key IN ('wp.comment', 'wp.publicity', 'wp.legality');
    ALTER TABLE settings ADD COLUMN updated_by text;
    ALTER TABLE dispute_types ADD COLUMN updated_at timestamptz;
    ALTER TABLE dispute_types ADD COLUMN updated_by text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE dispute_types DROP COLUMN updated_by;
    ALTER TABLE dispute_types DROP COLUMN updated_at;
    ALTER TABLE settings DROP COLUMN updated_by;
    ALTER TABLE deadlines DROP COLUMN kind;
    ALTER TABLE legal_rules DROP COLUMN kind;
  `.execute(db);
}
