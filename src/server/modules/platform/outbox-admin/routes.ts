import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireAnyRole } from '../../../core/access/guards.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { listOutbox, OUTBOX_STATUSES } from './list-outbox.ts';
import { retryOutboxMessage } from './retry-message.ts';
import { safeString, page } from '../../../core/http/input.ts';

const TAGS = ['outbox'];

const messageSchema = z.object({
  id: z.number(),
  channel: z.enum(['sms', 'email']),
  recipient: z.string().describe('收件人（已脱敏）'),
  template: z.string().describe('消息模板代码'),
  templateName: z.string(),
  subject: z.string().nullable(),
  preview: z.string().describe('正文预览（查询码等已脱敏）'),
  workItemId: z.number().nullable(),
  caseNo: z.string().nullable(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable().describe('下次尝试时间（待发送、发送失败时）'),
  lastError: z.string().nullable(),
  transport: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

/** 系统管理 → 消息发送: the outbox of messages to petitioners (system administrators only). */
export async function outboxAdminRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/admin/outbox',
    {
      schema: {
        tags: TAGS,
        summary: '消息发送记录（系统管理员）：收件人与正文均脱敏，按时间倒序',
        querystring: z.object({
          status: z.enum(OUTBOX_STATUSES).optional(),
          channel: z.enum(['sms', 'email']).optional(),
          page,
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ items: z.array(messageSchema), total: z.number(), counts: z.record(z.string(), z.number()) }) },
      },
    },
    async (request) => {
      requireAnyRole(request, ['sys_admin']);
      return listOutbox({ db, modules: deps.modules, query: request.query });
    },
  );

  app.post(
    '/admin/outbox/:id/retry',
    {
      schema: {
        tags: TAGS,
        summary: '重新发送一条发送失败或已放弃的消息（系统管理员，记入审计日志）',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({ reason: safeString().trim().max(200).optional() }).optional(),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const user = requireAnyRole(request, ['sys_admin']);
      await retryOutboxMessage({
        db,
        id: request.params.id,
        actor: actorOf(user, request.ip),
        now: deps.clock.now(),
        reason: request.body?.reason || undefined,
      });
      return { ok: true as const };
    },
  );
}
