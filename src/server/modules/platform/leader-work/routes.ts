import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import type { App, AppDeps } from '../../../app.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { leaderOfUser, listLeaderCases, type LeaderCase } from './leader-cases.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { exportFileName, exportList, type ExportColumn } from '../../../core/excel/list-export.ts';
import { createReceptionDay, deleteReceptionDay, getReceptionDay, listReceptionDays, updateReceptionDay } from './reception-days.ts';
import { createReceptionRecord, listReceptionRecords } from './reception-records.ts';
import { listAssistance, recordAssistance } from './assistance.ts';
import { isoDate, safeString } from '../../../core/http/input.ts';

const TAGS = ['leaders'];
const actorOf = (request: FastifyRequest): Actor => {
  const u = requireUser(request);
  return { userId: u.id, name: u.displayName, unitId: u.unitId, ip: request.ip };
};
const id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const day = isoDate;
const time = safeString().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间应为 HH:MM');
const str = (min: number, max: number) => safeString().trim().min(min).max(max);

const leaderCase = z.object({
  workItemId: z.number(),
  module: z.string(),
  moduleName: z.string(),
  refNo: z.string(),
  title: z.string(),
  state: z.string(),
  stateName: z.string(),
  open: z.boolean(),
  ownerUnitName: z.string(),
  nearestDue: z.string().nullable(),
  listed: z.boolean(),
  backlogOpen: z.boolean(),
  assignedAt: z.string(),
  href: z.string(),
});
const casesResponse = z.object({ leader: z.object({ id: z.number(), name: z.string(), title: z.string() }), items: z.array(leaderCase) });
const casesQuery = z.object({
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

const CASE_COLUMNS: ExportColumn<LeaderCase>[] = [
  { header: '编号', width: 22, value: (c) => c.refNo },
  { header: '类型', width: 10, value: (c) => c.moduleName },
  { header: '标题', width: 34, value: (c) => c.title },
  { header: '承办单位', width: 18, value: (c) => c.ownerUnitName },
  { header: '状态', width: 12, value: (c) => c.stateName },
  { header: '在办', width: 6, value: (c) => c.open },
  { header: '最近期限', width: 12, kind: 'day', value: (c) => c.nearestDue },
  { header: '挂牌督办', width: 9, value: (c) => c.listed },
  { header: '积案未销号', width: 10, value: (c) => c.backlogOpen },
  { header: '包案时间', width: 17, kind: 'time', value: (c) => c.assignedAt },
];

const dayBody = z.object({
  leaderId: id,
  date: day,
  startTime: time,
  endTime: time,
  place: str(2, 100),
  topic: str(2, 200),
  published: z.boolean().default(false),
});
const dayView = dayBody.extend({ id: z.number(), leaderName: z.string(), leaderTitle: z.string() });

const recordBody = z.object({
  leaderId: id,
  kind: z.enum(['reception', 'down_visit', 'appointment']),
  receptionDayId: id.nullable().default(null),
  date: day,
  place: str(2, 100),
  summary: str(2, 2000),
  batches: z.number().int().min(1).max(1000).default(1),
  persons: z.number().int().min(1).max(10000).default(1),
  workItemIds: z.array(id).max(50).default([]),
});
const recordView = recordBody.omit({ workItemIds: true }).extend({
  id: z.number(),
  kindName: z.string(),
  leaderName: z.string(),
  recordedByName: z.string(),
  cases: z.array(z.object({ workItemId: z.number(), refNo: z.string(), title: z.string() })),
});

const assistanceBody = z.object({
  kind: z.enum(['relief', 'psych']),
  agency: str(2, 40),
  description: str(2, 1000),
  amount: z.number().min(0).max(1e9).nullable().default(null),
  date: day,
});
const assistanceView = assistanceBody.extend({ id: z.number(), kindName: z.string(), recordedByName: z.string(), recordedAt: z.string() });

/** Leaders' work on cases: 包案 lists, 领导接访日, reception records (接访/带案下访/约访), assistance on a case. */
export async function leaderWorkRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/leaders/:id/cases',
    { schema: { tags: TAGS, summary: '领导包案事项（本人数据范围内）', params: z.object({ id }), querystring: casesQuery, response: { 200: casesResponse } } },
    async (request) => listLeaderCases({ db, modules: deps.modules, user: requireUser(request), leaderId: request.params.id, open: request.query.open }),
  );

  app.get(
    '/my/leader-cases',
    { schema: { tags: TAGS, summary: '我的包案（县领导账号）', querystring: casesQuery, response: { 200: casesResponse } } },
    async (request) => {
      const user = requireUser(request);
      return listLeaderCases({ db, modules: deps.modules, user, leaderId: await leaderOfUser(db, user), open: request.query.open });
    },
  );

  // 包案 list exports: the same query, filter and order as the lists (the list itself is unpaged, at most 500 cases)
  const sendCases = async (reply: FastifyReply, user: SessionUser, leaderId: number, open: boolean | undefined) => {
    const today = shanghaiDate(deps.clock.now());
    const { items } = await listLeaderCases({ db, modules: deps.modules, user, leaderId, open });
    const stream = await exportList({
      sheetName: '领导包案',
      columns: CASE_COLUMNS,
      fetchPage: async (page) => ({ items: page === 1 ? items : [], total: items.length }),
      pageSize: Math.max(items.length, 1) + 1,
    });
    return sendXlsx(reply, stream, exportFileName('领导包案', today), `leader-cases_${today}.xlsx`);
  };
  app.get(
    '/leaders/:id/cases/export.xlsx',
    { schema: { tags: TAGS, summary: '导出领导包案事项（Excel；与列表相同的筛选、排序和数据范围）', params: z.object({ id }), querystring: casesQuery } },
    async (request, reply) => sendCases(reply, requireUser(request), request.params.id, request.query.open),
  );
  app.get('/my/leader-cases/export.xlsx', { schema: { tags: TAGS, summary: '导出我的包案（Excel）', querystring: casesQuery } }, async (request, reply) => {
    const user = requireUser(request);
    return sendCases(reply, user, await leaderOfUser(db, user), request.query.open);
  });

  app.get(
    '/reception-days',
    {
      schema: {
        tags: TAGS,
        summary: '领导接访日安排（已公布的；信访局可见草稿）',
        querystring: z.object({ from: day.optional(), to: day.optional(), leaderId: id.optional() }),
        response: { 200: z.object({ items: z.array(dayView) }) },
      },
    },
    async (request) => ({ items: await listReceptionDays({ db, user: requireUser(request), ...request.query }) }),
  );
  app.get('/reception-days/:id', { schema: { tags: TAGS, summary: '接访日安排详情', params: z.object({ id }), response: { 200: dayView } } }, async (request) =>
    getReceptionDay({ db, user: requireUser(request), id: request.params.id }),
  );
  app.post(
    '/reception-days',
    { schema: { tags: TAGS, summary: '新增接访日安排（信访局、系统管理员）', body: dayBody, response: { 200: dayView } } },
    async (request) => createReceptionDay({ db, user: requireUser(request), actor: actorOf(request), now: deps.clock.now(), input: request.body }),
  );
  app.patch(
    '/reception-days/:id',
    { schema: { tags: TAGS, summary: '修改接访日安排（含公布）', params: z.object({ id }), body: dayBody.partial(), response: { 200: dayView } } },
    async (request) => updateReceptionDay({ db, user: requireUser(request), actor: actorOf(request), id: request.params.id, input: request.body }),
  );
  app.delete(
    '/reception-days/:id',
    { schema: { tags: TAGS, summary: '取消接访日安排', params: z.object({ id }), response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (request) => {
      await deleteReceptionDay({ db, user: requireUser(request), actor: actorOf(request), id: request.params.id });
      return { ok: true as const };
    },
  );

  app.get(
    '/reception-records',
    {
      schema: {
        tags: TAGS,
        summary: '领导接访记录（接访、带案下访、约访），关联事项',
        querystring: z.object({ leaderId: id.optional(), from: day.optional(), to: day.optional(), workItemId: id.optional() }),
        response: { 200: z.object({ items: z.array(recordView) }) },
      },
    },
    async (request) => ({ items: await listReceptionRecords({ db, modules: deps.modules, user: requireUser(request), ...request.query }) }),
  );
  app.post(
    '/reception-records',
    { schema: { tags: TAGS, summary: '登记领导接访记录', body: recordBody, response: { 200: z.object({ id: z.number() }) } } },
    async (request) =>
      createReceptionRecord({ db, modules: deps.modules, user: requireUser(request), actor: actorOf(request), now: deps.clock.now(), input: request.body }),
  );

  app.get(
    '/work-items/:id/assistance',
    {
      schema: {
        tags: TAGS,
        summary: '事项的帮扶救助与心理服务转介记录',
        params: z.object({ id }),
        response: { 200: z.object({ items: z.array(assistanceView) }) },
      },
    },
    async (request) => ({
      items: await listAssistance({ db, modules: deps.modules, user: requireUser(request), workItemId: request.params.id }),
    }),
  );
  app.post(
    '/work-items/:id/assistance',
    {
      schema: {
        tags: TAGS,
        summary: '记录帮扶救助（民政、残联、人社等）或心理服务转介',
        params: z.object({ id }),
        body: assistanceBody,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) =>
      recordAssistance({
        db,
        modules: deps.modules,
        user: requireUser(request),
        actor: actorOf(request),
        now: deps.clock.now(),
        workItemId: request.params.id,
        input: request.body,
      }),
  );
}
