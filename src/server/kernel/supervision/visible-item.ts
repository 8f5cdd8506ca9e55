import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { AppError } from '../../core/errors.ts';
import { petitionVisibleSql } from '../../modules/petitions/visibility.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The one read rule for 督办 and leaders' records: the item's scope (owner or party) AND, for a
 * 信访 item, never the accused unit of a 检举控告 — the very filter of GET /petitions. Queries
 * must alias work_items as `wi` and LEFT JOIN petitions as `p` on p.id = wi.id (non-petition
 * items have no row there, so the accusation clause is true for them).
 */
export function supervisionVisibleSql(user: Pick<SessionUser, 'roles' | 'unitPath'>): RawBuilder<SqlBool> {
  return petitionVisibleSql(user);
}

export interface VisibleItem {
  id: number;
  module: string;
  refNo: string;
  title: string;
  open: boolean;
  ownerUnitPath: string;
}

/** The work item as `user` may see it, else NOT_FOUND (out of scope is indistinguishable from absent). */
export async function loadVisibleItem(db: Db, user: SessionUser, id: number): Promise<VisibleItem> {
  const row = await db
    .selectFrom('work_items as wi')
    .leftJoin('petitions as p', 'p.id', 'wi.id')
    .select(['wi.id', 'wi.module', 'wi.ref_no', 'wi.title', 'wi.open', 'wi.owner_unit_path'])
    .where('wi.id', '=', id)
    .where(supervisionVisibleSql(user))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return { id: Number(row.id), module: row.module, refNo: row.ref_no, title: row.title, open: row.open, ownerUnitPath: row.owner_unit_path };
}

/** Serialises concurrent 督办 writes on one item (listing twice, two 销号 at once). */
export async function lockItem(trx: Transaction<DB>, id: number): Promise<void> {
  await sql`SELECT id FROM work_items WHERE id = ${id} FOR UPDATE`.execute(trx);
}
