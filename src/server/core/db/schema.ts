import type { ColumnType, Generated } from 'kysely';

/** Kysely table types. Keep in step with migrations/ (one source of truth: the SQL). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface UnitsTable {
  id: Generated<number>;
  parent_id: number | null;
  code: string;
  name: string;
  short_name: string | null;
  /** migration 0031: 机关全称, the organ's full name documents are signed with (青岚县龙蚕镇人民政府) */
  full_name: ColumnType<string | null, string | null | undefined, string | null>;
  kind: string;
  path: string;
  province_code: string | null;
  sort: Generated<number>;
  disabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UnitMembersTable {
  group_id: number;
  member_id: number;
  duty: string | null;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  unit_id: number;
  roles: string[];
  phone_masked: string | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** migration 0040: an enterprise account's own enterprise (safety_enterprises) */
  enterprise_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface LeadersTable {
  id: Generated<number>;
  name: string;
  title: string;
  unit_id: number;
  user_id: number | null;
  portfolio: string[];
  oversees_unit_ids: number[];
  sort: Generated<number>;
  disabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
}

export interface AuditEventsTable {
  seq: number;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  actor_unit_id: number | null;
  ip: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  reason: string | null;
  before: Json | null;
  after: Json | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
  /** first event hashed with the audit key (HMAC); events before it are legacy SHA-256 (migration 0022) */
  keyed_from_seq: number | null;
  /** HMAC of (keyed_from_seq, the hash before it): the keyed start cannot be moved without the key */
  keyed_from_mac: string | null;
}

export interface CalendarYearsTable {
  year: number;
  source: string;
  loaded_at: Timestamp;
  loaded_by: string | null;
}

export interface CalendarDaysTable {
  day: string;
  year: number;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface LegalRulesTable {
  key: string;
  province: Generated<string>;
  name: string;
  amount: number;
  unit: 'calendar_days' | 'working_days' | 'hours' | 'months';
  source: string;
  confidence: Generated<string>;
  note: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  /** 'deadline' (done by) or 'minimum' (may not end before; never overdue) — 0067 */
  kind: Generated<'deadline' | 'minimum'>;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
  /** who changed it last (0067) */
  updated_by: Generated<string | null>;
}

export interface WorkItemsTable {
  id: Generated<number>;
  module: string;
  ref_no: string;
  title: string;
  state: string;
  open: Generated<boolean>;
  owner_unit_id: number;
  owner_unit_path: string;
  assignee_id: number | null;
  leader_id: number | null;
  province: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** migration 0017: the business date of the latest event (actions may not be dated before it) */
  last_event_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** migration 0035: the business date the item was received (default: the day it was entered) */
  received_on: ColumnType<string, string | undefined, string>;
  /** migration 0075: the active 主办 party's unit path, else the owner's (kept by triggers — never written by code) */
  handling_unit_path: ColumnType<string, never, never>;
  /** migration 0075 (generated): the unit one level below the county that handles the item */
  handling_top_path: ColumnType<string | null, never, never>;
  /** migration 0075: the nearest due date of the item's running clocks (kept by triggers on deadlines) */
  running_due: ColumnType<string | null, never, never>;
}

/** migration 0075: 新增 per module × month received × owner's and handling top-level unit (kept by a trigger) */
export interface DashboardMonthlyNewTable {
  module: string;
  month: string;
  owner_top: string;
  handling_top: string;
  items: number;
}

export interface DashboardOpenCountsTable {
  module: string;
  owner_unit_path: string;
  handling_unit_path: string;
  due: string;
  items: number;
}

export interface DeadlinesTable {
  id: Generated<number>;
  work_item_id: number;
  rule_key: string;
  province: Generated<string>;
  label: string;
  status: 'running' | 'paused' | 'stopped';
  started_at: Date;
  start_date: string;
  due_date: string | null;
  due_at: Date | null;
  provisional: Generated<boolean>;
  missing_years: Generated<number[]>;
  explanation: Generated<string>;
  computed_at: Timestamp;
  stopped_at: Date | null;
  /** copied from the rule: a 'minimum' period is never overdue nor reminded (0067) */
  kind: Generated<'deadline' | 'minimum'>;
}

export interface DeadlineEventsTable {
  id: Generated<number>;
  deadline_id: number;
  kind: 'start' | 'pause' | 'resume' | 'extend' | 'stop';
  at: Date;
  on_date: string;
  amount: number | null;
  unit: string | null;
  reason: string | null;
  approved_by: number | null;
  created_by: number | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number | null;
  unit_id: number | null;
  kind: string;
  title: string;
  body: string;
  work_item_id: number | null;
  deadline_id: number | null;
  level: 'approaching' | 'overdue' | 'severe' | null;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface CasePartiesTable {
  id: Generated<number>;
  work_item_id: number;
  /** migration 0083: office — the 督办单位 that issued a 督办事项 (sees and verifies it) */
  role: 'lead' | 'assist' | 'territorial' | 'leader' | 'office';
  unit_id: number | null;
  unit_path: string | null;
  leader_id: number | null;
  active: Generated<boolean>;
  assigned_at: Date;
  assigned_by: number | null;
}

export interface DocumentIssuersTable {
  unit_id: number;
  prefix: string;
  mark: string | null;
}

export interface DocumentSequencesTable {
  unit_id: number;
  prefix: string;
  year: number;
  last: number;
}

export interface DocumentTemplatesTable {
  kind: string;
  name: string;
  title: string;
  body: string;
  updated_at: Generated<Date>;
  updated_by: number | null;
}

/** migration 0007 as petition_documents, 0018 renamed: documents generated for any work item */
export interface ItemDocumentsTable {
  id: Generated<number>;
  work_item_id: number;
  kind: string;
  number: string;
  file_name: string;
  created_by: number | null;
  created_at: Timestamp;
  sha256: string;
  size: number;
  bytes: Buffer;
}

export interface NumberSequencesTable {
  module: string;
  year: number;
  last: number;
}

export interface PetitionCategoriesTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  sort: Generated<number>;
  disabled: Generated<boolean>;
}

export interface PetitionsTable {
  id: number;
  case_no: string;
  /** migration 0026: Open311's service_request_id — random, so the public list shows no gaps where hidden cases are */
  public_id: Generated<string>;
  stage: 'initial' | 'fucha' | 'fuhe';
  review_of: number | null;
  root_id: number | null;
  channel: string;
  matter_type: string;
  category_id: number;
  place_unit_id: number;
  accused_unit_id: number | null;
  accused_unit_path: string | null;
  title: string;
  content: string;
  urgency: string;
  received_at: Date;
  visit: unknown;
  upper_ref: unknown;
  anonymous: Generated<boolean>;
  collective: Generated<boolean>;
  first_time: Generated<boolean>;
  is_repeat: Generated<boolean>;
  repeat_of: number | null;
  skipped_level: Generated<boolean>;
  law_related: Generated<boolean>;
  after_termination: Generated<boolean>;
  decisions: Generated<unknown>;
  query_code_hash: string;
  created_at: Timestamp;
}

export interface PetitionersTable {
  id: Generated<number>;
  petition_id: number;
  name_enc: string;
  name_masked: string;
  id_number_enc: string | null;
  id_number_masked: string | null;
  id_number_bidx: string | null;
  phone_enc: string | null;
  phone_masked: string | null;
  phone_bidx: string | null;
  address: string | null;
}

/* ── 0010: petition_facts (trigger-maintained; read by 信访统计 and the overdue list, never written by the app) ── */
export interface PetitionFactsTable {
  id: number;
  stage: string;
  case_no: string;
  received_at: Date;
  channel: string;
  category_id: number;
  place_unit_id: number;
  level_key: string;
  law_related: boolean;
  is_repeat: boolean;
  unit_key: number | null;
  persons: number;
  owner_unit_path: string;
  accused_unit_path: string | null;
  route_due: string | null;
  route_status: string | null;
  route_done: string | null;
  handle_due: string | null;
  reply_date: string | null;
  eval_due: string | null;
  eval_result: string | null;
  running_due: string | null;
  /** migration 0034: the case's state, and whether a 受理/交办/转送/不予受理 decision was made */
  state: string;
  route_decided: boolean;
}

/* ── 0089: hazard_facts (trigger-maintained; read by 隐患统计, never written by the app) ── */
export interface HazardFactsTable {
  id: number;
  found_on: string;
  grade: string;
  source: string;
  sector_key: number;
  township_unit_id: number;
  regulator_unit_id: number | null;
  state: string;
  due_on: string;
  closed_on: string | null;
  owner_unit_path: string;
  /** generated columns: grade = 'major'; state = 'closed'; closed after its due date */
  major: Generated<boolean>;
  closed: Generated<boolean>;
  closed_late: Generated<boolean>;
  /** 0096: the ledger's 企业 and 行业 filters */
  enterprise_id: number;
  sector_id: number;
}

/* ── 0009: 督办 (kernel) and leaders' work ── */
export interface SupervisionNoticesTable {
  id: Generated<number>;
  work_item_id: number;
  level: 'county' | 'township';
  text: string;
  /** null = issued by the system (automatic 督办 on an overdue clock, migration 0011) */
  issued_by: number | null;
  issued_at: Date;
  rule_key: string;
  reply_due: string;
  /** the overdue clock an automatic notice was issued for (unique: once per deadline) */
  deadline_id: Generated<number | null>;
  reply_text: string | null;
  replied_by: number | null;
  replied_at: Date | null;
  /** migration 0071: the 督办通知 (发文) this single-item notice was issued under, if any */
  dispatch_id: Generated<number | null>;
}

export interface SupervisionListingsTable {
  id: Generated<number>;
  work_item_id: number;
  reason: string;
  listed_by: number;
  listed_at: Date;
  delist_reason: string | null;
  delisted_by: number | null;
  delisted_at: Date | null;
}

export interface BacklogEntriesTable {
  id: Generated<number>;
  work_item_id: number;
  plan: string;
  leader_id: number | null;
  unit_id: number;
  due_date: string;
  created_by: number;
  created_at: Date;
  result_text: string | null;
  result_by: number | null;
  result_at: Date | null;
  closed_by: number | null;
  closed_at: Date | null;
  close_note: string | null;
}

export interface LeaderInstructionsTable {
  id: Generated<number>;
  work_item_id: number;
  leader_id: number | null;
  author_id: number;
  text: string;
  at: Date;
}

/** migration 0035: 报请领导批示 — a question to a county leader, closed by the leader's 批示 */
export interface InstructionRequestsTable {
  id: Generated<number>;
  work_item_id: number;
  leader_id: number;
  question: string;
  requested_by: number;
  requested_at: Date;
  instruction_id: number | null;
  answered_at: Date | null;
}

export interface CaseAssistanceTable {
  id: Generated<number>;
  work_item_id: number;
  kind: 'relief' | 'psych';
  agency: string;
  description: string;
  amount: ColumnType<string | null, number | null | undefined, number | null>;
  on_date: string;
  recorded_by: number;
  recorded_at: Date;
}

export interface ReceptionDaysTable {
  id: Generated<number>;
  leader_id: number;
  unit_path: string;
  on_date: string;
  start_time: string;
  end_time: string;
  place: string;
  topic: string;
  published: Generated<boolean>;
  deleted: Generated<boolean>;
  created_at: Date;
}

export interface ReceptionRecordsTable {
  id: Generated<number>;
  leader_id: number;
  kind: 'reception' | 'down_visit' | 'appointment';
  reception_day_id: number | null;
  on_date: string;
  place: string;
  summary: string;
  batches: Generated<number>;
  persons: Generated<number>;
  recorded_by: number;
  recorded_at: Date;
}

export interface ReceptionRecordItemsTable {
  record_id: number;
  work_item_id: number;
}

/** migration 0012: a client's retry key → the case it created */
export interface IntakeIdempotencyTable {
  scope: string;
  key: string;
  request_hash: string;
  work_item_id: number;
  query_code_enc: string;
  created_at: Generated<Date>;
}

/** migration 0014: messages to petitioners, written with the event and delivered by a job */
export interface OutboxMessagesTable {
  id: Generated<number>;
  channel: 'sms' | 'email';
  recipient_enc: string;
  recipient_masked: string;
  template: string;
  subject: string | null;
  body_enc: string;
  preview: string;
  work_item_id: number | null;
  /** migration 0032: the document the message tells about (written before it, in the same transaction) */
  document_id: Generated<number | null>;
  status: Generated<'pending' | 'sending' | 'sent' | 'failed' | 'dead'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  transport: string | null;
  created_at: Timestamp;
  sent_at: Date | null;
}

/** migration 0015: Open311 partner apps' keys (hash only) and what they sent with each request */
export interface Open311ApiKeysTable {
  id: Generated<number>;
  app_name: string;
  key_hash: string;
  key_prefix: string;
  enabled: Generated<boolean>;
  rate_per_minute: Generated<number>;
  created_by: number | null;
  created_at: Generated<Date>;
  revoked_by: number | null;
  revoked_at: Date | null;
}

export interface Open311RequestsTable {
  work_item_id: number;
  api_key_id: number;
  address_string: string | null;
  address_id: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
  created_at: Date;
}

/** migration 0013: the 网上信访 portal (captchas, uploads + petition link, rate-limit windows, track tokens, action keys) */
export interface PortalCaptchasTable {
  id: string;
  answer_hash: string;
  expires_at: Date;
  used_at: Date | null;
  pow_bits: Generated<number>;
  accessible: Generated<boolean>;
}

export interface UploadsTable {
  id: Generated<number>;
  token_hash: string;
  sha256: string;
  size: number;
  type: string;
  name: string;
  uploaded_at: Date;
  expires_at: Date;
  claimed_at: Date | null;
}

/** migration 0013 as petition_attachments, 0018 renamed: uploads linked to any work item */
export interface ItemAttachmentsTable {
  id: Generated<number>;
  work_item_id: number;
  upload_id: number;
  created_at: Date;
  /** migration 0082: what the file shows (整改前, 整改后, 检查发现 …), null when not said */
  label: string | null;
}

/** migration 0019: a typed link between two work items, removed (never deleted) with a reason */
export interface ItemLinksTable {
  id: Generated<number>;
  from_id: number;
  to_id: number;
  kind: string;
  note: string | null;
  occurred_on: ColumnType<string, string, string>;
  created_by: number | null;
  created_at: Timestamp;
  removed_at: Date | null;
  removed_by: number | null;
  removed_reason: string | null;
}

export interface RateLimitCountersTable {
  bucket: string;
  window_start: Date;
  hits: number;
}

export interface LoginAttemptsTable {
  username: string;
  ip: string;
  failures: Generated<number>;
  last_failure_at: Date | null;
  next_attempt_at: Date | null;
  last_success_at: Date | null;
}

export interface LoginAlertsTable {
  username: string;
  alerted_at: Date;
}

export interface PortalTrackTokensTable {
  token_hash: string;
  petition_id: number;
  expires_at: Date;
}

export interface PortalActionKeysTable {
  petition_id: number;
  key: string;
  request_hash: string;
  created_at: Date;
}

/** migration 0036: 常用筛选, a user's named filters of a console list */
export interface SavedFiltersTable {
  id: Generated<number>;
  user_id: number;
  list_key: string;
  name: string;
  query: string;
  created_at: Generated<Date>;
}

/** migration 0045: 事故快报, one row per accident work item (same id) */
export interface SafetyAccidentsTable {
  id: number;
  /** the register's enterprise when known (no foreign key until the register exists) */
  enterprise_id: number | null;
  unit_name: string;
  unit_address: Generated<string>;
  township_unit_id: number;
  accident_type: string;
  place: string;
  summary: string;
  occurred_at: Timestamp;
  reported_at: Timestamp;
  entered_at: Timestamp;
  entry_reason: string | null;
  deaths: Generated<number>;
  serious_injuries: Generated<number>;
  minor_injuries: Generated<number>;
  direct_loss_yuan: Generated<number>;
  grade: 'general' | 'larger' | 'major' | 'especially_major';
  escalated_at: Date | null;
  escalated_to: string | null;
  report_submitted_on: string | null;
  approved_on: string | null;
  approval_text: string | null;
}

export interface SafetyAccidentUpdatesTable {
  id: Generated<number>;
  accident_id: number;
  learned_at: Timestamp;
  deaths: number;
  serious_injuries: number;
  minor_injuries: number;
  direct_loss_yuan: number;
  grade_before: string;
  grade_after: string;
  note: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

/** migration 0046: 值班值守 */
export interface SafetyDutyPeriodsTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  starts_on: string;
  ends_on: string;
  staff_per_day: number;
  note: Generated<string>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface SafetyDutyDaysTable {
  id: Generated<number>;
  unit_id: number;
  duty_date: string;
  day_kind: 'workday' | 'restday' | 'holiday';
  day_name: string | null;
  period_id: number | null;
  leader_id: number | null;
  staff_ids: ColumnType<number[], number[] | undefined, number[]>;
  phone: Generated<string>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface SafetyDutyHandoversTable {
  id: Generated<number>;
  unit_id: number;
  duty_date: string;
  handed_at: Timestamp;
  from_user_id: number;
  to_user_id: number;
  summary: string;
  pending: Generated<string>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface SafetyDutyChecksTable {
  id: Generated<number>;
  unit_id: number;
  duty_date: string;
  checked_at: Timestamp;
  checker_name: string;
  checked_user_id: number;
  method: 'phone' | 'video' | 'onsite';
  result: 'on_post' | 'absent';
  note: Generated<string>;
  created_by: number | null;
  created_at: Generated<Date>;
}

/** migration 0047: 应急预案, 演练, 安全培训 */
export interface SafetyPlansTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  level: 'overall' | 'special' | 'department' | 'site' | 'enterprise';
  compiled_by: string;
  version: string;
  approved_on: string;
  review_due_on: string;
  reminded_for: string | null;
  note: Generated<string>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface SafetyPlanDrillsTable {
  id: Generated<number>;
  plan_id: number;
  drilled_on: string;
  form: 'tabletop' | 'functional' | 'full_scale';
  participants: number;
  summary: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface SafetyTrainingsTable {
  id: Generated<number>;
  unit_id: number;
  held_on: string;
  trained_unit: string;
  topic: string;
  attendees: number;
  /** numeric(4,1): read as a string */
  hours: ColumnType<string, number | string, number | string>;
  teacher: Generated<string>;
  created_by: number | null;
  created_at: Generated<Date>;
}

/** migration 0040: 安全生产's register and hazard ledger */
type Day = ColumnType<string, string, string>;
type DayNull = ColumnType<string | null, string | null | undefined, string | null>;
type Num = ColumnType<string | null, number | string | null | undefined, number | string | null>;
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface SafetySectorsTable {
  id: Generated<number>;
  parent_id: number | null;
  code: string;
  name: string;
  sort: Generated<number>;
  disabled: Generated<boolean>;
}

export interface SafetyEnterprisesTable {
  id: Generated<number>;
  name: string;
  credit_code: Opt<string>;
  sector_id: number;
  township_unit_id: number;
  regulator_unit_id: Opt<number>;
  legal_rep_name_enc: Opt<string>;
  legal_rep_name_masked: Opt<string>;
  legal_rep_phone_enc: Opt<string>;
  legal_rep_phone_masked: Opt<string>;
  contact_name: Opt<string>;
  contact_phone_enc: Opt<string>;
  contact_phone_masked: Opt<string>;
  address: Opt<string>;
  longitude: Num;
  latitude: Num;
  risk_grade: Opt<'red' | 'orange' | 'yellow' | 'blue'>;
  employees: Opt<number>;
  disabled: Generated<boolean>;
  close_flagged_on: DayNull;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SafetyLicencesTable {
  id: Generated<number>;
  enterprise_id: number;
  name: string;
  number: Opt<string>;
  expires_on: Day;
  reminded_on: DayNull;
}

export interface HazardsTable {
  id: number;
  enterprise_id: number;
  source: 'self' | 'inspection' | 'report' | 'supervision';
  category: string;
  grade: 'general' | 'major';
  description: string;
  checklist_item: Opt<string>;
  location: Opt<string>;
  found_on: Day;
  basis: Opt<string>;
  measures: Opt<string>;
  responsible_name: Opt<string>;
  funds: Num;
  due_on: Day;
  temp_measures: Opt<string>;
  supervision_level: Opt<'county' | 'township' | 'department'>;
  order_no: Opt<string>;
  plan: ColumnType<unknown, string | null | undefined, string | null>;
  suspended: Generated<boolean>;
  resume_applied_on: DayNull;
  resume_checked_on: DayNull;
  resume_passed: Opt<boolean>;
  rectified_by: Opt<number>;
  rectified_on: DayNull;
  rectification: Opt<string>;
  verified_by: Opt<number>;
  verified_on: DayNull;
  verify_conclusion: Opt<string>;
  closed_on: DayNull;
  reported_by: Opt<number>;
  /** migration 0050: the inspection record whose failed item revealed it (来源：检查) */
  inspection_record_id: Opt<number>;
}

/** migration 0057: 升级督办 of an unanswered automatic 督办通知, with its 责任倒查 chain */
export interface SupervisionEscalationsTable {
  id: Generated<number>;
  /** null for a 问责 measure decided by people (migration 0074) */
  notice_id: number | null;
  work_item_id: number;
  unit_id: number | null;
  leader_user_ids: ColumnType<number[], number[] | undefined, number[]>;
  responsible_unit_id: number | null;
  responsible_user_id: number | null;
  overdue_text: string;
  text: string;
  chain: ColumnType<unknown, string, string>;
  escalated_at: Date;
  /** migration 0074: the 问责 measure decided by people (约谈 …); null for an automatic 升级督办 */
  measure: ColumnType<AccountabilityMeasure | null, AccountabilityMeasure | null | undefined, AccountabilityMeasure | null>;
  decided_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: ColumnType<number | null, number | null | undefined, number | null>;
}

/** migration 0057: a 重大事故隐患's report upward (major) and its 销号 report (closure) */
export interface HazardUpwardReportsTable {
  id: Generated<number>;
  hazard_id: number;
  kind: 'major' | 'closure';
  required_on: Day;
  deadline_id: number | null;
  recipients: ColumnType<string[], string[] | undefined, string[]>;
  content: string | null;
  reported_on: DayNull;
  reported_by: number | null;
  reported_at: Date | null;
  created_at: Date;
}

/** migration 0057: 隐患排查治理情况统计表 of a reporting unit and period */
export interface HazardStatReportsTable {
  id: Generated<number>;
  unit_id: number;
  scope: 'county' | 'township' | 'regulator';
  period_kind: 'quarter' | 'year';
  year: number;
  quarter: number | null;
  period_from: Day;
  period_to: Day;
  due_date: Day;
  status: 'draft' | 'signed' | 'returned';
  generation: Generated<number>;
  generated_by: number;
  generated_at: Date;
  signed_by: number | null;
  signed_at: Date | null;
  signed_on: DayNull;
  returned_by: number | null;
  returned_at: Date | null;
  return_reason: string | null;
}

/** migration 0057: the hazards behind a statistics table, frozen with it */
export interface HazardStatReportItemsTable {
  report_id: number;
  hazard_id: number;
  sector_id: number;
  grade: 'general' | 'major';
  rectified: boolean;
  listed: boolean;
  reported_up: boolean;
  overdue: boolean;
  funds: Num;
}

export interface HazardDecisionsTable {
  id: Generated<number>;
  hazard_id: number;
  enterprise_id: number;
  kind: 'order' | 'penalty' | 'suspend';
  major: boolean;
  decided_on: Day;
  doc_no: Opt<string>;
  content: string;
  amount: Num;
  created_by: Opt<number>;
  created_at: Timestamp;
}

/** migration 0050: 检查表 per sector, items with their 判定依据 */
export interface SafetyChecklistsTable {
  id: Generated<number>;
  sector_id: Opt<number>;
  name: string;
  disabled: Generated<boolean>;
  updated_at: Timestamp;
}
export interface SafetyChecklistItemsTable {
  id: Generated<number>;
  checklist_id: number;
  sort: number;
  content: string;
  basis: string;
  basis_verified: Generated<boolean>;
  disabled: Generated<boolean>;
}
export interface SafetyInspectionPlansTable {
  id: Generated<number>;
  kind: 'general' | 'special' | 'random' | 'unannounced' | 'covert';
  title: string;
  period_from: Day;
  period_to: Day;
  unit_id: number;
  checklist_id: Opt<number>;
  draw_seed: Opt<string>;
  draw_filter: ColumnType<unknown, string | null | undefined, string | null>;
  draw_pool: ColumnType<unknown, string | null | undefined, string | null>;
  drawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: Opt<number>;
  created_at: Timestamp;
}
export interface SafetyInspectionTargetsTable {
  id: Generated<number>;
  plan_id: number;
  enterprise_id: number;
  inspector_ids: ColumnType<number[], number[] | undefined, number[]>;
  inspected_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  result: Opt<'pass' | 'hazards'>;
}
export interface SafetyInspectorTiesTable {
  id: Generated<number>;
  user_id: number;
  enterprise_id: number;
  tie: 'relative' | 'former_employee' | 'same_unit' | 'other';
  note: Opt<string>;
  created_at: Timestamp;
}
export interface SafetyInspectionRecordsTable {
  id: Generated<number>;
  target_id: number;
  record_no: string;
  idempotency_key: string;
  body_hash: string;
  inspector_id: number;
  inspected_at: ColumnType<Date, Date | string, Date | string>;
  latitude: Num;
  longitude: Num;
  remarks: Opt<string>;
  results: ColumnType<unknown, string, string>;
  party_name: Opt<string>;
  order_no: Opt<string>;
  created_at: Timestamp;
}
export interface SafetyInspectionFilesTable {
  id: Generated<number>;
  record_id: number;
  kind: 'photo' | 'inspector_signature' | 'party_signature';
  upload_id: number;
  sha256: string;
  size: number;
  mime: string;
}

/* ── 0060: 矛盾纠纷排查调处 ── */
export interface DisputeTypesTable {
  id: Generated<number>;
  code: string;
  name: string;
  sort: Generated<number>;
  disabled: Generated<boolean>;
  /** migration 0066: the 信访问题类别 an escalated dispute of this type is registered under */
  petition_category_id: Opt<number>;
  updated_at: Generated<Date | null>;
  updated_by: Generated<string | null>;
}
export interface DisputeCampaignsTable {
  id: Generated<number>;
  kind: 'concentrated' | 'key' | 'regular';
  name: string;
  period_from: Day;
  period_to: Day;
  organiser_unit_id: number;
  focus: Opt<string>;
  created_by: Opt<number>;
  created_at: Timestamp;
}
export interface DisputeCampaignUnitsTable {
  campaign_id: number;
  unit_id: number;
}
export interface DisputeCampaignReportsTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  reported_on: Day;
  zero: boolean;
  screened_by: Opt<string>;
  note: Opt<string>;
  reported_by: Opt<number>;
  created_at: Timestamp;
}
export interface DisputesTable {
  id: number;
  source: 'screening' | 'visit' | 'grid' | 'petition' | 'hotline';
  type_id: number;
  campaign_id: Opt<number>;
  place_unit_id: number;
  place: Opt<string>;
  facts: string;
  amount: Num;
  people_count: Generated<number>;
  found_on: Day;
  urgent: Generated<boolean>;
  risk_kind: Opt<'domestic_violence' | 'violence' | 'group'>;
  risk_note: Opt<string>;
  mediation_kind: Opt<'people' | 'administrative' | 'judicial'>;
  committee: Opt<string>;
  mediator_name: Opt<string>;
  mediator_user_id: Opt<number>;
  accepted_on: DayNull;
  refused_party: Opt<string>;
  refused_reason: Opt<string>;
  agreement_form: Opt<'written' | 'oral'>;
  agreed_on: DayNull;
  points: Opt<string>;
  responsibility: Opt<string>;
  terms: Opt<string>;
  perform_method: Opt<string>;
  perform_due_on: DayNull;
  effective_on: DayNull;
  performed_on: DayNull;
  perform_note: Opt<string>;
  confirm_applied_on: DayNull;
  confirm_court: Opt<string>;
  confirm_result: Opt<'confirmed' | 'invalid'>;
  revisit_on: DayNull;
  revisit_note: Opt<string>;
  outcome: Opt<'resolved' | 'failed' | 'refused' | 'escalated'>;
  failure_reason: Opt<string>;
  routes_told: Opt<string[]>;
  resolved_level: Opt<'village' | 'township' | 'county'>;
  closed_on: DayNull;
  registered_by: Opt<number>;
  /** migration 0066: 行政调解's department; 司法调解's referring court (委派 pre_filing / 委托 post_filing) */
  mediating_unit_id: Opt<number>;
  court_referral: Opt<'pre_filing' | 'post_filing'>;
  court_name: Opt<string>;
  court_case_no: Opt<string>;
  court_due_on: DayNull;
  court_reported_on: DayNull;
  court_report: Opt<string>;
}
/* ── 0090: dispute_facts (trigger-maintained; read by 矛盾纠纷统计 and the register's filters, never written by the app) ── */
export interface DisputeFactsTable {
  id: number;
  found_on: Day;
  type_id: number;
  place_unit_id: number;
  place_path: string;
  township_id: number | null;
  source: string;
  path: string | null;
  outcome: string | null;
  level: string | null;
  state: string;
  open: boolean;
  urgent: boolean;
  accepted_on: DayNull;
  agreed_on: DayNull;
  performed_on: DayNull;
  agreement_form: string | null;
  effective_on: DayNull;
  confirm_applied_on: DayNull;
  settle_due: DayNull;
  running_due: DayNull;
  owner_unit_path: string;
}
/** migration 0090: the statistics' daily rollup of dispute_facts, per dimension value (trigger-maintained) */
export interface DisputeStatsDailyTable {
  dim: string;
  found_on: Day;
  key: string;
  disputes: number;
  urgent: number;
  accepted: number;
  agreed: number;
  failed: number;
  performed: number;
  written: number;
  confirm_applied: number;
  settled_in_time: number;
}
export interface DisputePartiesTable {
  id: Generated<number>;
  dispute_id: number;
  role: 'applicant' | 'respondent' | 'third';
  name_enc: string;
  name_masked: string;
  id_number_enc: Opt<string>;
  id_number_masked: Opt<string>;
  phone_enc: Opt<string>;
  phone_masked: Opt<string>;
  sort: Generated<number>;
}
export interface DisputeSessionsTable {
  id: Generated<number>;
  dispute_id: number;
  held_on: Day;
  place: Opt<string>;
  mediators: string;
  record: string;
  created_by: Opt<number>;
  created_at: Timestamp;
}

export interface DB {
  units: UnitsTable;
  unit_members: UnitMembersTable;
  users: UsersTable;
  leaders: LeadersTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  calendar_years: CalendarYearsTable;
  calendar_days: CalendarDaysTable;
  legal_rules: LegalRulesTable;
  settings: SettingsTable;
  work_items: WorkItemsTable;
  dashboard_monthly_new: DashboardMonthlyNewTable;
  dashboard_open_counts: DashboardOpenCountsTable;
  deadlines: DeadlinesTable;
  deadline_events: DeadlineEventsTable;
  notifications: NotificationsTable;
  case_parties: CasePartiesTable;
  number_sequences: NumberSequencesTable;
  petition_categories: PetitionCategoriesTable;
  petitions: PetitionsTable;
  petitioners: PetitionersTable;
  petition_facts: PetitionFactsTable;
  hazard_facts: HazardFactsTable;
  document_issuers: DocumentIssuersTable;
  document_sequences: DocumentSequencesTable;
  document_templates: DocumentTemplatesTable;
  item_documents: ItemDocumentsTable;
  supervision_notices: SupervisionNoticesTable;
  supervision_listings: SupervisionListingsTable;
  backlog_entries: BacklogEntriesTable;
  leader_instructions: LeaderInstructionsTable;
  instruction_requests: InstructionRequestsTable;
  case_assistance: CaseAssistanceTable;
  reception_days: ReceptionDaysTable;
  reception_records: ReceptionRecordsTable;
  reception_record_items: ReceptionRecordItemsTable;
  intake_idempotency: IntakeIdempotencyTable;
  outbox_messages: OutboxMessagesTable;
  portal_captchas: PortalCaptchasTable;
  uploads: UploadsTable;
  item_attachments: ItemAttachmentsTable;
  item_links: ItemLinksTable;
  rate_limit_counters: RateLimitCountersTable;
  login_attempts: LoginAttemptsTable;
  login_alerts: LoginAlertsTable;
  portal_track_tokens: PortalTrackTokensTable;
  portal_action_keys: PortalActionKeysTable;
  open311_api_keys: Open311ApiKeysTable;
  open311_requests: Open311RequestsTable;
  saved_filters: SavedFiltersTable;
  safety_accidents: SafetyAccidentsTable;
  safety_accident_updates: SafetyAccidentUpdatesTable;
  safety_duty_periods: SafetyDutyPeriodsTable;
  safety_duty_days: SafetyDutyDaysTable;
  safety_duty_handovers: SafetyDutyHandoversTable;
  safety_duty_checks: SafetyDutyChecksTable;
  safety_plans: SafetyPlansTable;
  safety_plan_drills: SafetyPlanDrillsTable;
  safety_trainings: SafetyTrainingsTable;
  safety_sectors: SafetySectorsTable;
  safety_enterprises: SafetyEnterprisesTable;
  safety_licences: SafetyLicencesTable;
  hazards: HazardsTable;
  hazard_decisions: HazardDecisionsTable;
  supervision_escalations: SupervisionEscalationsTable;
  hazard_upward_reports: HazardUpwardReportsTable;
  hazard_stat_reports: HazardStatReportsTable;
  hazard_stat_report_items: HazardStatReportItemsTable;
  safety_checklists: SafetyChecklistsTable;
  safety_checklist_items: SafetyChecklistItemsTable;
  safety_inspection_plans: SafetyInspectionPlansTable;
  safety_inspection_targets: SafetyInspectionTargetsTable;
  safety_inspector_ties: SafetyInspectorTiesTable;
  safety_inspection_records: SafetyInspectionRecordsTable;
  safety_inspection_files: SafetyInspectionFilesTable;
  dispute_types: DisputeTypesTable;
  dispute_campaigns: DisputeCampaignsTable;
  dispute_campaign_units: DisputeCampaignUnitsTable;
  dispute_campaign_reports: DisputeCampaignReportsTable;
  disputes: DisputesTable;
  dispute_facts: DisputeFactsTable;
  dispute_stats_daily: DisputeStatsDailyTable;
  dispute_parties: DisputePartiesTable;
  dispute_sessions: DisputeSessionsTable;
  risk_assessments: RiskAssessmentsTable;
  risk_steps: RiskStepsTable;
  risk_archive_items: RiskArchiveItemsTable;
  risk_measures: RiskMeasuresTable;
  supervision_escalation_items: SupervisionEscalationItemsTable;
  assessment_indicators: AssessmentIndicatorsTable;
  assessment_periods: AssessmentPeriodsTable;
  assessment_scores: AssessmentScoresTable;
  assessment_totals: AssessmentTotalsTable;
  assessment_score_items: AssessmentScoreItemsTable;
  assessment_notices: AssessmentNoticesTable;
  assessment_notice_reads: AssessmentNoticeReadsTable;
  assessment_excluded_units: AssessmentExcludedUnitsTable;
  assessment_score_slots: AssessmentScoreSlotsTable;
  supervision_tasks: SupervisionTasksTable;
  supervision_dispatches: SupervisionDispatchesTable;
  sv_campaigns: SvCampaignsTable;
  sv_campaign_groups: SvCampaignGroupsTable;
  sv_campaign_targets: SvCampaignTargetsTable;
  sv_campaign_records: SvCampaignRecordsTable;
  sv_campaign_problems: SvCampaignProblemsTable;
  sv_campaign_responses: SvCampaignResponsesTable;
  periodic_report_defs: PeriodicReportDefsTable;
  periodic_report_units: PeriodicReportUnitsTable;
  periodic_report_submissions: PeriodicReportSubmissionsTable;
  periodic_report_reminders: PeriodicReportRemindersTable;
  sv_meetings: SvMeetingsTable;
  sv_meeting_attendees: SvMeetingAttendeesTable;
  sv_meeting_topics: SvMeetingTopicsTable;
  sv_meeting_decisions: SvMeetingDecisionsTable;
  // ── 专项行动 (migration 0076) ──
  sv_actions: SvActionsTable;
  sv_action_members: SvActionMembersTable;
  sv_action_groups: SvActionGroupsTable;
  sv_action_items: SvActionItemsTable;
  sv_action_dispatches: SvActionDispatchesTable;
  sv_action_briefings: SvActionBriefingsTable;
}

/** migration 0065: 社会稳定风险评估 (kind 'risk'), one row per assessment (id = work_items.id) */
export interface RiskAssessmentsTable {
  id: number;
  matter_kind: 'project' | 'decision' | 'event';
  matter_name: string;
  description: string | null;
  responsible_unit_id: number;
  builder_name: string | null;
  place_unit_id: number | null;
  location: string | null;
  plan_year: number;
  counted: Generated<boolean>;
  target_on: ColumnType<string, string, string>;
  subject_kind: 'department' | 'third_party';
  subject_name: string;
  current_step: Generated<number>;
  legality: string | null;
  reasonableness: string | null;
  feasibility: string | null;
  controllability: string | null;
  risk_level: 'high' | 'medium' | 'low' | null;
  level_basis: string | null;
  decision: 'implement' | 'postpone' | 'reject' | null;
  residual_level: 'high' | 'medium' | 'low' | null;
  decided_by: string | null;
  decision_note: string | null;
  decided_on: ColumnType<string | null, string | null | undefined, string | null>;
  decision_recorded_by: number | null;
  filing_due: ColumnType<string | null, string | null | undefined, string | null>;
  filed_on: ColumnType<string | null, string | null | undefined, string | null>;
  closed_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: number;
}

/** migration 0065: an assessment's steps, copied from the setting risk.steps when it is registered */
export interface RiskStepsTable {
  id: Generated<number>;
  assessment_id: number;
  seq: number;
  code: string;
  name: string;
  gate: string | null;
  evidence: string | null;
  min_rules: Generated<string[]>;
  started_on: ColumnType<string | null, string | null | undefined, string | null>;
  closed_on: ColumnType<string | null, string | null | undefined, string | null>;
  summary: string | null;
  attachment_ids: Generated<number[]>;
  closed_by: number | null;
}

/** migration 0065: the archive checklist (档案资料目录) of one assessment */
export interface RiskArchiveItemsTable {
  assessment_id: number;
  seq: number;
  code: string;
  name: string;
  provided_on: ColumnType<string | null, string | null | undefined, string | null>;
  attachment_id: number | null;
  note: string | null;
}

/** migration 0065: a mitigation measure (风险防范化解措施) with its owner and deadline */
export interface RiskMeasuresTable {
  id: Generated<number>;
  assessment_id: number;
  content: string;
  owner_unit_id: number;
  owner_name: string | null;
  due_on: ColumnType<string, string, string>;
  deadline_id: number | null;
  done_on: ColumnType<string | null, string | null | undefined, string | null>;
  result: string | null;
  created_on: ColumnType<string, string, string>;
  created_by: number;
}

/** migration 0074: 问责 measures (supervision_escalations.measure) */
export type AccountabilityMeasure = 'talk' | 'criticism' | 'listed' | 'admonish' | 'other';

/** migration 0074: the items a 问责 record was decided over (责任倒查 both ways) */
export interface SupervisionEscalationItemsTable {
  escalation_id: number;
  work_item_id: number;
}

/** migration 0074: a configured 考核指标 */
export interface AssessmentIndicatorsTable {
  id: Generated<number>;
  name: string;
  source: 'stats' | 'accountability' | 'reports';
  module: string | null;
  measure: string | null;
  dimension: string | null;
  applies_to: ColumnType<'township' | 'department' | 'all', 'township' | 'department' | 'all' | undefined, 'township' | 'department' | 'all'>;
  note: Generated<string>;
  /** numeric: read as a string */
  weight: ColumnType<string, number, number>;
  formula: ColumnType<unknown, string, string>;
  sort: Generated<number>;
  active: Generated<boolean>;
  updated_at: Date;
  updated_by: number | null;
}

/** migration 0074: a 考核 period; `indicators` is its own copy of the indicator set */
export interface AssessmentPeriodsTable {
  id: Generated<number>;
  kind: 'month' | 'quarter' | 'year';
  label: string;
  from_on: Day;
  to_on: Day;
  state: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>;
  indicators: ColumnType<unknown, string | undefined, string>;
  as_of: DayNull;
  computed_at: Date | null;
  published_at: Date | null;
  published_by: number | null;
  created_by: number | null;
  created_at: Date;
}

export interface AssessmentScoresTable {
  period_id: number;
  unit_id: number;
  indicator_id: number;
  numerator: number;
  denominator: number | null;
  score: ColumnType<string, number, number>;
}

export interface AssessmentTotalsTable {
  period_id: number;
  unit_id: number;
  total: ColumnType<string, number, number>;
  rank: number;
}

export interface AssessmentScoreItemsTable {
  period_id: number;
  indicator_id: number;
  unit_id: number;
  part: 'numerator' | 'denominator';
  work_item_id: number;
}

export interface AssessmentNoticesTable {
  id: Generated<number>;
  period_id: number;
  issuer_unit_id: number;
  number: string;
  title: string;
  file_name: string;
  sha256: string;
  bytes: Buffer;
  created_by: number;
  created_at: Date;
}

export interface AssessmentNoticeReadsTable {
  notice_id: number;
  unit_id: number;
  read_at: Date | null;
  read_by: number | null;
  reminded_at: Date | null;
  reminders: Generated<number>;
}

/** migration 0070: 督办事项 (kind 'supervision'), one row per task (id = work_items.id) */
export interface SupervisionTasksTable {
  id: number;
  source_kind: string;
  source_id: number;
  source_label: string;
  unit_id: number;
  leader_id: number | null;
  detail: string | null;
  due_date: ColumnType<string, string, string>;
  deadline_id: number | null;
  office_unit_id: number;
  assigned_on: ColumnType<string, string, string>;
  assigned_by: number;
  started_on: ColumnType<string | null, string | null | undefined, string | null>;
  report_text: string | null;
  report_attachment_ids: Generated<number[]>;
  reported_on: ColumnType<string | null, string | null | undefined, string | null>;
  reported_by: number | null;
  returned_count: Generated<number>;
  return_reason: string | null;
  verified_on: ColumnType<string | null, string | null | undefined, string | null>;
  verified_by: number | null;
  verify_note: string | null;
}

/** migration 0071: 督办通知 (发文) with its 发文字号 */
export interface SupervisionDispatchesTable {
  id: Generated<number>;
  office_unit_id: number;
  prefix: string;
  year: number;
  seq: number;
  doc_no: string;
  subject: string;
  body: string;
  feedback_required: string;
  attachment_ids: Generated<number[]>;
  issued_on: ColumnType<string, string, string>;
  issued_by: number;
  issued_at: Date;
  voided_at: Date | null;
  voided_by: number | null;
  void_reason: string | null;
}

/** migration 0072: a 督查 campaign (period, method, checklist) and its 通报 once issued */
export interface SvCampaignsTable {
  id: Generated<number>;
  name: string;
  method: 'listen_check_see' | 'unannounced' | 'random';
  period_from: Day;
  period_to: Day;
  checklist: string[];
  basis: string | null;
  organiser_unit_id: number;
  created_by: number;
  created_at: Generated<Date>;
  bulletin_number: string | null;
  bulletin_issued_on: DayNull;
  bulletin_summary: string | null;
  bulletin_file_name: string | null;
  bulletin_sha256: string | null;
  bulletin_docx: Buffer | null;
  bulletin_issued_by: number | null;
}

/** migration 0072: an inspection group (检查组) with its leader and members */
export interface SvCampaignGroupsTable {
  id: Generated<number>;
  campaign_id: number;
  seq: number;
  name: string;
  leader_name: string;
  members: string[];
}

/** migration 0072: a unit a group inspects */
export interface SvCampaignTargetsTable {
  id: Generated<number>;
  campaign_id: number;
  group_id: number;
  unit_id: number;
}

/** migration 0072: what was heard, checked and seen at a target on a business date */
export interface SvCampaignRecordsTable {
  id: Generated<number>;
  target_id: number;
  inspected_on: Day;
  heard: string | null;
  checked: string | null;
  seen: string | null;
  good_practices: string | null;
  backdate_reason: string | null;
  created_by: number;
  created_at: Generated<Date>;
}

/** migration 0072: a problem found, its rectification deadline and the 督办事项 it became */
export interface SvCampaignProblemsTable {
  id: Generated<number>;
  target_id: number;
  record_id: number;
  description: string;
  requirement: string;
  due_on: Day;
  task_id: number | null;
  created_by: number;
  created_at: Generated<Date>;
}

/** migration 0072: a target's answer or objection to its findings and the office's decision */
export interface SvCampaignResponsesTable {
  id: Generated<number>;
  target_id: number;
  kind: 'answer' | 'objection';
  content: string;
  submitted_on: Day;
  submitted_by: number;
  submitted_at: Generated<Date>;
  decision: 'upheld' | 'partly' | 'rejected' | null;
  decision_note: string | null;
  decided_on: DayNull;
  decided_by: number | null;
}

/** migration 0073: 定期报告 (日报告、零报告 …) — definitions, their reporting units, submissions per period, reminders */
export interface PeriodicReportDefsTable {
  id: Generated<number>;
  name: string;
  issuer_unit_id: number;
  fields: Json;
  zero_policy: 'none' | 'allowed' | 'required';
  scope_kind: 'units' | 'townships' | 'departments';
  frequency: 'daily' | 'weekly' | 'monthly' | 'quarterly';
  due_time: string;
  due_weekday: Opt<number>;
  due_day: Opt<number>;
  workdays_only: boolean;
  active_from: Day;
  active_to: DayNull;
  period_name: Opt<string>;
  instructions: Opt<string>;
  stopped: Generated<boolean>;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** migration 0081: the automatic reminder this many minutes before the cut-off (0 = none) */
  remind_before_minutes: Generated<number>;
}
export interface PeriodicReportUnitsTable {
  def_id: number;
  unit_id: number;
}
export interface PeriodicReportSubmissionsTable {
  id: Generated<number>;
  def_id: number;
  unit_id: number;
  period_start: Day;
  due_at: Timestamp;
  zero: boolean;
  values: Json;
  note: Opt<string>;
  submitted_at: Timestamp;
  /** null: written by the demo seed for a unit without an account */
  submitted_by: Opt<number>;
  corrected_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  corrections: Generated<number>;
}
export interface PeriodicReportRemindersTable {
  id: Generated<number>;
  def_id: number;
  unit_id: number;
  period_start: Day;
  automatic: boolean;
  sent_at: Timestamp;
  sent_by: Opt<number>;
}

/** migration 0077: a meeting (联席会议, 会商研判, 调度会 …) and its 会议纪要 once issued */
export interface SvMeetingsTable {
  id: Generated<number>;
  type_code: string;
  type_name: string;
  name: string;
  convener_unit_id: number;
  host_name: string;
  held_on: Day;
  start_time: string | null;
  place: string;
  recorder_name: string;
  backdate_reason: string | null;
  created_by: number;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  minutes_number: string | null;
  minutes_issued_on: DayNull;
  minutes_file_name: string | null;
  minutes_sha256: string | null;
  minutes_docx: Buffer | null;
  minutes_issued_by: number | null;
}

/** migration 0077: who attended — a user or a unit, 出席 (attend) or 列席 (observe) */
export interface SvMeetingAttendeesTable {
  id: Generated<number>;
  meeting_id: number;
  user_id: number | null;
  unit_id: number | null;
  role: 'attend' | 'observe';
}

/** migration 0077: an item discussed (议题), optionally about an existing item of any module */
export interface SvMeetingTopicsTable {
  id: Generated<number>;
  meeting_id: number;
  seq: number;
  title: string;
  summary: string | null;
  work_item_id: number | null;
}

/** migration 0077: a decision (议定事项); its 督办事项 are supervision_tasks with source ('meeting', this id) */
export interface SvMeetingDecisionsTable {
  id: Generated<number>;
  meeting_id: number;
  seq: number;
  content: string;
  created_by: number;
  created_at: Generated<Date>;
  withdrawn_at: Date | null;
  withdrawn_by: number | null;
  withdrawn_reason: string | null;
}

/** migration 0076: 专项行动 (supervision/actions) */
export interface SvActionsTable {
  id: Generated<number>;
  name: string;
  category: 'petition_backlog' | 'safety' | 'dispute' | 'other';
  period_from: Day;
  period_to: Day;
  goals: string;
  measures: Opt<string>;
  steps: Opt<string>;
  rhythm: 'daily' | 'weekly' | 'monthly';
  status: Generated<'preparing' | 'running' | 'summary' | 'ended'>;
  lead_unit_id: number;
  created_by: number;
  created_at: Generated<Date>;
}
export interface SvActionMembersTable {
  id: Generated<number>;
  action_id: number;
  seq: number;
  role: 'head' | 'deputy' | 'member';
  user_id: Opt<number>;
  name: string;
  post: Opt<string>;
}
export interface SvActionGroupsTable {
  id: Generated<number>;
  action_id: number;
  seq: number;
  name: string;
  lead_unit_id: number;
  members: ColumnType<string[], string[] | undefined, string[]>;
}
export interface SvActionItemsTable {
  id: Generated<number>;
  action_id: number;
  seq: number;
  task_id: number;
  standard: string;
  linked_item_id: Opt<number>;
  created_by: number;
  created_at: Generated<Date>;
}
/** migration 0091: 专项行动工作简报, 第N期 per action, the DOCX as issued */
export interface SvActionBriefingsTable {
  id: Generated<number>;
  action_id: number;
  issue_no: number;
  issued_on: Day;
  issuer_name: string;
  figures: ColumnType<BriefingFigures, string, string>;
  file_name: string;
  sha256: string;
  docx: Buffer;
  issued_by: number;
  created_at: Generated<Date>;
}
/** what a 简报 printed: the 问题清单's counts as of its day, overall and per 责任单位 */
export interface BriefingFigures {
  total: number;
  closed: number;
  overdue: number;
  units: { unitName: string; total: number; closed: number; overdue: number }[];
}
export interface SvActionDispatchesTable {
  id: Generated<number>;
  action_id: number;
  dispatched_on: Day;
  form: 'meeting' | 'written' | 'onsite';
  reported: string;
  problems: Opt<string>;
  next_steps: Opt<string>;
  total: number;
  closed: number;
  overdue: number;
  backdate_reason: Opt<string>;
  created_by: number;
  created_at: Generated<Date>;
}

/** 不参加考核的单位 (migration 0087). */
export interface AssessmentExcludedUnitsTable {
  unit_id: number;
  reason: string;
  created_by: number;
  created_at: Date;
}

/** 考核 报告及时率: the 定期报告 slots behind an assessed unit's score, frozen with the period (migration 0095). */
export interface AssessmentScoreSlotsTable {
  period_id: number;
  indicator_id: number;
  unit_id: number;
  def_id: number;
  reporting_unit_id: number;
  period_start: Day;
  period_label: string;
  status: 'on_time' | 'late' | 'missing';
}
