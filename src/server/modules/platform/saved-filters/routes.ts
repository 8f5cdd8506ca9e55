import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { id, safeString } from '../../../core/http/input.ts';
import { deleteSavedFilter, listSavedFilters, saveFilter } from './saved-filters.ts';

const listKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,59}$/, '列表标识不正确')
  .describe('列表标识（控制台列表的 testId，如 petition-list）');
const savedFilterSchema = z.object({ id: z.number(), name: z.string(), query: z.string(), createdAt: z.string() });

/** 常用筛选: a person's named filters of a console list (each list's URL query under a name), owner-only. */
export async function savedFilterRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/my/saved-filters',
    {
      schema: {
        tags: ['saved-filters'],
        summary: '我在某个列表保存的常用筛选（按名称）',
        querystring: z.object({ list: listKey }),
        response: { 200: z.array(savedFilterSchema) },
      },
    },
    async (request) => listSavedFilters(db, requireUser(request).id, request.query.list),
  );

  app.post(
    '/my/saved-filters',
    {
      schema: {
        tags: ['saved-filters'],
        summary: '把列表的当前筛选保存为常用筛选；同名的覆盖原筛选',
        body: z.object({
          list: listKey,
          name: safeString().trim().min(1, '请填写筛选名称').max(30, '筛选名称不超过 30 个字').describe('筛选名称，如“本周超期”'),
          query: safeString().max(2000, '筛选条件过长').describe('列表地址中的查询部分（不含“?”），如 state=handling&sort=due'),
        }),
        response: { 200: savedFilterSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { list, name, query } = request.body;
      return saveFilter(db, { userId: user.id, listKey: list, name, query: query.replace(/^\?/, '') });
    },
  );

  app.delete(
    '/my/saved-filters/:id',
    {
      schema: {
        tags: ['saved-filters'],
        summary: '删除我的一个常用筛选',
        params: z.object({ id }),
        response: { 200: z.object({ deleted: z.boolean() }) },
      },
    },
    async (request) => {
      await deleteSavedFilter(db, requireUser(request).id, request.params.id);
      return { deleted: true };
    },
  );
}
