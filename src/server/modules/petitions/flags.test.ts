import { describe, expect, it } from 'vitest';
import { deriveRepeatFlags, isCollective } from './flags.ts';
import { hiddenFromAccused, isHandler, isXfj } from './policy.ts';

describe('petition flags', () => {
  it('collective from persons or petitioners against the threshold', () => {
    expect(isCollective({ persons: 5, petitioners: 1, threshold: 5 })).toBe(true);
    expect(isCollective({ persons: 4, petitioners: 1, threshold: 5 })).toBe(false);
    expect(isCollective({ persons: 0, petitioners: 6, threshold: 5 })).toBe(true);
  });
  it('first time, repeat of the earliest similar initial case, after termination', () => {
    expect(deriveRepeatFlags([], 3)).toEqual({ firstTime: true, repeat: false, repeatOf: null, afterTermination: false });
    const e = [
      { id: 9, categoryId: 3, similarity: 0.1, stage: 'initial', state: 'handling' },
      { id: 4, categoryId: 8, similarity: 0.5, stage: 'initial', state: 'terminated' },
      { id: 2, categoryId: 8, similarity: 0.1, stage: 'initial', state: 'closed' },
      { id: 5, categoryId: 3, similarity: 0.9, stage: 'fucha', state: 'terminated' },
    ];
    expect(deriveRepeatFlags(e, 3)).toEqual({ firstTime: false, repeat: true, repeatOf: 4, afterTermination: true });
    expect(deriveRepeatFlags([e[2]!], 3)).toEqual({ firstTime: false, repeat: false, repeatOf: null, afterTermination: false });
  });
});

describe('petition policy', () => {
  const u = (roles: string[], unitPath: string) => ({ roles: roles as never, unitPath });
  it('信访局 decides; the lead unit handles once assigned', () => {
    expect(isXfj(u(['xfj_staff'], '/1/5/'))).toBe(true);
    expect(isXfj(u(['dept_liaison'], '/1/6/'))).toBe(false);
    expect(isHandler(u(['dept_liaison'], '/1/6/'), { leadUnitPath: '/1/6/' })).toBe(true);
    expect(isHandler(u(['dept_liaison'], '/1/7/'), { leadUnitPath: '/1/6/' })).toBe(false);
    expect(isHandler(u(['county_leader'], '/1/6/'), { leadUnitPath: '/1/6/' })).toBe(false);
    expect(isHandler(u(['xfj_staff'], '/1/5/'), { leadUnitPath: null })).toBe(true);
  });
  it('an accusation is hidden from the accused unit and its sub-units only', () => {
    expect(hiddenFromAccused(u(['township_staff'], '/1/7/42/'), '/1/7/')).toBe(true);
    expect(hiddenFromAccused(u(['township_staff'], '/1/8/'), '/1/7/')).toBe(false);
    expect(hiddenFromAccused(u(['township_staff'], '/1/7/'), null)).toBe(false);
  });
});
