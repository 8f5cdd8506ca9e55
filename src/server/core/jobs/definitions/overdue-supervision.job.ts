import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import { shanghaiDate } from '../../clock/clock.ts';
import { issueOverdueNotices } from '../../../kernel/supervision/index.ts';
import { OVERDUE_SUPERVISION_POLICIES } from '../../../modules/supervision-kernel/overdue-policies.ts';

/**
 * Every 10 minutes, beside the deadline sweep: a 督办通知 for each clock that went overdue, as the
 * modules declare (exactly once per deadline, so retries and overlapping instances are safe).
 */
export const overdueSupervisionJob = defineJob({
  id: 'overdue-supervision',
  payload: z.object({ slot: z.string() }),
  handler: async (_payload, { database, clock }) => {
    const now = clock.now();
    return issueOverdueNotices({ db: database.db, today: shanghaiDate(now), now, policies: OVERDUE_SUPERVISION_POLICIES });
  },
  retryLimit: 3,
  retryDelaySeconds: 30,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
  timer: { everyMs: 10 * 60_000 },
});
