import { sql, type Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { requireUser } from '../../core/access/guards.ts';
import { actorOf } from '../../core/auth/session-user.ts';
import { appendAudit } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { id, text } from '../../core/http/input.ts';

const TAGS = ['disputes'];
const row = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  sort: z.number(),
  disabled: z.boolean(),
  usedBy: z.number().describe('使用该类型的纠纷件数（有则不能删除，只能停用）'),
  petitionCategoryId: z.number().nullable().describe('升级转为信访事项时登记的信访问题类别'),
  petitionCategoryName: z.string().nullable().describe('信访问题类别名称'),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

/** 纠纷类型 are configuration: 维稳办 (or the administrator) adds, renames, orders and disables them; never deleted (the register keeps them). */
export async function disputeTypeRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const editor = (roles: readonly string[]) => roles.includes('wwb_staff') || roles.includes('sys_admin');

  app.get(
    '/disputes/types',
    { schema: { tags: TAGS, summary: '纠纷类型（含已停用的）', response: { 200: z.object({ items: z.array(row), mayEdit: z.boolean() }) } } },
    async (request) => {
      const user = requireUser(request);
      const rows = await db
        .selectFrom('dispute_types as t')
        .leftJoin('petition_categories as pc', 'pc.id', 't.petition_category_id')
        .select(['t.id', 't.code', 't.name', 't.sort', 't.disabled', 't.updated_at', 't.updated_by', 't.petition_category_id', 'pc.name as category_name'])
        .select((eb) =>
          eb
            .selectFrom('disputes as d')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('d.type_id', '=', 't.id')
            .as('used_by'),
        )
        .orderBy('t.sort')
        .orderBy('t.id')
        .execute();
      return {
        items: rows.map((r) => ({
          id: Number(r.id),
          code: r.code,
          name: r.name,
          sort: Number(r.sort),
          disabled: r.disabled,
          usedBy: Number(r.used_by ?? 0),
          petitionCategoryId: r.petition_category_id === null ? null : Number(r.petition_category_id),
          petitionCategoryName: r.category_name ?? null,
          updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
          updatedBy: r.updated_by,
        })),
        mayEdit: editor(user.roles),
      };
    },
  );

  const body = z.object({
    name: text(30).describe('类型名称'),
    sort: z.number().int().min(0).max(9999).optional().describe('排序'),
    disabled: z.boolean().optional().describe('停用'),
    petitionCategoryId: z.number().int().positive().nullable().optional().describe('升级转为信访事项时登记的信访问题类别（不填则保持不变，null 为不设置）'),
  });

  /** The 信访问题类别 named must exist and be in use; refused on the field otherwise. */
  const checkCategory = async (trx: Transaction<DB>, categoryId: number | null | undefined) => {
    if (categoryId === undefined || categoryId === null) return;
    const c = await trx.selectFrom('petition_categories').select('id').where('id', '=', categoryId).where('disabled', '=', false).executeTakeFirst();
    if (!c) throw new AppError('VALIDATION_FAILED', { detail: '信访问题类别：所选类别不存在或已停用' }, { field: 'petitionCategoryId' });
  };

  app.post(
    '/disputes/types',
    { schema: { tags: TAGS, summary: '新增纠纷类型（维稳办、系统管理员）', body, response: { 200: z.object({ id: z.number() }) } } },
    async (request) => {
      const user = requireUser(request);
      if (!editor(user.roles)) throw new AppError('FORBIDDEN');
      return db.transaction().execute(async (trx) => {
        const dup = await trx.selectFrom('dispute_types').select('id').where('name', '=', request.body.name).executeTakeFirst();
        if (dup) throw new AppError('CONFLICT', { detail: `已有纠纷类型“${request.body.name}”` }, { field: 'name' });
        await checkCategory(trx, request.body.petitionCategoryId);
        const next = await trx
          .selectFrom('dispute_types')
          .select(sql<number>`coalesce(max(id), 0) + 1`.as('n'))
          .executeTakeFirstOrThrow();
        const { id: newId } = await trx
          .insertInto('dispute_types')
          .values({
            code: `custom_${Number(next.n)}`,
            name: request.body.name,
            sort: request.body.sort ?? 50,
            disabled: request.body.disabled ?? false,
            petition_category_id: request.body.petitionCategoryId ?? null,
            updated_at: new Date(),
            updated_by: `${user.displayName}（${user.unitName}）`,
          })
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
          .select(['name', 'sort', 'disabled', 'petition_category_id'])
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw new AppError('NOT_FOUND');
        const dup = await trx
          .selectFrom('dispute_types')
          .select('id')
          .where('name', '=', request.body.name)
          .where('id', '<>', request.params.id)
          .executeTakeFirst();
        if (dup) throw new AppError('CONFLICT', { detail: `已有纠纷类型“${request.body.name}”` }, { field: 'name' });
        await checkCategory(trx, request.body.petitionCategoryId);
        await trx
          .updateTable('dispute_types')
          .set({
            name: request.body.name,
            sort: request.body.sort ?? before.sort,
            disabled: request.body.disabled ?? before.disabled,
            petition_category_id: request.body.petitionCategoryId === undefined ? before.petition_category_id : request.body.petitionCategoryId,
            updated_at: new Date(),
            updated_by: `${user.displayName}（${user.unitName}）`,
          })
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

  app.delete(
    '/disputes/types/:id',
    {
      schema: {
        tags: TAGS,
        summary: '删除未使用的纠纷类型（已有纠纷使用的只能停用）',
        params: z.object({ id }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!editor(user.roles)) throw new AppError('FORBIDDEN');
      return db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('dispute_types')
          .select(['name', 'code', 'sort', 'disabled'])
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw new AppError('NOT_FOUND');
        const used = await trx
          .selectFrom('disputes')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('type_id', '=', request.params.id)
          .executeTakeFirstOrThrow();
        if (Number(used.n) > 0) throw new AppError('DISPUTE_TYPE_IN_USE', { name: before.name, count: Number(used.n) });
        await trx.deleteFrom('dispute_types').where('id', '=', request.params.id).execute();
        await appendAudit(trx, actorOf(user, request.ip), { action: 'dispute.type.delete', entityType: 'dispute_type', entityId: request.params.id, before });
        return { id: request.params.id };
      });
    },
  );
}
