import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { AppError } from '../../../core/errors.ts';

/** How many named filters one person keeps per list: a short pick list, not a store. */
export const SAVED_FILTERS_PER_LIST = 30;

export interface SavedFilter {
  id: number;
  name: string;
  /** the list's URL query (filters and sort), e.g. `state=handling&sort=due` */
  query: string;
  createdAt: string;
}

const view = (r: { id: number; name: string; query: string; created_at: Date }): SavedFilter => ({
  id: Number(r.id),
  name: r.name,
  query: r.query,
  createdAt: new Date(r.created_at).toISOString(),
});

/** My named filters of one list, by name. */
export async function listSavedFilters(db: Kysely<DB>, userId: number, listKey: string): Promise<SavedFilter[]> {
  const rows = await db
    .selectFrom('saved_filters')
    .select(['id', 'name', 'query', 'created_at'])
    .where('user_id', '=', userId)
    .where('list_key', '=', listKey)
    .orderBy('name')
    .execute();
  return rows.map(view);
}

/**
 * Saves the current filter under a name; saving again under the same name replaces its query (the
 * person means "this is now my 本周超期"). Refused beyond SAVED_FILTERS_PER_LIST per list.
 */
export async function saveFilter(db: Kysely<DB>, input: { userId: number; listKey: string; name: string; query: string }): Promise<SavedFilter> {
  return db.transaction().execute(async (trx) => {
    // one person's saves of one list are serialised, so the limit holds under double clicks
    await trx.selectFrom('users').select('id').where('id', '=', input.userId).forUpdate().executeTakeFirst();
    const existing = await trx
      .selectFrom('saved_filters')
      .select(['id', 'name'])
      .where('user_id', '=', input.userId)
      .where('list_key', '=', input.listKey)
      .execute();
    if (!existing.some((e) => e.name === input.name) && existing.length >= SAVED_FILTERS_PER_LIST)
      throw new AppError('SAVED_FILTER_LIMIT', { max: SAVED_FILTERS_PER_LIST });
    const row = await trx
      .insertInto('saved_filters')
      .values({ user_id: input.userId, list_key: input.listKey, name: input.name, query: input.query })
      .onConflict((oc) => oc.columns(['user_id', 'list_key', 'name']).doUpdateSet({ query: input.query, created_at: new Date() }))
      .returning(['id', 'name', 'query', 'created_at'])
      .executeTakeFirstOrThrow();
    return view(row);
  });
}

/** Deletes one of my named filters; someone else's answers 404 as a missing one does. */
export async function deleteSavedFilter(db: Kysely<DB>, userId: number, id: number): Promise<void> {
  const done = await db.deleteFrom('saved_filters').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (Number(done.numDeletedRows) === 0) throw new AppError('SAVED_FILTER_NOT_FOUND');
}
