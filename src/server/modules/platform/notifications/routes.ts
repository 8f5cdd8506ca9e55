import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../../app.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { countUnread, listMyNotifications, markAllRead, markRead } from './my-notifications.ts';
import { page } from '../../../core/http/input.ts';

const actorOf = (user: SessionUser, request: FastifyRequest): Actor => ({
  userId: user.id,
  name: user.displayName,
  unitId: user.unitId,
  ip: request.ip ?? null,
});

const notificationSchema = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  level: z.enum(['approaching', 'overdue', 'severe']).nullable(),
  forUnit: z.boolean().describe('发给本单位（本单位任一人员标为已读即对全单位已读）'),
  workItemId: z.number().nullable(),
  workItemRefNo: z.string().nullable(),
  workItemTitle: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
  readAt: z.string().nullable(),
});

/** Query-string booleans arrive as text: 'true'/'1' and 'false'/'0'. */
const boolParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** 提醒消息: the reminders (deadline warnings …) addressed to me or to my unit. */
export async function notificationRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/my/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: '我的提醒消息（发给本人或本单位），按时间倒序',
        querystring: z.object({
          unread: boolParam.optional().describe('true = 仅未读；false = 仅已读'),
          page,
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(notificationSchema), total: z.number(), unread: z.number() }) },
      },
    },
    async (request) => listMyNotifications({ db, modules: deps.modules, user: requireUser(request), query: request.query }),
  );

  app.get(
    '/my/notifications/unread-count',
    { schema: { tags: ['notifications'], summary: '未读提醒数（控制台每分钟轮询）', response: { 200: z.object({ unread: z.number() }) } } },
    async (request) => ({ unread: await countUnread({ db, modules: deps.modules, user: requireUser(request) }) }),
  );

  app.post(
    '/my/notifications/read-all',
    { schema: { tags: ['notifications'], summary: '将我的全部提醒标为已读', response: { 200: z.object({ marked: z.number() }) } } },
    async (request) => {
      const user = requireUser(request);
      return markAllRead({ db, modules: deps.modules, user, actor: actorOf(user, request) });
    },
  );

  app.post(
    '/my/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: '将一条提醒标为已读（发给本单位的提醒对全单位标为已读）',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: z.object({ id: z.number(), readAt: z.string() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return markRead({ db, modules: deps.modules, user, id: request.params.id, actor: actorOf(user, request) });
    },
  );
}
