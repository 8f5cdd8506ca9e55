/** The source of "now": injected so tests and benchmarks can fix time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai, where legal deadlines live. */
export function shanghaiDate(instant: Date): string {
  const shifted = new Date(instant.getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 10);
}
