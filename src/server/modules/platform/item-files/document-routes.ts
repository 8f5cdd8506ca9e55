import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { AppError } from '../../../core/errors.ts';
import { sendDownload } from '../../../core/http/send-download.ts';
import { DOCX_TYPE } from '../../../core/documents/index.ts';
import { findItemDocumentFile, listItemDocuments } from '../../../kernel/documents/index.ts';
import { loadVisibleItem } from '../../../kernel/catalog/index.ts';

const TAGS = ['work-items'];
const idParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const documentView = z.object({
  id: z.number(),
  kind: z.string(),
  kindName: z.string(),
  number: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

/** The documents (文书) issued for any work item, named by the kinds its module declares; scoped by the item's visibility. */
export async function itemDocumentRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/work-items/:id/documents',
    {
      schema: {
        tags: TAGS,
        summary: '事项已制作的文书（与事项同一可见范围）',
        params: z.object({ id: idParam }),
        response: { 200: z.object({ items: z.array(documentView) }) },
      },
    },
    async (request) => {
      await loadVisibleItem(db, deps.modules, requireUser(request), request.params.id);
      const docs = await listItemDocuments(db, [request.params.id]);
      return {
        items: docs.map((d) => ({
          id: d.id,
          kind: d.kind,
          kindName: deps.modules.documentName(d.kind) ?? '文书',
          number: d.number,
          fileName: d.fileName,
          createdAt: d.createdAt,
          createdBy: d.createdBy,
        })),
      };
    },
  );

  app.get(
    '/work-items/:id/documents/:documentId',
    { schema: { tags: TAGS, summary: '下载事项的文书（DOCX，与事项同一可见范围）', params: z.object({ id: idParam, documentId: idParam }) } },
    async (request, reply) => {
      await loadVisibleItem(db, deps.modules, requireUser(request), request.params.id);
      const doc = await findItemDocumentFile(db, request.params.documentId);
      if (!doc || doc.workItemId !== request.params.id) throw new AppError('NOT_FOUND');
      return sendDownload(reply, { bytes: doc.bytes, type: DOCX_TYPE, fileName: doc.fileName, asciiName: `document-${doc.id}.docx` });
    },
  );
}
