import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Role, SessionUser } from '../auth/types.ts';
import { can, type Action, type Resource } from './policy.ts';

/** The signed-in user, or 401. Every staff route starts with this. */
export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.auth) throw new AppError('UNAUTHENTICATED');
  return request.auth.user;
}

/** The signed-in user holding at least one of `roles`, else 403. */
export function requireAnyRole(request: FastifyRequest, roles: readonly Role[]): SessionUser {
  const user = requireUser(request);
  if (!roles.some((r) => user.roles.includes(r))) throw new AppError('FORBIDDEN');
  return user;
}

/**
 * The signed-in user allowed by the policy to do `action` (on `resource`, when given), else 403.
 * Load the record through a scoped query first, so an out-of-scope record is a 404 before this.
 */
export function requireCan(request: FastifyRequest, action: Action, resource?: Resource): SessionUser {
  const user = requireUser(request);
  if (!can(user, action, resource)) throw new AppError('FORBIDDEN');
  return user;
}
