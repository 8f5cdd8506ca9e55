import { sql, type Kysely } from 'kysely';

/**
 * 考核: 报告及时率 as an indicator source ('reports': 定期报告 slots that fell due in the period). Each assessed unit's
 * slots behind its score — the reporting unit (the unit itself or one below it), the report, the period reported on
 * and its status (按时报送, 迟报, 缺报) — are frozen with the period like assessment_score_items; the label is kept as
 * computed so a later change of the schedule never rewrites a published period.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE assessment_indicators DROP CONSTRAINT assessment_indicators_source_check;
    ALTER TABLE assessment_indicators ADD CONSTRAINT assessment_indicators_source_check CHECK (source IN ('stats', 'accountability', 'reports'));
    CREATE TABLE assessment_score_slots (
      period_id          bigint NOT NULL REFERENCES assessment_periods(id) ON DELETE CASCADE,
      indicator_id       bigint NOT NULL,
      unit_id            bigint NOT NULL,
      def_id             bigint NOT NULL REFERENCES periodic_report_defs(id),
      reporting_unit_id  bigint NOT NULL REFERENCES units(id),
      period_start       date NOT NULL,
      period_label       text NOT NULL,
      status             text NOT NULL CHECK (status IN ('on_time', 'late', 'missing')),
      PRIMARY KEY (period_id, indicator_id, unit_id, def_id, reporting_unit_id, period_start)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE assessment_score_slots;
    DELETE FROM assessment_indicators WHERE source = 'reports';
    ALTER TABLE assessment_indicators DROP CONSTRAINT assessment_indicators_source_check;
    ALTER TABLE assessment_indicators ADD CONSTRAINT assessment_indicators_source_check CHECK (source IN ('stats', 'accountability'));
  `.execute(db);
}
