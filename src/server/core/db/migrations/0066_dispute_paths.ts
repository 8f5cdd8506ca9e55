import { sql, type Kysely } from 'kysely';

/** The 信访问题类别 (leaf "parent/child") a dispute of each default type becomes when it escalates to 信访. */
const TYPE_TO_CATEGORY: [string, string, string][] = [
  ['neighbour', '政法', '司法行政'],
  ['family', '政法', '司法行政'],
  ['land', '国土资源', '土地权属争议'],
  ['labour', '劳动和社会保障', '拖欠工资'],
  ['contract', '政法', '诉讼类'],
  ['expropriation', '城乡建设', '房屋征收与拆迁'],
  ['property', '城乡建设', '物业管理'],
  ['medical', '卫生健康', '医疗纠纷'],
  ['traffic', '交通运输', '交通安全'],
  ['environment', '环境保护', '水污染'],
  ['other', '政法', '司法行政'],
];

/**
 * 矛盾纠纷, what issue 15 still lacked:
 * - 升级处理 makes the 信访 case: each dispute type names the 信访问题类别 its escalated disputes are registered under
 *   (data, editable; a type without one can only be linked to a petition registered by 信访局).
 * - 三调联动 paths besides 人民调解: 行政调解 by the responsible department (mediating_unit_id), 司法调解 on a court's
 *   referral (委派 before filing / 委托 after): the court, its 案号, the day the court set, and the result reported back.
 * - indexes for the register and the statistics on a million disputes (bench/disputes.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE dispute_types ADD COLUMN petition_category_id bigint REFERENCES petition_categories(id);
    ALTER TABLE disputes
      ADD COLUMN mediating_unit_id bigint REFERENCES units(id),
      ADD COLUMN court_referral    text CHECK (court_referral IN ('pre_filing', 'post_filing')),
      ADD COLUMN court_name        text,
      ADD COLUMN court_case_no     text,
      ADD COLUMN court_due_on      date,
      ADD COLUMN court_reported_on date,
      ADD COLUMN court_report      text;
    CREATE INDEX disputes_mediation_kind_idx ON disputes (mediation_kind, found_on DESC, id DESC) WHERE mediation_kind IS NOT NULL;
    CREATE INDEX disputes_type_found_idx ON disputes (type_id, found_on DESC, id DESC);
    CREATE INDEX disputes_place_idx ON disputes (place_unit_id);
  `.execute(db);
  for (const [code, parent, child] of TYPE_TO_CATEGORY)
    await sql`UPDATE dispute_types SET petition_category_id = (
        SELECT c.id FROM petition_categories c JOIN petition_categories p ON p.id = c.parent_id WHERE p.name = ${parent} AND c.name = ${child} ORDER BY c.id LIMIT 1)
      WHERE code = ${code}`.execute(db);
}
