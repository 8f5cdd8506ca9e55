import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { AppError } from '../../../core/errors.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { loadCalendar } from '../../../kernel/deadlines/index.ts';
import { SUPERVISION_MODULE } from '../descriptor.ts';
import { TASK_STATUSES, type TaskStatus } from '../tasks/index.ts';
import { taskStatusSql } from '../tasks/read-tasks.ts';
import { ACTION_CATEGORIES, ACTION_NEXT, ACTION_RHYTHMS, ACTION_STATUSES, DISPATCH_FORMS, MEMBER_ROLES, isActionOffice } from './fields.ts';
import { dispatchSlots, type DispatchSlot } from './schedule.ts';
import { seesWholeActionSql, visibleActions, visibleItems } from './scope.ts';
import { listBriefings, type BriefingView } from './briefing.ts';

export interface ActionListRow {
  id: number;
  name: string;
  categoryName: string;
  periodFrom: string;
  periodTo: string;
  leadUnitName: string;
  status: keyof typeof ACTION_STATUSES;
  statusName: string;
  rhythmName: string;
  items: number;
  done: number;
  late: number;
}

/** The actions the user sees, newest first, with the counts of the rows they see. */
export async function listActions(db: Kysely<DB>, user: SessionUser, today: string): Promise<ActionListRow[]> {
  const rows = await visibleActions(db, user)
    .innerJoin('units as lu', 'lu.id', 'a.lead_unit_id')
    .select(['a.id', 'a.name', 'a.category', 'a.period_from', 'a.period_to', 'a.status', 'a.rhythm', 'lu.name as leadUnitName'])
    .orderBy('a.period_from', 'desc')
    .orderBy('a.id', 'desc')
    .limit(500)
    .execute();
  const ids = rows.map((r) => Number(r.id));
  const counts = ids.length
    ? await visibleItems(db, user)
        .where('i.action_id', 'in', ids)
        .select(['i.action_id', taskStatusSql(today).as('status'), sql<number>`count(*)::int`.as('n')])
        .groupBy(['i.action_id', sql`2`])
        .execute()
    : [];
  return rows.map((r) => {
    const mine = counts.filter((c) => Number(c.action_id) === Number(r.id));
    const n = (s?: TaskStatus) => mine.filter((c) => !s || c.status === s).reduce((x, c) => x + Number(c.n), 0);
    return {
      id: Number(r.id),
      name: r.name,
      categoryName: ACTION_CATEGORIES[r.category],
      periodFrom: r.period_from,
      periodTo: r.period_to,
      leadUnitName: r.leadUnitName,
      status: r.status,
      statusName: ACTION_STATUSES[r.status],
      rhythmName: ACTION_RHYTHMS[r.rhythm],
      items: n(),
      done: n('done'),
      late: n('late'),
    };
  });
}

export interface ActionItemView {
  id: number;
  seq: number;
  taskId: number;
  taskHref: string;
  refNo: string;
  title: string;
  detail: string | null;
  standard: string;
  unitId: number;
  unitName: string;
  leaderId: number | null;
  leaderName: string | null;
  dueDate: string;
  assignedOn: string;
  status: TaskStatus;
  statusName: string;
  overdueDays: number;
  linked: { refNo: string; moduleName: string; stateName: string; href: string; open: boolean } | null;
}

export interface ActionDetail {
  id: number;
  name: string;
  category: string;
  categoryName: string;
  periodFrom: string;
  periodTo: string;
  goals: string;
  measures: string | null;
  steps: string | null;
  rhythm: string;
  rhythmName: string;
  status: keyof typeof ACTION_STATUSES;
  statusName: string;
  leadUnitName: string;
  members: { role: string; roleName: string; name: string; post: string | null }[];
  groups: { name: string; leadUnitName: string; members: string[] }[];
  /** whether the user sees the whole action (else only their own rows, no 调度 records) */
  whole: boolean;
  items: ActionItemView[];
  dispatches: {
    id: number;
    dispatchedOn: string;
    formName: string;
    reported: string;
    problems: string | null;
    nextSteps: string | null;
    total: number;
    closed: number;
    overdue: number;
    backdateReason: string | null;
    recordedBy: string;
  }[];
  slots: DispatchSlot[];
  /** the issued 工作简报, newest first (only to whom sees the whole action) */
  briefings: BriefingView[];
  mayManage: boolean;
  nextStatuses: { code: string; name: string }[];
}

/** Rows of the 问题清单 the user sees, in list order (also the export). */
export async function actionItems(db: Kysely<DB>, modules: ModuleCatalog, user: SessionUser, actionId: number, today: string): Promise<ActionItemView[]> {
  const rows = await visibleItems(db, user)
    .where('i.action_id', '=', actionId)
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .leftJoin('leaders as l', 'l.id', 't.leader_id')
    .select([
      'i.id',
      'i.seq',
      'i.task_id',
      'i.standard',
      'i.linked_item_id',
      'wi.ref_no',
      'wi.title',
      't.detail',
      't.unit_id',
      'u.name as unitName',
      't.leader_id',
      'l.name as leaderName',
      't.due_date',
      't.assigned_on',
      taskStatusSql(today).as('status'),
      sql<number>`greatest(0, ${today}::date - t.due_date)`.as('overdueDays'),
    ])
    .orderBy('i.seq')
    .execute();
  // a linked item shows only to whom it is visible under its own module's rule
  const linkedIds = rows.flatMap((r) => (r.linked_item_id ? [Number(r.linked_item_id)] : []));
  const linked = linkedIds.length
    ? await db
        .selectFrom('work_items as wi')
        .select(['wi.id', 'wi.module', 'wi.ref_no', 'wi.state', 'wi.open'])
        .where('wi.id', 'in', linkedIds)
        .where(modules.visibleSql(user))
        .execute()
    : [];
  return rows.map((r) => {
    const l = linked.find((x) => Number(x.id) === Number(r.linked_item_id));
    const words = l ? modules.words({ module: l.module, id: Number(l.id), state: l.state }) : null;
    return {
      id: Number(r.id),
      seq: Number(r.seq),
      taskId: Number(r.task_id),
      taskHref: SUPERVISION_MODULE.detailHref(Number(r.task_id)),
      refNo: r.ref_no,
      title: r.title,
      detail: r.detail,
      standard: r.standard,
      unitId: Number(r.unit_id),
      unitName: r.unitName,
      leaderId: r.leader_id === null ? null : Number(r.leader_id),
      leaderName: r.leaderName,
      dueDate: r.due_date,
      assignedOn: r.assigned_on,
      status: r.status,
      statusName: TASK_STATUSES[r.status],
      overdueDays: r.status === 'late' ? Number(r.overdueDays) : 0,
      linked: l && words ? { refNo: l.ref_no, moduleName: words.moduleName, stateName: words.stateName, href: words.href, open: l.open } : null,
    };
  });
}

/** One action as the user may see it (NOT_FOUND outside the rule). */
export async function getAction(db: Kysely<DB>, modules: ModuleCatalog, user: SessionUser, id: number, today: string): Promise<ActionDetail> {
  const a = await visibleActions(db, user)
    .innerJoin('units as lu', 'lu.id', 'a.lead_unit_id')
    .selectAll('a')
    .select(['lu.name as leadUnitName', seesWholeActionSql(user).as('whole')])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!a) throw new AppError('NOT_FOUND');
  const whole = Boolean(a.whole);
  const [members, groups, items, dispatches, briefings] = await Promise.all([
    db.selectFrom('sv_action_members').select(['role', 'name', 'post']).where('action_id', '=', id).orderBy('seq').execute(),
    db
      .selectFrom('sv_action_groups as g')
      .innerJoin('units as u', 'u.id', 'g.lead_unit_id')
      .select(['g.name', 'u.name as unitName', 'g.members'])
      .where('g.action_id', '=', id)
      .orderBy('g.seq')
      .execute(),
    actionItems(db, modules, user, id, today),
    whole
      ? db
          .selectFrom('sv_action_dispatches as d')
          .innerJoin('users as u', 'u.id', 'd.created_by')
          .selectAll('d')
          .select('u.display_name')
          .where('d.action_id', '=', id)
          .orderBy('d.dispatched_on', 'desc')
          .orderBy('d.id', 'desc')
          .execute()
      : Promise.resolve([]),
    whole ? listBriefings(db, user, id) : Promise.resolve([]),
  ]);
  let slots: DispatchSlot[] = [];
  if (whole && a.status !== 'preparing') {
    const calendar = await loadCalendar(db);
    slots = dispatchSlots({
      rhythm: a.rhythm,
      periodFrom: a.period_from,
      periodTo: a.period_to,
      today,
      dispatchedOn: dispatches.map((d) => d.dispatched_on),
      isWorkday: (d) => calendar.isWorkday(d).workday,
    });
  }
  const mayManage = isActionOffice(user, Number(a.lead_unit_id));
  return {
    id: Number(a.id),
    name: a.name,
    category: a.category,
    categoryName: ACTION_CATEGORIES[a.category],
    periodFrom: a.period_from,
    periodTo: a.period_to,
    goals: a.goals,
    measures: a.measures,
    steps: a.steps,
    rhythm: a.rhythm,
    rhythmName: ACTION_RHYTHMS[a.rhythm],
    status: a.status,
    statusName: ACTION_STATUSES[a.status],
    leadUnitName: a.leadUnitName,
    members: members.map((m) => ({ role: m.role, roleName: MEMBER_ROLES[m.role], name: m.name, post: m.post })),
    groups: groups.map((g) => ({ name: g.name, leadUnitName: g.unitName, members: g.members })),
    whole,
    items,
    dispatches: dispatches.map((d) => ({
      id: Number(d.id),
      dispatchedOn: d.dispatched_on,
      formName: DISPATCH_FORMS[d.form],
      reported: d.reported,
      problems: d.problems,
      nextSteps: d.next_steps,
      total: Number(d.total),
      closed: Number(d.closed),
      overdue: Number(d.overdue),
      backdateReason: d.backdate_reason,
      recordedBy: d.display_name,
    })),
    slots,
    briefings,
    mayManage,
    nextStatuses: mayManage ? ACTION_NEXT[a.status].map((s) => ({ code: s, name: ACTION_STATUSES[s] })) : [],
  };
}
