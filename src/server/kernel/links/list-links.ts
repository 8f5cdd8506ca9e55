import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { can } from '../../core/access/policy.ts';
import { AppError } from '../../core/errors.ts';
import { loadVisibleItem, type ModuleCatalog, type ScopedUser } from '../catalog/index.ts';
import { linkName, type LinkDirection } from './kinds.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface ItemLinkView {
  id: number;
  kind: string;
  /** 'out' when this item is the link's from end */
  direction: LinkDirection;
  /** how the link reads from this item: 升级为, 由…升级 */
  name: string;
  note: string | null;
  occurredOn: string;
  createdAt: string;
  createdByName: string | null;
  other: { id: number; module: string; moduleName: string; refNo: string; title: string; state: string; stateName: string; open: boolean; href: string };
}

/**
 * The active links of an item, both directions, oldest first, as `user` may see them: the item itself
 * through the one visibility rule (404 otherwise), and each linked item through the same rule — a link
 * whose other end the user may not see is left out entirely, not shown as "a hidden link". Even its
 * existence tells something (a 检举控告 linked to a case must not announce itself to the accused unit
 * through the case's page); the county-wide staff who may see both ends see the link.
 */
export async function listLinks(db: Db, modules: ModuleCatalog, user: SessionUser, itemId: number): Promise<{ items: ItemLinkView[]; mayLink: boolean }> {
  await loadVisibleItem(db, modules, user, itemId);
  const rows = await db
    .selectFrom('item_links as l')
    .innerJoin('work_items as wo', (j) => j.on(sql<SqlBool>`wo.id = case when l.from_id = ${itemId} then l.to_id else l.from_id end`))
    .leftJoin('users as c', 'c.id', 'l.created_by')
    .select([
      'l.id',
      'l.kind',
      'l.from_id',
      'l.note',
      'l.occurred_on',
      'l.created_at',
      'c.display_name as created_by_name',
      'wo.id as other_id',
      'wo.module',
      'wo.ref_no',
      'wo.title',
      'wo.state',
      'wo.open',
    ])
    .where((eb) => eb.or([eb('l.from_id', '=', itemId), eb('l.to_id', '=', itemId)]))
    .where('l.removed_at', 'is', null)
    .where(modules.visibleSql(user, 'wo'))
    .orderBy('l.id')
    .execute();
  return {
    mayLink: can(user, 'workitem.handle'),
    items: rows.map((r) => {
      const direction: LinkDirection = Number(r.from_id) === itemId ? 'out' : 'in';
      const otherId = Number(r.other_id);
      return {
        id: Number(r.id),
        kind: r.kind,
        direction,
        name: linkName(modules.linkKind(r.kind), direction),
        note: r.note,
        occurredOn: String(r.occurred_on),
        createdAt: new Date(r.created_at).toISOString(),
        createdByName: r.created_by_name,
        other: {
          id: otherId,
          module: r.module,
          ...modules.words({ module: r.module, id: otherId, state: r.state }),
          refNo: r.ref_no,
          title: r.title,
          state: r.state,
          open: r.open,
        },
      };
    }),
  };
}

/**
 * The number of active links of the work item aliased `wi` whose other end `user` may see — the figure a
 * list or a statistic shows (the same rule as listLinks, so a count never reveals a hidden link).
 */
export function linkCountSql(modules: ModuleCatalog, user: ScopedUser, wi = 'wi'): RawBuilder<number> {
  const id = sql.ref(`${wi}.id`);
  const visible = modules.visibleSql(user, 'lo');
  return sql<number>`((select count(*) from item_links l join work_items lo on lo.id = l.to_id where l.from_id = ${id} and l.removed_at is null and ${visible})
    + (select count(*) from item_links l join work_items lo on lo.id = l.from_id where l.to_id = ${id} and l.removed_at is null and ${visible}))`;
}

/**
 * The ids of items with an active link, either way, to an item `visible` admits — for statistics that count
 * linked items (a petition that revealed a hazard). A link to an item the user may not see is not counted,
 * so a count never tells of an item its reader cannot open. Joined as a set (hash join), not per row.
 */
export function linkedItemIdsSql(visible: (wi: string) => RawBuilder<SqlBool>): RawBuilder<{ id: number }> {
  return sql<{ id: number }>`(
    select l.from_id as id from item_links l join work_items lo on lo.id = l.to_id where l.removed_at is null and ${visible('lo')}
    union
    select l.to_id as id from item_links l join work_items lo on lo.id = l.from_id where l.removed_at is null and ${visible('lo')}
  )`;
}

/**
 * The item a user means by its case number, among the items they may see: the number's prefix names the
 * module (XF-…, any case, spaces or a full-width dash tolerated); a number without one — issued before
 * prefixes, or typed without the letters — is looked up in every module (or in `module`, when the caller knows
 * it or the user picked the type). LINK_TARGET_NOT_FOUND when none, LINK_TARGET_AMBIGUOUS when several (old
 * numbers coincide across modules). Each candidate is a (module, ref_no) pair: the unique index answers.
 */
export async function findVisibleByRef(db: Db, modules: ModuleCatalog, user: ScopedUser, opts: { refNo: string; module?: string }): Promise<number> {
  const refNo = opts.refNo.trim();
  const pairs = modules.readCaseNo(refNo).filter((p) => !opts.module || p.module === opts.module);
  if (pairs.length === 0) throw new AppError('LINK_TARGET_NOT_FOUND', { refNo }, { field: 'toRefNo' });
  const rows = await db
    .selectFrom('work_items as wi')
    .select(['wi.id', 'wi.module'])
    .where((eb) => eb.or(pairs.map((p) => eb.and([eb('wi.module', '=', p.module), eb('wi.ref_no', '=', p.refNo)]))))
    .where(modules.visibleSql(user))
    .limit(5)
    .execute();
  if (rows.length === 0) throw new AppError('LINK_TARGET_NOT_FOUND', { refNo }, { field: 'toRefNo' });
  if (rows.length > 1) {
    const kinds = [...new Set(rows.map((r) => r.module))];
    throw new AppError(
      'LINK_TARGET_AMBIGUOUS',
      {
        refNo,
        modules: kinds.map((k) => modules.name(k)).join('、'),
        prefixes: kinds.map((k) => `${modules.name(k)} ${modules.caseNoPrefix(k) ?? ''}`.trim()).join('、'),
      },
      { field: 'toModule' },
    );
  }
  return Number(rows[0]!.id);
}
