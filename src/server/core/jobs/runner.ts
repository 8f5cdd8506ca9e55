import PgBoss from 'pg-boss';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import type { JobContext, JobDefinition } from './job-definition.ts';
import { currentSlot, slotJobId } from './timer-slots.ts';

export interface StartJobsOptions {
  database: Database;
  config: AppConfig;
  clock: Clock;
  /** job types to work (src/server/jobs.ts lists them all) */
  definitions: readonly JobDefinition[];
  /** how often this instance looks for a new timer slot (default 15 s) */
  tickMs?: number;
  /** how often workers poll for jobs (pg-boss 10 polls; min 0.5 s) */
  pollingIntervalSeconds?: number;
  /** false = enqueue timers but work nothing (e.g. a web-only instance) */
  work?: boolean;
  log?: (message: string) => void;
}

export interface JobRunner {
  /** enqueue the current slot of every timer now (the ticker calls this); returns the new job keys */
  tick(): Promise<string[]>;
  /** send a one-off job of a registered type (payload validated against its schema) */
  send(jobId: string, payload: object, options?: { startAfter?: Date; singletonKey?: string }): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * Durable jobs and timers on pg-boss 10 (schema `pgboss`, its own small pool to the same
 * database, so it runs on PGlite and PostgreSQL alike).
 *
 * Timers don't use pg-boss cron: every instance ticks, computes the current slot of each
 * timer from the (injectable) clock and sends the job under a UUID derived from the slot key.
 * pg-boss inserts with ON CONFLICT DO NOTHING, so however many instances tick, each slot is
 * enqueued once; SKIP LOCKED fetching then gives it to exactly one worker.
 */
export async function startJobs(options: StartJobsOptions): Promise<JobRunner> {
  const { database, config, clock } = options;
  const definitions = options.definitions;
  const log = options.log ?? ((m: string) => console.log(m));
  const c = database.connection;
  const boss = new PgBoss({
    connectionString: c.connectionString,
    host: c.host,
    port: c.port,
    user: c.user,
    database: c.database,
    password: typeof c.password === 'string' ? c.password : undefined,
    ssl: c.ssl,
    max: 3,
    schema: 'pgboss',
    application_name: 'anwen-jobs',
    schedule: false, // our ticker replaces cron (see above)
    supervise: true,
    migrate: true,
  });
  boss.on('error', (error) => log(`[jobs] 任务队列错误：${error.message}`));
  const ctx: JobContext = { database, config, clock };
  // Instances starting together would race pg-boss's schema install and queue creation into a
  // deadlock on PostgreSQL (seen in CI): set up under one cluster-wide advisory lock.
  await withSetupLock(database, async () => {
    await boss.start();
    for (const def of definitions) {
      await boss.createQueue(def.id, {
        name: def.id,
        policy: 'standard',
        retryLimit: def.retryLimit,
        retryDelay: def.retryDelaySeconds,
        retryBackoff: def.retryBackoff,
        expireInSeconds: def.expireInSeconds,
      });
    }
  });
  if (options.work !== false) {
    for (const def of definitions) {
      await boss.work(def.id, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 }, async ([job]) => {
        if (!job) return;
        try {
          return await def.run(job.data, ctx);
        } catch (error) {
          log(`[jobs] ${def.id} 执行失败（将按重试策略重试）：${error instanceof Error ? error.message : String(error)}`);
          throw error;
        }
      });
    }
  }

  const timers = definitions.filter((d) => d.timer);
  const tick = async (): Promise<string[]> => {
    const sent: string[] = [];
    const now = clock.now();
    for (const def of timers) {
      const slot = currentSlot(def.id, def.timer!, now);
      if (!slot) continue;
      const id = await boss.send(def.id, { slot: slot.key }, { id: slotJobId(slot.key), singletonKey: slot.key });
      if (id) sent.push(slot.key);
    }
    return sent;
  };

  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch((error: unknown) => log(`[jobs] 定时任务入队失败：${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.tickMs ?? 15_000);
      });
  };
  let timer: NodeJS.Timeout | undefined = setTimeout(loop, 0);

  const byId = new Map(definitions.map((d) => [d.id, d]));
  return {
    tick,
    async send(jobId, payload, sendOptions = {}) {
      const def = byId.get(jobId);
      if (!def) throw new Error(`未登记的任务类型：${jobId}`);
      def.check(payload);
      return boss.send(jobId, payload, { startAfter: sendOptions.startAfter, singletonKey: sendOptions.singletonKey });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await running;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/** Runs `fn` while holding a session advisory lock shared by every app instance on this database. */
async function withSetupLock(database: Database, fn: () => Promise<void>): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('anwen.jobs.setup'))");
    try {
      await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('anwen.jobs.setup'))");
    }
  } finally {
    client.release();
  }
}
