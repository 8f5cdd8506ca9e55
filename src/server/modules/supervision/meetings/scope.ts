import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { SessionUser } from '../../../core/auth/types.ts';
import { MEETING_SOURCE, readsAllMeetings } from './fields.ts';

type Reader = Pick<SessionUser, 'id' | 'roles' | 'unitId'>;

/**
 * THE visibility rule of every meeting read path (list, detail, 纪要, Excel, an item's meetings), in three predicates
 * over one definition:
 * - the whole meeting (attendees, 议题, every decision): the 督查办, county leaders, the administrator and the auditor;
 *   the convening unit; every attendee — a user named, or anyone of a unit named (出席 or 列席);
 * - one decision: whoever sees the whole meeting, and a unit given one of that decision's 督办事项 (it sees the decision
 *   that concerns it, not the others, nor the attendees or 议题);
 * - the meeting at all: either of the above.
 */
export function fullMeetingSql(user: Reader, m = 'm'): RawBuilder<SqlBool> {
  if (readsAllMeetings(user)) return sql<SqlBool>`true`;
  const id = sql.ref(`${m}.id`);
  return sql<SqlBool>`(${sql.ref(`${m}.convener_unit_id`)} = ${user.unitId}
    or exists (select 1 from sv_meeting_attendees a where a.meeting_id = ${id} and (a.user_id = ${user.id} or a.unit_id = ${user.unitId})))`;
}

/** The decision aliased `d` (of the meeting aliased `m`) as the user may see it. */
export function decisionVisibleSql(user: Reader, d = 'd', m = 'm'): RawBuilder<SqlBool> {
  if (readsAllMeetings(user)) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${fullMeetingSql(user, m)} or exists (select 1 from supervision_tasks st
    where st.source_kind = ${MEETING_SOURCE} and st.source_id = ${sql.ref(`${d}.id`)} and st.unit_id = ${user.unitId}))`;
}

/** The meeting aliased `m` is visible at all (whole, or through a decision whose task the user's unit was given). */
export function meetingVisibleSql(user: Reader, m = 'm'): RawBuilder<SqlBool> {
  if (readsAllMeetings(user)) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${fullMeetingSql(user, m)} or exists (select 1 from sv_meeting_decisions vd join supervision_tasks st
    on st.source_kind = ${MEETING_SOURCE} and st.source_id = vd.id where vd.meeting_id = ${sql.ref(`${m}.id`)} and st.unit_id = ${user.unitId}))`;
}
