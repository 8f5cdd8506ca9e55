import { createHash } from 'node:crypto';
import type { TimerSpec } from './job-definition.ts';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export interface TimerSlot {
  /** e.g. 'deadline-sweep:2026-11-23T15:40' (Shanghai local time of the slot start) */
  key: string;
  startsAt: Date;
}

/**
 * The slot `now` falls in, or null when it is past the slot's enqueue window. Pure, so every
 * instance (and the tests) derive the same key from the same instant.
 */
export function currentSlot(jobId: string, timer: TimerSpec, now: Date): TimerSlot | null {
  const phase = timer.phaseMs ?? 0;
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  const n = Math.floor((local - phase) / timer.everyMs);
  const startLocal = n * timer.everyMs + phase;
  const window = Math.min(timer.windowMs ?? timer.everyMs, timer.everyMs);
  if (local - startLocal >= window) return null;
  const iso = new Date(startLocal).toISOString(); // already shifted: reads as Shanghai local time
  const key = `${jobId}:${timer.everyMs < 60_000 ? iso.slice(0, 19) : iso.slice(0, 16)}`;
  return { key, startsAt: new Date(startLocal - SHANGHAI_OFFSET_MS) };
}

/**
 * A UUID derived from the slot key. pg-boss inserts jobs with ON CONFLICT DO NOTHING on its
 * (name, id) key, so every instance that enqueues the same slot gets the same id and only
 * the first insert creates a job: the slot runs once however many instances tick.
 */
export function slotJobId(slotKey: string): string {
  const h = createHash('sha256').update(`anwen-timer\0${slotKey}`).digest('hex');
  // RFC 4122 layout, version 8 ("custom"), variant 10xx
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
