import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { AppError } from '../../../core/errors.ts';
import { isoDate, page, pageSize, safeString } from '../../../core/http/input.ts';
import { computeStats, countBehind, countKeys, drillDown, statsWorkbook, type StatsContext, type StatsDeclaration } from '../../../kernel/stats/index.ts';

const TAGS = ['stats'];
const date = isoDate;
const params = z.object({ module: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, '模块代码不正确') });
const tableQuery = z
  .object({ from: date, to: date, groupBy: safeString().max(40).optional(), compare: z.enum(['yoy', 'mom']).optional() })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' });
const counts = z.record(z.string(), z.number());
const indicator = z.object({ key: z.string(), name: z.string(), numerator: z.number(), denominator: z.number(), value: z.number().nullable() });
const row = z.object({
  key: z.string(),
  label: z.string(),
  counts,
  indicators: z.array(indicator),
  previous: z
    .object({
      counts,
      indicators: z.array(indicator),
      countChange: z.record(z.string(), z.number().nullable()),
      indicatorChange: z.record(z.string(), z.number().nullable()),
    })
    .optional(),
});
const named = z.object({ key: z.string(), name: z.string() });
const definition = z.object({
  module: z.string(),
  name: z.string(),
  title: z.string(),
  dimensions: z.array(named),
  counts: z.array(named),
  indicators: z.array(z.object({ key: z.string(), name: z.string(), numerator: z.string(), denominator: z.string(), formula: z.string(), source: z.string() })),
  itemColumns: z.object({ at: z.string(), values: z.array(named) }),
});

/** What a client needs to draw a module's statistics page: its dimensions, counts and indicators in words. */
function describe(module: string, name: string, decl: StatsDeclaration): z.infer<typeof definition> {
  return {
    module,
    name,
    title: decl.title,
    dimensions: Object.entries(decl.dimensions).map(([key, d]) => ({ key, name: d.name })),
    counts: countKeys(decl).map((key) => ({ key, name: decl.counts[key]!.name })),
    indicators: decl.indicators.map((d) => ({
      key: d.key,
      name: d.name,
      numerator: d.numerator,
      denominator: d.denominator,
      formula: d.formula,
      source: d.source,
    })),
    itemColumns: { at: decl.itemColumns.at, values: [...decl.itemColumns.values] },
  };
}

/**
 * Every module's statistics through one set of routes: whatever a descriptor declares under `stats`
 * (kernel/stats) is served here — the table by dimension with 同比/环比, the items behind each number under
 * the same visibility rule, the Excel export with its formulas sheet. No route names a module.
 */
export async function statsRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const context = (request: FastifyRequest): StatsContext => ({
    db,
    user: requireUser(request),
    visibleSql: deps.modules.visibleSql,
    today: shanghaiDate(deps.clock.now()),
  });
  const declared = (module: string) => {
    const decl = deps.modules.stats(module);
    if (!decl) throw new AppError('NOT_FOUND');
    return decl;
  };
  const dimensionOf = (decl: StatsDeclaration, groupBy: string | undefined) => {
    const key = groupBy ?? Object.keys(decl.dimensions)[0]!;
    if (!(key in decl.dimensions))
      throw new AppError(
        'VALIDATION_FAILED',
        {
          detail: `groupBy：可选的分组为 ${Object.values(decl.dimensions)
            .map((d) => d.name)
            .join('、')}`,
        },
        { field: 'groupBy' },
      );
    return key;
  };

  app.get(
    '/stats',
    {
      schema: {
        tags: TAGS,
        summary: '各模块的统计口径：分组维度、计数项、指标定义（分子、分母、公式、依据）',
        response: { 200: z.object({ modules: z.array(definition) }) },
      },
    },
    async (request) => {
      requireUser(request);
      return { modules: deps.modules.modules.flatMap((m) => (m.stats ? [describe(m.kind, m.name, m.stats)] : [])) };
    },
  );

  app.get(
    '/stats/:module',
    {
      schema: {
        tags: TAGS,
        summary: '模块统计表：按所选维度分组的各计数项与指标，可选同比/环比（本人数据范围内）',
        params,
        querystring: tableQuery,
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            groupBy: z.string(),
            compare: z.enum(['yoy', 'mom']).nullable(),
            previousPeriod: z.object({ from: z.string(), to: z.string() }).nullable(),
            today: z.string(),
            rows: z.array(row),
            total: row,
          }),
        },
      },
    },
    async (request) => {
      const decl = declared(request.params.module);
      const q = request.query;
      return computeStats(context(request), decl, { from: q.from, to: q.to, groupBy: dimensionOf(decl, q.groupBy), compare: q.compare });
    },
  );

  app.get(
    '/stats/:module/items',
    {
      schema: {
        tags: TAGS,
        summary: '统计穿透：某个统计数字背后的事项（与统计表同一口径、同一数据范围）',
        params,
        querystring: z
          .object({
            from: date,
            to: date,
            dimension: safeString().max(40).optional(),
            value: safeString().max(100).optional(),
            indicator: safeString().max(40).optional(),
            part: z.enum(['numerator', 'denominator']).default('numerator'),
            page,
            pageSize: pageSize(500, 50),
          })
          .refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' }),
        response: {
          200: z.object({
            count: z.string(),
            countName: z.string(),
            total: z.number(),
            sums: z.record(z.string(), z.number()),
            items: z.array(
              z.object({
                id: z.number(),
                no: z.string(),
                title: z.string(),
                at: z.string(),
                href: z.string(),
                values: z.record(z.string(), z.union([z.string(), z.number()]).nullable()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { module } = request.params;
      const decl = declared(module);
      const q = request.query;
      // `indicator` names either an indicator (then `part` picks its numerator or denominator) or a count
      const count = countBehind(decl, q.indicator ?? countKeys(decl)[0]!, q.part);
      if (!count) throw new AppError('VALIDATION_FAILED', { detail: `indicator：未知的统计指标 ${q.indicator}` }, { field: 'indicator' });
      const dimension = q.dimension === undefined ? undefined : dimensionOf(decl, q.dimension);
      const result = await drillDown(context(request), decl, {
        from: q.from,
        to: q.to,
        dimension,
        value: q.value,
        count,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        count,
        countName: decl.counts[count]!.name,
        total: result.total,
        sums: result.sums as Record<string, number>,
        items: result.items.map((it) => ({ ...it, href: deps.modules.href(module, it.id), values: { ...it.values } })),
      };
    },
  );

  app.get(
    '/stats/:module/export.xlsx',
    { schema: { tags: TAGS, summary: '导出模块统计表（Excel，含公式说明工作表）', params, querystring: tableQuery } },
    async (request, reply) => {
      const decl = declared(request.params.module);
      const q = request.query;
      const stats = await computeStats(context(request), decl, { from: q.from, to: q.to, groupBy: dimensionOf(decl, q.groupBy), compare: q.compare });
      return sendXlsx(reply, await statsWorkbook(decl, stats), `${decl.title}_${stats.from}_${stats.to}.xlsx`, `${request.params.module}-stats.xlsx`);
    },
  );
}
