import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { knownHazardCategoryNames } from '../quality/index.ts';
import { PLAN_KIND_ZH, targetVisibleSql, type PlanKind } from './plans.ts';
import type { ChecklistItem } from './checklists.ts';

/**
 * The version of a checklist as a phone downloaded it: a short hash of its current items (ids, wording, basis) in
 * order. The phone sends it back with the record; a different version means the 安委办 changed the checklist since.
 */
export function checklistVersion(items: Pick<ChecklistItem, 'id' | 'content' | 'basis'>[]): string {
  return createHash('sha256')
    .update(JSON.stringify(items.map((i) => [i.id, i.content, i.basis])))
    .digest('hex')
    .slice(0, 16);
}

export interface FieldTarget {
  id: number;
  planId: number;
  planTitle: string;
  planKindName: string;
  periodFrom: string;
  periodTo: string;
  enterpriseName: string;
  address: string | null;
  townshipName: string;
  inspectors: string[];
  recorded: { recordNo: string; inspectedAt: string; inspector: string } | null;
  checklist: { id: number; name: string; version: string; items: ChecklistItem[] } | null;
}

/**
 * 现场检查: what an inspector's phone downloads to work without signal — the user's own targets (he is one of
 * their inspectors) of plans running today or starting within `days`, each with the enterprise's name and address,
 * the plan, and the plan's checklist with every item and its 判定依据; plus the hazard categories to choose from.
 * Read through targetVisibleSql like every inspection read path.
 */
export async function myFieldTargets(
  db: Kysely<DB>,
  user: SessionUser,
  opts: { today: string; days: number },
): Promise<{ today: string; until: string; hazardCategories: string[]; targets: FieldTarget[] }> {
  const until = new Date(Date.parse(`${opts.today}T00:00:00Z`) + opts.days * 86_400_000).toISOString().slice(0, 10);
  const rows = await db
    .selectFrom('safety_inspection_targets as t')
    .innerJoin('safety_inspection_plans as p', 'p.id', 't.plan_id')
    .innerJoin('safety_enterprises as e', 'e.id', 't.enterprise_id')
    .innerJoin('units as tu', 'tu.id', 'e.township_unit_id')
    .leftJoin('safety_inspection_records as r', 'r.target_id', 't.id')
    .leftJoin('users as ru', 'ru.id', 'r.inspector_id')
    .select([
      't.id',
      'p.id as plan_id',
      'p.title',
      'p.kind',
      'p.period_from',
      'p.period_to',
      'p.checklist_id',
      'e.name',
      'e.address',
      'tu.name as township_name',
      'r.record_no',
      'r.inspected_at',
      'ru.display_name as recorded_by',
      sql<string[]>`coalesce((select array_agg(iu.display_name order by iu.id) from users iu where iu.id = any(t.inspector_ids)), '{}')`.as('inspectors'),
    ])
    .where(sql<boolean>`${user.id} = any(t.inspector_ids)`)
    .where('p.period_from', '<=', until)
    .where('p.period_to', '>=', opts.today)
    .where(targetVisibleSql(user))
    .orderBy('p.period_from')
    .orderBy('t.id')
    .limit(500)
    .execute();
  const listIds = [...new Set(rows.map((r) => r.checklist_id).filter((x): x is number => x !== null))];
  const lists = listIds.length ? await db.selectFrom('safety_checklists').select(['id', 'name']).where('id', 'in', listIds).execute() : [];
  const items = listIds.length
    ? await db
        .selectFrom('safety_checklist_items')
        .select(['id', 'checklist_id', 'content', 'basis', 'basis_verified'])
        .where('checklist_id', 'in', listIds)
        .where('disabled', '=', false)
        .orderBy('checklist_id')
        .orderBy('sort')
        .execute()
    : [];
  const checklists = new Map(
    lists.map((l) => {
      const own = items
        .filter((i) => Number(i.checklist_id) === Number(l.id))
        .map((i) => ({ id: Number(i.id), content: i.content, basis: i.basis, basisVerified: i.basis_verified }));
      return [Number(l.id), { id: Number(l.id), name: l.name, version: checklistVersion(own), items: own }];
    }),
  );
  return {
    today: opts.today,
    until,
    hazardCategories: knownHazardCategoryNames(),
    targets: rows.map((r) => ({
      id: Number(r.id),
      planId: Number(r.plan_id),
      planTitle: r.title,
      planKindName: PLAN_KIND_ZH[r.kind as PlanKind],
      periodFrom: r.period_from,
      periodTo: r.period_to,
      enterpriseName: r.name,
      address: r.address,
      townshipName: r.township_name,
      inspectors: r.inspectors,
      recorded: r.record_no && r.inspected_at ? { recordNo: r.record_no, inspectedAt: r.inspected_at.toISOString(), inspector: r.recorded_by ?? '' } : null,
      checklist: r.checklist_id === null ? null : (checklists.get(Number(r.checklist_id)) ?? null),
    })),
  };
}
