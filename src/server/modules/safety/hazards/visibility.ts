import { sql, type SqlBool } from 'kysely';
import type { ModuleDescriptor } from '../../../kernel/catalog/index.ts';

/**
 * Who sees a hazard: staff by the kernel's scope (the owner is the enterprise's 属地 township, the 行业主管部门 its
 * 主办 party: a township sees its 属地 hazards, a department those it regulates, the county all); an enterprise
 * account only its own enterprise's (externalVisibility: the kernel gives such accounts no unit scope).
 */
export const HAZARD_VISIBILITY: Pick<ModuleDescriptor, 'visibility' | 'externalVisibility'> = {
  externalVisibility: (user, wi) =>
    user.enterpriseId
      ? sql<SqlBool>`exists (select 1 from hazards hv where hv.id = ${sql.ref(`${wi}.id`)} and hv.enterprise_id = ${user.enterpriseId})`
      : sql<SqlBool>`false`,
};
