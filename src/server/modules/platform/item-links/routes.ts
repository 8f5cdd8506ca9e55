import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { BUSINESS_DATE_FIELDS } from '../../../kernel/actions/index.ts';
import { findVisibleByRef, linkItems, listLinks, unlinkItems } from '../../../kernel/links/index.ts';
import { safeString } from '../../../core/http/input.ts';

const TAGS = ['work-items'];
const idParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const linkView = z.object({
  id: z.number(),
  kind: z.string(),
  direction: z.enum(['out', 'in']).describe('out：本事项为关联的发起方；in：对方事项发起'),
  name: z.string().describe('从本事项读出的关联名称，如 升级为、由…升级'),
  note: z.string().nullable(),
  occurredOn: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  other: z.object({
    id: z.number(),
    module: z.string(),
    moduleName: z.string(),
    refNo: z.string(),
    title: z.string(),
    state: z.string(),
    stateName: z.string(),
    open: z.boolean(),
    href: z.string(),
  }),
});

const linkBody = z
  .object({
    toId: z.number({ error: '关联事项应为事项的数字编号' }).int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    toRefNo: safeString().trim().min(1, '请填写要关联的事项编号').max(60, '事项编号过长').optional(),
    toModule: safeString().trim().max(40).optional().describe('编号在多个模块中重复时，指明事项类型（如 petition）'),
    kind: safeString({ error: '请选择关联类型' }).trim().min(1, '请选择关联类型').max(40),
    note: safeString().trim().max(500, '关联说明不能超过 500 字').optional(),
    ...BUSINESS_DATE_FIELDS,
  })
  .refine((b) => b.toId !== undefined || b.toRefNo !== undefined, { message: '请填写要关联的事项编号', path: ['toRefNo'] });

/**
 * Links between items of any modules, from either end: list both directions, link by the other item's id
 * or case number, remove with a reason. Every rule lives in kernel/links (visibility of both items, the
 * staff policy, business dates, duplicates, audit on both items).
 */
export async function itemLinkRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/item-link-kinds',
    {
      schema: {
        tags: TAGS,
        summary: '事项关联类型（各方向的名称）及可关联的事项类型（编号重复时用于指明）',
        response: {
          200: z.object({
            items: z.array(z.object({ code: z.string(), forward: z.string(), reverse: z.string() })),
            modules: z.array(z.object({ kind: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      requireUser(request);
      return {
        items: deps.modules.linkKinds.map((k) => ({ code: k.code, forward: k.forward, reverse: k.reverse })),
        modules: deps.modules.modules.map((m) => ({ kind: m.kind, name: m.name })),
      };
    },
  );

  app.get(
    '/work-items/:id/links',
    {
      schema: {
        tags: TAGS,
        summary: '事项的关联事项（双向；对方事项本人无权查看的不显示）',
        params: z.object({ id: idParam }),
        response: { 200: z.object({ items: z.array(linkView), mayLink: z.boolean() }) },
      },
    },
    async (request) => listLinks(db, deps.modules, requireUser(request), request.params.id),
  );

  app.post(
    '/work-items/:id/links',
    {
      schema: {
        tags: TAGS,
        summary: '关联另一事项（双方事项均须本人可见；在两个事项上各记一条审计）',
        params: z.object({ id: idParam }),
        body: linkBody,
        response: { 200: z.object({ id: z.number(), occurredOn: z.string() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const b = request.body;
      const toId = b.toId ?? (await findVisibleByRef(db, deps.modules, user, { refNo: b.toRefNo!, module: b.toModule || undefined }));
      return db.transaction().execute((trx) =>
        linkItems(trx, {
          modules: deps.modules,
          user,
          actor: actorOf(user, request.ip),
          now: deps.clock.now(),
          fromId: request.params.id,
          toId,
          kind: b.kind,
          note: b.note,
          occurredOn: b.occurredOn,
          backdateReason: b.backdateReason,
        }),
      );
    },
  );

  app.post(
    '/work-items/:id/links/:linkId/remove',
    {
      schema: {
        tags: TAGS,
        summary: '解除关联（须说明理由；关联记录保留，在两个事项上各记一条审计）',
        params: z.object({ id: idParam, linkId: idParam }),
        body: z.object({
          reason: safeString({ error: '解除关联须说明理由' }).trim().min(2, '解除关联须说明理由（至少 2 个字）').max(500, '解除理由不能超过 500 字'),
        }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await db.transaction().execute((trx) =>
        unlinkItems(trx, {
          modules: deps.modules,
          user,
          actor: actorOf(user, request.ip),
          now: deps.clock.now(),
          itemId: request.params.id,
          linkId: request.params.linkId,
          reason: request.body.reason,
        }),
      );
      return { ok: true as const };
    },
  );
}
