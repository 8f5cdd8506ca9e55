/**
 * Load generation for the HTTP benchmarks: autocannon in a worker thread (its `workers` mode), so the client's own work
 * (building, sending and parsing requests) does not run on the event loop of the server it measures — as with a real
 * client on another process. Requests are prepared beforehand and taken in order (bench/support/next-request.cjs);
 * when a run sends more than were prepared the list starts over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { autocannon as autocannonUntyped, type CannonResult } from './petition-bench.ts';
import { BENCH_TMP } from './server.ts';

export interface PreparedRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const NEXT_REQUEST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'next-request.cjs');
type WorkerOptions = { url: string; connections: number; duration: number; workers: number; requests: { setupRequest: string }[] };
const autocannon = autocannonUntyped as unknown as (o: WorkerOptions) => PromiseLike<CannonResult>;

export async function load(opts: { url: string; connections: number; duration: number; requests: PreparedRequest[] }): Promise<CannonResult> {
  fs.mkdirSync(BENCH_TMP, { recursive: true });
  const file = path.join(BENCH_TMP, `requests-${randomBytes(4).toString('hex')}.json`);
  fs.writeFileSync(file, JSON.stringify(opts.requests));
  process.env.ANWEN_BENCH_REQUESTS = file; // read by the worker, which copies the environment when it starts
  try {
    return await autocannon({ url: opts.url, connections: opts.connections, duration: opts.duration, workers: 1, requests: [{ setupRequest: NEXT_REQUEST }] });
  } finally {
    fs.rmSync(file, { force: true });
  }
}
