import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { likePrefix } from '../../../core/access/scope.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { linkCountSql } from '../../../kernel/links/index.ts';

export interface WorkItemQuery {
  module?: string;
  /** matched against 编号 and 标题 */
  q?: string;
  open?: boolean;
  page: number;
  pageSize: number;
}

export interface WorkItemRow {
  id: number;
  module: string;
  moduleName: string;
  href: string;
  refNo: string;
  title: string;
  state: string;
  stateName: string;
  open: boolean;
  ownerUnitId: number;
  ownerUnitName: string;
  assigneeName: string | null;
  nearestDue: string | null;
  createdAt: string;
  /** active links to items the user may see (kernel/links) */
  linkCount: number;
}

/** The work items the user may see (the one visibility rule), newest first, filtered by module / text / open. */
export async function listWorkItems(opts: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  user: SessionUser;
  query: WorkItemQuery;
}): Promise<{ items: WorkItemRow[]; total: number }> {
  const { db, modules, user, query } = opts;
  let base = db
    .selectFrom('work_items as wi')
    .innerJoin('units as u', 'u.id', 'wi.owner_unit_id')
    .leftJoin('users as a', 'a.id', 'wi.assignee_id')
    .where(modules.visibleSql(user));
  if (query.module) base = base.where('wi.module', '=', query.module);
  if (query.open !== undefined) base = base.where('wi.open', '=', query.open);
  const q = query.q?.trim();
  if (q) {
    // likePrefix escapes the wildcards; a leading % makes it a substring match
    const pattern = `%${likePrefix(q)}`;
    base = base.where((eb) => eb.or([eb('wi.ref_no', 'ilike', pattern), eb('wi.title', 'ilike', pattern)]));
  }
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select([
        'wi.id',
        'wi.module',
        'wi.ref_no',
        'wi.title',
        'wi.state',
        'wi.open',
        'wi.owner_unit_id',
        'u.name as owner_unit_name',
        'a.display_name as assignee_name',
        'wi.created_at',
        (eb) =>
          eb
            .selectFrom('deadlines as d')
            .select((e) => e.fn.min('d.due_date').as('m'))
            .whereRef('d.work_item_id', '=', 'wi.id')
            .where('d.status', '=', 'running')
            .where('d.kind', '=', 'deadline')
            .as('nearest_due'),
        linkCountSql(modules, user).as('link_count'),
      ])
      .orderBy('wi.created_at', 'desc')
      .orderBy(sql`wi.id`, 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
  ]);
  return {
    total: Number(total),
    items: rows.map((r) => ({
      id: Number(r.id),
      module: r.module,
      ...modules.words({ module: r.module, id: Number(r.id), state: r.state }),
      refNo: r.ref_no,
      title: r.title,
      state: r.state,
      open: r.open,
      ownerUnitId: Number(r.owner_unit_id),
      ownerUnitName: r.owner_unit_name,
      assigneeName: r.assignee_name,
      nearestDue: r.nearest_due === null ? null : String(r.nearest_due),
      createdAt: new Date(r.created_at).toISOString(),
      linkCount: Number(r.link_count),
    })),
  };
}
