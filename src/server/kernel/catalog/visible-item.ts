import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { AppError } from '../../core/errors.ts';
import type { ModuleCatalog } from './catalog.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface VisibleItem {
  id: number;
  module: string;
  refNo: string;
  title: string;
  open: boolean;
  ownerUnitPath: string;
  /** the business date the item was received (records on it are never dated before) */
  receivedOn: string;
}

/** The work item as `user` may see it (the one visibility rule), else NOT_FOUND: out of scope is indistinguishable from absent. */
export async function loadVisibleItem(db: Db, modules: ModuleCatalog, user: SessionUser, id: number): Promise<VisibleItem> {
  const row = await db
    .selectFrom('work_items as wi')
    .select(['wi.id', 'wi.module', 'wi.ref_no', 'wi.title', 'wi.open', 'wi.owner_unit_path', 'wi.received_on'])
    .where('wi.id', '=', id)
    .where(modules.visibleSql(user))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return {
    id: Number(row.id),
    module: row.module,
    refNo: row.ref_no,
    title: row.title,
    open: row.open,
    ownerUnitPath: row.owner_unit_path,
    receivedOn: row.received_on,
  };
}

/** Serialises concurrent writes on one item (the runner, 督办 listing twice, two 销号 at once). */
export async function lockItem(trx: Transaction<DB>, id: number): Promise<void> {
  await sql`SELECT id FROM work_items WHERE id = ${id} FOR UPDATE`.execute(trx);
}

/**
 * Whether the staff of the unit at `unitPath` (any of them) may see item `id` under the item's module
 * rule — used before addressing a reminder or a 督办通知 to a unit, so that nothing reaches a unit
 * that may not see the item (e.g. the accused unit of a 检举控告): the modules' own rules decide, the scope
 * being the addressing's business (the unit is the item's owner or its 主办).
 */
export async function unitMaySee(db: Db, modules: ModuleCatalog, opts: { id: number; unitPath: string }): Promise<boolean> {
  const row = await db
    .selectFrom('work_items as wi')
    .select('wi.id')
    .where('wi.id', '=', opts.id)
    .where(modules.moduleRulesSql({ roles: [], unitPath: opts.unitPath }))
    .executeTakeFirst();
  return row !== undefined;
}
