import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { requireUser } from '../../core/access/guards.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { listMyTodo } from './my-todo.ts';

const level = z.enum(['normal', 'approaching', 'overdue', 'severe']);

/** 我的待办: the work items waiting for me or my unit, with their deadlines and warning levels. */
export async function todoRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/my/todo',
    {
      schema: {
        tags: ['todo'],
        summary: '我的待办（本人承办或本单位及下级单位的在办事项，含期限与预警）',
        querystring: z.object({
          scope: z.enum(['mine', 'unit']).default('mine'),
          warning: level.optional(),
          sort: z.enum(['due', 'created']).default('due'),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                workItemId: z.number(),
                href: z.string(),
                module: z.string(),
                moduleName: z.string(),
                refNo: z.string(),
                title: z.string(),
                state: z.string(),
                ownerUnitId: z.number(),
                ownerUnitName: z.string(),
                assigneeName: z.string().nullable(),
                nearestDue: z.string().nullable(),
                warningLevel: level,
                deadlines: z.array(
                  z.object({
                    id: z.number(),
                    label: z.string(),
                    ruleKey: z.string(),
                    dueDate: z.string().nullable(),
                    status: z.string(),
                    provisional: z.boolean(),
                    warningLevel: level,
                    explanation: z.string(),
                  }),
                ),
              }),
            ),
            total: z.number(),
            counts: z.object({ normal: z.number(), approaching: z.number(), overdue: z.number(), severe: z.number() }),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return listMyTodo({ db: deps.database.db, user, query: request.query, today: shanghaiDate(deps.clock.now()) });
    },
  );
}
