import { sql } from 'kysely';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { requireUser } from '../../core/access/guards.ts';
import { actorOf } from '../../core/auth/session-user.ts';
import { appendAudit } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { id, text } from '../../core/http/input.ts';

const TAGS = ['disputes'];
const row = z.object({ id: z.number(), code: z.string(), name: z.string(), sort: z.number(), disabled: z.boolean() });

/** 纠纷类型 are configuration: 维稳办 (or the administrator) adds, renames, orders and disables them; never deleted (the register keeps them). */
export async function disputeTypeRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const editor = (roles: readonly string[]) => roles.includes('wwb_staff') || roles.includes('sys_admin');

  app.get(
    '/disputes/types',
    { schema: { tags: TAGS, summary: '纠纷类型（含已停用的）', response: { 200: z.object({ items: z.array(row), mayEdit: z.boolean() }) } } },
    async (request) => {
      const user = requireUser(request);
      const rows = await db.selectFrom('dispute_types').select(['id', 'code', 'name', 'sort', 'disabled']).orderBy('sort').orderBy('id').execute();
      return { items: rows.map((r) => ({ ...r, id: Number(r.id), sort: Number(r.sort) })), mayEdit: editor(user.roles) };
    },
  );

  const body = z.object({
    name: text(30).describe('类型名称'),
    sort: z.number().int().min(0).max(9999).optional().describe('排序'),
    disabled: z.boolean().optional().describe('停用'),
  });

  app.post(
    '/disputes/types',
    { schema: { tags: TAGS, summary: '新增纠纷类型（维稳办、系统管理员）', body, response: { 200: z.object({ id: z.number() }) } } },
    async (request) => {
      const user = requireUser(request);
      if (!editor(user.roles)) throw new AppError('FORBIDDEN');
      return db.transaction().execute(async (trx) => {
        const dup = await trx.selectFrom('dispute_types').select('id').where('name', '=', request.body.name).executeTakeFirst();
        if (dup) throw new AppError('CONFLICT', { detail: `已有纠纷类型“${request.body.name}”` });
        const next = await trx
          .selectFrom('dispute_types')
          .select(sql<number>`coalesce(max(id), 0) + 1`.as('n'))
          .executeTakeFirstOrThrow();
        const { id: newId } = await trx
          .insertInto('dispute_types')
          .values({ code: `custom_${Number(next.n)}`, name: request.body.name, sort: request.body.sort ?? 50, disabled: request.body.disabled ?? false })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, actorOf(user, request.ip), {
          action: 'dispute.type.create',
          entityType: 'dispute_type',
          entityId: Number(newId),
          after: request.body,
        });
        return { id: Number(newId) };
      });
    },
  );

  app.put(
    '/disputes/types/:id',
    { schema: { tags: TAGS, summary: '修改纠纷类型（名称、排序、停用）', params: z.object({ id }), body, response: { 200: z.object({ id: z.number() }) } } },
    async (request) => {
      const user = requireUser(request);
      if (!editor(user.roles)) throw new AppError('FORBIDDEN');
      return db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('dispute_types')
          .select(['name', 'sort', 'disabled'])
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw new AppError('NOT_FOUND');
        await trx
          .updateTable('dispute_types')
          .set({ name: request.body.name, sort: request.body.sort ?? before.sort, disabled: request.body.disabled ?? before.disabled })
          .where('id', '=', request.params.id)
          .execute();
        await appendAudit(trx, actorOf(user, request.ip), {
          action: 'dispute.type.update',
          entityType: 'dispute_type',
          entityId: request.params.id,
          before,
          after: request.body,
        });
        return { id: request.params.id };
      });
    },
  );
}
