import { z } from 'zod';
import type { App, AppDeps } from '../../../../app.ts';
import { requireUser } from '../../../../core/access/guards.ts';
import { actorOf } from '../../../../core/auth/session-user.ts';
import { sendXlsx } from '../../../../core/http/send-xlsx.ts';
import { id, page, pageSize, text } from '../../../../core/http/input.ts';
import { generateReport, getReport, isColumnKey, listReports, reportItems, reportUnits, returnReport, signReport, REPORT_COLUMNS } from './stat-reports.ts';
import { reportWorkbook } from './workbook.ts';

const TAGS = ['safety'];
const params = z.object({ id });
const statusShape = {
  status: z.enum(['pending', 'draft', 'returned', 'signed']),
  statusName: z.string(),
  late: z.boolean().describe('逾期（未按期签发或逾期签发）'),
};
const columnKeys = REPORT_COLUMNS.map((c) => c.key) as [string, ...string[]];
const report = z.object({
  id: z.number(),
  title: z.string(),
  unitName: z.string(),
  scopeName: z.string(),
  periodName: z.string(),
  periodKind: z.enum(['quarter', 'year']),
  year: z.number(),
  quarter: z.number().nullable(),
  periodFrom: z.string(),
  periodTo: z.string(),
  dueDate: z.string(),
  dueExplanation: z.string(),
  ...statusShape,
  generation: z.number(),
  generatedByName: z.string(),
  generatedAt: z.string(),
  signedByName: z.string().nullable(),
  signedAt: z.string().nullable(),
  returnedByName: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  columns: z.array(z.object({ key: z.string(), group: z.string().nullable(), name: z.string(), kind: z.enum(['count', 'rate', 'money']) })),
  rows: z.array(z.object({ sectorId: z.number().nullable(), name: z.string(), cells: z.record(z.string(), z.number().nullable()) })),
  maySign: z.boolean(),
  mayRegenerate: z.boolean(),
  notes: z.array(z.string()),
});

/** 隐患排查治理情况统计表: the periods of a unit with their status, generate, the table, its items, sign-off, return, Excel. */
export async function hazardReportRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/safety/hazard-reports',
    {
      schema: {
        tags: TAGS,
        summary: '隐患统计报表：本单位（县级可选单位）各季度、年度统计表的状态（待生成、待签发、已退回、已签发、逾期）',
        querystring: z.object({ unitId: id.optional() }),
        response: {
          200: z.object({
            unitId: z.number(),
            unitName: z.string(),
            mayGenerate: z.boolean(),
            units: z.array(z.object({ id: z.number(), name: z.string() })),
            items: z.array(
              z.object({
                id: z.number().nullable(),
                periodKind: z.enum(['quarter', 'year']),
                year: z.number(),
                quarter: z.number().nullable(),
                periodName: z.string(),
                dueDate: z.string(),
                ...statusShape,
                signedOn: z.string().nullable(),
                signedByName: z.string().nullable(),
                generatedAt: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const [list, units] = await Promise.all([listReports(db, user, deps.clock.now(), request.query.unitId), reportUnits(db, user)]);
      return { ...list, units };
    },
  );

  app.post(
    '/safety/hazard-reports',
    {
      schema: {
        tags: TAGS,
        summary: '生成本单位某季度或年度的隐患排查治理情况统计表（从隐患台账取数并保存快照；已签发的不能重新生成）',
        body: z.object({
          periodKind: z.enum(['quarter', 'year']).describe('统计期类型'),
          year: z.number().int().min(2000).max(2100).describe('年度'),
          quarter: z.number().int().min(1).max(4).optional().describe('季度'),
        }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return generateReport(db, { user, actor: actorOf(user, request.ip), now: deps.clock.now(), ...request.body });
    },
  );

  app.get(
    '/safety/hazard-reports/:id',
    { schema: { tags: TAGS, summary: '隐患排查治理情况统计表：表头、状态、制表与签发记录、分行业数据', params, response: { 200: report } } },
    async (request) => getReport(db, requireUser(request), request.params.id, deps.clock.now()),
  );

  app.get(
    '/safety/hazard-reports/:id/items',
    {
      schema: {
        tags: TAGS,
        summary: '统计表中某个数字背后的隐患（按生成时的快照）',
        params,
        querystring: z.object({ column: z.enum(columnKeys).describe('统计项'), sectorId: id.optional(), page, pageSize: pageSize(100, 20) }),
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(
              z.object({
                id: z.number(),
                refNo: z.string(),
                enterpriseName: z.string(),
                gradeName: z.string(),
                description: z.string(),
                foundOn: z.string(),
                dueOn: z.string(),
                rectified: z.boolean(),
                overdue: z.boolean(),
                funds: z.number().nullable(),
                stateName: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { column, sectorId, page: p, pageSize: size } = request.query;
      if (!isColumnKey(column)) throw new Error('unreachable: the schema names the columns');
      return reportItems(db, user, { id: request.params.id, column, sectorId, page: p, pageSize: size });
    },
  );

  app.post(
    '/safety/hazard-reports/:id/sign',
    {
      schema: {
        tags: TAGS,
        summary: '审核签发统计表（本单位其他有权限的人员，不能是生成人；签发后数据锁定）',
        params,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await signReport(db, { id: request.params.id, user, actor: actorOf(user, request.ip), now: deps.clock.now() });
      return { ok: true as const };
    },
  );

  app.post(
    '/safety/hazard-reports/:id/return',
    {
      schema: {
        tags: TAGS,
        summary: '退回统计表（写明理由，由制表人重新生成）',
        params,
        body: z.object({ reason: text(500, { min: 2 }).describe('退回理由') }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await returnReport(db, { id: request.params.id, user, actor: actorOf(user, request.ip), now: deps.clock.now(), reason: request.body.reason });
      return { ok: true as const };
    },
  );

  app.get(
    '/safety/hazard-reports/:id/export.xlsx',
    { schema: { tags: TAGS, summary: '导出统计表（Excel：统计表与隐患明细两张工作表）', params } },
    async (request, reply) => {
      const user = requireUser(request);
      const r = await getReport(db, user, request.params.id, deps.clock.now());
      const buffer = await reportWorkbook(db, r);
      return sendXlsx(reply, buffer, `${r.title}.xlsx`, `hazard_report_${r.year}_${r.quarter ? `q${r.quarter}` : 'year'}.xlsx`);
    },
  );
}
