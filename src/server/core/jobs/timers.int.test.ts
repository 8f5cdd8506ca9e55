import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { loadConfig } from '../config.ts';
import { openTestDatabase } from '../../../../test/support/test-db.ts';
import { defineJob } from './job-definition.ts';
import { startJobs, type JobRunner } from './runner.ts';

const SLOT_MS = 1000;
const BASE = Date.parse('2026-11-23T07:40:00Z');

/** The probe timer: each run records which instance handled which slot. */
const probe = (instance: string) =>
  defineJob({
    id: 'test-probe',
    payload: z.object({ slot: z.string() }),
    handler: async ({ slot }, { database }) => {
      await sql`INSERT INTO job_probe (slot, instance) VALUES (${slot}, ${instance})`.execute(database.db);
    },
    retryLimit: 0,
    retryDelaySeconds: 0,
    retryBackoff: false,
    expireInSeconds: 60,
    timer: { everyMs: SLOT_MS },
  });

describe('timers across two app instances on one database', () => {
  let database: Database;
  let a: JobRunner;
  let b: JobRunner;
  let nowMs = BASE;
  const clock = { now: () => new Date(nowMs) };

  beforeAll(async () => {
    database = await openTestDatabase();
    await sql`CREATE TABLE job_probe (id serial PRIMARY KEY, slot text NOT NULL, instance text NOT NULL)`.execute(database.db);
    const common = { database, config: loadConfig({}), clock, tickMs: 25, pollingIntervalSeconds: 0.5, log: () => {} };
    // two independent runners = two app instances (each with its own pg-boss and pool)
    [a, b] = await Promise.all([startJobs({ ...common, definitions: [probe('A')] }), startJobs({ ...common, definitions: [probe('B')] })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.close();
  });

  it('fires every slot exactly once although both instances tick it many times', async () => {
    const slots = 6;
    const enqueued: string[] = [];
    for (let i = 0; i < slots; i++) {
      nowMs = BASE + i * SLOT_MS + 100;
      // both background tickers run every 25 ms; race them with explicit ticks as well
      for (let round = 0; round < 3; round++) {
        const results = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
        enqueued.push(...results.flat());
        await new Promise((r) => setTimeout(r, 60));
      }
    }
    // no slot was reported as newly enqueued twice (the background tickers may have won some)
    expect(new Set(enqueued).size).toBe(enqueued.length);

    const deadline = Date.now() + 30_000;
    let rows: { slot: string; runs: number }[] = [];
    while (Date.now() < deadline) {
      rows = (await sql<{ slot: string; runs: number }>`SELECT slot, count(*)::int AS runs FROM job_probe GROUP BY slot ORDER BY slot`.execute(database.db))
        .rows;
      if (rows.length >= slots) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // give a duplicate, if there were one, the time to show up
    await new Promise((r) => setTimeout(r, 1500));
    rows = (await sql<{ slot: string; runs: number }>`SELECT slot, count(*)::int AS runs FROM job_probe GROUP BY slot ORDER BY slot`.execute(database.db)).rows;
    expect(rows.map((r) => r.slot)).toEqual(Array.from({ length: slots }, (_, i) => `test-probe:2026-11-23T15:40:0${i}`));
    expect(rows.every((r) => r.runs === 1)).toBe(true);
  });
});
