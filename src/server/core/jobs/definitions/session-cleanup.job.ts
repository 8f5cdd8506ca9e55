import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import { cleanupSessions } from '../maintenance.ts';
import { purgeLoginAttempts } from '../../auth/login.ts';

/** Hourly: delete expired sessions (logins time out on read anyway; this keeps the table small) and sign-in failures with nothing left to remember. */
export const sessionCleanupJob = defineJob({
  id: 'session-cleanup',
  payload: z.object({ slot: z.string() }),
  handler: async (_payload, { database, clock }) => ({
    deleted: await cleanupSessions({ db: database.db, now: clock.now() }),
    loginAttempts: await purgeLoginAttempts(database.db, clock.now()),
  }),
  retryLimit: 2,
  retryDelaySeconds: 60,
  retryBackoff: false,
  expireInSeconds: 10 * 60,
  timer: { everyMs: 60 * 60_000 },
});
