import { z } from 'zod';
import { defineJob } from '../../../core/jobs/job-definition.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { remindPlanReviews } from './plans-store.ts';

/** 预案评估提醒, hourly (idempotent: once per plan and due date). */
export const planReviewReminderJob = defineJob({
  id: 'safety-plan-review-reminder',
  payload: z.object({ slot: z.string() }),
  handler: async (_payload, { database, clock }) => remindPlanReviews({ db: database.db, today: shanghaiDate(clock.now()) }),
  retryLimit: 2,
  retryDelaySeconds: 60,
  retryBackoff: false,
  expireInSeconds: 10 * 60,
  timer: { everyMs: 60 * 60_000 },
});
