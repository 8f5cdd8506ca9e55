import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import { vacuumAnalyze } from '../maintenance.ts';

/**
 * Nightly at 03:00 (Shanghai): VACUUM (ANALYZE). PGlite has no autovacuum, so without this
 * dead rows and stale statistics pile up; on a server it is harmless. The one-hour window
 * means an instance started during the day does not vacuum at once.
 */
export const dbMaintenanceJob = defineJob({
  id: 'db-maintenance',
  payload: z.object({ slot: z.string() }),
  handler: async (_payload, { database }) => {
    const t0 = performance.now();
    await vacuumAnalyze(database.db);
    return { ms: Math.round(performance.now() - t0) };
  },
  retryLimit: 1,
  retryDelaySeconds: 600,
  retryBackoff: false,
  expireInSeconds: 2 * 3600,
  timer: { everyMs: 24 * 3600_000, phaseMs: 3 * 3600_000, windowMs: 3600_000 },
});
