import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { AppError } from '../../../core/errors.ts';
import { moduleVisibleSql } from '../../../kernel/catalog/index.ts';
import { TASK_MACHINE, type TaskState } from './machine.ts';
import { SUPERVISION_VISIBILITY } from './visibility.ts';
import { sourceHref, sourceName } from './sources.ts';
import { caseNoCandidates } from '../../../kernel/numbering/index.ts';
import { SUPERVISION_MODULE } from '../descriptor.ts';

/** Where a task stands at a glance: 已销号, 已反馈待核查, 逾期未反馈, 办理中, 未签收 — each task in exactly one. */
export type TaskStatus = 'done' | 'reported' | 'late' | 'inProgress' | 'notStarted' | 'withdrawn';
export const TASK_STATUSES: Readonly<Record<TaskStatus, string>> = {
  done: '已销号',
  reported: '已反馈待核查',
  late: '逾期未反馈',
  inProgress: '办理中',
  notStarted: '未签收',
  withdrawn: '已撤销',
};
export type TaskCounts = Record<TaskStatus, number> & { total: number };

/** The status as SQL over supervision_tasks `t` and work_items `wi` (one predicate for counts and lists). */
export const taskStatusSql = (today: string) => sql<TaskStatus>`(case
  when wi.state = 'closed' then 'done'
  when wi.state = 'withdrawn' then 'withdrawn'
  when wi.state = 'reported' then 'reported'
  when t.due_date < ${today}::date then 'late'
  when wi.state = 'assigned' then 'notStarted'
  else 'inProgress' end)`;

export interface TaskView {
  id: number;
  refNo: string;
  title: string;
  detail: string | null;
  unitId: number;
  unitName: string;
  leaderName: string | null;
  officeName: string;
  dueDate: string;
  assignedOn: string;
  state: string;
  stateName: string;
  status: TaskStatus;
  statusName: string;
  overdueDays: number;
  source: { kind: string; kindName: string; id: number; label: string; href: string | null };
  reportText: string | null;
  reportedOn: string | null;
  reportedBy: string | null;
  returnedCount: number;
  returnReason: string | null;
  verifiedOn: string | null;
  verifiedBy: string | null;
  verifyNote: string | null;
}

function baseQuery(db: Kysely<DB>, user: SessionUser, today: string) {
  return db
    .selectFrom('supervision_tasks as t')
    .innerJoin('work_items as wi', 'wi.id', 't.id')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .innerJoin('units as o', 'o.id', 't.office_unit_id')
    .leftJoin('leaders as l', 'l.id', 't.leader_id')
    .leftJoin('users as rb', 'rb.id', 't.reported_by')
    .leftJoin('users as vb', 'vb.id', 't.verified_by')
    .where(moduleVisibleSql(SUPERVISION_VISIBILITY, user))
    .select([
      't.id',
      'wi.ref_no',
      'wi.title',
      't.detail',
      't.unit_id',
      'u.name as unitName',
      'l.name as leaderName',
      'o.name as officeName',
      't.due_date',
      't.assigned_on',
      'wi.state',
      't.source_kind',
      't.source_id',
      't.source_label',
      't.report_text',
      't.reported_on',
      'rb.display_name as reportedByName',
      't.returned_count',
      't.return_reason',
      't.verified_on',
      'vb.display_name as verifiedByName',
      't.verify_note',
      taskStatusSql(today).as('status'),
      sql<number>`greatest(0, coalesce(t.reported_on, t.verified_on, ${today}::date) - t.due_date)`.as('overdueDays'),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

const present = (r: Row): TaskView => ({
  id: Number(r.id),
  refNo: r.ref_no,
  title: r.title,
  detail: r.detail,
  unitId: Number(r.unit_id),
  unitName: r.unitName,
  leaderName: r.leaderName,
  officeName: r.officeName,
  dueDate: r.due_date,
  assignedOn: r.assigned_on,
  state: r.state,
  stateName: TASK_MACHINE.states[r.state as TaskState]?.name ?? '办理中',
  status: r.status,
  statusName: TASK_STATUSES[r.status],
  overdueDays: r.status === 'done' || r.status === 'reported' || r.status === 'withdrawn' ? 0 : Number(r.overdueDays),
  source: {
    kind: r.source_kind,
    kindName: sourceName(r.source_kind),
    id: Number(r.source_id),
    label: r.source_label,
    href: sourceHref(r.source_kind, Number(r.source_id)),
  },
  reportText: r.report_text,
  reportedOn: r.reported_on,
  reportedBy: r.reportedByName,
  returnedCount: Number(r.returned_count),
  returnReason: r.return_reason,
  verifiedOn: r.verified_on,
  verifiedBy: r.verifiedByName,
  verifyNote: r.verify_note,
});

export const emptyCounts = (): TaskCounts => ({ total: 0, done: 0, reported: 0, late: 0, inProgress: 0, notStarted: 0, withdrawn: 0 });

/**
 * The tasks of one source (a 督办通知, a campaign …) that the user may see — the office all, a unit only its own — with
 * the at-a-glance counts (已销号 / 已反馈待核查 / 逾期未反馈 / 办理中 / 未签收). `status` narrows the list (the counts stay whole).
 */
export async function readSourceTasks(
  db: Kysely<DB>,
  user: SessionUser,
  source: { kind: string; id: number },
  today: string,
  status?: TaskStatus,
): Promise<{ tasks: TaskView[]; counts: TaskCounts }> {
  const rows = await baseQuery(db, user, today)
    .where('wi.state', '<>', 'withdrawn')
    .where('t.source_kind', '=', source.kind)
    .where('t.source_id', '=', source.id)
    .orderBy('t.id')
    .execute();
  const tasks = rows.map(present);
  const counts = emptyCounts();
  for (const t of tasks) {
    counts.total++;
    counts[t.status]++;
  }
  return { tasks: status ? tasks.filter((t) => t.status === status) : tasks, counts };
}

/** Counts per source for many sources at once (the notice list's progress column), under the same visibility. */
export async function countSourceTasks(
  db: Kysely<DB>,
  user: SessionUser,
  kind: string,
  ids: readonly number[],
  today: string,
): Promise<Map<number, TaskCounts>> {
  const out = new Map<number, TaskCounts>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('supervision_tasks as t')
    .innerJoin('work_items as wi', 'wi.id', 't.id')
    .where(moduleVisibleSql(SUPERVISION_VISIBILITY, user))
    .where('t.source_kind', '=', kind)
    .where('t.source_id', 'in', [...ids])
    .where('wi.state', '<>', 'withdrawn')
    .select(['t.source_id', taskStatusSql(today).as('status'), sql<number>`count(*)::int`.as('n')])
    .groupBy(['t.source_id', sql`2`])
    .execute();
  for (const r of rows) {
    const c = out.get(Number(r.source_id)) ?? emptyCounts();
    c[r.status] += Number(r.n);
    c.total += Number(r.n);
    out.set(Number(r.source_id), c);
  }
  return out;
}

/** One task under the one visibility rule (NOT_FOUND outside it). */
export async function getTask(db: Kysely<DB>, user: SessionUser, id: number, today: string): Promise<TaskView> {
  const r = await baseQuery(db, user, today).where('t.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  return present(r);
}

/** The tasks the user may see (a unit: its own — 本单位的督办事项), newest first, by status. */
export async function listTasks(
  db: Kysely<DB>,
  user: SessionUser,
  opts: { status?: TaskStatus; unitId?: number; q?: string; page: number; pageSize: number },
  today: string,
): Promise<{ items: TaskView[]; total: number }> {
  let q = baseQuery(db, user, today);
  if (opts.status) q = q.where(taskStatusSql(today), '=', opts.status);
  if (opts.unitId) q = q.where('t.unit_id', '=', opts.unitId);
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('wi.ref_no', 'in', caseNoCandidates(opts.q!, SUPERVISION_MODULE.caseNoPrefix).concat(opts.q!)),
        eb('wi.title', 'like', like),
        eb('t.source_label', 'like', like),
      ]),
    );
  }
  const [rows, total] = await Promise.all([
    q
      .orderBy('t.due_date')
      .orderBy('t.id', 'desc')
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize)
      .execute(),
    q
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(present), total: Number(total.n) };
}
