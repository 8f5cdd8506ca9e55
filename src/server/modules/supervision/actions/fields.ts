import type { SessionUser } from '../../../core/auth/types.ts';

/** 专项行动类别. */
export const ACTION_CATEGORIES = {
  petition_backlog: '信访积案化解',
  safety: '安全生产专项整治',
  dispute: '矛盾纠纷排查化解',
  other: '其他',
} as const;
export type ActionCategory = keyof typeof ACTION_CATEGORIES;

/** 调度频次. */
export const ACTION_RHYTHMS = { daily: '每日调度（工作日）', weekly: '每周调度', monthly: '每月调度' } as const;
export type ActionRhythm = keyof typeof ACTION_RHYTHMS;

/** 行动阶段: 筹备 → 实施中 → 总结 → 已结束. */
export const ACTION_STATUSES = { preparing: '筹备', running: '实施中', summary: '总结', ended: '已结束' } as const;
export type ActionStatus = keyof typeof ACTION_STATUSES;
/** the stage each stage may move to (forward one step, or back one while not ended) */
export const ACTION_NEXT: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = {
  preparing: ['running'],
  running: ['summary'],
  summary: ['ended', 'running'],
  ended: [],
};

/** 领导小组 roles. */
export const MEMBER_ROLES = { head: '组长', deputy: '副组长', member: '成员' } as const;
export type MemberRole = keyof typeof MEMBER_ROLES;

/** 调度形式. */
export const DISPATCH_FORMS = { meeting: '调度会', written: '书面调度', onsite: '现场调度' } as const;
export type DispatchForm = keyof typeof DISPATCH_FORMS;

/** The source kind of the 督办事项 a 问题清单 row becomes (tasks/sources.ts). */
export const ACTION_SOURCE = 'action';

/** County-wide readers of every action: the 督查办, county leaders, the administrator and the auditor. */
export const readsAllActions = (user: Pick<SessionUser, 'roles'>): boolean =>
  user.roles.some((r) => r === 'dcb_staff' || r === 'county_leader' || r === 'sys_admin' || r === 'auditor');

/** Who may run an action (create it, keep its list, record 调度): the 督查办, or staff of its 牵头单位. */
export const STAFF_ROLES = ['dcb_staff', 'xfj_staff', 'safety_staff', 'wwb_staff', 'dept_liaison', 'township_staff'] as const;
export const isActionOffice = (user: Pick<SessionUser, 'roles' | 'unitId'>, leadUnitId: number): boolean =>
  user.roles.includes('dcb_staff') || (user.unitId === leadUnitId && user.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r)));
