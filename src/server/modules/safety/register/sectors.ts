import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';

export interface SectorView {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  /** 危险化学品 / 生产企业 */
  fullName: string;
  sort: number;
  disabled: boolean;
}

/** The 行业领域 tree, parents first, each with its full name. */
export async function listSectors(db: Kysely<DB>, opts: { includeDisabled?: boolean } = {}): Promise<SectorView[]> {
  const rows = await db.selectFrom('safety_sectors').selectAll().orderBy('sort').orderBy('id').execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const out: SectorView[] = [];
  const view = (r: (typeof rows)[number]): SectorView => {
    const parent = r.parent_id === null ? undefined : byId.get(Number(r.parent_id));
    return {
      id: Number(r.id),
      parentId: r.parent_id === null ? null : Number(r.parent_id),
      code: r.code,
      name: r.name,
      fullName: parent ? `${parent.name} / ${r.name}` : r.name,
      sort: r.sort,
      disabled: r.disabled || (parent?.disabled ?? false),
    };
  };
  for (const top of rows.filter((r) => r.parent_id === null)) {
    out.push(view(top));
    for (const child of rows.filter((r) => r.parent_id !== null && Number(r.parent_id) === Number(top.id))) out.push(view(child));
  }
  return opts.includeDisabled ? out : out.filter((s) => !s.disabled);
}

/** Adds a 行业领域 (top level or under one), audited. */
export async function createSector(db: Kysely<DB>, opts: { parentId: number | null; name: string; actor: Actor }): Promise<SectorView> {
  return db.transaction().execute(async (trx) => {
    if (opts.parentId !== null) {
      const parent = await trx.selectFrom('safety_sectors').select(['id', 'parent_id']).where('id', '=', opts.parentId).executeTakeFirst();
      if (!parent) throw new AppError('SAFETY_SECTOR_INVALID', { detail: '上级行业领域不存在' }, { field: 'parentId' });
      if (parent.parent_id !== null) throw new AppError('SAFETY_SECTOR_INVALID', { detail: '行业领域最多两级' }, { field: 'parentId' });
    }
    const dup = await trx
      .selectFrom('safety_sectors')
      .select('id')
      .where('name', '=', opts.name)
      .where('parent_id', opts.parentId === null ? 'is' : '=', opts.parentId)
      .executeTakeFirst();
    if (dup) throw new AppError('SAFETY_SECTOR_INVALID', { detail: `“${opts.name}”已存在` }, { field: 'name' });
    const max = await trx
      .selectFrom('safety_sectors')
      .select((eb) => eb.fn.max('sort').as('m'))
      .executeTakeFirst();
    const { id } = await trx
      .insertInto('safety_sectors')
      .values({
        parent_id: opts.parentId,
        code: `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
        name: opts.name,
        sort: Number(max?.m ?? 0) + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, opts.actor, {
      action: 'hazard.sector.create',
      entityType: 'safety_sector',
      entityId: Number(id),
      after: { name: opts.name, parentId: opts.parentId },
    });
    return (await listSectors(trx as unknown as Kysely<DB>, { includeDisabled: true })).find((s) => s.id === Number(id))!;
  });
}

/** Renames or disables a 行业领域 (kept: enterprises keep naming it), audited. */
export async function updateSector(db: Kysely<DB>, opts: { id: number; name?: string; disabled?: boolean; actor: Actor }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('safety_sectors').select(['name', 'disabled']).where('id', '=', opts.id).executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND');
    await trx
      .updateTable('safety_sectors')
      .set({ ...(opts.name !== undefined ? { name: opts.name } : {}), ...(opts.disabled !== undefined ? { disabled: opts.disabled } : {}) })
      .where('id', '=', opts.id)
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'hazard.sector.update',
      entityType: 'safety_sector',
      entityId: opts.id,
      before,
      after: { name: opts.name ?? before.name, disabled: opts.disabled ?? before.disabled },
    });
  });
}
