import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { Role, SessionUser } from '../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { can } from '../../core/access/policy.ts';
import { likePrefix } from '../../core/access/scope.ts';
import { AppError } from '../../core/errors.ts';
import { loadVisibleItem, lockItem, type ModuleCatalog } from '../catalog/index.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface AssigneeCandidate {
  id: number;
  name: string;
  unitName: string;
  current: boolean;
}

/**
 * The units of an item a member of `user`'s unit may act for: the owner unit and every active 主办/协办/属地
 * party, when it is the user's unit or below it. Empty when the user's unit holds no responsibility for it.
 */
async function responsibleUnitPaths(db: Db, user: SessionUser, itemId: number): Promise<string[]> {
  const like = likePrefix(user.unitPath);
  const rows = await db
    .selectFrom('work_items as wi')
    .select('wi.owner_unit_path as path')
    .where('wi.id', '=', itemId)
    .where('wi.owner_unit_path', 'like', like)
    .union(
      db
        .selectFrom('case_parties as cp')
        .select(sql<string>`cp.unit_path`.as('path'))
        .where('cp.work_item_id', '=', itemId)
        .where('cp.active', '=', true)
        .where('cp.unit_path', 'like', like),
    )
    .execute();
  return rows.map((r) => r.path);
}

/**
 * People of `user`'s unit (and the units below it) who may handle the item: a handling role, not disabled,
 * working in a unit responsible for it (owner or active party), and allowed to see it under the one visibility
 * rule — so a 检举控告 is never offered to anyone of the accused unit.
 */
async function candidateRows(db: Db, modules: ModuleCatalog, user: SessionUser, itemId: number) {
  const paths = await responsibleUnitPaths(db, user, itemId);
  if (paths.length === 0) return [];
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select(['u.id', 'u.display_name', 'u.roles', 'un.name as unit_name', 'un.path as unit_path'])
    .where('u.disabled', '=', false)
    .where('un.path', 'like', likePrefix(user.unitPath))
    .where((eb) => eb.or(paths.map((p) => eb('un.path', 'like', likePrefix(p)))))
    .orderBy('un.path')
    .orderBy('u.id')
    .execute();
  const handlers = rows.filter((r) => can({ roles: r.roles as Role[], unitPath: r.unit_path }, 'workitem.handle'));
  const visible: typeof handlers = [];
  for (const r of handlers) {
    const seen = await db
      .selectFrom('work_items as wi')
      .select('wi.id')
      .where('wi.id', '=', itemId)
      .where(modules.visibleSql({ roles: r.roles as Role[], unitPath: r.unit_path }))
      .executeTakeFirst();
    if (seen) visible.push(r);
  }
  return visible;
}

/** Whom `user` may name 经办人 of the item (404 when the item is hidden, 403 without a handling role). */
export async function listAssigneeCandidates(opts: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  user: SessionUser;
  workItemId: number;
}): Promise<AssigneeCandidate[]> {
  const { db, modules, user, workItemId } = opts;
  await loadVisibleItem(db, modules, user, workItemId);
  if (!can(user, 'workitem.handle')) throw new AppError('FORBIDDEN');
  const current = await db.selectFrom('work_items').select('assignee_id').where('id', '=', workItemId).executeTakeFirstOrThrow();
  const rows = await candidateRows(db, modules, user, workItemId);
  return rows.map((r) => ({ id: Number(r.id), name: r.display_name, unitName: r.unit_name, current: Number(r.id) === Number(current.assignee_id) }));
}

/**
 * 指定经办人 within my unit: a handler of a unit responsible for the item (its owner, or its 主办/协办/属地
 * party) names a person of that unit — themselves included — to handle it. The item then appears in that
 * person's 分配给我. Audited as `work_item.assignee` with the names, in one transaction.
 */
export async function assignWithinUnit(opts: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  user: SessionUser;
  actor: Actor;
  workItemId: number;
  assigneeId: number;
  note?: string;
  now: Date;
}): Promise<{ assignee: { id: number; name: string } }> {
  const { db, modules, user, workItemId } = opts;
  return db.transaction().execute(async (trx) => {
    const item = await loadVisibleItem(trx, modules, user, workItemId);
    if (!can(user, 'workitem.handle')) throw new AppError('FORBIDDEN');
    if (!item.open) throw new AppError('CONFLICT', { detail: '事项已办结，不能再指定经办人' });
    await lockItem(trx, workItemId);
    const candidates = await candidateRows(trx, modules, user, workItemId);
    if (candidates.length === 0) throw new AppError('FORBIDDEN');
    const chosen = candidates.find((c) => Number(c.id) === opts.assigneeId);
    if (!chosen) throw new AppError('VALIDATION_FAILED', { detail: '经办人须是本单位（或下级单位）可办理该事项的在岗人员' });
    const before = await trx
      .selectFrom('work_items as wi')
      .leftJoin('users as a', 'a.id', 'wi.assignee_id')
      .select(['wi.assignee_id', 'a.display_name'])
      .where('wi.id', '=', workItemId)
      .executeTakeFirstOrThrow();
    await trx.updateTable('work_items').set({ assignee_id: opts.assigneeId, updated_at: opts.now }).where('id', '=', workItemId).execute();
    await appendAudit(trx, opts.actor, {
      action: 'work_item.assignee',
      entityType: 'work_item',
      entityId: workItemId,
      before: { assignee: before.display_name ?? null },
      after: { assignee: chosen.display_name, unit: chosen.unit_name },
      reason: opts.note,
    });
    return { assignee: { id: Number(chosen.id), name: chosen.display_name } };
  });
}
