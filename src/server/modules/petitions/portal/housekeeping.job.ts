import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { defineJob } from '../../../core/jobs/job-definition.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../../core/audit/audit-chain.ts';
import { removeUnreferencedFiles } from '../../../core/files/uploads.ts';

/** Rate-limit windows are at most a day long (DEFAULT_LIMITS); an older window counts for nothing. */
const RATE_WINDOW_KEEP_MS = 24 * 3600_000;

export interface PortalHousekeepingResult {
  captchas: number;
  trackTokens: number;
  rateWindows: number;
  uploads: number;
  files: number;
}

/**
 * Deletes the portal's short-lived rows once they are worthless: expired captchas, expired track
 * tokens, rate-limit windows older than a day, expired unclaimed uploads — and then the stored files
 * no remaining upload references (the same content may have been uploaded by someone else). The
 * portal also trims some of these as it goes; this catches a quiet portal. One audit event when
 * anything went; files are removed after the commit (a file must never go before its row).
 */
export async function portalHousekeeping(options: { db: Kysely<DB>; dataDir: string; now: Date }): Promise<PortalHousekeepingResult> {
  const { db, now } = options;
  const { counts, sha256s } = await db.transaction().execute(async (trx) => {
    const captchas = await trx.deleteFrom('portal_captchas').where('expires_at', '<', now).executeTakeFirst();
    const trackTokens = await trx.deleteFrom('portal_track_tokens').where('expires_at', '<', now).executeTakeFirst();
    const rateWindows = await trx
      .deleteFrom('rate_limit_counters')
      .where('window_start', '<', new Date(now.getTime() - RATE_WINDOW_KEEP_MS))
      .executeTakeFirst();
    const uploads = await trx.deleteFrom('uploads').where('claimed_at', 'is', null).where('expires_at', '<=', now).returning('sha256').execute();
    const counts = {
      captchas: Number(captchas.numDeletedRows),
      trackTokens: Number(trackTokens.numDeletedRows),
      rateWindows: Number(rateWindows.numDeletedRows),
      uploads: uploads.length,
    };
    if (Object.values(counts).some((n) => n > 0)) {
      await appendAudit(trx, SYSTEM_ACTOR, { action: 'portal.housekeeping', entityType: 'portal', after: counts });
    }
    return { counts, sha256s: uploads.map((u) => u.sha256) };
  });
  const files = await removeUnreferencedFiles(db, { dataDir: options.dataDir, sha256s });
  return { ...counts, files };
}

/** Hourly: the portal's expired captchas, track tokens, old rate-limit windows and unclaimed uploads (with their files). */
export const portalHousekeepingJob = defineJob({
  id: 'portal-housekeeping',
  payload: z.object({ slot: z.string() }),
  handler: async (_payload, { database, config, clock }) => portalHousekeeping({ db: database.db, dataDir: config.dataDir, now: clock.now() }),
  retryLimit: 2,
  retryDelaySeconds: 60,
  retryBackoff: false,
  expireInSeconds: 10 * 60,
  timer: { everyMs: 60 * 60_000 },
});
