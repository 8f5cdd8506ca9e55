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
});
