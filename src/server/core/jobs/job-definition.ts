import type { z } from 'zod';
import type { AppConfig } from '../config.ts';
import type { Clock } from '../clock/clock.ts';
import type { Database } from '../db/database.ts';

/** What a job handler gets: the same explicit dependencies as a route. */
export interface JobContext {
  database: Database;
  config: AppConfig;
  clock: Clock;
}

/**
 * A recurring slot. Slots are aligned in Asia/Shanghai local time: slot n starts at
 * midnight + phaseMs + n·everyMs. Every instance computes the same slot key, which is what
 * makes "N instances, one run" possible.
 */
export interface TimerSpec {
  everyMs: number;
  /** offset of the first slot after local midnight (e.g. 03:00 for nightly maintenance) */
  phaseMs?: number;
  /**
   * How long after a slot starts an instance may still enqueue it (default: the whole slot).
   * Nightly jobs use a short window so that a server started at noon doesn't VACUUM at noon.
   */
  windowMs?: number;
}

/** How a job type is written: id (= pg-boss queue name), typed payload, handler, retry policy. */
export interface JobSpec<P> {
  id: string;
  payload: z.ZodType<P>;
  handler: (payload: P, ctx: JobContext) => Promise<unknown>;
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** a run longer than this is considered failed and retried */
  expireInSeconds: number;
  timer?: TimerSpec;
}

/** A registered job type: the payload type is checked at the boundary (`run` validates). */
export interface JobDefinition extends Omit<JobSpec<unknown>, 'handler' | 'payload'> {
  /** validates untrusted queue data against the payload schema, then runs the handler */
  run(data: unknown, ctx: JobContext): Promise<unknown>;
  /** validates a payload before it is sent */
  check(data: unknown): unknown;
}

export function defineJob<P>(spec: JobSpec<P>): JobDefinition {
  const { handler, payload, ...meta } = spec;
  return {
    ...meta,
    run: (data, ctx) => handler(payload.parse(data), ctx),
    check: (data) => payload.parse(data),
  };
}
