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

/** A calendar date (YYYY-MM-DD) moved by whole days (negative: earlier). */
export function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
