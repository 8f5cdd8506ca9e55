import type { Role, RuleUnit, UnitKind, WarningLevel } from './api/types.ts';

/** zh-CN names used across the console (the server's GET /roles is preferred for roles when loaded). */
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  county: '县',
  township: '乡镇',
  street: '街道',
  village: '村',
  community: '社区',
  department: '县直部门',
  leading_group: '领导小组',
  joint_meeting: '联席会议',
  office: '办公室',
};

/** The server answers a unit's kind as a plain string (its routes declare z.string()); the console narrows it here. */
export function asUnitKind(kind: string): UnitKind | undefined {
  return Object.hasOwn(UNIT_KIND_LABELS, kind) ? (kind as UnitKind) : undefined;
}

export const UNIT_KIND_COLORS: Record<UnitKind, string> = {
  county: 'red',
  township: 'blue',
  street: 'geekblue',
  village: 'green',
  community: 'cyan',
  department: 'purple',
  leading_group: 'volcano',
  joint_meeting: 'orange',
  office: 'gold',
};

export const ROLE_LABELS: Record<Role, string> = {
  sys_admin: '系统管理员',
  xfj_staff: '信访局工作人员',
  safety_staff: '应急管理/安委办',
  wwb_staff: '维稳办',
  dcb_staff: '督查办',
  dept_liaison: '部门联络员',
  township_staff: '乡镇/街道工作人员',
  village_staff: '村/社区工作人员',
  mediator: '调解员',
  county_leader: '县领导',
  auditor: '审计（只读）',
  enterprise: '企业账户',
};

export const WARNING_LABELS: Record<WarningLevel, string> = {
  normal: '正常',
  approaching: '临期',
  overdue: '超期',
  severe: '严重超期',
};

export const WARNING_COLORS: Record<WarningLevel, string> = {
  normal: 'green',
  approaching: 'orange',
  overdue: 'red',
  severe: 'magenta',
};

/** chart colours matching the tag colours above */
export const WARNING_CHART_COLORS: Record<WarningLevel, string> = {
  normal: '#52c41a',
  approaching: '#fa8c16',
  overdue: '#f5222d',
  severe: '#c41d7f',
};

export const WARNING_ORDER: WarningLevel[] = ['normal', 'approaching', 'overdue', 'severe'];

export const RULE_UNIT_LABELS: Record<RuleUnit, string> = {
  calendar_days: '日（自然日）',
  working_days: '个工作日',
  hours: '小时',
  months: '个月',
};

export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

/** Common work-item states; each module may add its own (a code without a label shows as “其他状态”, never raw). */
export const STATE_LABELS: Record<string, string> = {
  registered: '已登记',
  pending: '待处理',
  accepted: '已受理',
  assigned: '已交办',
  objected: '已退回（待决定）',
  delivered: '已送达',
  under_review: '复查/复核中',
  terminated: '已终结',
  transferred: '已转送',
  handling: '办理中',
  replied: '已答复',
  reviewing: '复查中',
  review: '复查中',
  tracking: '跟踪督办中',
  publicity: '公示中',
  rectifying: '整改中',
  verifying: '待验收',
  supervised: '督办中',
  mediating: '调解中',
  closed: '已办结',
  withdrawn: '已撤回',
  suspended: '已中止',
};

export function stateLabel(state: string): string {
  return STATE_LABELS[state] ?? '其他状态';
}

/**
 * The zh-CN label of a code the server sends as a plain string (channel, stage, kind …). A code the
 * console has no label for shows as `fallback`, never as the raw code.
 */
export function labelOf<K extends string>(labels: Record<K, string>, code: string | null | undefined, fallback = '—'): string {
  return code != null && Object.hasOwn(labels, code) ? labels[code as K] : fallback;
}
