import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { SUPERVISION_MODULE } from '../descriptor.ts';
import { emptyCounts, TASK_STATUSES, taskStatusSql, type TaskCounts, type TaskStatus } from '../tasks/index.ts';
import { MEETING_SOURCE } from './fields.ts';

export interface MeetingTask {
  id: number;
  decisionId: number;
  refNo: string;
  title: string;
  unitName: string;
  leaderName: string | null;
  dueDate: string;
  status: TaskStatus;
  statusName: string;
  overdue: boolean;
  /** not yet 核查销号 nor 撤销: the convening unit may still withdraw it */
  open: boolean;
  /** the task's page, when the user may open it (the tasks' own rule: the county roles and the unit doing it) */
  href: string | null;
}

/**
 * The 督办事项 of a meeting's decisions as the meeting's readers see them: whoever sees the whole meeting (the convening
 * unit, attendees, the office) sees where every task stands — the decisions are theirs to follow; a unit seeing a
 * decision only through its own task sees the tasks it may open. Withdrawn tasks are left out (as on a notice) unless
 * `withWithdrawn` (the meeting's own page shows what was called off).
 */
export async function meetingTasks(
  db: Kysely<DB>,
  modules: ModuleCatalog,
  user: SessionUser,
  decisions: readonly { id: number; whole: boolean }[],
  today: string,
  withWithdrawn = false,
): Promise<{ tasks: Map<number, MeetingTask[]>; counts: Map<number, TaskCounts> }> {
  const tasks = new Map<number, MeetingTask[]>();
  const counts = new Map<number, TaskCounts>();
  if (decisions.length === 0) return { tasks, counts };
  const whole = new Map(decisions.map((d) => [d.id, d.whole]));
  const rows = await db
    .selectFrom('supervision_tasks as t')
    .innerJoin('work_items as wi', 'wi.id', 't.id')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .leftJoin('leaders as l', 'l.id', 't.leader_id')
    .select([
      't.id',
      't.source_id',
      'wi.ref_no',
      'wi.title',
      'u.name as unit_name',
      'l.name as leader_name',
      't.due_date',
      'wi.state',
      taskStatusSql(today).as('status'),
      sql<boolean>`${modules.visibleSql(user, 'wi')}`.as('visible'),
    ])
    .where('t.source_kind', '=', MEETING_SOURCE)
    .where(
      't.source_id',
      'in',
      decisions.map((d) => d.id),
    )
    .$if(!withWithdrawn, (q) => q.where('wi.state', '<>', 'withdrawn'))
    .orderBy('t.id')
    .execute();
  for (const r of rows) {
    const decisionId = Number(r.source_id);
    if (!whole.get(decisionId) && !r.visible) continue;
    const list = tasks.get(decisionId) ?? [];
    list.push({
      id: Number(r.id),
      decisionId,
      refNo: r.ref_no,
      title: r.title,
      unitName: r.unit_name,
      leaderName: r.leader_name,
      dueDate: r.due_date,
      status: r.status,
      statusName: TASK_STATUSES[r.status],
      overdue: r.status === 'late',
      open: r.state !== 'closed' && r.state !== 'withdrawn',
      href: r.visible ? SUPERVISION_MODULE.detailHref(Number(r.id)) : null,
    });
    tasks.set(decisionId, list);
    const c = counts.get(decisionId) ?? emptyCounts();
    c.total++;
    c[r.status]++;
    counts.set(decisionId, c);
  }
  return { tasks, counts };
}
