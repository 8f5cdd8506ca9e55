import type { Role } from '../auth/types.ts';

export interface RoleInfo {
  code: Role;
  name: string;
  description: string;
  /** county-wide roles see the whole county; the others see their unit and its sub-units */
  countyWide: boolean;
  /** may only read (auditor) */
  readOnly: boolean;
  /**
   * an account of a party outside government (an enterprise): no unit scope at all — it sees only what a module
   * opens to it (ModuleDescriptor.externalVisibility) and is granted none of the staff actions
   */
  external?: boolean;
}

/** The role catalogue: what each role is called and how far it sees. */
export const ROLES: readonly RoleInfo[] = [
  { code: 'sys_admin', name: '系统管理员', description: '管理单位、人员、领导、工作日历与时限规则', countyWide: true, readOnly: false },
  { code: 'xfj_staff', name: '信访局工作人员', description: '登记、转送、交办、督办信访事项', countyWide: true, readOnly: false },
  { code: 'safety_staff', name: '应急管理/安委办工作人员', description: '安全生产隐患排查整治与督办', countyWide: true, readOnly: false },
  { code: 'wwb_staff', name: '维稳办工作人员', description: '矛盾纠纷排查化解、社会稳定风险评估', countyWide: true, readOnly: false },
  { code: 'dcb_staff', name: '督查办工作人员', description: '督查督办事项的立项、跟踪与通报', countyWide: true, readOnly: false },
  { code: 'dept_liaison', name: '部门联络员', description: '县直部门承办交办事项、反馈办理情况', countyWide: false, readOnly: false },
  { code: 'township_staff', name: '乡镇（街道）工作人员', description: '本乡镇（街道）及所辖村（社区）事项的办理', countyWide: false, readOnly: false },
  { code: 'village_staff', name: '村（社区）工作人员', description: '本村（社区）矛盾排查、隐患上报与事项办理', countyWide: false, readOnly: false },
  { code: 'mediator', name: '调解员', description: '人民调解，办理分派的矛盾纠纷', countyWide: false, readOnly: false },
  { code: 'county_leader', name: '县领导', description: '查看全县情况，对分管领域事项作出批示', countyWide: true, readOnly: false },
  { code: 'auditor', name: '只读审计员', description: '只读查看全部数据与审计日志', countyWide: true, readOnly: true },
  {
    code: 'enterprise',
    name: '企业账户',
    description: '生产经营单位自查自报隐患、报告整改情况，只能查看本企业',
    countyWide: false,
    readOnly: false,
    external: true,
  },
];

export const ROLE_CODES = ROLES.map((r) => r.code) as [Role, ...Role[]];

const BY_CODE = new Map(ROLES.map((r) => [r.code, r]));

export function roleInfo(code: Role): RoleInfo | undefined {
  return BY_CODE.get(code);
}

export function roleName(code: string): string {
  return BY_CODE.get(code as Role)?.name ?? code;
}
