import { sql, type Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';

/** office: the 督办单位 that issued a 督办事项 — in scope of it (sees and verifies it), never its doer */
export type PartyRole = 'lead' | 'assist' | 'territorial' | 'leader' | 'office';
export const PARTY_ROLE_ZH: Record<PartyRole, string> = {
  lead: '主办单位',
  assist: '协办单位',
  territorial: '属地单位',
  leader: '包案领导',
  office: '督办单位',
};

export interface PartyInput {
  role: PartyRole;
  unitId?: number;
  leaderId?: number;
}

export interface PartyView {
  id: number;
  role: PartyRole;
  roleName: string;
  unitId: number | null;
  unitName: string | null;
  unitPath: string | null;
  leaderId: number | null;
  leaderName: string | null;
  active: boolean;
  assignedAt: string;
}

/**
 * Sets who is responsible for a work item (三位一体: 主办 + 协办, 属地, 包案领导). The previous active
 * parties are retired (kept, inactive: the record shows who held it before), the new ones stored,
 * and both lists audited in the caller's transaction.
 */
export async function assignParties(trx: Transaction<DB>, opts: { workItemId: number; parties: PartyInput[]; actor: Actor; at: Date }): Promise<PartyView[]> {
  const before = await listParties(trx, opts.workItemId);
  await trx.updateTable('case_parties').set({ active: false }).where('work_item_id', '=', opts.workItemId).where('active', '=', true).execute();
  for (const p of opts.parties) {
    let unitPath: string | null = null;
    if (p.role === 'leader') {
      if (!p.leaderId) throw new AppError('UNIT_INVALID', { detail: '包案领导未指定' });
      const leader = await trx.selectFrom('leaders').select('id').where('id', '=', p.leaderId).where('disabled', '=', false).executeTakeFirst();
      if (!leader) throw new AppError('UNIT_INVALID', { detail: `领导 ${p.leaderId} 不存在或已停用` });
    } else {
      if (!p.unitId) throw new AppError('UNIT_INVALID', { detail: `${PARTY_ROLE_ZH[p.role]}未指定` });
      const unit = await trx.selectFrom('units').select('path').where('id', '=', p.unitId).where('disabled', '=', false).executeTakeFirst();
      if (!unit) throw new AppError('UNIT_INVALID', { detail: `单位 ${p.unitId} 不存在或已停用` });
      unitPath = unit.path;
    }
    await trx
      .insertInto('case_parties')
      .values({
        work_item_id: opts.workItemId,
        role: p.role,
        unit_id: p.role === 'leader' ? null : (p.unitId ?? null),
        unit_path: unitPath,
        leader_id: p.role === 'leader' ? (p.leaderId ?? null) : null,
        assigned_at: opts.at,
        assigned_by: opts.actor.userId,
      })
      .execute();
  }
  // a new 主办 unit names its own 经办人: someone of another unit (the 信访局 clerk who 交办'd it) no longer handles it
  const main = opts.parties.find((p) => p.role === 'lead');
  if (main?.unitId) {
    await sql`update work_items wi set assignee_id = null
      where wi.id = ${opts.workItemId} and wi.assignee_id is not null and not exists (
        select 1 from users u join units un on un.id = u.unit_id
        where u.id = wi.assignee_id and un.path like (select path from units where id = ${main.unitId}) || '%')`.execute(trx);
  }
  const lead = opts.parties.find((p) => p.role === 'leader');
  if (lead?.leaderId) await trx.updateTable('work_items').set({ leader_id: lead.leaderId }).where('id', '=', opts.workItemId).execute();
  const after = await listParties(trx, opts.workItemId);
  const brief = (list: PartyView[]) => list.map((p) => ({ role: p.role, unitId: p.unitId, leaderId: p.leaderId }));
  await appendAudit(trx, opts.actor, {
    action: 'work_item.parties',
    entityType: 'work_item',
    entityId: opts.workItemId,
    before: { parties: brief(before) },
    after: { parties: brief(after) },
  });
  return after;
}

/** Retires every active party (e.g. a 交办 withdrawn after an upheld 退回). */
export async function retireParties(trx: Transaction<DB>, opts: { workItemId: number; actor: Actor }): Promise<void> {
  const before = await listParties(trx, opts.workItemId);
  if (before.length === 0) return;
  await trx.updateTable('case_parties').set({ active: false }).where('work_item_id', '=', opts.workItemId).where('active', '=', true).execute();
  await appendAudit(trx, opts.actor, {
    action: 'work_item.parties',
    entityType: 'work_item',
    entityId: opts.workItemId,
    before: { parties: before.map((p) => ({ role: p.role, unitId: p.unitId, leaderId: p.leaderId })) },
    after: { parties: [] },
  });
}

/** The active parties of a work item, with unit and leader names. */
export async function listParties(db: Transaction<DB> | import('kysely').Kysely<DB>, workItemId: number): Promise<PartyView[]> {
  const rows = await db
    .selectFrom('case_parties as p')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('leaders as l', 'l.id', 'p.leader_id')
    .select(['p.id', 'p.role', 'p.unit_id', 'u.name as unit_name', 'p.unit_path', 'p.leader_id', 'l.name as leader_name', 'p.active', 'p.assigned_at'])
    .where('p.work_item_id', '=', workItemId)
    .where('p.active', '=', true)
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    role: r.role,
    roleName: PARTY_ROLE_ZH[r.role],
    unitId: r.unit_id === null ? null : Number(r.unit_id),
    unitName: r.unit_name,
    unitPath: r.unit_path,
    leaderId: r.leader_id === null ? null : Number(r.leader_id),
    leaderName: r.leader_name,
    active: r.active,
    assignedAt: new Date(r.assigned_at).toISOString(),
  }));
}
