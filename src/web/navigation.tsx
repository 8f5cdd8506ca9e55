import type { ReactNode } from 'react';
import type { Role } from './api/types.ts';
import {
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  ProfileOutlined,
  FileTextOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  ClusterOutlined,
  ControlOutlined,
  CrownOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FlagOutlined,
  FundProjectionScreenOutlined,
  HomeOutlined,
  MailOutlined,
  MobileOutlined,
  ReadOutlined,
  ScheduleOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  CarryOutOutlined,
  FireOutlined,
} from '@ant-design/icons';

export interface NavEntry {
  path: string;
  label: string;
  icon: ReactNode;
  /** shown on the 建设中 page of a module not built yet */
  plan?: string;
  /** 系统管理 pages: the roles that see it (default: system administrators only) */
  roles?: Role[];
  /** the module's own pages, shown as its submenu */
  children?: NavEntry[];
  /** open to an enterprise account (an outside party sees only these) */
  external?: boolean;
}

/** The business modules, in menu order. Those with `plan` are not built yet. */
export const MODULES: NavEntry[] = [
  { path: '/workbench', label: '工作台', icon: <DashboardOutlined /> },
  { path: '/', label: '我的待办', icon: <HomeOutlined /> },
  {
    path: '/xf',
    label: '信访',
    icon: <MailOutlined />,
  },
  {
    path: '/disputes',
    label: '矛盾纠纷',
    icon: <TeamOutlined />,
    children: [
      { path: '/disputes', label: '纠纷台账', icon: <TeamOutlined /> },
      { path: '/disputes/campaigns', label: '排查活动', icon: <FileSearchOutlined /> },
      { path: '/disputes/types', label: '纠纷类型', icon: <ControlOutlined /> },
    ],
  },
  {
    path: '/safety',
    label: '安全生产',
    icon: <SafetyCertificateOutlined />,
    external: true,
    children: [
      { path: '/safety/hazards', label: '隐患台账', icon: <SafetyCertificateOutlined />, external: true },
      { path: '/safety/hazard-reports', label: '隐患统计报表', icon: <BarChartOutlined /> },
      { path: '/safety/enterprises', label: '企业登记册', icon: <ShopOutlined /> },
      { path: '/safety/inspections', label: '监督检查', icon: <AuditOutlined /> },
      { path: '/safety/checklists', label: '检查表与回避', icon: <ProfileOutlined /> },
      { path: '/safety/field', label: '现场检查', icon: <MobileOutlined /> },
      { path: '/safety/accidents', label: '事故快报', icon: <AlertOutlined /> },
      { path: '/safety/duty', label: '值班值守', icon: <ScheduleOutlined /> },
      { path: '/safety/plans', label: '应急预案与培训', icon: <ReadOutlined /> },
    ],
  },
  {
    path: '/risk',
    label: '稳评',
    icon: <AlertOutlined />,
    children: [
      { path: '/risk/assessments', label: '稳评事项', icon: <AlertOutlined /> },
      { path: '/risk/settings', label: '稳评设置', icon: <ControlOutlined /> },
    ],
  },
  {
    path: '/supervision',
    label: '督查督办',
    icon: <FlagOutlined />,
    children: [
      { path: '/supervision/tasks', label: '督办事项', icon: <CarryOutOutlined /> },
      { path: '/supervision/dispatches', label: '督办通知', icon: <FileTextOutlined /> },
      { path: '/supervision/campaigns', label: '督查检查', icon: <AuditOutlined /> },
      { path: '/supervision/actions', label: '专项行动', icon: <FireOutlined /> },
      { path: '/supervision/meetings', label: '会议', icon: <TeamOutlined /> },
      { path: '/supervision/reports', label: '定期报告', icon: <ScheduleOutlined /> },
      { path: '/supervision/listed', label: '挂牌督办与积案', icon: <FlagOutlined /> },
    ],
  },
  { path: '/leaders', label: '领导工作', icon: <CrownOutlined /> },
  { path: '/assessment', label: '考核与问责', icon: <TrophyOutlined /> },
  {
    path: '/stats',
    label: '统计分析',
    icon: <BarChartOutlined />,
  },
  // 领导驾驶舱: county leaders and the county-wide offices (the API refuses townships and departments)
  {
    path: '/dashboard',
    label: '领导驾驶舱',
    icon: <FundProjectionScreenOutlined />,
    roles: ['county_leader', 'xfj_staff', 'safety_staff', 'wwb_staff', 'dcb_staff', 'sys_admin', 'auditor'],
  },
];

/** The business menu of a user: an enterprise account (an outside party) only the entries open to it. */
export function modulesFor(roles: readonly Role[] | undefined): NavEntry[] {
  const external = !!roles?.length && roles.every((r) => r === 'enterprise');
  if (!external) return MODULES.filter((m) => !m.roles || m.roles.some((r) => roles?.includes(r)));
  return MODULES.filter((m) => m.external).map((m) => (m.children ? { ...m, children: m.children.filter((c) => c.external) } : m));
}

/** 系统管理: system administrators; entries with `roles` also to those roles. */
export const ADMIN_PAGES: NavEntry[] = [
  { path: '/admin/units', label: '单位管理', icon: <ClusterOutlined /> },
  { path: '/admin/leaders', label: '领导管理', icon: <CrownOutlined /> },
  { path: '/admin/users', label: '用户管理', icon: <UserOutlined /> },
  { path: '/admin/calendar', label: '工作日历', icon: <CalendarOutlined /> },
  { path: '/admin/rules', label: '时限规则', icon: <ClockCircleOutlined /> },
  { path: '/admin/settings', label: '预警设置', icon: <ControlOutlined /> },
  { path: '/admin/meeting-types', label: '会议类型', icon: <TeamOutlined />, roles: ['sys_admin', 'dcb_staff'] },
  { path: '/admin/document-templates', label: '文书模板', icon: <FileTextOutlined /> },
  { path: '/admin/outbox', label: '消息发送', icon: <MailOutlined /> },
  { path: '/admin/open311', label: 'Open311 接入', icon: <ApiOutlined /> },
  // the read-only auditor reviews the trail too
  { path: '/admin/audit', label: '审计日志', icon: <FileSearchOutlined />, roles: ['sys_admin', 'auditor'] },
];

/** The 系统管理 pages a user with `roles` may open. */
export function adminPagesFor(roles: readonly Role[] | undefined): NavEntry[] {
  return ADMIN_PAGES.filter((p) => (p.roles ?? ['sys_admin']).some((r) => roles?.includes(r)));
}

export const ADMIN_ICON = <SettingOutlined />;
export const AUDIT_ICON = <AuditOutlined />;
