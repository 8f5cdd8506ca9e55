import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { sendDownload } from '../../../core/http/send-download.ts';
import { attachmentViewSchema, visibleAttachmentFile, visibleAttachments } from '../../../kernel/attachments/index.ts';
import { loadVisible } from '../repository.ts';

const TAGS = ['petitions'];
const idParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/**
 * The 信访 paths the console uses for a case's attachments (uploaded on the portal); they delegate to
 * the work-item attachments (GET /work-items/:id/attachments), scoped exactly like the case.
 */
export async function petitionAttachmentRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/petitions/:id/attachments',
    {
      schema: {
        tags: TAGS,
        summary: '信访事项的附件（网上信访上传）',
        params: z.object({ id: idParam }),
        response: { 200: z.object({ items: z.array(attachmentViewSchema) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await loadVisible(db, user, request.params.id); // a 信访 case, not any work item
      return { items: await visibleAttachments(db, deps.modules, user, request.params.id) };
    },
  );

  app.get(
    '/petition-attachments/:id',
    { schema: { tags: TAGS, summary: '下载信访事项的附件（与事项同一可见范围）', params: z.object({ id: idParam }) } },
    async (request, reply) =>
      sendDownload(
        reply,
        await visibleAttachmentFile({ db, modules: deps.modules, dataDir: deps.config.dataDir, user: requireUser(request), attachmentId: request.params.id }),
      ),
  );
}
