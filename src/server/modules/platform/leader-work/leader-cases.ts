import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { AppError } from '../../../core/errors.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';

export interface LeaderCase {
  workItemId: number;
  module: string;
  moduleName: string;
  stateName: string;
  refNo: string;
  title: string;
  state: string;
  open: boolean;
  ownerUnitName: string;
  nearestDue: string | null;
  listed: boolean;
  backlogOpen: boolean;
  assignedAt: string;
  href: string;
}

/**
 * A leader's 包案 list: items where the leader is the active party 'leader' (三位一体), within the
 * caller's visibility (a 检举控告 never reaches the accused unit). Open ones first, nearest due first.
 */
export async function listLeaderCases(opts: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  user: SessionUser;
  leaderId: number;
  open?: boolean;
}): Promise<{ leader: { id: number; name: string; title: string }; items: LeaderCase[] }> {
  const { db, user, leaderId } = opts;
  const leader = await db.selectFrom('leaders').select(['id', 'name', 'title']).where('id', '=', leaderId).executeTakeFirst();
  if (!leader) throw new AppError('NOT_FOUND');
  let q = db
    .selectFrom('case_parties as cp')
    .innerJoin('work_items as wi', 'wi.id', 'cp.work_item_id')
    .innerJoin('units as ou', 'ou.id', 'wi.owner_unit_id')
    .where('cp.role', '=', 'leader')
    .where('cp.active', '=', true)
    .where('cp.leader_id', '=', leaderId)
    .where(opts.modules.visibleSql(user));
  if (opts.open !== undefined) q = q.where('wi.open', '=', opts.open);
  const rows = await q
    .select([
      'wi.id',
      'wi.module',
      'wi.ref_no',
      'wi.title',
      'wi.state',
      'wi.open',
      'ou.name as owner_unit_name',
      'cp.assigned_at',
      (eb) =>
        eb
          .selectFrom('deadlines as d')
          .select((e) => e.fn.min('d.due_date').as('m'))
          .whereRef('d.work_item_id', '=', 'wi.id')
          .where('d.status', '=', 'running')
          .where('d.kind', '=', 'deadline')
          .as('nearest_due'),
      sql<boolean>`exists (select 1 from supervision_listings s where s.work_item_id = wi.id and s.delisted_at is null)`.as('listed'),
      sql<boolean>`exists (select 1 from backlog_entries b where b.work_item_id = wi.id and b.closed_at is null)`.as('backlog_open'),
    ])
    .orderBy('wi.open', 'desc')
    .orderBy(sql`nearest_due nulls last`)
    .orderBy('wi.id', 'desc')
    .limit(500)
    .execute();
  return {
    leader: { id: Number(leader.id), name: leader.name, title: leader.title },
    items: rows.map((r) => ({
      workItemId: Number(r.id),
      module: r.module,
      ...opts.modules.words({ module: r.module, id: Number(r.id), state: r.state }),
      refNo: r.ref_no,
      title: r.title,
      state: r.state,
      open: r.open,
      ownerUnitName: r.owner_unit_name,
      nearestDue: r.nearest_due === null ? null : String(r.nearest_due),
      listed: r.listed,
      backlogOpen: r.backlog_open,
      assignedAt: new Date(r.assigned_at).toISOString(),
    })),
  };
}

/** The leader row linked to a county_leader account, else LEADER_NOT_LINKED. */
export async function leaderOfUser(db: Kysely<DB>, user: SessionUser): Promise<number> {
  const row = await db.selectFrom('leaders').select('id').where('user_id', '=', user.id).where('disabled', '=', false).executeTakeFirst();
  if (!row) throw new AppError('LEADER_NOT_LINKED');
  return Number(row.id);
}
