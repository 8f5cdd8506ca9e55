import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { AppError } from '../../core/errors.ts';
import { inScopeSql } from '../../core/access/scoped-query.ts';
import { presentDeadlines, type PresentedDeadline } from '../../kernel/deadlines/index.ts';
import { getTimeline, type TimelineEntry } from '../../kernel/timeline/index.ts';
import { moduleName } from '../todo/module-names.ts';

/** A deadline with the rule that produced it: the kernel's one presentation. */
export type WorkItemDeadline = PresentedDeadline;

export interface WorkItemDetail {
  id: number;
  module: string;
  moduleName: string;
  refNo: string;
  title: string;
  state: string;
  open: boolean;
  createdAt: string;
  updatedAt: string;
  ownerUnit: { id: number; name: string };
  assignee: { id: number; name: string } | null;
  leader: { id: number; name: string; title: string } | null;
  deadlines: WorkItemDeadline[];
  timeline: TimelineEntry[];
}

/**
 * A work item with its deadlines (and the rule that produced each) and its timeline, as `user`
 * may see it: outside the user's data scope it does not exist (NOT_FOUND), like every record.
 */
export async function getWorkItemDetail(opts: { db: Kysely<DB>; user: SessionUser; id: number; today: string }): Promise<WorkItemDetail> {
  const { db, user, id, today } = opts;
  const row = await db
    .selectFrom('work_items as wi')
    .innerJoin('units as u', 'u.id', 'wi.owner_unit_id')
    .leftJoin('users as a', 'a.id', 'wi.assignee_id')
    .leftJoin('leaders as l', 'l.id', 'wi.leader_id')
    .select([
      'wi.id',
      'wi.module',
      'wi.ref_no',
      'wi.title',
      'wi.state',
      'wi.open',
      'wi.created_at',
      'wi.updated_at',
      'wi.owner_unit_id',
      'u.name as owner_unit_name',
      'wi.assignee_id',
      'a.display_name as assignee_name',
      'wi.leader_id',
      'l.name as leader_name',
      'l.title as leader_title',
    ])
    .where('wi.id', '=', id)
    .where(inScopeSql('wi.owner_unit_path', user))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');

  const [deadlines, timeline] = await Promise.all([presentDeadlines(db, id, today), getTimeline(db, id)]);

  return {
    id: Number(row.id),
    module: row.module,
    moduleName: moduleName(row.module),
    refNo: row.ref_no,
    title: row.title,
    state: row.state,
    open: row.open,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    ownerUnit: { id: Number(row.owner_unit_id), name: row.owner_unit_name },
    assignee: row.assignee_id !== null && row.assignee_name !== null ? { id: Number(row.assignee_id), name: row.assignee_name } : null,
    leader: row.leader_id !== null && row.leader_name !== null ? { id: Number(row.leader_id), name: row.leader_name, title: row.leader_title ?? '' } : null,
    deadlines,
    timeline,
  };
}
