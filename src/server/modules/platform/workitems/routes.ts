import { z } from 'zod';
import { timelineEntrySchema } from '../../../kernel/timeline/index.ts';
import type { App, AppDeps } from '../../../app.ts';
import { requireCan, requireUser } from '../../../core/access/guards.ts';
import { loadBackdateWindow } from '../../../kernel/actions/index.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { assignWithinUnit, listAssigneeCandidates } from '../../../kernel/assignee/index.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { presentedDeadlineSchema } from '../../../kernel/deadlines/index.ts';
import { getWorkItemDetail } from './work-item-detail.ts';
import { listWorkItems } from './list-work-items.ts';
import { safeString, searchText, page } from '../../../core/http/input.ts';

/** One entry of an item's timeline (also part of the 信访 record). */

const deadline = presentedDeadlineSchema;

const detail = z.object({
  id: z.number(),
  module: z.string(),
  moduleName: z.string(),
  href: z.string().describe('打开该事项的页面（所属模块的办理页）'),
  refNo: z.string(),
  title: z.string(),
  state: z.string(),
  stateName: z.string(),
  open: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ownerUnit: z.object({ id: z.number(), name: z.string() }),
  assignee: z.object({ id: z.number(), name: z.string() }).nullable(),
  leader: z.object({ id: z.number(), name: z.string(), title: z.string() }).nullable(),
  deadlines: z.array(deadline),
  timeline: z.array(timelineEntrySchema),
});

/** Work items of every module: the scoped list and the detail (deadlines with their rule, timeline). */
export async function workItemRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/work-items',
    {
      schema: {
        tags: ['work-items'],
        summary: '事项列表（本人数据范围内，按模块、编号/标题、是否在办筛选）',
        querystring: z.object({
          module: safeString().max(40).optional(),
          q: searchText.optional(),
          open: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          page,
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                module: z.string(),
                moduleName: z.string(),
                href: z.string(),
                refNo: z.string(),
                title: z.string(),
                state: z.string(),
                stateName: z.string(),
                open: z.boolean(),
                ownerUnitId: z.number(),
                ownerUnitName: z.string(),
                assigneeName: z.string().nullable(),
                nearestDue: z.string().nullable(),
                createdAt: z.string(),
                linkCount: z.number().describe('关联事项数（仅计本人可见的事项）'),
              }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const user = requireCan(request, 'workitem.read');
      return listWorkItems({ db: deps.database.db, modules: deps.modules, user, query: request.query });
    },
  );

  app.get(
    '/work-items/:id',
    {
      schema: {
        tags: ['work-items'],
        summary: '事项详情：期限（含产生期限的规则及法律依据、预警）、责任信息与办理时间线',
        params: z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
        response: { 200: detail },
      },
    },
    async (request) => {
      const user = requireCan(request, 'workitem.read');
      return getWorkItemDetail({ db: deps.database.db, modules: deps.modules, user, id: request.params.id, today: shanghaiDate(deps.clock.now()) });
    },
  );

  app.get(
    '/settings/business-date',
    {
      schema: {
        tags: ['settings'],
        summary: '发生日期与补录：今天（服务器日期）及补录期限；发生日期早于“今天减补录期限”的须填写补录说明',
        response: {
          200: z.object({
            today: z.string().describe('今天（Asia/Shanghai），发生日期不能晚于今天'),
            backdateWindowDays: z.number().int().describe('补录期限（日）'),
          }),
        },
      },
    },
    async (request) => {
      requireUser(request);
      return { today: shanghaiDate(deps.clock.now()), backdateWindowDays: await loadBackdateWindow(deps.database.db) };
    },
  );

  const itemParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
  app.get(
    '/work-items/:id/assignee-candidates',
    {
      schema: {
        tags: ['work-items'],
        summary: '可指定为经办人的本单位人员（本单位或下级单位中负责该事项、可见该事项的在岗办理人员）',
        params: itemParams,
        response: {
          200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), unitName: z.string(), current: z.boolean() })) }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { items: await listAssigneeCandidates({ db: deps.database.db, modules: deps.modules, user, workItemId: request.params.id }) };
    },
  );

  app.post(
    '/work-items/:id/assignee',
    {
      schema: {
        tags: ['work-items'],
        summary: '指定经办人：承办（主办、协办、属地）单位把事项交给本单位一名工作人员办理（记入审计）',
        params: itemParams,
        body: z.object({ assigneeId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), note: safeString().trim().max(500).optional() }),
        response: { 200: z.object({ assignee: z.object({ id: z.number(), name: z.string() }) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return assignWithinUnit({
        db: deps.database.db,
        modules: deps.modules,
        user,
        actor: actorOf(user, request.ip),
        workItemId: request.params.id,
        assigneeId: request.body.assigneeId,
        note: request.body.note || undefined,
        now: deps.clock.now(),
      });
    },
  );
}
