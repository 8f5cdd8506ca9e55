import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { likePrefix } from '../../../core/access/scope.ts';
import { assignParties, listParties, type PartyInput } from '../../../kernel/parties/index.ts';

export interface EnterpriseUnits {
  townshipUnitId: number;
  regulatorUnitId: number | null;
}

/**
 * An enterprise's 属地 township or 行业主管部门 changed: its OPEN hazards move with it. On each one the 属地 party
 * (and the owner unit, which is the 属地) becomes the new township and the 主办 party held by the old department
 * becomes the new one (added when the enterprise had none, retired when it now has none); other parties (协办,
 * 包案领导) stay. An 经办人 of the unit that lost the hazard no longer handles it. Each hazard's change is audited on
 * the hazard, so the new units see it and are reminded of its 整改期限 (reminders go to the 主办, else the owner) and
 * the old ones no longer are. Closed hazards keep the units they were handled by. Returns how many hazards moved.
 */
export async function moveOpenHazards(
  trx: Transaction<DB>,
  opts: { enterpriseId: number; before: EnterpriseUnits; after: EnterpriseUnits; actor: Actor; now: Date },
): Promise<number> {
  const { before, after } = opts;
  const townshipMoved = before.townshipUnitId !== after.townshipUnitId;
  const regulatorMoved = before.regulatorUnitId !== after.regulatorUnitId;
  if (!townshipMoved && !regulatorMoved) return 0;
  const open = await trx
    .selectFrom('hazards as h')
    .innerJoin('work_items as w', 'w.id', 'h.id')
    .select(['w.id', 'w.assignee_id'])
    .where('h.enterprise_id', '=', opts.enterpriseId)
    .where('w.open', '=', true)
    .orderBy('w.id')
    .forUpdate()
    .execute();
  if (open.length === 0) return 0;
  const unitIds = [before.townshipUnitId, after.townshipUnitId, before.regulatorUnitId, after.regulatorUnitId].filter((u): u is number => u !== null);
  const units = new Map((await trx.selectFrom('units').select(['id', 'name', 'path']).where('id', 'in', unitIds).execute()).map((u) => [Number(u.id), u]));
  const name = (id: number | null) => (id === null ? '（无）' : (units.get(id)?.name ?? ''));
  // the units that lost the enterprise: their people stop handling its hazards
  const lostPaths = [townshipMoved ? before.townshipUnitId : null, regulatorMoved ? before.regulatorUnitId : null]
    .filter((u): u is number => u !== null)
    .map((u) => units.get(u)?.path)
    .filter((p): p is string => !!p);
  for (const h of open) {
    const id = Number(h.id);
    const current = await listParties(trx, id);
    const next: PartyInput[] = [];
    for (const p of current) {
      if (p.role === 'leader') next.push({ role: 'leader', leaderId: p.leaderId! });
      else if (townshipMoved && p.role === 'territorial' && p.unitId === before.townshipUnitId)
        next.push({ role: 'territorial', unitId: after.townshipUnitId });
      else if (regulatorMoved && p.role === 'lead' && p.unitId === before.regulatorUnitId) {
        if (after.regulatorUnitId !== null) next.push({ role: 'lead', unitId: after.regulatorUnitId });
      } else next.push({ role: p.role, unitId: p.unitId! });
    }
    if (!next.some((p) => p.role === 'territorial')) next.push({ role: 'territorial', unitId: after.townshipUnitId });
    if (after.regulatorUnitId !== null && !next.some((p) => p.role === 'lead')) next.unshift({ role: 'lead', unitId: after.regulatorUnitId });
    if (townshipMoved) {
      const owner = units.get(after.townshipUnitId)!;
      await trx.updateTable('work_items').set({ owner_unit_id: after.townshipUnitId, owner_unit_path: owner.path }).where('id', '=', id).execute();
    }
    await assignParties(trx, { workItemId: id, parties: next, actor: opts.actor, at: opts.now });
    if (h.assignee_id !== null && lostPaths.length > 0) {
      await sql`update work_items wi set assignee_id = null
        where wi.id = ${id} and exists (
          select 1 from users u join units un on un.id = u.unit_id
          where u.id = wi.assignee_id and (${sql.join(
            lostPaths.map((p) => sql`un.path like ${likePrefix(p)}`),
            sql` or `,
          )}))`.execute(trx);
    }
    await appendAudit(trx, opts.actor, {
      action: 'hazard.enterprise.move',
      entityType: 'work_item',
      entityId: id,
      before: { township: name(before.townshipUnitId), regulator: name(before.regulatorUnitId) },
      after: { township: name(after.townshipUnitId), regulator: name(after.regulatorUnitId) },
    });
  }
  return open.length;
}
