import { describe, expect, it } from 'vitest';
import { readDecisions } from './decisions.ts';

describe('信访 decisions are read through one schema', () => {
  it('reads the steps a case went through, typed', () => {
    const d = readDecisions({
      acceptance: { date: '2026-08-05', note: null, by: '张三' },
      extensions: [{ date: '2026-09-01', amount: 30, reason: '需补充调查', approverUserId: 7, newDueDate: '2026-11-07' }],
    });
    expect(d.acceptance?.date).toBe('2026-08-05');
    expect(d.extensions?.[0]?.newDueDate).toBe('2026-11-07');
    expect(d.reply).toBeUndefined();
  });

  it('drops an entry that does not parse instead of trusting it, and keeps the rest', () => {
    const d = readDecisions({ acceptance: { date: 20260805 }, evaluation: { date: '2026-09-10', result: 'very_happy' }, delivery: { date: '2026-09-02' } });
    expect(d.acceptance).toBeUndefined();
    expect(d.evaluation).toBeUndefined();
    expect(d.delivery).toEqual({ date: '2026-09-02' });
  });

  it('reads nothing from null or a non-object', () => {
    expect(readDecisions(null)).toEqual({});
    expect(readDecisions('garbage')).toEqual({});
  });
});
