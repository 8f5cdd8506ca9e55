import type { Role, SessionUser } from '../../core/auth/types.ts';
import { AppError } from '../../core/errors.ts';

/** County bodies that supervise (督办) any kind of item: 信访局, 督查办, 应急/安委办, 维稳办, and county leaders. */
const COUNTY_SUPERVISORS: readonly Role[] = ['xfj_staff', 'dcb_staff', 'safety_staff', 'wwb_staff', 'county_leader'];
/** Who may answer a 督办通知 / report a 积案 result: the handling side. */
const HANDLERS: readonly Role[] = ['xfj_staff', 'safety_staff', 'wwb_staff', 'dcb_staff', 'dept_liaison', 'township_staff', 'village_staff', 'mediator'];

const has = (user: SessionUser, roles: readonly Role[]) => user.roles.some((r) => roles.includes(r));

export const isCountySupervisor = (user: SessionUser) => has(user, COUNTY_SUPERVISORS);
/** A township may 督办 within its own area (乡级督办); the county at either level. */
export const mayIssueNotice = (user: SessionUser, level: 'county' | 'township') =>
  level === 'county' ? isCountySupervisor(user) : isCountySupervisor(user) || user.roles.includes('township_staff');
export const mayHandle = (user: SessionUser) => has(user, HANDLERS);
export const mayInstruct = (user: SessionUser) => user.roles.includes('county_leader');
/** 报请领导批示: the county bodies that supervise items (a leader answers, never asks). */
export const mayRequestInstruction = (user: SessionUser) => isCountySupervisor(user) && !user.roles.includes('county_leader');

export function ensure(allowed: boolean): void {
  if (!allowed) throw new AppError('FORBIDDEN');
}
