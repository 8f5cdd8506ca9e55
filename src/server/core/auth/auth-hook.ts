import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import type { AppConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { loadSession, safeEqual, SESSION_COOKIE } from './sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Requests that may change state without a CSRF token: only the login that creates the session. */
const CSRF_EXEMPT = new Set(['POST /api/v1/auth/login']);
/** What a user holding a temporary password may still do: see who they are, change it, or leave. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['GET /api/v1/auth/me', 'POST /api/v1/auth/password', 'POST /api/v1/auth/logout', 'GET /api/v1/system/info']);

/**
 * Sets `request.auth` from the session cookie, then enforces CSRF: a state-changing request that
 * carries a session must echo the session's token in `x-csrf-token`. A request without a session
 * carries no ambient authority, so it goes on and the route answers 401 where a login is needed.
 */
export function installAuthHook(app: FastifyInstance, deps: { database: Database; clock: Clock; config: Pick<AppConfig, 'sessionHours'> }): void {
  app.addHook('onRequest', async (request) => {
    request.auth = null;
    // the citizens' portal never uses a staff session: a signed-in staff member's cookie is ignored there (no CSRF to check)
    if (request.url.startsWith('/api/v1/portal/')) return;
    const token = request.cookies?.[SESSION_COOKIE];
    if (token) {
      request.auth = await loadSession(deps.database.db, { token, now: deps.clock.now(), hours: deps.config.sessionHours });
    }
    // A temporary password (new account, admin reset) must be replaced before anything else:
    // enforced here, not only by the console, so the API cannot be used around it.
    if (request.auth?.user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(`${request.method} ${request.url.split('?')[0]}`)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    if (SAFE_METHODS.has(request.method)) return;
    const path = request.url.split('?')[0];
    if (CSRF_EXEMPT.has(`${request.method} ${path}`)) return;
    if (!request.auth) return;
    const header = request.headers['x-csrf-token'];
    if (typeof header !== 'string' || !safeEqual(header, request.auth.csrfToken)) throw new AppError('CSRF_INVALID');
  });
}
