import type { JobDefinition } from '../job-definition.ts';
import { deadlineSweepJob } from './deadline-sweep.job.ts';
import { sessionCleanupJob } from './session-cleanup.job.ts';
import { dbMaintenanceJob } from './db-maintenance.job.ts';
import { overdueSupervisionJob } from './overdue-supervision.job.ts';
import { outboxDeliveryJob } from './outbox-delivery.job.ts';
import { portalHousekeepingJob } from './portal-housekeeping.job.ts';

/** Every job type the runner works. Adding a job is one file plus one line here. */
export const JOB_DEFINITIONS: JobDefinition[] = [deadlineSweepJob, sessionCleanupJob, dbMaintenanceJob, overdueSupervisionJob, outboxDeliveryJob, portalHousekeepingJob];
