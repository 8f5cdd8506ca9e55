import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { getWorkbench } from './workbench.ts';

const counts = z.object({ total: z.number(), approaching: z.number(), overdue: z.number(), severe: z.number() });

/** 工作台: each role's first screen — what is new, due and overdue, supervised, and a leader's own cases. */
export async function workbenchRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/workbench',
    {
      schema: {
        tags: ['todo'],
        summary: '工作台：今日新登记、临期与超期（按承办单位）、挂牌督办、积案、逾期未回复的督办通知、县领导本人包案（均在本人数据范围内）',
        response: {
          200: z.object({
            persona: z.enum(['clerk', 'unit', 'leader', 'admin']).describe('工作台版式：信访局等县级工作人员、承办单位、县领导、系统管理员/审计员'),
            today: z.string(),
            unitName: z.string(),
            mine: counts,
            unit: counts,
            newToday: z.array(z.object({ module: z.string(), moduleName: z.string(), count: z.number() })),
            dueByUnit: z.array(z.object({ unitId: z.number(), unitName: z.string(), approaching: z.number(), overdue: z.number(), severe: z.number() })),
            listed: z.number(),
            backlog: z.number(),
            overdueNotices: z.number(),
            leader: z
              .object({
                name: z.string(),
                open: z.number(),
                overdue: z.number(),
                awaitingInstruction: z.number().describe('待我批示：报请本人批示、尚未批示的事项'),
                withoutInstruction: z.number().describe('在办包案中本人尚未批示的'),
                receptionDaysAhead: z.number().describe('今天起本人已安排的接访日'),
              })
              .nullable(),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return getWorkbench({ db: deps.database.db, modules: deps.modules, user, today: shanghaiDate(deps.clock.now()) });
    },
  );
}
