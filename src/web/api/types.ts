import type { ApiBody, ApiOk, ApiQuery } from './typed.ts';

/**
 * Names for the API shapes the console consumes, all taken from the generated OpenAPI types
 * (schema.gen.ts, `npm run gen:api`): a field the server renames or drops breaks the build here.
 */

export type LoginResult = ApiOk<'/auth/login', 'post'>;
export type MeResult = ApiOk<'/auth/me'>;
export type SessionUser = MeResult['user'];
export type Role = SessionUser['roles'][number];

/** The error body every API failure answers with (the error handler's shape; routes do not declare it). */
export interface ErrorBody {
  error: string;
  message: string;
  statusCode: number;
  data?: Record<string, unknown>;
}

export type Unit = ApiOk<'/units'>['items'][number];
export type UnitKind = UnitInput['kind'];
/** GET /units/{id}: the unit, its member units (groups only) and the groups it belongs to. */
export type UnitDetail = ApiOk<'/units/{id}'>;
export type UnitMember = UnitDetail['members'][number];
export type UnitInput = ApiBody<'/units', 'post'>;
export type UnitPatch = ApiBody<'/units/{id}', 'patch'>;
/** PUT /units/{id}/members: replaces the whole member list; duties[id] wins over duty. */
export type SetUnitMembersInput = ApiBody<'/units/{id}/members', 'put'>;

export type Leader = ApiOk<'/leaders'>['items'][number];
export type LeaderInput = ApiBody<'/leaders', 'post'>;
export type LeaderPatch = ApiBody<'/leaders/{id}', 'patch'>;

export type StaffUser = ApiOk<'/users'>['items'][number];
export type UserQuery = ApiQuery<'/users'>;
export type UserInput = ApiBody<'/users', 'post'>;
export type UserPatch = ApiBody<'/users/{id}', 'patch'>;
export type RoleInfo = ApiOk<'/roles'>['items'][number];
export type CreateUserResult = ApiOk<'/users', 'post'>;

export type TodoQuery = ApiQuery<'/my/todo'>;
export type TodoResult = ApiOk<'/my/todo'>;
export type TodoItem = TodoResult['items'][number];
export type TodoDeadline = TodoItem['deadlines'][number];
export type WarningLevel = TodoDeadline['warningLevel'];

export type CalendarYear = ApiOk<'/calendar/years'>[number];
export type CalendarDays = ApiOk<'/calendar/days'>;
export type CalendarYearInput = ApiBody<'/calendar/years', 'post'>;
/** the POST body takes days as unknown[] (checked on the server); a day's shape is the one GET /calendar/days answers */
export type CalendarDay = CalendarDays['days'][number];
export type CalendarStatus = ApiOk<'/calendar/status'>;

export type LegalRule = ApiOk<'/rules'>[number];
export type RuleInput = ApiBody<'/rules/{key}', 'put'>;
export type RuleUnit = RuleInput['unit'];
/** P = read in the primary legal text · C2 = 2+ secondary sources agree · C1 = one secondary source · U = uncertain */
export type RuleConfidence = NonNullable<RuleInput['confidence']>;
export type RuleOverride = NonNullable<LegalRule['overrides']>[number];

/** One event of the hash-chained audit trail (GET /audit/events). */
export type AuditQuery = ApiQuery<'/audit/events'>;
export type AuditEvent = ApiOk<'/audit/events'>['items'][number];
export type AuditVocabulary = ApiOk<'/audit/vocabulary'>;
export type AuditVerifyResult = ApiOk<'/audit/verify', 'post'>;

/** A reminder in 提醒消息 (GET /my/notifications). */
export type NotificationPage = ApiOk<'/my/notifications'>;
export type NotificationItem = NotificationPage['items'][number];

/** 期限预警阈值 (GET/PUT /settings/deadline-warning). */
export type WarningThresholds = ApiOk<'/settings/deadline-warning'>;
