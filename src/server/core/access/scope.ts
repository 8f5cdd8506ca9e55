import type { Role, SessionUser } from '../auth/types.ts';
import { roleInfo } from './roles.ts';

type ScopedUser = Pick<SessionUser, 'roles' | 'unitPath'>;

/** True when one of the user's roles sees the whole county. */
export function isCountyWide(user: Pick<SessionUser, 'roles'>): boolean {
  return user.roles.some((r: Role) => roleInfo(r)?.countyWide === true);
}

/** True when every role of the user is an outside party's (an enterprise account): no unit scope, only what a module opens to it. */
export function isExternal(user: Pick<SessionUser, 'roles'>): boolean {
  return user.roles.length > 0 && user.roles.every((r: Role) => roleInfo(r)?.external === true);
}

/**
 * The path prefix a user's data scope covers, or null for the whole county.
 * Materialised paths ('/1/7/42/') make "my unit and its sub-units" a prefix match.
 */
export function scopePrefix(user: ScopedUser): string | null {
  return isCountyWide(user) ? null : user.unitPath;
}

export function inScope(user: ScopedUser, unitPath: string): boolean {
  const prefix = scopePrefix(user);
  return prefix === null || unitPath.startsWith(prefix);
}

/** Escapes LIKE wildcards so a path is matched literally. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
