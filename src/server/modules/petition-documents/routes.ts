import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../app.ts';
import type { Actor } from '../../core/audit/audit-chain.ts';
import { requireAnyRole, requireUser } from '../../core/access/guards.ts';
import { AppError } from '../../core/errors.ts';
import { loadCtx, loadVisible } from '../petitions/repository.ts';
import { canReveal, isXfj } from '../petitions/policy.ts';
import { DOCUMENT_KINDS, KINDS, applicableKinds } from './kinds.ts';
import { generatePetitionDocument } from './generate-document.ts';
import { getTemplate, updateTemplate } from './templates.ts';
import { contentDisposition } from './content-disposition.ts';
import { PLACEHOLDERS } from './placeholders.ts';
import { getIssuer, setIssuer } from './issuers.ts';
import { previewTemplate } from './preview-template.ts';

const TAGS = ['petition-documents'];
const idParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const kindParam = z.enum(DOCUMENT_KINDS);
const docSchema = z.object({ id: z.number(), kind: z.string(), name: z.string(), number: z.string(), fileName: z.string(), sha256: z.string(), size: z.number(), createdAt: z.string(), createdBy: z.string().nullable() });
const templateSchema = z.object({ kind: z.string(), name: z.string(), title: z.string(), body: z.string(), updatedAt: z.string() });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const actorOf = (request: FastifyRequest): Actor => {
  const u = requireUser(request);
  return { userId: u.id, name: u.displayName, unitId: u.unitId, ip: request.ip };
};

/** 信访 documents (GB/T 9704 DOCX): generate, list, download (scoped like the petition); admin-edited templates. */
export async function petitionDocumentRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/petitions/:id/documents',
    {
      schema: {
        tags: TAGS,
        summary: '信访事项的文书：已制作的文书列表，及当前状态下本人可制作的文书种类',
        params: z.object({ id: idParam }),
        response: { 200: z.object({ items: z.array(docSchema), kinds: z.array(z.object({ kind: z.string(), name: z.string() })) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const row = await loadVisible(db, user, request.params.id);
      const { ctx, parties } = await loadCtx(db, row);
      const docs = await db
        .selectFrom('petition_documents as d')
        .leftJoin('users as u', 'u.id', 'd.created_by')
        .select(['d.id', 'd.kind', 'd.number', 'd.file_name', 'd.sha256', 'd.size', 'd.created_at', 'u.display_name'])
        .where('d.petition_id', '=', row.id)
        .orderBy('d.id', 'desc')
        .execute();
      const facts = { state: row.state, stage: row.stage, open: row.open, decisions: (row.decisions ?? {}) as Record<string, unknown>, hasLeadUnit: parties.some((p) => p.role === 'lead') };
      const mayIssue = (toPetitioner: boolean) => (toPetitioner ? canReveal(user, ctx) : isXfj(user));
      return {
        items: docs.map((d) => ({
          id: Number(d.id),
          kind: d.kind,
          name: KINDS[d.kind as keyof typeof KINDS]?.name ?? d.kind,
          number: d.number,
          fileName: d.file_name,
          sha256: d.sha256,
          size: d.size,
          createdAt: new Date(d.created_at).toISOString(),
          createdBy: d.display_name ?? null,
        })),
        kinds: applicableKinds(facts)
          .filter((k) => mayIssue(KINDS[k].toPetitioner))
          .map((k) => ({ kind: k, name: KINDS[k].name })),
      };
    },
  );

  app.post(
    '/petitions/:id/documents/:kind',
    { schema: { tags: TAGS, summary: '制作一份文书（GB/T 9704 格式 DOCX，自动编发文字号，记入审计）', params: z.object({ id: idParam, kind: z.string().max(40) }), response: { 200: docSchema } } },
    async (request) =>
      generatePetitionDocument({ db, keys: deps.keys, user: requireUser(request), actor: actorOf(request), petitionId: request.params.id, kind: request.params.kind, now: deps.clock.now() }),
  );

  app.get(
    '/petition-documents/:docId/download',
    { schema: { tags: TAGS, summary: '下载文书（DOCX；仅限可查看该信访事项的人员）', params: z.object({ docId: idParam }) } },
    async (request, reply) => {
      const user = requireUser(request);
      const doc = await db.selectFrom('petition_documents').select(['petition_id', 'file_name', 'bytes', 'kind', 'id']).where('id', '=', request.params.docId).executeTakeFirst();
      if (!doc) throw new AppError('NOT_FOUND');
      await loadVisible(db, user, Number(doc.petition_id)); // out of scope → the same 404
      return reply.header('content-type', DOCX).header('content-disposition', contentDisposition(doc.file_name, `${doc.kind}-${doc.id}.docx`)).header('cache-control', 'private, no-store').send(Buffer.from(doc.bytes));
    },
  );

  app.get(
    '/document-templates',
    {
      schema: {
        tags: TAGS,
        summary: '文书模板列表与可用占位符（系统管理员）',
        response: { 200: z.object({ items: z.array(templateSchema.omit({ body: true })), placeholders: z.array(z.object({ key: z.string(), label: z.string() })) }) },
      },
    },
    async (request) => {
      requireAnyRole(request, ['sys_admin']);
      const items = [];
      for (const kind of DOCUMENT_KINDS) {
        const { body: _body, ...t } = await getTemplate(db, kind);
        items.push(t);
      }
      return { items, placeholders: PLACEHOLDERS };
    },
  );

  app.post(
    '/document-templates/:kind/preview',
    {
      schema: {
        tags: TAGS,
        summary: '用某件信访事项预览模板草稿（只生成文字，不编号、不保存、不显示真实姓名）',
        params: z.object({ kind: kindParam }),
        body: z.object({ title: z.string().trim().min(1).max(100), body: z.string().trim().min(1).max(20000), petitionId: idParam }),
        response: {
          200: z.object({ issuerMark: z.string(), title: z.string(), addressee: z.string(), paragraphs: z.array(z.string()), unknownPlaceholders: z.array(z.string()), notApplicable: z.string().nullable() }),
        },
      },
    },
    async (request) => {
      requireAnyRole(request, ['sys_admin']);
      return previewTemplate({ db, user: requireUser(request), kind: request.params.kind, title: request.body.title, body: request.body.body, petitionId: request.body.petitionId });
    },
  );

  const issuerSchema = z.object({ unitId: z.number(), prefix: z.string(), mark: z.string(), derived: z.boolean() });
  app.get(
    '/units/:id/document-issuer',
    { schema: { tags: TAGS, summary: '单位的发文代字与机关标志（未设置时按单位简称推导）', params: z.object({ id: idParam }), response: { 200: issuerSchema } } },
    async (request) => {
      requireAnyRole(request, ['sys_admin']);
      return getIssuer(db, request.params.id);
    },
  );
  app.put(
    '/units/:id/document-issuer',
    {
      schema: {
        tags: TAGS,
        summary: '设置单位的发文代字（如 青信）与机关标志（系统管理员；记入审计）',
        params: z.object({ id: idParam }),
        body: z.object({
          prefix: z.string().trim().min(1, '请填写发文代字').max(10).regex(/^[^\s〔〕\[\]0-9]+$/, '发文代字不能含空格、方括号或数字'),
          mark: z.string().trim().min(2, '机关标志至少 2 个字').max(40),
        }),
        response: { 200: issuerSchema },
      },
    },
    async (request) => {
      requireAnyRole(request, ['sys_admin']);
      return setIssuer({ db, actor: actorOf(request), unitId: request.params.id, prefix: request.body.prefix, mark: request.body.mark });
    },
  );

  app.get(
    '/document-templates/:kind',
    { schema: { tags: TAGS, summary: '查看文书模板（系统管理员）', params: z.object({ kind: kindParam }), response: { 200: templateSchema } } },
    async (request) => {
      requireAnyRole(request, ['sys_admin']);
      return getTemplate(db, request.params.kind);
    },
  );

  app.put(
    '/document-templates/:kind',
    {
      schema: {
        tags: TAGS,
        summary: '修改文书模板（系统管理员；正文以空行分段，可用 {caseNo}、{title}、{receivedDate} 等占位符；记入审计）',
        params: z.object({ kind: kindParam }),
        body: z.object({ title: z.string().trim().min(1).max(100), body: z.string().trim().min(1).max(20000) }),
        response: { 200: templateSchema },
      },
    },
    async (request) => {
      requireAnyRole(request, ['sys_admin']);
      return updateTemplate({ db, actor: actorOf(request), kind: request.params.kind, title: request.body.title, body: request.body.body, now: deps.clock.now() });
    },
  );
}
