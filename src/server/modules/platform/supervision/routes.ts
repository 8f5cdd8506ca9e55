import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import type { App, AppDeps } from '../../../app.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import {
  addInstruction,
  closeBacklog,
  delistItem,
  getSupervision,
  issueNotice,
  listBacklog,
  listItem,
  listListed,
  listNotices,
  listAwaitingInstruction,
  openBacklog,
  replyNotice,
  reportBacklogResult,
  requestInstruction,
} from '../../../kernel/supervision/index.ts';
import { exportFileName, exportList, type ExportColumn } from '../../../core/excel/list-export.ts';
import { isoDate, safeString, searchText, page } from '../../../core/http/input.ts';

const TAGS = ['supervision'];
const actorOf = (request: FastifyRequest): Actor => {
  const u = requireUser(request);
  return { userId: u.id, name: u.displayName, unitId: u.unitId, ip: request.ip };
};
const id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const itemParams = z.object({ id });
const text = (label: string, max = 2000) => safeString().trim().min(2, `${label}至少 2 个字`).max(max);
const day = isoDate;
const paging = { page, pageSize: z.coerce.number().int().min(1).max(200).default(20) };
const ok = z.object({ ok: z.literal(true) });
/** 编号/标题 search and date order of the 督办 lists, the same on each list and its export */
const listFilter = { q: searchText.optional(), order: z.enum(['asc', 'desc']).optional() };

const notice = z.object({
  id: z.number(),
  workItemId: z.number(),
  level: z.enum(['county', 'township']),
  text: z.string(),
  issuedByName: z.string(),
  issuedAt: z.string(),
  ruleKey: z.string(),
  replyDue: z.string(),
  overdue: z.boolean(),
  replyText: z.string().nullable(),
  repliedByName: z.string().nullable(),
  repliedAt: z.string().nullable(),
});
const backlog = z.object({
  id: z.number(),
  workItemId: z.number(),
  plan: z.string(),
  leaderId: z.number().nullable(),
  leaderName: z.string().nullable(),
  unitId: z.number(),
  unitName: z.string(),
  dueDate: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  resultText: z.string().nullable(),
  resultById: z.number().nullable(),
  resultByName: z.string().nullable(),
  resultAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
});
const instructionRequest = z.object({
  id: z.number(),
  workItemId: z.number(),
  leaderId: z.number(),
  leaderName: z.string(),
  question: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  answeredAt: z.string().nullable(),
  instructionText: z.string().nullable(),
});
const itemRef = z.object({
  workItemId: z.number(),
  module: z.string(),
  moduleName: z.string(),
  href: z.string(),
  refNo: z.string(),
  title: z.string(),
  state: z.string(),
  stateName: z.string(),
  open: z.boolean(),
  ownerUnitName: z.string(),
});
const view = z.object({
  workItemId: z.number(),
  listed: z.boolean(),
  listings: z.array(
    z.object({
      id: z.number(),
      reason: z.string(),
      listedByName: z.string(),
      listedAt: z.string(),
      delistReason: z.string().nullable(),
      delistedByName: z.string().nullable(),
      delistedAt: z.string().nullable(),
    }),
  ),
  notices: z.array(notice),
  backlog: z.array(backlog),
  instructions: z.array(z.object({ id: z.number(), leaderName: z.string().nullable(), authorName: z.string(), text: z.string(), at: z.string() })),
  instructionRequests: z.array(instructionRequest),
  allowed: z.record(z.string(), z.boolean()),
});

type Listed = Awaited<ReturnType<typeof listListed>>['items'][number];
type Backlog = Awaited<ReturnType<typeof listBacklog>>['items'][number];
type Notice = Awaited<ReturnType<typeof listNotices>>['items'][number];
const itemColumns = <T>(ref: (row: T) => Listed | Backlog['item']): ExportColumn<T>[] => [
  { header: '编号', width: 22, value: (r) => ref(r).refNo },
  { header: '类型', width: 10, value: (r) => ref(r).moduleName },
  { header: '标题', width: 32, value: (r) => ref(r).title },
  { header: '承办单位', width: 18, value: (r) => ref(r).ownerUnitName },
  { header: '状态', width: 12, value: (r) => ref(r).stateName },
];
const LISTED_COLUMNS: ExportColumn<Listed>[] = [
  ...itemColumns<Listed>((r) => r),
  { header: '挂牌理由', width: 40, value: (r) => r.reason },
  { header: '挂牌人', width: 10, value: (r) => r.listedByName },
  { header: '挂牌时间', width: 17, kind: 'time', value: (r) => r.listedAt },
];
const BACKLOG_COLUMNS: ExportColumn<Backlog>[] = [
  ...itemColumns<Backlog>((r) => r.item),
  { header: '化解方案', width: 40, value: (r) => r.plan },
  { header: '责任领导', width: 10, value: (r) => r.leaderName },
  { header: '责任单位', width: 18, value: (r) => r.unitName },
  { header: '化解时限', width: 12, kind: 'day', value: (r) => r.dueDate },
  { header: '化解结果', width: 40, value: (r) => r.resultText },
  { header: '报送时间', width: 17, kind: 'time', value: (r) => r.resultAt },
  { header: '销号', width: 8, value: (r) => (r.closedAt ? '已销号' : '未销号') },
  { header: '销号时间', width: 17, kind: 'time', value: (r) => r.closedAt },
  { header: '核实意见', width: 30, value: (r) => r.closeNote },
];
const replyState = (n: Notice) =>
  n.repliedAt ? (shanghaiDate(new Date(n.repliedAt)) > n.replyDue ? '超期回复' : '已回复') : n.overdue ? '超期未回复' : '待回复';
const NOTICE_COLUMNS: ExportColumn<Notice>[] = [
  ...itemColumns<Notice>((r) => r.item),
  { header: '级别', width: 8, value: (r) => (r.level === 'county' ? '县级' : '乡级') },
  { header: '督办内容', width: 40, value: (r) => r.text },
  { header: '发出人', width: 10, value: (r) => r.issuedByName },
  { header: '发出时间', width: 17, kind: 'time', value: (r) => r.issuedAt },
  { header: '回复期限', width: 12, kind: 'day', value: (r) => r.replyDue },
  { header: '回复情况', width: 12, value: replyState },
  { header: '回复内容', width: 40, value: (r) => r.replyText },
  { header: '回复人', width: 10, value: (r) => r.repliedByName },
  { header: '回复时间', width: 17, kind: 'time', value: (r) => r.repliedAt },
];

/** 督办 on any work item (信访, 隐患, 督查事项 …) and the county-wide 督办 lists. */
export async function supervisionRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const base = (request: FastifyRequest, workItemId: number) => ({
    db,
    modules: deps.modules,
    user: requireUser(request),
    actor: actorOf(request),
    workItemId,
    now: deps.clock.now(),
  });

  app.get(
    '/work-items/:id/supervision',
    {
      schema: { tags: TAGS, summary: '事项的督办情况：批示、督办通知、挂牌督办、积案记录及当前用户可进行的操作', params: itemParams, response: { 200: view } },
    },
    async (request) =>
      getSupervision({ db, modules: deps.modules, user: requireUser(request), workItemId: request.params.id, today: shanghaiDate(deps.clock.now()) }),
  );

  app.post(
    '/work-items/:id/supervision/notices',
    {
      schema: {
        tags: TAGS,
        summary: '发督办通知（县级或乡级），回复期限按规则 xf.supervise.reply 计算',
        params: itemParams,
        body: z.object({ level: z.enum(['county', 'township']).default('county'), text: text('督办内容') }),
        response: { 200: z.object({ id: z.number(), replyDue: z.string() }) },
      },
    },
    async (request) => issueNotice({ ...base(request, request.params.id), level: request.body.level, text: request.body.text }),
  );

  app.post(
    '/work-items/:id/supervision/notices/:noticeId/reply',
    {
      schema: {
        tags: TAGS,
        summary: '回复督办通知（承办方）',
        params: z.object({ id, noticeId: id }),
        body: z.object({ text: text('回复内容') }),
        response: { 200: ok },
      },
    },
    async (request) => {
      await replyNotice({ ...base(request, request.params.id), noticeId: request.params.noticeId, text: request.body.text });
      return { ok: true as const };
    },
  );

  app.post(
    '/work-items/:id/supervision/listing',
    {
      schema: { tags: TAGS, summary: '挂牌督办（县级），须说明理由', params: itemParams, body: z.object({ reason: text('挂牌理由') }), response: { 200: ok } },
    },
    async (request) => {
      await listItem({ ...base(request, request.params.id), reason: request.body.reason });
      return { ok: true as const };
    },
  );

  app.post(
    '/work-items/:id/supervision/delisting',
    {
      schema: {
        tags: TAGS,
        summary: '摘牌（问题化解后），须说明理由',
        params: itemParams,
        body: z.object({ reason: text('摘牌理由') }),
        response: { 200: ok },
      },
    },
    async (request) => {
      await delistItem({ ...base(request, request.params.id), reason: request.body.reason });
      return { ok: true as const };
    },
  );

  app.post(
    '/work-items/:id/supervision/instructions',
    {
      schema: {
        tags: TAGS,
        summary: '领导批示（仅县领导）',
        params: itemParams,
        body: z.object({ text: text('批示内容') }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => addInstruction({ ...base(request, request.params.id), text: request.body.text }),
  );

  app.post(
    '/work-items/:id/supervision/instruction-requests',
    {
      schema: {
        tags: TAGS,
        summary: '报请领导批示（信访局等县级督办部门）：向县领导提出请示事项，领导批示后该请示即办结',
        params: itemParams,
        body: z.object({ leaderId: id, question: text('请示事项') }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => requestInstruction({ ...base(request, request.params.id), leaderId: request.body.leaderId, question: request.body.question }),
  );

  app.get(
    '/my/instruction-requests',
    {
      schema: {
        tags: TAGS,
        summary: '待我批示（县领导账号）：报请本人批示、尚未批示的事项（本人数据范围内）',
        response: {
          200: z.object({
            items: z.array(
              instructionRequest.extend({ refNo: z.string(), title: z.string(), moduleName: z.string(), href: z.string(), stateName: z.string() }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => listAwaitingInstruction({ db, modules: deps.modules, user: requireUser(request) }),
  );

  app.post(
    '/work-items/:id/supervision/backlog',
    {
      schema: {
        tags: TAGS,
        summary: '列入积案台账：化解方案、责任领导、责任单位、化解时限',
        params: itemParams,
        body: z.object({ plan: text('化解方案'), leaderId: id.nullable().default(null), unitId: id, dueDate: day }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) =>
      openBacklog({
        ...base(request, request.params.id),
        plan: request.body.plan,
        leaderId: request.body.leaderId,
        unitId: request.body.unitId,
        dueDate: request.body.dueDate,
      }),
  );

  app.post(
    '/work-items/:id/supervision/backlog/result',
    {
      schema: { tags: TAGS, summary: '报送积案化解结果（责任单位）', params: itemParams, body: z.object({ result: text('化解结果') }), response: { 200: ok } },
    },
    async (request) => {
      await reportBacklogResult({ ...base(request, request.params.id), result: request.body.result });
      return { ok: true as const };
    },
  );

  app.post(
    '/work-items/:id/supervision/backlog/close',
    {
      schema: {
        tags: TAGS,
        summary: '积案销号：由报送结果以外的督办人员核实确认',
        params: itemParams,
        body: z.object({ note: text('核实意见') }),
        response: { 200: ok },
      },
    },
    async (request) => {
      await closeBacklog({ ...base(request, request.params.id), note: request.body.note });
      return { ok: true as const };
    },
  );

  app.get(
    '/supervision/listed',
    {
      schema: {
        tags: TAGS,
        summary: '挂牌督办事项列表（本人数据范围内）',
        querystring: z.object({ ...listFilter, ...paging }),
        response: {
          200: z.object({
            items: z.array(itemRef.extend({ listingId: z.number(), reason: z.string(), listedAt: z.string(), listedByName: z.string() })),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => listListed({ db, modules: deps.modules, user: requireUser(request), ...request.query }),
  );

  app.get(
    '/supervision/backlog',
    {
      schema: {
        tags: TAGS,
        summary: '积案台账（未销号 / 已销号 / 全部）',
        querystring: z.object({ status: z.enum(['open', 'closed', 'all']).default('open'), ...listFilter, ...paging }),
        response: { 200: z.object({ items: z.array(backlog.extend({ item: itemRef })), total: z.number() }) },
      },
    },
    async (request) => listBacklog({ db, modules: deps.modules, user: requireUser(request), ...request.query }),
  );

  const noticeList = z.object({ items: z.array(notice.extend({ item: itemRef })), total: z.number() });
  app.get(
    '/supervision/notices',
    {
      schema: {
        tags: TAGS,
        summary: '督办通知（待回复 / 已超期 / 全部），按回复期限排序',
        querystring: z.object({ status: z.enum(['pending', 'overdue', 'all']).default('pending'), ...listFilter, ...paging }),
        response: { 200: noticeList },
      },
    },
    async (request) => listNotices({ db, modules: deps.modules, user: requireUser(request), today: shanghaiDate(deps.clock.now()), ...request.query }),
  );

  app.get(
    '/supervision/overdue-notices',
    { schema: { tags: TAGS, summary: '超期未回复的督办通知', querystring: z.object(paging), response: { 200: noticeList } } },
    async (request) =>
      listNotices({ db, modules: deps.modules, user: requireUser(request), today: shanghaiDate(deps.clock.now()), status: 'overdue', ...request.query }),
  );

  // ── Excel exports: the same list queries, filters, order and scope as the lists above, unpaged ──
  const send = async <T>(
    reply: FastifyReply,
    opts: {
      listName: string;
      ascii: string;
      columns: ExportColumn<T>[];
      fetchPage: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>;
    },
  ) => {
    const today = shanghaiDate(deps.clock.now());
    const stream = await exportList({ sheetName: opts.listName, columns: opts.columns, fetchPage: opts.fetchPage });
    return sendXlsx(reply, stream, exportFileName(opts.listName, today), `${opts.ascii}_${today}.xlsx`);
  };
  const exportSummary = (list: string) => `导出${list}（Excel；与列表相同的筛选条件、排序和数据范围，不分页，最多 5 万条）`;

  app.get(
    '/supervision/listed/export.xlsx',
    { schema: { tags: TAGS, summary: exportSummary('挂牌督办事项'), querystring: z.object(listFilter) } },
    async (request, reply) => {
      const user = requireUser(request);
      return send(reply, {
        listName: '挂牌督办',
        ascii: 'supervision-listed',
        columns: LISTED_COLUMNS,
        fetchPage: (page, pageSize) => listListed({ db, modules: deps.modules, user, ...request.query, page, pageSize }),
      });
    },
  );

  app.get(
    '/supervision/backlog/export.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: exportSummary('积案台账'),
        querystring: z.object({ status: z.enum(['open', 'closed', 'all']).default('open'), ...listFilter }),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      return send(reply, {
        listName: '积案台账',
        ascii: 'backlog',
        columns: BACKLOG_COLUMNS,
        fetchPage: (page, pageSize) => listBacklog({ db, modules: deps.modules, user, ...request.query, page, pageSize }),
      });
    },
  );

  app.get(
    '/supervision/notices/export.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: exportSummary('督办通知'),
        querystring: z.object({ status: z.enum(['pending', 'overdue', 'all']).default('pending'), ...listFilter }),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const today = shanghaiDate(deps.clock.now());
      return send(reply, {
        listName: '督办通知',
        ascii: 'supervision-notices',
        columns: NOTICE_COLUMNS,
        fetchPage: (page, pageSize) => listNotices({ db, modules: deps.modules, user, today, ...request.query, page, pageSize }),
      });
    },
  );
}
