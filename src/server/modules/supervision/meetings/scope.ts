import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { SessionUser } from '../../../core/auth/types.ts';
import { moduleVisibleSql } from '../../../kernel/catalog/index.ts';
import { SUPERVISION_VISIBILITY } from '../tasks/visibility.ts';
import { MEETING_SOURCE, readsAllMeetings } from './fields.ts';

type Reader = Pick<SessionUser, 'id' | 'roles' | 'unitId' | 'unitPath'>;

/**
 * THE visibility rule of every meeting read path (list, detail, 纪要, Excel, an item's meetings), in three predicates
 * over one definition:
 * - the whole meeting (attendees, 议题, every decision): the 督查办, county leaders, the administrator and the auditor;
 *   the convening unit; every attendee — a user named, or anyone of a unit named (出席 or 列席);
 * - one decision: whoever sees the whole meeting, and whoever may open one of that decision's 督办事项 under the tasks'
 *   own rule (the unit doing it, the units above it, county-wide roles, its parties) — the task's page links its
 *   source, and the task already carries the decision's text: such a reader sees that decision, not the others, nor
 *   the attendees, 议题 or the 纪要 file;
 * - the meeting at all: either of the above.
 */
export function fullMeetingSql(user: Reader, m = 'm'): RawBuilder<SqlBool> {
  if (readsAllMeetings(user)) return sql<SqlBool>`true`;
  const id = sql.ref(`${m}.id`);
  return sql<SqlBool>`(${sql.ref(`${m}.convener_unit_id`)} = ${user.unitId}
    or exists (select 1 from sv_meeting_attendees a where a.meeting_id = ${id} and (a.user_id = ${user.id} or a.unit_id = ${user.unitId})))`;
}

/** A task (work item aliased `sw`) the user may open: the 督办事项's own rule, the same one its page reads by. */
const taskVisible = (user: Reader) => moduleVisibleSql(SUPERVISION_VISIBILITY, user, 'sw');

/** The decision aliased `d` (of the meeting aliased `m`) as the user may see it. */
export function decisionVisibleSql(user: Reader, d = 'd', m = 'm'): RawBuilder<SqlBool> {
  if (readsAllMeetings(user)) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${fullMeetingSql(user, m)} or exists (select 1 from supervision_tasks st join work_items sw on sw.id = st.id
    where st.source_kind = ${MEETING_SOURCE} and st.source_id = ${sql.ref(`${d}.id`)} and ${taskVisible(user)}))`;
}

/** The meeting aliased `m` is visible at all (whole, or through a decision whose task the user's unit was given). */
export function meetingVisibleSql(user: Reader, m = 'm'): RawBuilder<SqlBool> {
  if (readsAllMeetings(user)) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${fullMeetingSql(user, m)} or exists (select 1 from sv_meeting_decisions vd join supervision_tasks st
    on st.source_kind = ${MEETING_SOURCE} and st.source_id = vd.id join work_items sw on sw.id = st.id
    where vd.meeting_id = ${sql.ref(`${m}.id`)} and ${taskVisible(user)}))`;
}
