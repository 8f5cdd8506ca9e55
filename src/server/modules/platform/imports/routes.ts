import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { AppError } from '../../../core/errors.ts';
import { safeString } from '../../../core/http/input.ts';
import { importTemplate, runImport, type ImportDeclaration } from '../../../kernel/imports/index.ts';

const TAGS = ['imports'];
// a base64 .xlsx of a declared import's most rows stays well under this
const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;
const params = z.object({ kind: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, '导入类型代码不正确') });
const report = z.object({
  rows: z.array(
    z.object({
      row: z.number(),
      ok: z.boolean(),
      errors: z.array(z.string()),
      id: z.number().optional(),
      no: z.string().optional(),
      href: z.string().optional(),
    }),
  ),
  imported: z.number(),
});

/**
 * Every Excel import the modules declare (ModuleDescriptor.imports, run by kernel/imports): the list of those the
 * user may run, each one's template, and the all-or-nothing import with its per-row report.
 */
export async function importRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const all = deps.modules.modules.flatMap((m) => (m.imports ?? []).map((decl) => ({ module: m, decl })));
  const kinds = new Set<string>();
  for (const { decl } of all) {
    if (kinds.has(decl.kind)) throw new Error(`module registry: import ${decl.kind} declared twice`);
    kinds.add(decl.kind);
  }
  const declared = (kind: string, user: Parameters<ImportDeclaration['mayImport']>[0]) => {
    const found = all.find((x) => x.decl.kind === kind);
    if (!found) throw new AppError('NOT_FOUND');
    if (!found.decl.mayImport(user)) throw new AppError('FORBIDDEN');
    return found.decl;
  };

  app.get(
    '/imports',
    {
      schema: {
        tags: TAGS,
        summary: '本人可用的 Excel 导入（各模块声明的台账导入：列、填写说明、导入规则）',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                kind: z.string(),
                name: z.string(),
                moduleName: z.string(),
                rules: z.string(),
                maxRows: z.number(),
                columns: z.array(z.object({ header: z.string(), required: z.boolean(), note: z.string() })),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return {
        items: all
          .filter(({ decl }) => decl.mayImport(user))
          .map(({ module, decl }) => ({
            kind: decl.kind,
            name: decl.name,
            moduleName: module.name,
            rules: decl.rules,
            maxRows: decl.maxRows,
            columns: decl.columns.map((c) => ({ header: c.header, required: c.required, note: c.note })),
          })),
      };
    },
  );

  app.get(
    '/imports/:kind/template.xlsx',
    { schema: { tags: TAGS, summary: '下载导入模板（Excel，含下拉选项和填写说明）', params } },
    async (request, reply) => {
      const decl = declared(request.params.kind, requireUser(request));
      return sendXlsx(reply, await importTemplate(decl), `${decl.name}导入模板.xlsx`, `${decl.kind}-template.xlsx`);
    },
  );

  app.post(
    '/imports/:kind',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: TAGS,
        summary: '导入 Excel 台账（base64 编码的 .xlsx）：逐行校验并返回报告；全部无误才在同一事务中逐条登记，有任何错误则一条也不导入',
        params,
        body: z.object({ fileBase64: safeString().min(1).max(IMPORT_BODY_LIMIT), filename: safeString().max(200).optional() }),
        response: { 200: report },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const decl = declared(request.params.kind, user);
      const module = all.find((x) => x.decl === decl)!.module;
      const actor: Actor = { userId: user.id, name: user.displayName, unitId: user.unitId, ip: request.ip };
      const result = await runImport(db, decl, {
        user,
        actor,
        now: deps.clock.now(),
        keys: deps.keys,
        file: Buffer.from(request.body.fileBase64, 'base64'),
        filename: request.body.filename,
      });
      return {
        ...result,
        rows: result.rows.map((r) => (r.id === undefined ? r : { ...r, href: decl.detailHref ? decl.detailHref(r.id) : deps.modules.href(module.kind, r.id) })),
      };
    },
  );
}
