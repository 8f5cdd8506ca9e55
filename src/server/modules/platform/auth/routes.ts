import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { installAuthHook } from '../../../core/auth/auth-hook.ts';
import { login } from '../../../core/auth/login.ts';
import { destroySession, SESSION_COOKIE } from '../../../core/auth/sessions.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { changeOwnPassword } from '../../../core/auth/change-password.ts';
import { sessionUserSchema } from '../../../core/auth/user-schema.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { capabilities } from '../../../core/access/policy.ts';
import { appendAudit } from '../../../core/audit/audit-chain.ts';
import { safeString } from '../../../core/http/input.ts';

/**
 * Login, logout, who-am-I and password change. Also installs the session + CSRF hook for the
 * whole /api/v1 scope (module functions run on the shared /api/v1 instance, so the hook covers
 * every module's routes).
 */
export async function authRoutes(app: App, deps: AppDeps): Promise<void> {
  installAuthHook(app, deps);
  const db = deps.database.db;
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: deps.config.secureCookies };

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary:
          '登录（成功后设置会话 Cookie，并返回 CSRF 令牌）。用户名不存在与密码错误的答复相同；同一用户名在同一地址连续失败后须等待（429 与 Retry-After，逐次加倍）',
        body: z.object({ username: safeString().min(1).max(64), password: safeString().min(1).max(256) }),
        response: { 200: z.object({ user: sessionUserSchema, csrfToken: z.string() }) },
      },
    },
    async (request, reply) => {
      const { user, session } = await login({
        db,
        now: deps.clock.now(),
        sessionHours: deps.config.sessionHours,
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        setRetryAfter: (seconds) => void reply.header('Retry-After', String(seconds)),
      });
      // a session cookie from before the login (session fixation) is replaced, and its row removed
      if (request.auth) await destroySession(db, request.auth.sessionIdHash);
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
      return { user, csrfToken: session.csrfToken };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: '退出登录', response: { 204: z.null() } } }, async (request, reply) => {
    const auth = request.auth;
    if (auth) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('sessions').where('id_hash', '=', auth.sessionIdHash).execute();
        await appendAudit(trx, actorOf(auth.user, request.ip), { action: 'auth.logout', entityType: 'user', entityId: auth.user.id });
      });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: '当前登录用户、CSRF 令牌与可执行的操作',
        response: { 200: z.object({ user: sessionUserSchema, csrfToken: z.string(), capabilities: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { user, csrfToken: request.auth!.csrfToken, capabilities: capabilities(user) };
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改本人密码（至少 8 位，含字母和数字）',
        body: z.object({ oldPassword: safeString().min(1).max(256), newPassword: safeString().min(1).max(256) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await changeOwnPassword({
        db,
        actor: actorOf(user, request.ip),
        userId: user.id,
        currentSessionIdHash: request.auth!.sessionIdHash,
        oldPassword: request.body.oldPassword,
        newPassword: request.body.newPassword,
        now: deps.clock.now(),
      });
      return reply.status(204).send(null);
    },
  );
}
