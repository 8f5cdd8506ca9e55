import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { can } from '../../../core/access/policy.ts';
import { AppError } from '../../../core/errors.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** The source kind of the 督办事项 a meeting's decisions create (tasks/sources.ts); the source id is the decision's. */
export const MEETING_SOURCE = 'meeting';

/** 出席 / 列席. */
export const ATTENDEE_ROLES = { attend: '出席', observe: '列席' } as const;
export type AttendeeRole = keyof typeof ATTENDEE_ROLES;

export interface MeetingType {
  code: string;
  name: string;
  /** 停用: no longer offered for new meetings; the meetings recorded with it keep it */
  disabled?: boolean;
}

/** The meeting types (setting supervision.meeting_types, 0077; the 会议类型 screen adds, renames and disables them), 停用 ones included. */
export async function meetingTypes(db: Q): Promise<MeetingType[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'supervision.meeting_types').executeTakeFirst();
  const types = (row?.value as { types?: MeetingType[] } | undefined)?.types;
  if (!Array.isArray(types) || types.some((t) => typeof t?.code !== 'string' || typeof t?.name !== 'string')) throw new AppError('SV_MEETING_TYPES_INVALID');
  return types;
}

/** Who reads every meeting: the 督查办 (it tracks every decision's tasks), county leaders, the administrator and the auditor. */
export const readsAllMeetings = (user: Pick<SessionUser, 'roles'>): boolean =>
  user.roles.some((r) => r === 'dcb_staff' || r === 'county_leader' || r === 'sys_admin' || r === 'auditor');

/** Who may record a meeting: staff who handle items (not leaders, auditors or outside accounts); the convening unit is their own. */
export const mayConvene = (user: Pick<SessionUser, 'roles' | 'unitPath'>): boolean =>
  can(user, 'workitem.handle') && !user.roles.includes('enterprise') && !user.roles.includes('auditor');

/** The types a meeting may be recorded with (or changed to): those not 停用. */
export const activeMeetingTypes = async (db: Q): Promise<MeetingType[]> => (await meetingTypes(db)).filter((t) => !t.disabled);
