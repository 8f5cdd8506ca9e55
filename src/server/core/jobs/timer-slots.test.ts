import { describe, expect, it } from 'vitest';
import { currentSlot, slotJobId } from './timer-slots.ts';

describe('timer slots', () => {
  it('names a 10-minute slot by its Shanghai start time', () => {
    const slot = currentSlot('deadline-sweep', { everyMs: 600_000 }, new Date('2026-11-23T07:47:59Z'));
    expect(slot?.key).toBe('deadline-sweep:2026-11-23T15:40');
    expect(slot?.startsAt.toISOString()).toBe('2026-11-23T07:40:00.000Z');
  });

  it('gives every instant of one slot the same key and the next slot a new one', () => {
    const a = currentSlot('t', { everyMs: 600_000 }, new Date('2026-11-23T07:40:00Z'));
    const b = currentSlot('t', { everyMs: 600_000 }, new Date('2026-11-23T07:49:59.999Z'));
    const c = currentSlot('t', { everyMs: 600_000 }, new Date('2026-11-23T07:50:00Z'));
    expect(a?.key).toBe(b?.key);
    expect(c?.key).not.toBe(a?.key);
  });

  it('keeps a nightly slot inside its window only (03:00–04:00 Shanghai)', () => {
    const nightly = { everyMs: 86_400_000, phaseMs: 3 * 3_600_000, windowMs: 3_600_000 };
    expect(currentSlot('db-maintenance', nightly, new Date('2026-11-23T19:10:00Z'))?.key).toBe('db-maintenance:2026-11-24T03:00');
    expect(currentSlot('db-maintenance', nightly, new Date('2026-11-23T20:00:00Z'))).toBeNull(); // 04:00 local
    expect(currentSlot('db-maintenance', nightly, new Date('2026-11-24T04:00:00Z'))).toBeNull(); // noon local
  });

  it('uses second resolution for sub-minute slots (tests drive 1-second slots)', () => {
    expect(currentSlot('probe', { everyMs: 1000 }, new Date('2026-11-23T07:40:05.500Z'))?.key).toBe('probe:2026-11-23T15:40:05');
  });

  it('derives a stable, valid UUID per slot key', () => {
    const id = slotJobId('deadline-sweep:2026-11-23T15:40');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(slotJobId('deadline-sweep:2026-11-23T15:40')).toBe(id);
    expect(slotJobId('deadline-sweep:2026-11-23T15:50')).not.toBe(id);
  });
});
