import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireAnyRole } from '../../../core/access/guards.ts';
import { issueApiKey, listApiKeys, revokeApiKey } from './manage-keys.ts';
import { safeString } from '../../../core/http/input.ts';

const keyView = z.object({
  id: z.number(),
  appName: z.string(),
  keyPrefix: z.string(),
  enabled: z.boolean(),
  ratePerMinute: z.number(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  revokedBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  requests: z.number(),
});

/** Open311 接入密钥 (admin): issue a key to a named partner app, list keys, revoke one. Audited. */
export async function open311KeyRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const actorOf = (user: { id: number; displayName: string; unitId: number }, ip: string) => ({
    userId: user.id,
    name: user.displayName,
    unitId: user.unitId,
    ip,
  });

  app.get(
    '/open311/keys',
    { schema: { tags: ['open311'], summary: 'Open311 接入密钥列表（系统管理员；只显示密钥前缀）', response: { 200: z.object({ items: z.array(keyView) }) } } },
    async (request) => {
      requireAnyRole(request, ['sys_admin']);
      return { items: await listApiKeys(db) };
    },
  );

  app.post(
    '/open311/keys',
    {
      schema: {
        tags: ['open311'],
        summary: '为合作应用签发 Open311 接入密钥（密钥只在此次返回，记入审计）',
        body: z.object({
          appName: safeString().trim().min(2, '应用名称至少 2 个字').max(100),
          ratePerMinute: z.number().int().min(1, '每分钟请求上限至少为 1').max(10000).default(60),
        }),
        response: { 201: z.object({ id: z.number(), apiKey: z.string(), keyPrefix: z.string() }) },
      },
    },
    async (request, reply) => {
      const user = requireAnyRole(request, ['sys_admin']);
      const issued = await db.transaction().execute((trx) => issueApiKey(trx, { ...request.body, actor: actorOf(user, request.ip), now: deps.clock.now() }));
      return reply.status(201).send(issued);
    },
  );

  app.post(
    '/open311/keys/:id/revoke',
    {
      schema: {
        tags: ['open311'],
        summary: '吊销 Open311 接入密钥（须说明理由，记入审计）',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({ reason: safeString().trim().min(2, '请说明吊销理由').max(500) }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const user = requireAnyRole(request, ['sys_admin']);
      await db
        .transaction()
        .execute((trx) => revokeApiKey(trx, { id: request.params.id, reason: request.body.reason, actor: actorOf(user, request.ip), now: deps.clock.now() }));
      return { ok: true as const };
    },
  );
}
