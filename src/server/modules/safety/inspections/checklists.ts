import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';

export interface ChecklistItem {
  id: number;
  content: string;
  basis: string;
  basisVerified: boolean;
}
export interface Checklist {
  id: number;
  name: string;
  sectorId: number | null;
  sectorName: string | null;
  disabled: boolean;
  items: ChecklistItem[];
}

/** The sector checklists (检查表) with their current items in order. */
export async function listChecklists(db: Kysely<DB>, opts: { includeDisabled?: boolean } = {}): Promise<Checklist[]> {
  let q = db
    .selectFrom('safety_checklists as c')
    .leftJoin('safety_sectors as s', 's.id', 'c.sector_id')
    .select(['c.id', 'c.name', 'c.sector_id', 'c.disabled', 's.name as sector_name'])
    .orderBy('c.id');
  if (!opts.includeDisabled) q = q.where('c.disabled', '=', false);
  const lists = await q.execute();
  if (!lists.length) return [];
  const items = await db
    .selectFrom('safety_checklist_items')
    .select(['id', 'checklist_id', 'content', 'basis', 'basis_verified'])
    .where(
      'checklist_id',
      'in',
      lists.map((l) => l.id),
    )
    .where('disabled', '=', false)
    .orderBy('checklist_id')
    .orderBy('sort')
    .execute();
  return lists.map((l) => ({
    id: Number(l.id),
    name: l.name,
    sectorId: l.sector_id === null ? null : Number(l.sector_id),
    sectorName: l.sector_name,
    disabled: l.disabled,
    items: items
      .filter((i) => Number(i.checklist_id) === Number(l.id))
      .map((i) => ({ id: Number(i.id), content: i.content, basis: i.basis, basisVerified: i.basis_verified })),
  }));
}

export interface ChecklistInput {
  name: string;
  sectorId: number | null;
  disabled?: boolean;
  /** the items in order; an item with an id keeps it (records refer to item ids), one without is new; missing ones are retired */
  items: { id?: number; content: string; basis: string; basisVerified: boolean }[];
}

/**
 * Creates (id null) or edits a checklist. Items are never deleted — a retired item stays for the records that
 * checked it — and an item id must belong to this checklist. One transaction, audited.
 */
export async function saveChecklist(db: Kysely<DB>, opts: { id: number | null; input: ChecklistInput; actor: Actor }): Promise<Checklist> {
  const { input } = opts;
  if (!input.items.length) throw new AppError('VALIDATION_FAILED', { detail: '检查表至少要有一个检查项目' }, { field: 'items' });
  const id = await db.transaction().execute(async (trx) => {
    if (input.sectorId !== null) {
      const s = await trx.selectFrom('safety_sectors').select('id').where('id', '=', input.sectorId).executeTakeFirst();
      if (!s) throw new AppError('SAFETY_SECTOR_INVALID', { detail: '所选行业领域不存在' }, { field: 'sectorId' });
    }
    let listId = opts.id;
    if (listId === null) {
      listId = Number(
        (
          await trx
            .insertInto('safety_checklists')
            .values({ name: input.name, sector_id: input.sectorId, disabled: input.disabled ?? false })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    } else {
      const r = await trx
        .updateTable('safety_checklists')
        .set({ name: input.name, sector_id: input.sectorId, disabled: input.disabled ?? false, updated_at: new Date() })
        .where('id', '=', listId)
        .executeTakeFirst();
      if (!r.numUpdatedRows) throw new AppError('NOT_FOUND');
    }
    const existing = await trx.selectFrom('safety_checklist_items').select(['id']).where('checklist_id', '=', listId).execute();
    const own = new Set(existing.map((e) => Number(e.id)));
    const kept = new Set<number>();
    let sort = 0;
    for (const item of input.items) {
      sort++;
      if (item.id !== undefined) {
        if (!own.has(item.id)) throw new AppError('VALIDATION_FAILED', { detail: `第 ${sort} 个检查项目不属于本检查表` }, { field: 'items' });
        kept.add(item.id);
        await trx
          .updateTable('safety_checklist_items')
          .set({ sort, content: item.content, basis: item.basis, basis_verified: item.basisVerified, disabled: false })
          .where('id', '=', item.id)
          .execute();
      } else
        await trx
          .insertInto('safety_checklist_items')
          .values({ checklist_id: listId, sort, content: item.content, basis: item.basis, basis_verified: item.basisVerified })
          .execute();
    }
    const retired = [...own].filter((i) => !kept.has(i));
    if (retired.length) await trx.updateTable('safety_checklist_items').set({ disabled: true }).where('id', 'in', retired).execute();
    await appendAudit(trx, opts.actor, {
      action: opts.id === null ? 'hazard.checklist.create' : 'hazard.checklist.update',
      entityType: 'safety_checklist',
      entityId: listId,
      after: { name: input.name, items: input.items.length, retired: retired.length },
    });
    return listId;
  });
  const all = await listChecklists(db, { includeDisabled: true });
  return all.find((c) => c.id === id)!;
}
