import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../core/jobs/job-definition.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { sweepDeadlines } from '../deadlines/sweep-deadlines.ts';
import { escalateUnansweredNotices, issueOverdueNotices } from '../supervision/index.ts';
import type { ModuleCatalog } from '../catalog/index.ts';

const slot = z.object({ slot: z.string() });
const everyTenMinutes = { retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 15 * 60, timer: { everyMs: 10 * 60_000 } } as const;

/**
 * The kernel's recurring work over every registered module's items (the modules are read through
 * their descriptors, given here): reminders for 临期 / 超期 / 严重超期 clocks, and the automatic
 * 督办通知 for the clocks a module declares, and the 升级督办 of a 督办通知 left unanswered past its reply limit. All idempotent, so retries and overlapping instances are safe.
 */
export function kernelJobs(modules: ModuleCatalog): JobDefinition[] {
  return [
    defineJob({
      id: 'deadline-sweep',
      payload: slot,
      handler: async (_payload, { database, clock }) => sweepDeadlines({ db: database.db, modules, today: shanghaiDate(clock.now()) }),
      ...everyTenMinutes,
    }),
    defineJob({
      id: 'overdue-supervision',
      payload: slot,
      handler: async (_payload, { database, clock }) => {
        const now = clock.now();
        return issueOverdueNotices({ db: database.db, modules, today: shanghaiDate(now), now });
      },
      ...everyTenMinutes,
    }),
    defineJob({
      id: 'supervision-escalation',
      payload: slot,
      handler: async (_payload, { database, clock }) => {
        const now = clock.now();
        return escalateUnansweredNotices({ db: database.db, modules, today: shanghaiDate(now), now });
      },
      ...everyTenMinutes,
    }),
  ];
}
