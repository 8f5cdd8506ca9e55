import type { SessionUser } from '../../core/auth/types.ts';

type U = Pick<SessionUser, 'roles' | 'unitPath'>;

/** 信访局 (or the administrator standing in for it): registers, routes, decides. */
export const isXfj = (user: U): boolean => user.roles.includes('xfj_staff') || user.roles.includes('sys_admin');

const HANDLER_ROLES = ['dept_liaison', 'township_staff', 'village_staff', 'xfj_staff', 'mediator'] as const;

/** Staff of `unitPath` or a sub-unit of it, holding a role that handles cases. */
export function isStaffOf(user: U, unitPath: string | null): boolean {
  if (!unitPath) return false;
  return user.unitPath.startsWith(unitPath) && user.roles.some((r) => (HANDLER_ROLES as readonly string[]).includes(r));
}

/** Who handles the case: the lead unit's staff once assigned; 信访局 when it handles it itself. */
export function isHandler(user: U, item: { leadUnitPath: string | null }): boolean {
  return item.leadUnitPath ? isStaffOf(user, item.leadUnitPath) : isXfj(user);
}

export const canRegister = isXfj;

/** Reveal full personal data: 信访局 and the handling unit's staff (never leaders' or auditors' read-only roles). */
export function canReveal(user: U, item: { leadUnitPath: string | null }): boolean {
  return isXfj(user) || (item.leadUnitPath !== null && isStaffOf(user, item.leadUnitPath));
}

/** A 检举控告 is hidden from the accused unit and its sub-units, whatever else they are. */
export function hiddenFromAccused(user: U, accusedUnitPath: string | null): boolean {
  return accusedUnitPath !== null && user.unitPath.startsWith(accusedUnitPath);
}
