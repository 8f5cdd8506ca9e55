import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { likePrefix } from '../../../core/access/scope.ts';
import { readsAllCampaigns } from './fields.ts';

type Q = Kysely<DB> | Transaction<DB>;

/**
 * THE visibility rule of every campaign read path: the office, county leaders, the administrator and the
 * auditor see every target at every stage; anyone else sees only the targets that are their own unit (or a
 * unit below it — a township sees its villages; a county-level unit only itself), and only once the 通报 is
 * issued — an 暗访 is never revealed before, and no unit ever sees another unit's findings.
 */
export function visibleTargets(db: Q, user: Pick<SessionUser, 'roles' | 'unitId' | 'unitPath'>) {
  const q = db.selectFrom('sv_campaign_targets as t').innerJoin('sv_campaigns as c', 'c.id', 't.campaign_id').innerJoin('units as tu', 'tu.id', 't.unit_id');
  if (readsAllCampaigns(user)) return q;
  const belowOwn = user.unitPath.split('/').filter(Boolean).length > 1;
  return q
    .where('c.bulletin_issued_on', 'is not', null)
    .where((eb) =>
      belowOwn ? eb.or([eb('t.unit_id', '=', user.unitId), sql<boolean>`tu.path like ${likePrefix(user.unitPath)}`]) : eb('t.unit_id', '=', user.unitId),
    );
}

/** The ids of the campaigns the user sees (the office all, a unit those whose 通报 names it). */
export async function visibleCampaignIds(db: Q, user: SessionUser): Promise<number[] | null> {
  if (readsAllCampaigns(user)) return null;
  const rows = await visibleTargets(db, user).select('t.campaign_id').distinct().execute();
  return rows.map((r) => Number(r.campaign_id));
}
