import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { COUNT_KEYS, INDICATORS, COUNT_NAMES } from './indicators.ts';
import { DIMENSIONS } from './facts-sql.ts';
import { computeStats, drillDown } from './compute-stats.ts';
import { statsWorkbook } from './export-stats.ts';
import { AppError } from '../../../core/errors.ts';
import { isoDate, safeString, page } from '../../../core/http/input.ts';

const TAGS = ['petition-stats'];
const date = isoDate;
const statsQuery = z
  .object({ from: date, to: date, groupBy: z.enum(DIMENSIONS).default('channel'), compare: z.enum(['yoy', 'mom']).optional() })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' });
const counts = z.object(Object.fromEntries(COUNT_KEYS.map((k) => [k, z.number()])) as Record<(typeof COUNT_KEYS)[number], z.ZodNumber>);
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
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 信访统计 (rules.md §2): indicators by dimension with 同比/环比, the items behind each number, Excel export. */
export async function petitionStatsRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const today = () => shanghaiDate(deps.clock.now());

  app.get(
    '/petition-stats/definitions',
    {
      schema: {
        tags: TAGS,
        summary: '信访统计指标定义（分子、分母、公式、依据）与计数项名称',
        response: {
          200: z.object({
            indicators: z.array(
              z.object({ key: z.string(), name: z.string(), numerator: z.string(), denominator: z.string(), formula: z.string(), source: z.string() }),
            ),
            counts: z.record(z.string(), z.string()),
          }),
        },
      },
    },
    async (request) => {
      requireUser(request);
      return { indicators: INDICATORS.map((d) => ({ ...d })), counts: COUNT_NAMES };
    },
  );

  app.get(
    '/petition-stats',
    {
      schema: {
        tags: TAGS,
        summary:
          '信访统计：按渠道/类别/责任单位/属地/层级/月份分组的批次、人次与及时受理率、按期办结率、参评率、满意率、重复信访率、网信占比，可选同比/环比（本人数据范围内）',
        querystring: statsQuery,
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            groupBy: z.string(),
            compare: z.string().nullable(),
            previousPeriod: z.object({ from: z.string(), to: z.string() }).nullable(),
            today: z.string(),
            rows: z.array(row),
            total: row,
          }),
        },
      },
    },
    async (request) => computeStats({ db, user: requireUser(request), ...request.query, today: today() }),
  );

  app.get(
    '/petition-stats/items',
    {
      schema: {
        tags: TAGS,
        summary: '统计穿透：某个统计数字背后的信访事项（与统计表同一口径）',
        querystring: z
          .object({
            from: date,
            to: date,
            dimension: z.enum(DIMENSIONS).optional(),
            value: safeString().max(100).optional(),
            indicator: safeString().max(40).default('batches'),
            part: z.enum(['numerator', 'denominator']).default('numerator'),
            page,
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          })
          .refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' }),
        response: {
          200: z.object({
            count: z.string(),
            countName: z.string(),
            total: z.number(),
            persons: z.number(),
            items: z.array(
              z.object({ id: z.number(), caseNo: z.string(), title: z.string(), channel: z.string(), receivedAt: z.string(), persons: z.number() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      // `indicator` names either an indicator (then `part` picks its numerator or denominator) or a count
      const def = INDICATORS.find((d) => d.key === q.indicator);
      const count = def ? def[q.part] : (COUNT_KEYS as readonly string[]).includes(q.indicator) ? (q.indicator as (typeof COUNT_KEYS)[number]) : null;
      if (!count) throw new AppError('VALIDATION_FAILED', { detail: `indicator：未知的统计指标 ${q.indicator}` }, { field: 'indicator' });
      const result = await drillDown({
        db,
        user,
        from: q.from,
        to: q.to,
        today: today(),
        dimension: q.dimension,
        value: q.value,
        count,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return { count, countName: COUNT_NAMES[count], ...result };
    },
  );

  app.get(
    '/petition-stats/export.xlsx',
    { schema: { tags: TAGS, summary: '导出信访统计表（Excel，含公式说明工作表）', querystring: statsQuery } },
    async (request, reply) => {
      const stats = await computeStats({ db, user: requireUser(request), ...request.query, today: today() });
      const buffer = await statsWorkbook(stats);
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="petition-stats.xlsx"; filename*=UTF-8''${encodeURIComponent(`信访统计_${stats.from}_${stats.to}.xlsx`)}`,
        )
        .send(buffer);
    },
  );
}
