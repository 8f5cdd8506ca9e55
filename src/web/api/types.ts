/**
 * The API shapes the console consumes (plain TS mirrors of the server's zod schemas).
 * Keep in step with src/server/modules/*\/routes.ts.
 */

export type Role =
  | 'sys_admin'
  | 'xfj_staff'
  | 'safety_staff'
  | 'wwb_staff'
  | 'dcb_staff'
  | 'dept_liaison'
  | 'township_staff'
  | 'village_staff'
  | 'mediator'
  | 'county_leader'
  | 'auditor';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  roles: Role[];
  mustChangePassword: boolean;
}

export interface LoginResult {
  user: SessionUser;
  csrfToken: string;
}

export interface MeResult {
  user: SessionUser;
  csrfToken: string;
  /** the server may send a list of capability codes or a map code → allowed */
  capabilities?: string[] | Record<string, boolean>;
}

/** The error body every API failure answers with. */
export interface ErrorBody {
  error: string;
  message: string;
  statusCode: number;
  data?: Record<string, unknown>;
}

export type UnitKind =
  | 'county'
  | 'township'
  | 'street'
  | 'village'
  | 'community'
  | 'department'
  | 'leading_group'
  | 'joint_meeting'
  | 'office';

export interface Unit {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  shortName?: string | null;
  kind: UnitKind;
  /** zh-CN name of the kind, from the server */
  kindName?: string;
  path: string;
  level?: number;
  disabled: boolean;
  sort?: number;
}

/** A member unit of a leading group / joint meeting (GET /units/{id} → members). */
export interface UnitMember {
  id: number;
  name: string;
  kind: UnitKind;
  /** the member's duty in the group (职责分工), free text */
  duty: string | null;
}

/** GET /units/{id}: the unit, its member units (groups only) and the groups it belongs to. */
export interface UnitDetail extends Unit {
  members: UnitMember[];
  memberOf: { id: number; name: string; duty: string | null }[];
}

/** PUT /units/{id}/members: replaces the whole member list; duties[id] wins over duty. */
export interface SetUnitMembersInput {
  memberIds: number[];
  duty?: string | null;
  duties?: Record<string, string>;
}

export interface UnitInput {
  parentId?: number | null;
  code: string;
  name: string;
  kind: UnitKind;
  shortName?: string | null;
}

export interface Leader {
  id: number;
  name: string;
  title: string;
  unitId: number | null;
  unitName?: string | null;
  portfolio: string[];
  overseesUnitIds: number[];
  disabled?: boolean;
}

export interface LeaderInput {
  name: string;
  title: string;
  unitId: number;
  portfolio: string[];
  overseesUnitIds: number[];
}

export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  unitName?: string;
  roles: Role[];
  disabled: boolean;
  mustChangePassword?: boolean;
  locked?: boolean;
  lockedUntil?: string | null;
  lastLoginAt?: string | null;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

export interface RoleInfo {
  code: Role;
  name: string;
  description: string;
  countyWide: boolean;
  readOnly?: boolean;
}

export interface CreateUserResult {
  user: StaffUser;
  initialPassword?: string;
}

export type WarningLevel = 'normal' | 'approaching' | 'overdue' | 'severe';

export interface TodoDeadline {
  id?: number;
  label: string;
  ruleKey: string;
  dueDate: string | null;
  status?: string;
  provisional: boolean;
  warningLevel: WarningLevel;
  explanation: string;
}

export interface TodoItem {
  workItemId: number;
  /** the page that opens it (信访 /xf/:id, else /work-items/:id), decided by the server */
  href: string;
  module: string;
  moduleName: string;
  refNo: string;
  title: string;
  state: string;
  ownerUnitName: string;
  assigneeName?: string | null;
  nearestDue: string | null;
  warningLevel: WarningLevel | null;
  deadlines: TodoDeadline[];
}

export interface TodoResult extends Paged<TodoItem> {
  counts: Record<WarningLevel, number>;
}

export interface CalendarYear {
  year: number;
  source: string;
  loadedAt?: string;
  loadedBy?: string | null;
  holidayCount?: number;
  workdayCount?: number;
}

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface CalendarYearInput {
  year: number;
  source: string;
  days: CalendarDay[];
}

export interface CalendarStatus {
  today?: string;
  coveredYears: number[];
  latestYear: number | null;
  missingNextYear: boolean;
  warning?: string | null;
}

export type RuleUnit = 'calendar_days' | 'working_days' | 'hours' | 'months';

/** P = read in the primary legal text · C2 = 2+ secondary sources agree · C1 = one secondary source · U = uncertain */
export type RuleConfidence = 'P' | 'C2' | 'C1' | 'U';

export interface RuleOverride {
  province: string;
  amount: number;
  unit: RuleUnit;
  source: string;
  confidence?: string;
  note?: string | null;
  updatedAt?: string;
  updatedBy?: string | null;
}

export interface LegalRule {
  key: string;
  name: string;
  amount: number;
  unit: RuleUnit;
  source: string;
  confidence?: string | null;
  note?: string | null;
  province?: string;
  updatedAt?: string;
  updatedBy?: string | null;
  overrides?: RuleOverride[];
}

export interface RuleInput {
  amount: number;
  unit: RuleUnit;
  source: string;
  province?: string;
  note?: string | null;
  confidence?: RuleConfidence;
  reason?: string;
}

/** One event of the hash-chained audit trail (GET /audit/events). */
export interface AuditEvent {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  actorUnitId: number | null;
  ip: string | null;
  action: string;
  /** zh-CN label, or the code when the action has none */
  actionName: string;
  entityType: string | null;
  entityId: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditVocabulary {
  actions: { code: string; name: string }[];
  entityTypes: { code: string; name: string }[];
}

export interface AuditVerifyResult {
  ok: boolean;
  count: number;
  brokenSeq?: number;
  reason?: string;
}

/** A reminder in 提醒消息 (GET /my/notifications). */
export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  body: string;
  level: Exclude<WarningLevel, 'normal'> | null;
  /** addressed to my unit: read by one member = read for the unit */
  forUnit: boolean;
  workItemId: number | null;
  workItemRefNo: string | null;
  workItemTitle: string | null;
  createdAt: string;
  read: boolean;
  readAt: string | null;
}

export interface NotificationPage extends Paged<NotificationItem> {
  unread: number;
}

/** 期限预警阈值 (GET/PUT /settings/deadline-warning). */
export interface WarningThresholds {
  approachingDays: number;
  severeOverdueDays: number;
}
