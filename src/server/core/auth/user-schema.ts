import { z } from 'zod';
import { ROLE_CODES } from '../access/roles.ts';

/** The `user` object every API answer uses. */
export const sessionUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  unitPath: z.string(),
  roles: z.array(z.enum(ROLE_CODES)),
  mustChangePassword: z.boolean(),
  enterpriseId: z.number().int().nullable().optional().describe('企业账户所属企业（政府工作人员为空）'),
});
