import { describe, expect, it } from 'vitest';
import { ACTIONS, can, capabilities, type Action } from './policy.ts';
import { ROLES } from './roles.ts';
import { inScope, scopePrefix } from './scope.ts';
import type { Role } from '../auth/types.ts';

const READS: Action[] = ['unit.read', 'user.read', 'leader.read', 'calendar.read', 'rule.read', 'workitem.read', 'report.read'];
const ADMIN: Action[] = [
  'unit.create',
  'unit.update',
  'user.create',
  'user.update',
  'user.resetPassword',
  'user.unlock',
  'leader.update',
  'calendar.load',
  'rule.update',
  'settings.update',
  'audit.read',
];

/** The expected grants, written out by hand (not derived from the policy under test). */
const GRANTS: Record<Role, Action[]> = {
  sys_admin: [...READS, ...ADMIN],
  xfj_staff: [...READS, 'workitem.handle'],
  safety_staff: [...READS, 'workitem.handle'],
  wwb_staff: [...READS, 'workitem.handle'],
  dcb_staff: [...READS, 'workitem.handle'],
  dept_liaison: [...READS, 'workitem.handle'],
  township_staff: [...READS, 'workitem.handle'],
  village_staff: [...READS, 'workitem.handle'],
  mediator: [...READS, 'workitem.handle'],
  county_leader: [...READS, 'workitem.instruct'],
  auditor: [...READS, 'audit.read'],
  // an enterprise account is an outside party: none of the staff actions, not even reading units or people
  enterprise: [],
};

const COUNTY_WIDE: Role[] = ['sys_admin', 'xfj_staff', 'safety_staff', 'wwb_staff', 'dcb_staff', 'county_leader', 'auditor'];

// the user sits in township /1/7/; /1/7/42/ is its village, /1/8/ another township
const OWN = '/1/7/';
const SUB = '/1/7/42/';
const OTHER = '/1/8/';

describe('policy: role × action × scope', () => {
  it('covers every role in the catalogue', () => {
    expect(ROLES.map((r) => r.code).sort()).toEqual(Object.keys(GRANTS).sort());
  });

  const cases = ROLES.flatMap((r) => ACTIONS.map((action) => ({ role: r.code, action })));
  it.each(cases)('$role × $action', ({ role, action }) => {
    const user = { roles: [role], unitPath: OWN };
    const granted = GRANTS[role].includes(action);
    // no resource, own unit, a sub-unit: granted exactly when the role grants it
    expect(can(user, action)).toBe(granted);
    expect(can(user, action, { unitPath: OWN })).toBe(granted);
    expect(can(user, action, { unitPath: SUB })).toBe(granted);
    // another township: only county-wide roles reach it
    expect(can(user, action, { unitPath: OTHER })).toBe(granted && COUNTY_WIDE.includes(role));
  });

  it('denies everything to a user without roles and to unknown actions', () => {
    for (const action of ACTIONS) expect(can({ roles: [], unitPath: OWN }, action)).toBe(false);
    expect(can({ roles: ['sys_admin'], unitPath: '/1/' }, 'nuke.everything' as Action)).toBe(false);
  });

  it('the auditor is read-only everywhere', () => {
    const auditor = { roles: ['auditor'] as Role[], unitPath: OWN };
    for (const action of ACTIONS) {
      if (can(auditor, action, { unitPath: OTHER })) expect([...READS, 'audit.read']).toContain(action);
    }
  });

  it('combines roles: a mediator who is also township staff keeps the township scope', () => {
    const u = { roles: ['mediator', 'township_staff'] as Role[], unitPath: OWN };
    expect(can(u, 'workitem.handle', { unitPath: SUB })).toBe(true);
    expect(can(u, 'workitem.handle', { unitPath: OTHER })).toBe(false);
    const expected: Action[] = [...READS, 'workitem.handle'];
    expect(capabilities(u)).toEqual(ACTIONS.filter((a) => expected.includes(a)));
  });

  it('scope is a path prefix, not a substring: /1/7/ does not cover /1/70/', () => {
    const u = { roles: ['township_staff'] as Role[], unitPath: '/1/7/' };
    expect(inScope(u, '/1/70/')).toBe(false);
    expect(inScope(u, '/1/7/70/')).toBe(true);
    expect(scopePrefix(u)).toBe('/1/7/');
    expect(scopePrefix({ roles: ['county_leader'], unitPath: '/1/3/' })).toBeNull();
  });
});
