import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { id, page, safeString } from '../../../core/http/input.ts';
import { dashboardAttention, dashboardFigures, dashboardItems, dashboardTrend, dashboardUnits, type DashboardContext } from './dashboard.ts';

const panelQuery = z.object({
  scope: z.enum(['county', 'portfolio']).default('county').describe('全县，或本人分管联系单位'),
  period: z.enum(['month', 'quarter', 'year']).default('month').describe('本月、本季度、本年（截至今天）'),
});
const range = z.object({ from: z.string(), to: z.string() });
const head = {
  asOf: z.string().describe('数据时间'),
  today: z.string(),
  scope: z.enum(['county', 'portfolio']),
  scopeName: z.string(),
  period: z.enum(['month', 'quarter', 'year']),
  ranges: z.object({ current: range, previous: range, lastYear: range }),
  hasPortfolio: z.boolean(),
};
const attentionItem = z.object({
  id: z.number(),
  moduleName: z.string(),
  href: z.string(),
  refNo: z.string(),
  title: z.string(),
  stateName: z.string(),
  nearestDue: z.string().nullable(),
});

/** 领导驾驶舱: one route per panel (each measured on its own), and the items behind every figure. */
export async function dashboardRoutes(app: App, deps: AppDeps): Promise<void> {
  const ctx = (request: Parameters<typeof requireUser>[0], q: z.infer<typeof panelQuery>): DashboardContext => ({
    db: deps.database.db,
    modules: deps.modules,
    user: requireUser(request),
    today: shanghaiDate(deps.clock.now()),
    scope: q.scope,
    period: q.period,
  });

  app.get(
    '/dashboard/figures',
    {
      schema: {
        tags: ['dashboard'],
        summary: '领导驾驶舱：各类事项的新增（含环比、同比）、在办、超期、挂牌督办、积案及各模块重点指标（县领导与县级部门）',
        querystring: panelQuery,
        response: {
          200: z.object({
            ...head,
            modules: z.array(
              z.object({
                module: z.string(),
                moduleName: z.string(),
                newCount: z.number(),
                newPrev: z.number(),
                newLastYear: z.number(),
                open: z.number(),
                overdue: z.number(),
                listed: z.number(),
                backlog: z.number(),
                extra: z.array(z.object({ key: z.string(), name: z.string(), value: z.number() })),
              }),
            ),
          }),
        },
      },
    },
    async (request) => dashboardFigures(ctx(request, request.query), deps.clock.now()),
  );

  app.get(
    '/dashboard/trend',
    {
      schema: {
        tags: ['dashboard'],
        summary: '领导驾驶舱：近12个月各类事项新增趋势',
        querystring: panelQuery,
        response: {
          200: z.object({
            ...head,
            months: z.array(z.string()),
            series: z.array(z.object({ module: z.string(), moduleName: z.string(), counts: z.array(z.number()) })),
          }),
        },
      },
    },
    async (request) => dashboardTrend(ctx(request, request.query), deps.clock.now()),
  );

  app.get(
    '/dashboard/units',
    {
      schema: {
        tags: ['dashboard'],
        summary: '领导驾驶舱：乡镇（街道）与县直部门的在办、超期、挂牌督办、本期新增（排名与乡镇示意图）',
        querystring: panelQuery,
        response: {
          200: z.object({
            ...head,
            units: z.array(
              z.object({
                unitId: z.number(),
                unitName: z.string(),
                kind: z.string(),
                isTownship: z.boolean(),
                open: z.number(),
                overdue: z.number(),
                listed: z.number(),
                newCount: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => dashboardUnits(ctx(request, request.query), deps.clock.now()),
  );

  app.get(
    '/dashboard/attention',
    {
      schema: {
        tags: ['dashboard'],
        summary: '领导驾驶舱：需要本人处理的——本人包案、待我批示、即将超期的事项',
        querystring: panelQuery,
        response: {
          200: z.object({
            ...head,
            cases: z.object({ total: z.number(), overdue: z.number(), items: z.array(attentionItem) }),
            awaiting: z.object({ total: z.number(), items: z.array(attentionItem.extend({ question: z.string() })) }),
            soon: z.object({ total: z.number(), items: z.array(attentionItem) }),
          }),
        },
      },
    },
    async (request) => dashboardAttention(ctx(request, request.query), deps.clock.now()),
  );

  app.get(
    '/dashboard/items',
    {
      schema: {
        tags: ['dashboard'],
        summary: '领导驾驶舱：某个数字背后的事项（与数字同一口径、同一数据范围）',
        querystring: panelQuery.extend({
          metric: z.enum(['new', 'new_prev', 'new_last_year', 'open', 'overdue', 'soon', 'listed', 'backlog', 'key']),
          module: safeString().max(40).optional(),
          figure: safeString().max(40).optional().describe('模块重点指标（metric=key 时）'),
          unitId: id.optional().describe('承办单位（含下级单位）'),
          page,
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: {
          200: z.object({
            title: z.string(),
            today: z.string(),
            total: z.number(),
            items: z.array(
              attentionItem.extend({
                handlingUnitName: z.string(),
                receivedOn: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => dashboardItems(ctx(request, request.query), request.query),
  );
}
