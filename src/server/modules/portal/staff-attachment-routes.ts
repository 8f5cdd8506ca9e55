import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { requireUser } from '../../core/access/guards.ts';
import { AppError } from '../../core/errors.ts';
import { listPetitionAttachments } from '../../core/files/uploads.ts';
import { readAttachment } from '../../core/files/attachment-store.ts';
import { loadVisible } from '../petitions/repository.ts';
import { contentDisposition } from '../petition-documents/content-disposition.ts';

const TAGS = ['petitions'];
const idParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const item = z.object({ id: z.number(), name: z.string(), size: z.number(), type: z.string(), uploadedAt: z.string() });

/** Staff read a case's attachments (uploaded on the portal), scoped exactly like the case (out of scope → 404). */
export async function petitionAttachmentRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get('/petitions/:id/attachments', { schema: { tags: TAGS, summary: '信访事项的附件（网上信访上传）', params: z.object({ id: idParam }), response: { 200: z.object({ items: z.array(item) }) } } }, async (request) => {
    const user = requireUser(request);
    await loadVisible(db, user, request.params.id);
    const items = await listPetitionAttachments(db, request.params.id);
    return { items: items.map(({ sha256: _s, ...rest }) => rest) };
  });

  app.get('/petition-attachments/:id', { schema: { tags: TAGS, summary: '下载信访事项的附件（与事项同一可见范围）', params: z.object({ id: idParam }) } }, async (request, reply) => {
    const user = requireUser(request);
    const link = await db.selectFrom('petition_attachments').select('petition_id').where('id', '=', request.params.id).executeTakeFirst();
    if (!link) throw new AppError('NOT_FOUND');
    await loadVisible(db, user, Number(link.petition_id));
    const file = (await listPetitionAttachments(db, Number(link.petition_id))).find((a) => a.id === request.params.id)!;
    const bytes = await readAttachment(deps.config.dataDir, file.sha256);
    reply.header('content-type', file.type);
    reply.header('content-disposition', contentDisposition(file.name, `attachment-${file.id}${file.name.slice(file.name.lastIndexOf('.'))}`));
    reply.header('cache-control', 'private, no-store');
    return reply.send(bytes);
  });
}
