import type { AppConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';

/** STUB (replaced by the jobs work): starts pg-boss workers and schedules. */
export async function startJobs(_opts: { database: Database; config: AppConfig; clock: Clock }): Promise<{ stop(): Promise<void> }> {
  return { stop: async () => {} };
}
