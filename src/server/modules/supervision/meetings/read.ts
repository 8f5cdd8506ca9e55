import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { AppError } from '../../../core/errors.ts';
import { loadVisibleItem, type ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { emptyCounts, type TaskCounts } from '../tasks/index.ts';
import { ATTENDEE_ROLES, mayConvene } from './fields.ts';
import { meetingTasks } from './tasks.ts';
import { decisionVisibleSql, fullMeetingSql, meetingVisibleSql } from './scope.ts';

export interface MeetingFilter {
  typeCode?: string;
  from?: string;
  to?: string;
  convenerUnitId?: number;
}

/** The meetings the user sees (one rule: scope.ts), newest first, with their decisions' task counts as the user may see them. */
export async function listMeetings(db: Kysely<DB>, modules: ModuleCatalog, user: SessionUser, f: MeetingFilter, today: string) {
  const rows = await db
    .selectFrom('sv_meetings as m')
    .innerJoin('units as c', 'c.id', 'm.convener_unit_id')
    .select([
      'm.id',
      'm.type_code',
      'm.type_name',
      'm.name',
      'm.held_on',
      'm.start_time',
      'm.place',
      'm.host_name',
      'c.name as convener_name',
      'm.minutes_number',
      'm.minutes_issued_on',
      sql<number>`(select count(*)::int from sv_meeting_topics t where t.meeting_id = m.id)`.as('topics'),
      fullMeetingSql(user).as('full'),
    ])
    .where(meetingVisibleSql(user))
    .$if(!!f.typeCode, (q) => q.where('m.type_code', '=', f.typeCode!))
    .$if(!!f.from, (q) => q.where('m.held_on', '>=', f.from!))
    .$if(!!f.to, (q) => q.where('m.held_on', '<=', f.to!))
    .$if(!!f.convenerUnitId, (q) => q.where('m.convener_unit_id', '=', f.convenerUnitId!))
    .orderBy('m.held_on', 'desc')
    .orderBy('m.id', 'desc')
    .limit(1000)
    .execute();
  const decisions = rows.length
    ? await db
        .selectFrom('sv_meeting_decisions as d')
        .innerJoin('sv_meetings as m', 'm.id', 'd.meeting_id')
        .select(['d.id', 'd.meeting_id', fullMeetingSql(user).as('full')])
        .where(
          'd.meeting_id',
          'in',
          rows.map((r) => r.id),
        )
        .where('d.withdrawn_at', 'is', null)
        .where(decisionVisibleSql(user))
        .execute()
    : [];
  const { counts } = await meetingTasks(
    db,
    modules,
    user,
    decisions.map((d) => ({ id: Number(d.id), whole: d.full === true })),
    today,
  );
  return rows.map((r) => {
    const mine = decisions.filter((d) => Number(d.meeting_id) === Number(r.id));
    const c = mine.reduce<TaskCounts>((acc, d) => {
      const x = counts.get(Number(d.id));
      if (x) for (const k of Object.keys(acc) as (keyof TaskCounts)[]) acc[k] += x[k];
      return acc;
    }, emptyCounts());
    return {
      id: Number(r.id),
      typeCode: r.type_code,
      typeName: r.type_name,
      name: r.name,
      heldOn: r.held_on,
      startTime: r.start_time,
      place: r.place,
      hostName: r.host_name,
      convenerName: r.convener_name,
      minutesNumber: r.minutes_number,
      minutesIssuedOn: r.minutes_issued_on,
      topics: r.full === true ? Number(r.topics) : 0,
      decisions: mine.length,
      tasks: { total: c.total, done: c.done, late: c.late, open: c.total - c.done - c.withdrawn },
    };
  });
}

/**
 * One meeting as the user may see it: whole (attendees, 议题 — a linked item only when the user may see it — every
 * decision) or, for a unit given a task, only the decisions that concern it. NOT_FOUND outside the rule.
 */
export async function getMeeting(db: Kysely<DB>, modules: ModuleCatalog, user: SessionUser, id: number, today: string) {
  const m = await db
    .selectFrom('sv_meetings as m')
    .innerJoin('units as c', 'c.id', 'm.convener_unit_id')
    .leftJoin('users as ib', 'ib.id', 'm.minutes_issued_by')
    .select([
      'm.id',
      'm.type_code',
      'm.type_name',
      'm.name',
      'm.convener_unit_id',
      'c.name as convener_name',
      'm.host_name',
      'm.held_on',
      'm.start_time',
      'm.place',
      'm.recorder_name',
      'm.backdate_reason',
      'm.minutes_number',
      'm.minutes_issued_on',
      'm.minutes_file_name',
      'ib.display_name as minutes_issued_by',
      fullMeetingSql(user).as('full'),
    ])
    .where('m.id', '=', id)
    .where(meetingVisibleSql(user))
    .executeTakeFirst();
  if (!m) throw new AppError('NOT_FOUND');
  const full = m.full === true;
  const [attendees, topics, decisions] = await Promise.all([
    full
      ? db
          .selectFrom('sv_meeting_attendees as a')
          .leftJoin('users as u', 'u.id', 'a.user_id')
          .leftJoin('units as uu', 'uu.id', 'u.unit_id')
          .leftJoin('units as n', 'n.id', 'a.unit_id')
          .select(['a.id', 'a.role', 'a.user_id', 'a.unit_id', 'u.display_name', 'uu.name as user_unit_name', 'n.name as unit_name'])
          .where('a.meeting_id', '=', m.id)
          .orderBy('a.role')
          .orderBy('a.id')
          .execute()
      : Promise.resolve([]),
    full
      ? db
          .selectFrom('sv_meeting_topics as t')
          .leftJoin('work_items as wi', (j) => j.onRef('wi.id', '=', 't.work_item_id').on(modules.visibleSql(user)))
          .select(['t.id', 't.seq', 't.title', 't.summary', 'wi.id as item_id', 'wi.module', 'wi.ref_no', 'wi.title as item_title', 'wi.state'])
          .where('t.meeting_id', '=', m.id)
          .orderBy('t.seq')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('sv_meeting_decisions as d')
      .innerJoin('sv_meetings as m', 'm.id', 'd.meeting_id')
      .leftJoin('users as wb', 'wb.id', 'd.withdrawn_by')
      .select(['d.id', 'd.seq', 'd.content', 'd.withdrawn_at', 'd.withdrawn_reason', 'wb.display_name as withdrawn_by'])
      .where('d.meeting_id', '=', m.id)
      .where(decisionVisibleSql(user))
      .orderBy('d.seq')
      .execute(),
  ]);
  const { tasks, counts } = await meetingTasks(
    db,
    modules,
    user,
    decisions.map((d) => ({ id: Number(d.id), whole: full })),
    today,
    true,
  );
  const convener = Number(m.convener_unit_id) === user.unitId && mayConvene(user);
  return {
    id: Number(m.id),
    typeCode: m.type_code,
    typeName: m.type_name,
    name: m.name,
    convenerUnitId: Number(m.convener_unit_id),
    convenerName: m.convener_name,
    hostName: m.host_name,
    heldOn: m.held_on,
    startTime: m.start_time,
    place: m.place,
    recorderName: m.recorder_name,
    backdateReason: m.backdate_reason,
    minutes: m.minutes_issued_on
      ? { number: m.minutes_number!, issuedOn: m.minutes_issued_on, fileName: m.minutes_file_name!, issuedBy: m.minutes_issued_by ?? '' }
      : null,
    whole: full,
    attendees: attendees.map((a) => ({
      id: Number(a.id),
      role: a.role,
      roleName: ATTENDEE_ROLES[a.role],
      userId: a.user_id === null ? null : Number(a.user_id),
      unitId: a.unit_id === null ? null : Number(a.unit_id),
      name: a.user_id !== null ? `${a.display_name ?? ''}（${a.user_unit_name ?? ''}）` : (a.unit_name ?? ''),
    })),
    topics: topics.map((t) => ({
      id: Number(t.id),
      seq: t.seq,
      title: t.title,
      summary: t.summary,
      item:
        t.item_id === null
          ? null
          : {
              id: Number(t.item_id),
              refNo: t.ref_no!,
              title: t.item_title!,
              ...modules.words({ module: t.module!, id: Number(t.item_id), state: t.state! }),
            },
    })),
    decisions: decisions.map((d) => ({
      id: Number(d.id),
      seq: d.seq,
      content: d.content,
      withdrawn: d.withdrawn_at
        ? { on: new Date(d.withdrawn_at).toISOString().slice(0, 10), reason: d.withdrawn_reason ?? '', by: d.withdrawn_by ?? '' }
        : null,
      counts: counts.get(Number(d.id)) ?? emptyCounts(),
      tasks: (tasks.get(Number(d.id)) ?? []).map((t) => ({
        id: t.id,
        refNo: t.refNo,
        title: t.title,
        unitName: t.unitName,
        leaderName: t.leaderName,
        dueDate: t.dueDate,
        statusName: t.statusName,
        overdue: t.overdue,
        href: t.href,
        mayWithdraw: convener && !d.withdrawn_at && t.open,
      })),
    })),
    mayEdit: convener,
    mayIssue: convener && !m.minutes_issued_on,
  };
}

/** The meetings that discussed an item (its page's 关联): the item under the catalog's rule, each meeting under the meetings' rule (whole). */
export async function itemMeetings(db: Kysely<DB>, modules: ModuleCatalog, user: SessionUser, workItemId: number) {
  await loadVisibleItem(db, modules, user, workItemId);
  const rows = await db
    .selectFrom('sv_meeting_topics as t')
    .innerJoin('sv_meetings as m', 'm.id', 't.meeting_id')
    .select(['m.id', 'm.type_name', 'm.name', 'm.held_on', 't.seq', 't.title'])
    .where('t.work_item_id', '=', workItemId)
    .where(fullMeetingSql(user))
    .orderBy('m.held_on')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    meetingId: Number(r.id),
    typeName: r.type_name,
    name: r.name,
    heldOn: r.held_on,
    topic: `第${r.seq}项议题：${r.title}`,
    href: `/supervision/meetings/${Number(r.id)}`,
  }));
}

/** A decision's meeting, for the 督办事项's source link (its source id is the decision), under the same rule. */
export async function decisionMeetingId(db: Kysely<DB>, user: SessionUser, decisionId: number): Promise<number> {
  const r = await db
    .selectFrom('sv_meeting_decisions as d')
    .innerJoin('sv_meetings as m', 'm.id', 'd.meeting_id')
    .select('m.id')
    .where('d.id', '=', decisionId)
    .where(decisionVisibleSql(user))
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  return Number(r.id);
}

const HISTORY_LABELS: Record<string, string> = {
  'supervision.meeting.create': '登记会议',
  'supervision.meeting.edit': '修改会议信息',
  'supervision.meeting.decision': '记录议定事项',
  'supervision.meeting.decision.withdraw': '撤销议定事项',
  'supervision.meeting.task.withdraw': '撤销督办事项',
  'supervision.meeting.minutes': '印发会议纪要',
};
type Plain = Record<string, unknown>;
const plain = (v: unknown): Plain => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Plain) : {});
const shown = (v: unknown): string => (v === null || v === undefined || v === '' ? '（空）' : Array.isArray(v) ? v.join('、') : String(v as string));

/** What one audited change of the meeting says, in its own Chinese field names: an edit as 字段：旧 → 新, others as written. */
function historyLines(action: string, before: Plain, after: Plain): string[] {
  if (action === 'supervision.meeting.edit') {
    const lines: string[] = [];
    for (const [k, v] of Object.entries(after)) {
      const was = before[k];
      if (Array.isArray(v) && Array.isArray(was)) {
        const added = v.filter((x) => !was.includes(x));
        const gone = was.filter((x) => !v.includes(x));
        if (added.length) lines.push(`${k}增加：${added.join('、')}`);
        if (gone.length) lines.push(`${k}减少：${gone.join('、')}`);
      } else if (k in before && JSON.stringify(was ?? null) !== JSON.stringify(v ?? null)) lines.push(`${k}：${shown(was)} → ${shown(v)}`);
    }
    return lines.length ? lines : ['未改动内容'];
  }
  if (action === 'supervision.meeting.create') return [`${shown(after.会议类型)}，${shown(after.会议日期)}，${shown(after.会议地点)}`];
  // jsonb keeps keys in its own order: name the decision first
  const merged = { 议定事项: undefined, ...before, ...after };
  return Object.entries(merged)
    .filter(([, v]) => v !== undefined)
    .filter(([k]) => k !== '内容' || action === 'supervision.meeting.decision')
    .map(([k, v]) => `${k}：${shown(v)}`);
}

/** The meeting's own history (登记, 修改 with its reason, 议定事项, 撤销, 纪要) for whoever sees the whole meeting. */
export async function meetingHistory(db: Kysely<DB>, user: SessionUser, id: number) {
  const m = await db.selectFrom('sv_meetings as m').select('m.id').where('m.id', '=', id).where(fullMeetingSql(user)).executeTakeFirst();
  if (!m) throw new AppError('NOT_FOUND');
  const rows = await db
    .selectFrom('audit_events')
    .select(['seq', 'at', 'actor_name', 'action', 'reason', 'before', 'after'])
    .where('entity_type', '=', 'sv_meeting')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    actorName: r.actor_name ?? '',
    label: HISTORY_LABELS[r.action] ?? '会议记录变更',
    reason: r.reason,
    lines: historyLines(r.action, plain(r.before), plain(r.after)),
  }));
}
