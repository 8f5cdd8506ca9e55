import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import { sendDownload } from '../../../core/http/send-download.ts';
import { DOCX_TYPE } from '../../../core/documents/index.ts';
import { exportFileName, exportList, type ExportColumn } from '../../../core/excel/list-export.ts';
import { id, page, pageSize, queryFlag, searchText, text } from '../../../core/http/input.ts';
import { taskSchema, taskStatusEnum } from '../tasks/routes.ts';
import {
  dispatchDocx,
  dispatchIssuerArea,
  getDispatch,
  issueDispatch,
  issueDispatchInput,
  listDispatches,
  mayIssueDispatch,
  voidDispatch,
  type DispatchRow,
} from './dispatches.ts';

const TAGS = ['supervision'];
const counts = z.object({
  total: z.number(),
  done: z.number(),
  reported: z.number(),
  late: z.number(),
  inProgress: z.number(),
  notStarted: z.number(),
  withdrawn: z.number(),
});
const row = z.object({
  id: z.number(),
  docNo: z.string(),
  subject: z.string(),
  officeName: z.string(),
  issuedOn: z.string(),
  issuedBy: z.string(),
  voided: z.boolean(),
  voidReason: z.string().nullable(),
  counts,
  doneRate: z.number(),
});
const filter = {
  q: searchText.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  overdue: queryFlag.optional(),
};
const COLUMNS: ExportColumn<DispatchRow>[] = [
  { header: '发文字号', width: 18, value: (r) => r.docNo },
  { header: '标题', width: 40, value: (r) => r.subject },
  { header: '印发日期', width: 12, value: (r) => r.issuedOn },
  { header: '交办单位数', width: 10, value: (r) => r.counts.total },
  { header: '已销号', width: 8, value: (r) => r.counts.done },
  { header: '已反馈待核查', width: 12, value: (r) => r.counts.reported },
  { header: '逾期未反馈', width: 10, value: (r) => r.counts.late },
  { header: '办理中', width: 8, value: (r) => r.counts.inProgress },
  { header: '未签收', width: 8, value: (r) => r.counts.notStarted },
  { header: '办结率（%）', width: 10, value: (r) => r.doneRate },
  { header: '状态', width: 20, value: (r) => (r.voided ? `已作废：${r.voidReason ?? ''}` : '有效') },
];

/** 督办通知 (发文): list with progress and Excel, issue with numbering, the page at a glance, 作废, and the DOCX. */
export async function dispatchRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const today = () => shanghaiDate(deps.clock.now());

  app.get(
    '/supervision/dispatches',
    {
      schema: {
        tags: TAGS,
        summary: '督办通知（发文）清单：发文字号、标题、印发日期、办理进度、逾期情况（承办单位只看到交办给本单位的通知及本单位的事项）',
        querystring: z.object({ ...filter, page, pageSize: pageSize(200, 20) }),
        response: { 200: z.object({ items: z.array(row), total: z.number(), mayIssue: z.boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { ...(await listDispatches(db, user, request.query, today())), mayIssue: mayIssueDispatch(user) };
    },
  );

  app.get(
    '/supervision/dispatches/issuer',
    {
      schema: {
        tags: TAGS,
        summary: '本人印发督办通知的范围：县级督办可交办任何单位；乡级督办只能交办本乡镇（街道）辖区内的村（社区）和站所',
        response: {
          200: z.object({ mayIssue: z.boolean(), level: z.enum(['county', 'township']), areaUnitId: z.number().nullable(), areaName: z.string().nullable() }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const area = await dispatchIssuerArea(db, user);
      return { mayIssue: mayIssueDispatch(user), ...area };
    },
  );

  app.get(
    '/supervision/dispatches/export.xlsx',
    { schema: { tags: TAGS, summary: '导出督办通知清单（Excel；与列表相同的筛选条件和数据范围）', querystring: z.object(filter) } },
    async (request, reply) => {
      const user = requireUser(request);
      const day = today();
      const stream = await exportList({
        sheetName: '督办通知清单',
        columns: COLUMNS,
        fetchPage: (p, size) => listDispatches(db, user, { ...request.query, page: p, pageSize: size }, day),
      });
      return sendXlsx(reply, stream, exportFileName('督办通知清单', day), `supervision_dispatches_${day}.xlsx`);
    },
  );

  app.post(
    '/supervision/dispatches',
    {
      schema: {
        tags: TAGS,
        summary: '印发督办通知：自动编发文字号（代字〔年〕n号），逐单位交办督办事项及完成时限，并可督办已有事项',
        body: issueDispatchInput,
        response: { 200: z.object({ id: z.number(), docNo: z.string(), taskIds: z.array(z.number()) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return issueDispatch(db, deps.modules, { user, actor: actorOf(user, request.ip), now: deps.clock.now(), input: request.body });
    },
  );

  app.get(
    '/supervision/dispatches/:id',
    {
      schema: {
        tags: TAGS,
        summary: '督办通知详情：正文、反馈要求，各承办单位已销号、待核查、逾期、办理中、未签收一览（可按状态筛选），督办的已有事项',
        params: z.object({ id }),
        querystring: z.object({ status: taskStatusEnum.optional() }),
        response: {
          200: row.extend({
            body: z.string(),
            feedbackRequired: z.string(),
            tasks: z.array(taskSchema),
            items: z.array(
              z.object({
                noticeId: z.number(),
                workItemId: z.number(),
                refNo: z.string(),
                title: z.string(),
                moduleName: z.string(),
                href: z.string(),
                replyDue: z.string(),
                replied: z.boolean(),
                repliedOn: z.string().nullable(),
                overdue: z.boolean(),
              }),
            ),
            mayVoid: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return getDispatch(db, deps.modules, user, request.params.id, today(), request.query.status);
    },
  );

  app.post(
    '/supervision/dispatches/:id/void',
    {
      schema: {
        tags: TAGS,
        summary: '作废督办通知（须写明理由；文号保留不再使用；承办单位已签收或反馈的不能作废）',
        params: z.object({ id }),
        body: z.object({ reason: text(500, { min: 4 }).describe('作废理由') }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await voidDispatch(db, { user, actor: actorOf(user, request.ip), now: deps.clock.now(), id: request.params.id, reason: request.body.reason });
      return { ok: true as const };
    },
  );

  app.get(
    '/supervision/dispatches/:id/document.docx',
    { schema: { tags: TAGS, summary: '督办通知公文（DOCX，GB/T 9704 格式）', params: z.object({ id }) } },
    async (request, reply) => {
      const user = requireUser(request);
      const { bytes, fileName } = await dispatchDocx(db, deps.modules, user, request.params.id, today());
      return sendDownload(reply, { bytes, type: DOCX_TYPE, fileName, asciiName: `supervision_dispatch_${request.params.id}.docx` });
    },
  );
}
