import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DB } from './schema.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0004 from './migrations/0004_notifications.ts';
import * as m0005 from './migrations/0005_login_throttle_index.ts';
import * as m0006 from './migrations/0006_petitions.ts';
import * as m0007 from './migrations/0007_documents.ts';
import * as m0009 from './migrations/0009_supervision_leaders.ts';
import * as m0010 from './migrations/0010_petition_facts.ts';
import * as m0011 from './migrations/0011_petition_gaps.ts';
import * as m0012 from './migrations/0012_online_intake.ts';
import * as m0013 from './migrations/0013_portal.ts';
import * as m0014 from './migrations/0014_outbox.ts';
import * as m0015 from './migrations/0015_open311.ts';
import * as m0016 from './migrations/0016_facts_whole_cases.ts';
import * as m0017 from './migrations/0017_kernel_business_dates.ts';
import * as m0018 from './migrations/0018_item_files.ts';
import * as m0019 from './migrations/0019_item_links.ts';
import * as m0020 from './migrations/0020_captcha_proof_of_work.ts';
import * as m0021 from './migrations/0021_login_attempts.ts';
import * as m0022 from './migrations/0022_keyed_audit_chain.ts';
import * as m0026 from './migrations/0026_open311_public_ids.ts';
import * as m0031 from './migrations/0031_unit_full_name.ts';
import * as m0032 from './migrations/0032_outbox_message_documents.ts';
import * as m0033 from './migrations/0033_notice_templates_follow_defaults.ts';
import * as m0034 from './migrations/0034_petition_withdrawn.ts';
import * as m0035 from './migrations/0035_received_on_and_instruction_requests.ts';
import * as m0036 from './migrations/0036_saved_filters.ts';
import * as m0040 from './migrations/0040_safety_register.ts';
import * as m0045 from './migrations/0045_safety_accidents.ts';
import * as m0046 from './migrations/0046_safety_duty.ts';
import * as m0047 from './migrations/0047_safety_plans_training.ts';
import * as m0048 from './migrations/0048_accident_enterprise_fk.ts';
import * as m0049 from './migrations/0049_accident_grade_scale.ts';
import * as m0050 from './migrations/0050_safety_inspections.ts';
import * as m0056 from './migrations/0056_hazard_ledger_indexes.ts';
import * as m0057 from './migrations/0057_hazard_reports_escalation.ts';
import * as m0060 from './migrations/0060_disputes.ts';
import * as m0065 from './migrations/0065_risk_assessments.ts';
import * as m0066 from './migrations/0066_dispute_paths.ts';
import * as m0067 from './migrations/0067_minimum_periods_settings.ts';
import * as m0070 from './migrations/0070_supervision_tasks.ts';
import * as m0071 from './migrations/0071_supervision_dispatches.ts';
import * as m0072 from './migrations/0072_supervision_campaigns.ts';
import * as m0073 from './migrations/0073_periodic_reports.ts';
import * as m0074 from './migrations/0074_assessment.ts';
import * as m0075 from './migrations/0075_dashboard_handling_path.ts';
import * as m0076 from './migrations/0076_supervision_actions.ts';
import * as m0077 from './migrations/0077_supervision_meetings.ts';
import * as m0081 from './migrations/0081_periodic_report_remind_lead.ts';
import * as m0082 from './migrations/0082_attachment_labels.ts';
import * as m0083 from './migrations/0083_task_office_party.ts';
import * as m0087 from './migrations/0087_assessment_excluded_units.ts';
import * as m0089 from './migrations/0089_hazard_facts.ts';
import * as m0090 from './migrations/0090_dispute_facts.ts';
import * as m0091 from './migrations/0091_action_briefings.ts';
import * as m0092 from './migrations/0092_dashboard_refresh_plans.ts';
import * as m0095 from './migrations/0095_assessment_report_slots.ts';
import * as m0096 from './migrations/0096_hazard_facts_ledger.ts';
import * as m0097 from './migrations/0097_dashboard_open_counts.ts';

/**
 * The ordered, explicit list of migrations (append-only; never edit a landed one).
 * An explicit registry rather than a folder scan: a forgotten file fails loudly in review.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0004_notifications': m0004,
  '0005_login_throttle_index': m0005,
  '0006_petitions': m0006,
  '0007_documents': m0007,
  '0009_supervision_leaders': m0009,
  '0010_petition_facts': m0010,
  '0011_petition_gaps': m0011,
  '0012_online_intake': m0012,
  '0013_portal': m0013,
  '0014_outbox': m0014,
  '0015_open311': m0015,
  '0016_facts_whole_cases': m0016,
  '0017_kernel_business_dates': m0017,
  '0018_item_files': m0018,
  '0019_item_links': m0019,
  '0020_captcha_proof_of_work': m0020,
  '0021_login_attempts': m0021,
  '0022_keyed_audit_chain': m0022,
  '0026_open311_public_ids': m0026,
  '0031_unit_full_name': m0031,
  '0032_outbox_message_documents': m0032,
  '0033_notice_templates_follow_defaults': m0033,
  '0034_petition_withdrawn': m0034,
  '0035_received_on_and_instruction_requests': m0035,
  '0036_saved_filters': m0036,
  '0040_safety_register': m0040,
  '0045_safety_accidents': m0045,
  '0046_safety_duty': m0046,
  '0047_safety_plans_training': m0047,
  '0048_accident_enterprise_fk': m0048,
  '0049_accident_grade_scale': m0049,
  '0050_safety_inspections': m0050,
  '0056_hazard_ledger_indexes': m0056,
  '0057_hazard_reports_escalation': m0057,
  '0060_disputes': m0060,
  '0065_risk_assessments': m0065,
  '0066_dispute_paths': m0066,
  '0067_minimum_periods_settings': m0067,
  '0070_supervision_tasks': m0070,
  '0071_supervision_dispatches': m0071,
  '0072_supervision_campaigns': m0072,
  '0073_periodic_reports': m0073,
  '0074_assessment': m0074,
  '0075_dashboard_handling_path': m0075,
  '0076_supervision_actions': m0076,
  '0077_supervision_meetings': m0077,
  '0081_periodic_report_remind_lead': m0081,
  '0082_attachment_labels': m0082,
  '0083_task_office_party': m0083,
  '0087_assessment_excluded_units': m0087,
  '0089_hazard_facts': m0089,
  '0090_dispute_facts': m0090,
  '0091_action_briefings': m0091,
  '0092_dashboard_refresh_plans': m0092,
  '0095_assessment_report_slots': m0095,
  '0096_hazard_facts_ledger': m0096,
  '0097_dashboard_open_counts': m0097,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema to the latest version; returns the names applied in this call. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * The name of the newest applied migration, or null on an empty database. One indexed
 * read, cheap enough for every health check (it also proves the database answers).
 */
export async function schemaVersion(db: Kysely<DB>): Promise<string | null> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('kysely_migration')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return null;
  const row = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(db);
  return row.rows[0]?.name ?? null;
}

export const LATEST_SCHEMA_VERSION = Object.keys(MIGRATIONS).at(-1)!;
