import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import { sweepDeadlines } from '../deadline-sweep.ts';
import { shanghaiDate } from '../../clock/clock.ts';

/** Every 10 minutes: remind 临期 / 超期 / 严重超期 deadlines (idempotent, so retries are safe). */
export const deadlineSweepJob = defineJob({
  id: 'deadline-sweep',
  payload: z.object({ slot: z.string() }),
  handler: async (_payload, { database, clock }) => sweepDeadlines({ db: database.db, today: shanghaiDate(clock.now()) }),
  retryLimit: 3,
  retryDelaySeconds: 30,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
  timer: { everyMs: 10 * 60_000 },
});
