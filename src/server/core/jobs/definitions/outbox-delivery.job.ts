import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import { deliverDueMessages, transportsFromConfig } from '../../outbox/index.ts';
import { loadPersonalDataKeys } from '../../personal-data/index.ts';

/**
 * Every minute: send due messages to petitioners (outbox). Claiming uses SKIP LOCKED, so
 * instances never send the same message; a failed send is rescheduled by the outbox itself
 * (1, 2, 4 … minutes), so the job needs no retries of its own.
 */
export const outboxDeliveryJob = defineJob({
  id: 'outbox-delivery',
  payload: z.object({ slot: z.string() }),
  handler: async (_payload, { database, config, clock }) => {
    const keys = loadPersonalDataKeys({ secret: config.secretKey, dataDir: config.dataDir });
    return deliverDueMessages({ db: database.db, keys, transports: transportsFromConfig(config.outbox), now: clock.now() });
  },
  retryLimit: 0,
  retryDelaySeconds: 60,
  retryBackoff: false,
  expireInSeconds: 10 * 60,
  timer: { everyMs: 60_000 },
});
