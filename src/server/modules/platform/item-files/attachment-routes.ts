import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { sendDownload } from '../../../core/http/send-download.ts';
import { AppError } from '../../../core/errors.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { receiveUpload, type UploadLimits } from '../../../core/files/receive-upload.ts';
import { ROLES } from '../../../core/access/roles.ts';
import { attachUploadsToItem, attachmentViewSchema, visibleAttachmentFile, visibleAttachments } from '../../../kernel/attachments/index.ts';
import { loadVisibleItem } from '../../../kernel/catalog/index.ts';

const TAGS = ['work-items'];
const idParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** A photo or scan added to an existing item (整改前后照片, 检查记录): JPG/PNG/PDF judged by content, like the counter's. */
export const ITEM_FILE_LIMITS: UploadLimits = { maxFileBytes: 20 * 1024 * 1024, maxImageSide: 10_000, maxImagePixels: 50_000_000 };
const READ_ONLY = new Set(ROLES.filter((r) => r.readOnly).map((r) => r.code));

/** Any work item's attachments for staff, scoped by the kernel's visibility check (out of scope → 404). */
export async function itemAttachmentRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/work-items/:id/attachments',
    {
      schema: {
        tags: TAGS,
        summary: '事项的附件（与事项同一可见范围）',
        params: z.object({ id: idParam }),
        response: { 200: z.object({ items: z.array(attachmentViewSchema) }) },
      },
    },
    async (request) => ({ items: await visibleAttachments(db, deps.modules, requireUser(request), request.params.id) }),
  );

  app.get(
    '/work-items/:id/attachments/:attachmentId',
    { schema: { tags: TAGS, summary: '下载事项的附件（与事项同一可见范围）', params: z.object({ id: idParam, attachmentId: idParam }) } },
    async (request, reply) =>
      sendDownload(
        reply,
        await visibleAttachmentFile({
          db,
          modules: deps.modules,
          dataDir: deps.config.dataDir,
          user: requireUser(request),
          workItemId: request.params.id,
          attachmentId: request.params.attachmentId,
        }),
      ),
  );

  await app.register(async (scope) => {
    const files = scope.withTypeProvider<ZodTypeProvider>() as unknown as App;
    await files.register(multipart, { limits: { fileSize: ITEM_FILE_LIMITS.maxFileBytes, files: 1, fields: 2, parts: 3 } });
    files.post(
      '/work-items/:id/attachments',
      {
        schema: {
          tags: TAGS,
          summary: '为事项添加附件（multipart 字段 file；JPG/PNG/PDF，按内容识别；能查看该事项且非只读的用户；记入审计）',
          params: z.object({ id: idParam }),
          querystring: z.object({
            label: z.string().trim().min(1, '附件说明不能为空').max(20, '附件说明不超过20个字').optional().describe('附件内容说明，如 整改前 / 整改后'),
          }),
          response: { 200: z.object({ items: z.array(attachmentViewSchema) }) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        if (user.roles.every((r) => READ_ONLY.has(r))) throw new AppError('FORBIDDEN');
        const item = await loadVisibleItem(db, deps.modules, user, request.params.id);
        const now = deps.clock.now();
        const upload = await receiveUpload(request, { db, dataDir: deps.config.dataDir, limits: ITEM_FILE_LIMITS, now });
        await attachUploadsToItem(db, { workItemId: item.id, tokens: [upload.token], actor: actorOf(user, request.ip), now, label: request.query.label });
        return { items: await visibleAttachments(db, deps.modules, user, item.id) };
      },
    );
  });
}
