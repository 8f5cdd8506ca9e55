import { describe, expect, it } from 'vitest';
import { deriveRepeatFlags, isCollective, isEvalOverdue } from './flags.ts';
import { hiddenAsAccused } from './visibility.ts';
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

describe('超期未评价 (derived from the evaluation window clock)', () => {
  const clocks = [
    { ruleKey: 'xf.handle', dueDate: '2026-10-08' },
    { ruleKey: 'xf.eval.window', dueDate: '2026-11-09' },
  ];
  it('only after the window’s last day, and only without an evaluation', () => {
    expect(isEvalOverdue({ deadlines: clocks, evaluated: false, today: '2026-11-09' })).toBe(false);
    expect(isEvalOverdue({ deadlines: clocks, evaluated: false, today: '2026-11-10' })).toBe(true);
    expect(isEvalOverdue({ deadlines: clocks, evaluated: true, today: '2026-11-10' })).toBe(false);
    // not delivered yet: no window, nothing overdue (an overdue handling clock is another matter)
    expect(isEvalOverdue({ deadlines: clocks.slice(0, 1), evaluated: false, today: '2026-12-01' })).toBe(false);
  });
});

describe('检举控告 exemption for the registering unit below the accused unit', () => {
  it('hides from the accused unit and its subtree, except the registering 信访局 when the accused unit is above it', () => {
    // accused = a department /1/7/: its staff and sub-units lose it, the county and other units keep it
    expect(hiddenAsAccused({ userUnitPath: '/1/7/', accusedUnitPath: '/1/7/', ownerUnitPath: '/1/3/' })).toBe(true);
    expect(hiddenAsAccused({ userUnitPath: '/1/7/9/', accusedUnitPath: '/1/7/', ownerUnitPath: '/1/3/' })).toBe(true);
    expect(hiddenAsAccused({ userUnitPath: '/1/', accusedUnitPath: '/1/7/', ownerUnitPath: '/1/3/' })).toBe(false);
    expect(hiddenAsAccused({ userUnitPath: '/1/3/', accusedUnitPath: null, ownerUnitPath: '/1/3/' })).toBe(false);
    // accused = the county root: the 信访局 (/1/3/) keeps it; the root and other departments lose it
    expect(hiddenAsAccused({ userUnitPath: '/1/3/', accusedUnitPath: '/1/', ownerUnitPath: '/1/3/' })).toBe(false);
    expect(hiddenAsAccused({ userUnitPath: '/1/', accusedUnitPath: '/1/', ownerUnitPath: '/1/3/' })).toBe(true);
    expect(hiddenAsAccused({ userUnitPath: '/1/7/', accusedUnitPath: '/1/', ownerUnitPath: '/1/3/' })).toBe(true);
    // accused = the 信访局 itself: it loses it
    expect(hiddenAsAccused({ userUnitPath: '/1/3/', accusedUnitPath: '/1/3/', ownerUnitPath: '/1/3/' })).toBe(true);
  });
});
