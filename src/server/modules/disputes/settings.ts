import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { AppError } from '../../core/errors.ts';
import type { FailureRoute } from './fields.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface ProtectionRoute {
  name: string;
  source: string;
}

/** The legal protection routes shown on a case with a risk of violence (setting dispute.protection_routes, 0060). */
export async function protectionRoutes(db: Db): Promise<ProtectionRoute[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'dispute.protection_routes').executeTakeFirst();
  const routes = (row?.value as { routes?: ProtectionRoute[] } | undefined)?.routes;
  if (!Array.isArray(routes)) throw new AppError('SETTING_INVALID', { key: 'dispute.protection_routes' });
  return routes;
}

/** The routes told to the parties when mediation fails or is refused (人民调解法 art. 26; setting dispute.failure_routes). */
export async function failureRoutes(db: Db): Promise<{ source: string; routes: Record<FailureRoute, string> }> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'dispute.failure_routes').executeTakeFirst();
  const v = row?.value as { source?: string; routes?: Record<FailureRoute, string> } | undefined;
  if (!v?.routes || !v.source) throw new AppError('SETTING_INVALID', { key: 'dispute.failure_routes' });
  return { source: v.source, routes: v.routes };
}
