import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';

/** settings 'xf.collective.min_persons' (seeded 5 by migration 0006; confidence U in rules.md). */
export async function loadCollectiveThreshold(db: Kysely<DB> | Transaction<DB>): Promise<number> {
  const setting = await db.selectFrom('settings').select('value').where('key', '=', 'xf.collective.min_persons').executeTakeFirst();
  const value = Number(setting?.value);
  return Number.isInteger(value) && value > 0 ? value : 5;
}
