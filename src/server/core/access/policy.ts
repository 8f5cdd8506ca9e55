import type { Role, SessionUser } from '../auth/types.ts';
import { inScope } from './scope.ts';
import { roleInfo } from './roles.ts';

/** Everything a policy decides about. Add actions here; anything not granted below is denied. */
export const ACTIONS = [
  'unit.read',
  'unit.create',
  'unit.update',
  'user.read',
  'user.create',
  'user.update',
  'user.resetPassword',
  'user.unlock',
  'leader.read',
  'leader.update',
  'audit.read',
  'calendar.read',
  'calendar.load',
  'rule.read',
  'rule.update',
  'settings.update',
  'workitem.read',
  'workitem.handle',
  'workitem.instruct',
  'report.read',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What a decision is about: the unit path of the record, when it belongs to a unit. */
export interface Resource {
  unitPath?: string;
}

const READ_ACTIONS: ReadonlySet<Action> = new Set(['unit.read', 'user.read', 'leader.read', 'calendar.read', 'rule.read', 'workitem.read', 'report.read']);
const ADMIN_ACTIONS: ReadonlySet<Action> = new Set([
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
]);
const HANDLER_ROLES: ReadonlySet<Role> = new Set([
  'xfj_staff',
  'safety_staff',
  'wwb_staff',
  'dcb_staff',
  'dept_liaison',
  'township_staff',
  'village_staff',
  'mediator',
]);

/** Whether one role (ignoring scope) grants an action. */
export function roleGrants(role: Role, action: Action): boolean {
  if (roleInfo(role)?.external) return false; // an outside party's account uses only what a module opens to it
  if (READ_ACTIONS.has(action)) return true; // every staff role reads (within its scope)
  if (action === 'audit.read') return role === 'sys_admin' || role === 'auditor';
  if (ADMIN_ACTIONS.has(action)) return role === 'sys_admin';
  if (action === 'workitem.handle') return HANDLER_ROLES.has(role);
  if (action === 'workitem.instruct') return role === 'county_leader';
  return false;
}

/**
 * The one policy: may `user` do `action` on `resource`? Pure (no I/O), so it is tested as a
 * role × action × scope matrix. A resource outside the user's scope is denied for every action;
 * callers turn an out-of-scope record into 404 before asking, so "denied" here means 403.
 */
export function can(user: Pick<SessionUser, 'roles' | 'unitPath'>, action: Action, resource?: Resource): boolean {
  if (resource?.unitPath !== undefined && !inScope(user, resource.unitPath)) return false;
  return user.roles.some((role) => roleGrants(role, action));
}

/** The actions a user may take at all (on records in scope): the console shows menus by these. */
export function capabilities(user: Pick<SessionUser, 'roles' | 'unitPath'>): Action[] {
  return ACTIONS.filter((a) => can(user, a));
}
