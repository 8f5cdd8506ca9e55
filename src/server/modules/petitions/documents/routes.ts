import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../../app.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { requireAnyRole, requireUser } from '../../../core/access/guards.ts';
import { AppError } from '../../../core/errors.ts';
import { DOCX_TYPE } from '../../../core/documents/index.ts';
import { sendDownload } from '../../../core/http/send-download.ts';
import { findItemDocumentFile, getTemplate, listItemDocuments, updateTemplate } from '../../../kernel/documents/index.ts';
import { loadCtx, loadVisible } from '../repository.ts';
import { canReveal, isXfj } from '../policy.ts';
import { DOCUMENT_KINDS, kindNameFor, petitionDocumentKinds, stepPassed } from './kinds.ts';
import { generatePetitionDocument } from './generate-document.ts';
import { PLACEHOLDERS } from './placeholders.ts';
import { previewTemplate } from './preview-template.ts';
import { readDecisions } from '../decisions.ts';
import { safeString } from '../../../core/http/input.ts';

const TAGS = ['petition-documents'];
const idParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const kindParam = z.enum(DOCUMENT_KINDS);
const docSchema = z.object({
  id: z.number(),
  kind: z.string(),
  name: z.string(),
  number: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  size: z.number(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
const templateSchema = z.object({ kind: kindParam, name: z.string(), title: z.string(), body: z.string(), updatedAt: z.string().nullable() });

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
        response: {
          200: z.object({
            items: z.array(docSchema),
            kinds: z.array(z.object({ kind: z.string(), name: z.string(), needsReason: z.boolean().describe('该文书所属环节已过，补制须填写理由') })),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const row = await loadVisible(db, user, request.params.id);
      const { ctx, parties } = await loadCtx(db, row);
      const docs = await listItemDocuments(db, [Number(row.id)]);
      const facts = {
        state: row.state,
        stage: row.stage,
        open: row.open,
        decisions: readDecisions(row.decisions),
        hasLeadUnit: parties.some((p) => p.role === 'lead'),
      };
      const mayIssue = (toPetitioner: boolean) => (toPetitioner ? canReveal(user, ctx) : isXfj(user));
      return {
        items: docs.map(({ workItemId: _w, ...d }) => ({ ...d, name: kindNameFor(d.kind, row.stage, facts.decisions) })),
        kinds: petitionDocumentKinds
          .applicable(facts)
          .filter((k) => mayIssue(k.addressedTo === 'requester'))
          .map((k) => ({ kind: k.kind, name: kindNameFor(k.kind, row.stage, facts.decisions), needsReason: stepPassed(k.kind, row.state) })),
      };
    },
  );

  app.post(
    '/petitions/:id/documents/:kind',
    {
      schema: {
        tags: TAGS,
        summary: '制作一份文书（GB/T 9704 格式 DOCX，自动编发文字号，记入审计）；事项已过该文书所属环节的，须填写补制理由',
        params: z.object({ id: idParam, kind: safeString().max(40) }),
        body: z.object({ reason: safeString().trim().max(500).optional().describe('补制理由（事项已过该文书所属的办理环节时必填，记入审计）') }).nullish(),
        response: { 200: docSchema },
      },
    },
    async (request) =>
      generatePetitionDocument({
        db,
        keys: deps.keys,
        user: requireUser(request),
        actor: actorOf(request),
        petitionId: request.params.id,
        kind: request.params.kind,
        now: deps.clock.now(),
        ...(request.body?.reason ? { reason: request.body.reason } : {}),
      }),
  );

  app.get(
    '/petition-documents/:docId/download',
    { schema: { tags: TAGS, summary: '下载文书（DOCX；仅限可查看该信访事项的人员）', params: z.object({ docId: idParam }) } },
    async (request, reply) => {
      const user = requireUser(request);
      const doc = await findItemDocumentFile(db, request.params.docId);
      if (!doc) throw new AppError('NOT_FOUND');
      await loadVisible(db, user, doc.workItemId); // out of scope → the same 404
      return sendDownload(reply, { bytes: doc.bytes, type: DOCX_TYPE, fileName: doc.fileName, asciiName: `${doc.kind}-${doc.id}.docx` });
    },
  );

  app.get(
    '/document-templates',
    {
      schema: {
        tags: TAGS,
        summary: '文书模板列表与可用占位符（系统管理员）',
        response: {
          200: z.object({ items: z.array(templateSchema.omit({ body: true })), placeholders: z.array(z.object({ key: z.string(), label: z.string() })) }),
        },
      },
    },
    async (request) => {
      requireAnyRole(request, ['sys_admin']);
      const items = [];
      for (const def of petitionDocumentKinds.all) {
        const { body: _body, ...t } = await getTemplate(db, def);
        items.push({ ...t, kind: kindParam.parse(t.kind) });
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
        body: z.object({ title: safeString().trim().min(1).max(100), body: safeString().trim().min(1).max(20000), petitionId: idParam }),
        response: {
          200: z.object({
            issuerMark: z.string(),
            title: z.string(),
            addressee: z.string(),
            paragraphs: z.array(z.string()),
            unknownPlaceholders: z.array(z.string()),
            notApplicable: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      requireAnyRole(request, ['sys_admin']);
      return previewTemplate({
        db,
        user: requireUser(request),
        kind: request.params.kind,
        title: request.body.title,
        body: request.body.body,
        petitionId: request.body.petitionId,
      });
    },
  );

  app.get(
    '/document-templates/:kind',
    { schema: { tags: TAGS, summary: '查看文书模板（系统管理员）', params: z.object({ kind: kindParam }), response: { 200: templateSchema } } },
    async (request) => {
      requireAnyRole(request, ['sys_admin']);
      return { ...(await getTemplate(db, petitionDocumentKinds.get(request.params.kind))), kind: request.params.kind };
    },
  );

  app.put(
    '/document-templates/:kind',
    {
      schema: {
        tags: TAGS,
        summary: '修改文书模板（系统管理员；正文以空行分段，可用 {caseNo}、{title}、{receivedDate} 等占位符；记入审计）',
        params: z.object({ kind: kindParam }),
        body: z.object({ title: safeString().trim().min(1).max(100), body: safeString().trim().min(1).max(20000) }),
        response: { 200: templateSchema },
      },
    },
    async (request) => {
      requireAnyRole(request, ['sys_admin']);
      const saved = await updateTemplate({
        db,
        actor: actorOf(request),
        def: petitionDocumentKinds.get(request.params.kind),
        title: request.body.title,
        body: request.body.body,
        now: deps.clock.now(),
      });
      return { ...saved, kind: request.params.kind };
    },
  );
}
