/** Role codes (see core/auth/roles.ts for names and what each may do). */
export type Role =
  | 'sys_admin'
  | 'xfj_staff' // 信访局
  | 'safety_staff' // 应急管理 / 安委办
  | 'wwb_staff' // 维稳办
  | 'dcb_staff' // 督查办
  | 'dept_liaison' // 县直部门联络员
  | 'township_staff' // 乡镇/街道
  | 'village_staff' // 村/社区
  | 'mediator' // 调解员
  | 'county_leader' // 县领导
  | 'auditor' // 只读审计
  | 'enterprise'; // 企业账户（外部单位：只见本企业）

/** The signed-in staff user as every route and policy sees it. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  unitName: string;
  /** materialised path of the user's unit, e.g. '/1/7/' */
  unitPath: string;
  roles: Role[];
  mustChangePassword: boolean;
  /** an enterprise account's own enterprise (users.enterprise_id); null/absent for government staff */
  enterpriseId?: number | null;
}

export interface RequestAuth {
  user: SessionUser;
  sessionIdHash: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** set by the auth hook for a valid session; null when anonymous */
    auth: RequestAuth | null;
  }
}
