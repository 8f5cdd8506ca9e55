import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { AppError } from '../../../core/errors.ts';
import { presentDeadlines, type PresentedDeadline } from '../../../kernel/deadlines/index.ts';
import { getTimeline, type TimelineEntry } from '../../../kernel/timeline/index.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';

/** A deadline with the rule that produced it: the kernel's one presentation. */
export type WorkItemDeadline = PresentedDeadline;

export interface WorkItemDetail {
  id: number;
  module: string;
  moduleName: string;
  /** the module's own page for the item (信访: its case page), or this detail */
  href: string;
  refNo: string;
  title: string;
  state: string;
  stateName: string;
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
 * may see it (the one visibility rule: scope by owner or party, and the item's module rule); outside it
 * the item does not exist (NOT_FOUND), like every record.
 */
export async function getWorkItemDetail(opts: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  user: SessionUser;
  id: number;
  today: string;
}): Promise<WorkItemDetail> {
  const { db, modules, user, id, today } = opts;
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
    .where(modules.visibleSql(user))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');

  const [deadlines, timeline] = await Promise.all([presentDeadlines(db, id, today), getTimeline(db, opts.modules, id, user)]);

  return {
    id: Number(row.id),
    module: row.module,
    ...modules.words({ module: row.module, id: Number(row.id), state: row.state }),
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
