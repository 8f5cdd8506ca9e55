import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../../app.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { AppError } from '../../../core/errors.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { petitionListFilters } from '../list-filters.ts';
import { contentDisposition } from '../../../core/http/content-disposition.ts';
import { canRegister } from '../policy.ts';
import { exportLedger } from './export-ledger.ts';
import { importLedger } from './import-ledger.ts';
import { importTemplate } from './ledger-workbook.ts';
import { safeString } from '../../../core/http/input.ts';

const TAGS = ['petitions'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const report = z.object({
  rows: z.array(z.object({ row: z.number(), ok: z.boolean(), errors: z.array(z.string()), id: z.number().optional(), caseNo: z.string().optional() })),
  imported: z.number(),
});
// a base64 .xlsx of MAX_IMPORT_ROWS rows stays well under this
const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

/** 信访台账 in Excel: export of the list, the import template, and the all-or-nothing import. */
export async function petitionExcelRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/petitions/export.xlsx',
    { schema: { tags: TAGS, summary: '导出信访台账（Excel；与列表相同的筛选条件和数据范围，个人信息仅脱敏显示）', querystring: petitionListFilters } },
    async (request, reply) => {
      const user = requireUser(request);
      const stream = exportLedger({ db, user, filters: request.query, today: shanghaiDate(deps.clock.now()) });
      return reply
        .type(XLSX)
        .header('content-disposition', contentDisposition(`信访台账_${shanghaiDate(deps.clock.now())}.xlsx`, 'petitions.xlsx'))
        .send(stream);
    },
  );

  app.get('/petitions/import-template.xlsx', { schema: { tags: TAGS, summary: '下载信访台账导入模板（Excel，含填写说明）' } }, async (request, reply) => {
    if (!canRegister(requireUser(request))) throw new AppError('FORBIDDEN');
    return reply
      .type(XLSX)
      .header('content-disposition', contentDisposition('信访台账导入模板.xlsx', 'petition-import-template.xlsx'))
      .send(await importTemplate());
  });

  app.post(
    '/petitions/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: TAGS,
        summary: '导入信访台账（base64 编码的 .xlsx）：逐行校验并返回报告；全部无误才在同一事务中逐条登记，有任何错误则一条也不导入',
        body: z.object({ fileBase64: safeString().min(1).max(IMPORT_BODY_LIMIT), filename: safeString().max(200).optional() }),
        response: { 200: report },
      },
    },
    async (request) => {
      const u = requireUser(request);
      const actor: Actor = { userId: u.id, name: u.displayName, unitId: u.unitId, ip: (request as FastifyRequest).ip };
      return importLedger({
        db,
        keys: deps.keys,
        user: u,
        actor,
        now: deps.clock.now(),
        file: Buffer.from(request.body.fileBase64, 'base64'),
        filename: request.body.filename,
      });
    },
  );
}
