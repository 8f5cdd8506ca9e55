import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';

/**
 * Where the console opens each work item: the module's own case page when the module keeps a record
 * for it, else the generic work-item detail. A module record shares its work item's id (信访:
 * petitions.id = work_items.id), but not every work item of a module has one (the demo and bulk
 * seeds register bare work items), hence the lookup.
 */
export async function itemHrefs(db: Kysely<DB>, items: { id: number; module: string }[]): Promise<Map<number, string>> {
  const petitionIds = items.filter((i) => i.module === 'petition').map((i) => i.id);
  const withRecord = new Set(
    petitionIds.length ? (await db.selectFrom('petitions').select('id').where('id', 'in', petitionIds).execute()).map((r) => Number(r.id)) : [],
  );
  return new Map(items.map((i) => [i.id, withRecord.has(i.id) ? `/xf/${i.id}` : `/work-items/${i.id}`]));
}
