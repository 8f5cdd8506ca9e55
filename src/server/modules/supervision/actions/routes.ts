import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { AppError } from '../../../core/errors.ts';
import { id, safeString } from '../../../core/http/input.ts';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import { sendDownload } from '../../../core/http/send-download.ts';
import { DOCX_TYPE } from '../../../core/documents/index.ts';
import { ACTION_CATEGORIES, ACTION_RHYTHMS, ACTION_STATUSES, DISPATCH_FORMS, MEMBER_ROLES, STAFF_ROLES } from './fields.ts';
import { actionInput, addDispatch, addItems, createAction, dispatchInput, itemsInput, setStatus, statusInput } from './write.ts';
import { actionItems, getAction, listActions } from './read.ts';
import { itemsWorkbook } from './export.ts';
import { visibleActions } from './scope.ts';
import { briefingFile, issueBriefing } from './briefing.ts';
import { ACTION_IMPORT_MAX_ROWS, actionImportTemplate, importActionItems } from './import.ts';

const TAGS = ['supervision'];
// a base64 .xlsx of the most rows one 问题清单 may hold stays well under this
const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;
const status = z.enum(['preparing', 'running', 'summary', 'ended']);
const taskStatus = z.enum(['done', 'reported', 'late', 'inProgress', 'notStarted', 'withdrawn']);
const nullable = z.string().nullable();
const listRow = z.object({
  id: z.number(),
  name: z.string(),
  categoryName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  leadUnitName: z.string(),
  status,
  statusName: z.string(),
  rhythmName: z.string(),
  items: z.number().describe('问题清单条数（本人可见范围）'),
  done: z.number().describe('已销号'),
  late: z.number().describe('逾期未反馈'),
});
const item = z.object({
  id: z.number(),
  seq: z.number(),
  taskId: z.number(),
  taskHref: z.string(),
  refNo: z.string(),
  title: z.string(),
  detail: nullable,
  standard: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  leaderId: z.number().nullable(),
  leaderName: nullable,
  dueDate: z.string(),
  assignedOn: z.string(),
  status: taskStatus,
  statusName: z.string(),
  overdueDays: z.number(),
  linked: z.object({ refNo: z.string(), moduleName: z.string(), stateName: z.string(), href: z.string(), open: z.boolean() }).nullable(),
});
const detail = z.object({
  id: z.number(),
  name: z.string(),
  category: z.string(),
  categoryName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  goals: z.string(),
  measures: nullable,
  steps: nullable,
  rhythm: z.string(),
  rhythmName: z.string(),
  status,
  statusName: z.string(),
  leadUnitName: z.string(),
  members: z.array(z.object({ role: z.string(), roleName: z.string(), name: z.string(), post: nullable })),
  groups: z.array(z.object({ name: z.string(), leadUnitName: z.string(), members: z.array(z.string()) })),
  whole: z.boolean().describe('是否看到整个行动（否则只看到本单位、本人包案的问题）'),
  items: z.array(item),
  dispatches: z.array(
    z.object({
      id: z.number(),
      dispatchedOn: z.string(),
      formName: z.string(),
      reported: z.string(),
      problems: nullable,
      nextSteps: nullable,
      total: z.number(),
      closed: z.number(),
      overdue: z.number(),
      backdateReason: nullable,
      recordedBy: z.string(),
    }),
  ),
  slots: z.array(z.object({ from: z.string(), to: z.string(), label: z.string(), state: z.enum(['done', 'missing', 'pending']) })),
  briefings: z
    .array(
      z.object({
        id: z.number(),
        issueNo: z.number().describe('期号（第N期）'),
        issuedOn: z.string(),
        issuerName: z.string(),
        total: z.number(),
        closed: z.number(),
        overdue: z.number(),
        issuedBy: z.string(),
        fileName: z.string(),
      }),
    )
    .describe('已印发的工作简报（看到整个行动的人可见）'),
  mayManage: z.boolean(),
  nextStatuses: z.array(z.object({ code: z.string(), name: z.string() })),
});
const params = z.object({ id });
const list = (m: Record<string, string>) => Object.entries(m).map(([code, name]) => ({ code, name }));
const option = z.array(z.object({ code: z.string(), name: z.string() }));

/** 专项行动: the action and its plan, the 问题清单 (each row a 督办事项), 调度 records, progress and export. */
export async function actionRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const today = () => shanghaiDate(deps.clock.now());

  app.get(
    '/supervision/actions',
    {
      schema: {
        tags: TAGS,
        summary: '专项行动（督查办、牵头单位和领导小组成员看全部；责任单位只看有本单位问题的行动）',
        response: { 200: z.object({ items: z.array(listRow), mayCreate: z.boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return {
        items: await listActions(db, user, today()),
        mayCreate: user.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r)),
      };
    },
  );

  app.get(
    '/supervision/action-options',
    {
      schema: {
        tags: TAGS,
        summary: '专项行动的类别、调度频次、阶段、领导小组职务、调度形式的名称',
        response: { 200: z.object({ categories: option, rhythms: option, statuses: option, memberRoles: option, forms: option }) },
      },
    },
    async (request) => {
      requireUser(request);
      return {
        categories: list(ACTION_CATEGORIES),
        rhythms: list(ACTION_RHYTHMS),
        statuses: list(ACTION_STATUSES),
        memberRoles: list(MEMBER_ROLES),
        forms: list(DISPATCH_FORMS),
      };
    },
  );

  app.post(
    '/supervision/actions',
    {
      schema: {
        tags: TAGS,
        summary: '部署专项行动：名称、类别、期间、实施方案、领导小组、工作专班、调度频次（督查办或牵头单位）',
        body: actionInput,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return createAction(db, { user, actor: actorOf(user, request.ip), input: request.body });
    },
  );

  app.get(
    '/supervision/actions/:id',
    {
      schema: {
        tags: TAGS,
        summary: '专项行动详情：实施方案、领导小组、工作专班、问题清单及办理进度、调度记录和未调度的时段',
        params,
        response: { 200: detail },
      },
    },
    async (request) => getAction(db, deps.modules, requireUser(request), request.params.id, today()),
  );

  app.post(
    '/supervision/actions/:id/items',
    {
      schema: {
        tags: TAGS,
        summary: '列入问题清单（全部成功或全部不列入）：每个问题交办责任单位和包案领导，成为督办事项；可关联已有事项（如积案）',
        params,
        body: itemsInput,
        response: { 200: z.object({ ids: z.array(z.number()) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return addItems(db, {
        user,
        actor: actorOf(user, request.ip),
        now: deps.clock.now(),
        modules: deps.modules,
        actionId: request.params.id,
        input: request.body,
      });
    },
  );

  app.post(
    '/supervision/actions/:id/dispatches',
    {
      schema: {
        tags: TAGS,
        summary: '登记调度（调度会、书面调度、现场调度），按调度日期计算问题清单进度（可补录）',
        params,
        body: dispatchInput,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return addDispatch(db, { user, actor: actorOf(user, request.ip), actionId: request.params.id, input: request.body, today: today() });
    },
  );

  app.post(
    '/supervision/actions/:id/status',
    {
      schema: {
        tags: TAGS,
        summary: '推进行动阶段：筹备 → 实施中 → 总结 → 已结束',
        params,
        body: statusInput,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await setStatus(db, { user, actor: actorOf(user, request.ip), actionId: request.params.id, status: request.body.status });
      return { ok: true as const };
    },
  );

  app.get('/supervision/actions/:id/items.xlsx', { schema: { tags: TAGS, summary: '导出问题清单（Excel，本人可见范围）', params } }, async (request, reply) => {
    const user = requireUser(request);
    const a = await visibleActions(db, user).select(['a.id', 'a.name']).where('a.id', '=', request.params.id).executeTakeFirst();
    if (!a) throw new AppError('NOT_FOUND');
    const day = today();
    const items = await actionItems(db, deps.modules, user, Number(a.id), day);
    return sendXlsx(reply, await itemsWorkbook(a.name, day, items), `${a.name}问题清单_${day}.xlsx`, `action-${a.id}-items_${day}.xlsx`);
  });

  app.get(
    '/supervision/actions/:id/items/template.xlsx',
    { schema: { tags: TAGS, summary: '下载问题清单导入模板（Excel，含填写说明）', params } },
    async (request, reply) => {
      const user = requireUser(request);
      const t = await actionImportTemplate(db, user, deps.modules, request.params.id);
      return sendXlsx(reply, t.bytes, `${t.name}问题清单导入模板.xlsx`, `action-${request.params.id}-items-template.xlsx`);
    },
  );

  app.post(
    '/supervision/actions/:id/items/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: TAGS,
        summary: `从 Excel 导入问题清单（base64 编码的 .xlsx，最多 ${ACTION_IMPORT_MAX_ROWS} 行）：confirm 为否时逐行逐列校验并预览、不列入；为是时再次校验，全部无误才在同一事务中一并列入，有任何错误则一条也不列入`,
        params,
        body: z.object({
          fileBase64: safeString().min(1).max(IMPORT_BODY_LIMIT),
          filename: safeString().max(200).optional(),
          confirm: z.boolean().default(false).describe('确认列入（否：只预览）'),
        }),
        response: {
          200: z.object({
            rows: z.array(
              z.object({
                row: z.number().describe('Excel 行号'),
                ok: z.boolean(),
                errors: z.array(z.string()).describe('该行的问题，每条以列名开头'),
                title: z.string(),
                unitName: z.string(),
                leaderName: z.string(),
                dueDate: z.string(),
                standard: z.string(),
                linkedRefNo: z.string(),
              }),
            ),
            imported: z.number().describe('已列入的问题数（预览或有错误时为 0）'),
            ids: z.array(z.number()),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return importActionItems(db, deps.modules, {
        user,
        actor: actorOf(user, request.ip),
        now: deps.clock.now(),
        today: today(),
        actionId: request.params.id,
        file: Buffer.from(request.body.fileBase64, 'base64'),
        filename: request.body.filename,
        confirm: request.body.confirm,
      });
    },
  );

  app.post(
    '/supervision/actions/:id/briefings',
    {
      schema: {
        tags: TAGS,
        summary: '印发工作简报（按行动编第N期，督查室署名，载明问题清单进展、最近一次调度和未调度情况，生成 DOCX）',
        params,
        response: { 200: z.object({ id: z.number(), issueNo: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return issueBriefing(db, deps.modules, { user, actor: actorOf(user, request.ip), actionId: request.params.id, today: today() });
    },
  );

  app.get(
    '/supervision/actions/:id/briefings/:briefingId/docx',
    {
      schema: {
        tags: TAGS,
        summary: '下载已印发的工作简报（DOCX，印发时生成的原件；看到整个行动的人可下载）',
        params: z.object({ id, briefingId: id }),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const f = await briefingFile(db, user, request.params.id, request.params.briefingId);
      return sendDownload(reply, {
        bytes: f.bytes,
        type: DOCX_TYPE,
        fileName: f.fileName,
        asciiName: `action-${request.params.id}-briefing-${f.issueNo}.docx`,
      });
    },
  );
}
