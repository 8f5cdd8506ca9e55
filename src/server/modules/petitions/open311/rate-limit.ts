import { Open311Error } from './open311-error.ts';

/**
 * A fixed one-minute window per bucket (a partner app's key, or a client address), in memory.
 * Operational protection, not business time: it runs on the process clock. One instance per app.
 */
export function createRateLimiter(windowMs = 60_000) {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;

  return function hit(bucket: string, max: number, nowMs = Date.now()): void {
    if (nowMs - lastSweep > windowMs) {
      for (const [k, w] of windows) if (nowMs - w.start >= windowMs) windows.delete(k);
      lastSweep = nowMs;
    }
    let w = windows.get(bucket);
    if (!w || nowMs - w.start >= windowMs) {
      w = { start: nowMs, count: 0 };
      windows.set(bucket, w);
    }
    w.count += 1;
    if (w.count > max) {
      const retryAfter = Math.max(1, Math.ceil((w.start + windowMs - nowMs) / 1000));
      throw new Open311Error(429, `请求过于频繁：每分钟最多 ${max} 次，请于 ${retryAfter} 秒后重试`, { 'retry-after': String(retryAfter) });
    }
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
