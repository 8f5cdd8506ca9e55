import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { sendDownload } from '../../../core/http/send-download.ts';
import { attachmentViewSchema, visibleAttachmentFile, visibleAttachments } from '../../../kernel/attachments/index.ts';

const TAGS = ['work-items'];
const idParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

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
}
