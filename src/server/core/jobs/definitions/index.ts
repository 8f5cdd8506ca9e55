import type { JobDefinition } from '../job-definition.ts';
import { sessionCleanupJob } from './session-cleanup.job.ts';
import { dbMaintenanceJob } from './db-maintenance.job.ts';
import { outboxDeliveryJob } from './outbox-delivery.job.ts';

/** The platform's own jobs (no kernel, no module); src/server/jobs.ts adds the kernel's and the modules'. */
export const CORE_JOBS: JobDefinition[] = [sessionCleanupJob, dbMaintenanceJob, outboxDeliveryJob];
