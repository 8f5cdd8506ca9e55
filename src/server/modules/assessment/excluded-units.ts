import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { groupOfKind } from './compute.ts';

export interface ExcludedUnit {
  unitId: number;
  unitName: string;
  reason: string;
}

/** 不参加考核的单位 with their reasons, in the units' order. */
export async function listExcludedUnits(db: Kysely<DB>): Promise<ExcludedUnit[]> {
  const rows = await db
    .selectFrom('assessment_excluded_units as x')
    .innerJoin('units as u', 'u.id', 'x.unit_id')
    .select(['x.unit_id', 'u.name', 'x.reason'])
    .orderBy('u.sort')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({ unitId: Number(r.unit_id), unitName: r.name, reason: r.reason }));
}

/**
 * Replaces the list (all or nothing, audited with the list before and after). Only units that could be assessed —
 * 乡镇（街道） and 县直部门 — can be left out; anything else is refused in words and changes nothing.
 */
export async function setExcludedUnits(opts: {
  db: Kysely<DB>;
  actor: Actor;
  userId: number;
  now: Date;
  units: readonly { unitId: number; reason: string }[];
}): Promise<ExcludedUnit[]> {
  const { db, actor, userId, now, units } = opts;
  const ids = units.map((u) => u.unitId);
  if (new Set(ids).size !== ids.length) throw new AppError('ASSESSMENT_INVALID', { detail: '同一单位不能重复列入' });
  return db.transaction().execute(async (trx) => {
    const found = ids.length ? await trx.selectFrom('units').select(['id', 'name', 'kind']).where('id', 'in', ids).execute() : [];
    const byId = new Map(found.map((u) => [Number(u.id), u]));
    for (const [n, u] of units.entries()) {
      const unit = byId.get(u.unitId);
      if (!unit) throw new AppError('ASSESSMENT_INVALID', { detail: `第 ${n + 1} 个单位不存在` }, { field: `units.${n}.unitId` });
      if (!groupOfKind(unit.kind))
        throw new AppError('ASSESSMENT_INVALID', { detail: `${unit.name}不是参加考核的乡镇（街道）或县直部门，无需列入` }, { field: `units.${n}.unitId` });
    }
    const before = await listExcludedUnits(trx);
    await trx.deleteFrom('assessment_excluded_units').execute();
    if (units.length)
      await trx
        .insertInto('assessment_excluded_units')
        .values(units.map((u) => ({ unit_id: u.unitId, reason: u.reason, created_by: userId, created_at: now })))
        .execute();
    const after = await listExcludedUnits(trx);
    await appendAudit(trx, actor, {
      action: 'assessment.excluded_units',
      entityType: 'assessment_setting',
      before: { 不参加考核的单位: before.map((u) => `${u.unitName}（${u.reason}）`) },
      after: { 不参加考核的单位: after.map((u) => `${u.unitName}（${u.reason}）`) },
    });
    return after;
  });
}
