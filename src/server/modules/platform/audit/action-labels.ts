import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { auditActionZh, kernelAuditLabels } from '../../../kernel/timeline/index.ts';

/**
 * zh-CN names of the audit actions the code base writes (grep "action: '" to find new ones).
 * An action missing here is shown by its code, so a forgotten label degrades, never breaks.
 */
export const ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.login': '登录',
  'auth.login.failed': '登录失败',
  'auth.lockout': '账号锁定（连续登录失败；旧版本记录）',
  'auth.attack.alert': '登录失败次数异常，已提醒管理员',
  'auth.logout': '退出登录',
  'auth.password.change': '修改密码',
  'session.cleanup': '清理过期会话',
  'unit.create': '新建单位',
  'unit.update': '修改单位',
  'unit.members.set': '设置成员单位',
  'unit.document_issuer': '设置发文代字与机关标志',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.resetPassword': '重置密码',
  'user.unlock': '解除登录限制',
  'user.requirePasswordChange': '要求修改密码（非演示环境的演示账号）',
  'leader.create': '新增领导',
  'leader.update': '修改领导',
  'calendar.seed': '初始化工作日历',
  'calendar.load': '导入工作日历',
  'calendar.replace': '替换工作日历',
  'rule.seed': '初始化时限规则',
  'rule.update': '修改时限规则',
  'rule.override.create': '新增省级时限规定',
  'settings.update': '修改系统设置',
  'deadline.start': '期限开始计时',
  'deadline.pause': '期限暂停计时',
  'deadline.resume': '期限恢复计时',
  'deadline.extend': '期限延长',
  'deadline.stop': '期限停止计时',
  'deadline.recompute': '重算期限',
  'deadline.remind': '发送期限提醒',
  'personal.search': '按身份证号、电话或姓名查找信访人',
  'item.create': '登记事项',
  'item.attachments': '添加附件',
  'notification.read': '提醒标为已读',
  'notification.readAll': '提醒全部标为已读',
  'backup.create': '备份数据',
  'backup.restore': '恢复数据',
  'seed.demo': '生成演示数据',
  'seed.demo.items': '生成演示事项',
  'seed.demo.petitions': '生成演示信访事项',
  'seed.bulk': '批量生成数据',
  'periodic_report.define': '发布定期报告',
  'periodic_report.update': '修改定期报告',
  'periodic_report.submit': '报送定期报告',
  'periodic_report.late': '补报定期报告（迟报）',
  'periodic_report.correct': '更正定期报告',
  'periodic_report.remind': '提醒报送定期报告',
  'periodic_report.remind.auto': '自动提醒报送定期报告',
};

/** zh-CN names of the entity types audit events point at. */
export const ENTITY_LABELS: Readonly<Record<string, string>> = {
  unit: '单位',
  user: '用户',
  leader: '领导',
  session: '会话',
  sessions: '会话',
  backup: '备份',
  calendar_year: '工作日历',
  legal_rule: '时限规则',
  setting: '设置',
  settings: '设置',
  deadline: '期限',
  work_item: '事项',
  petitioner: '信访人',
  work_items: '事项',
  notification: '提醒',
  notifications: '提醒',
  periodic_report: '定期报告',
};

/** Every audit action the platform, the kernel and the registered modules name, by code. */
export function allActionLabels(modules: ModuleCatalog): Record<string, string> {
  const out: Record<string, string> = { ...kernelAuditLabels(), ...ACTION_LABELS };
  for (const m of modules.modules) Object.assign(out, m.wording.actions);
  return out;
}

/** An action's zh-CN name: the platform's, else the kernel's or its module's (descriptor), else its code. */
export const actionName = (modules: ModuleCatalog, action: string): string => ACTION_LABELS[action] ?? auditActionZh(modules, action);
