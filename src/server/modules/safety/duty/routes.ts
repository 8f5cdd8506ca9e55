import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { bodyId, id, isoDate, isoDateTime, safeString, text } from '../../../core/http/input.ts';
import { exportFileName, exportList, type ExportColumn } from '../../../core/excel/list-export.ts';
import { createPeriod, dutyPeople, dutyUnits, generateUnitRoster, listPeriods, readRoster, setRosterDay, type RosterView } from './duty-store.ts';
import { listHandovers, listSpotChecks, recordHandover, recordSpotCheck } from './duty-logs.ts';

const TAGS = ['safety-duty'];
const month = safeString().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM');
const unitQuery = z.object({ unitId: id.optional() });
const range = z
  .object({ unitId: id.optional(), from: isoDate, to: isoDate })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' });
const phone = safeString().trim().max(40).default('').describe('值班电话');
const gap = z.object({ date: z.string(), text: z.string() });

const rosterView = z.object({
  unit: z.object({ id: z.number(), name: z.string() }),
  mayEdit: z.boolean().describe('本人可编排该单位的值班表（仅本单位）'),
  mayCheck: z.boolean().describe('本人可登记该单位的在岗抽查'),
  from: z.string(),
  to: z.string(),
  perDay: z.object({ workday: z.number(), restday: z.number() }),
  days: z.array(
    z.object({
      date: z.string(),
      dayKind: z.string(),
      dayKindName: z.string(),
      dayName: z.string().nullable(),
      periodName: z.string().nullable(),
      staffNeeded: z.number(),
      leader: z.object({ id: z.number(), name: z.string(), title: z.string() }).nullable(),
      staff: z.array(z.object({ id: z.number(), name: z.string() })),
      phone: z.string(),
      scheduled: z.boolean(),
    }),
  ),
  gaps: z.array(gap),
});

type RosterRow = RosterView['days'][number];
const ROSTER_COLUMNS: ExportColumn<RosterRow>[] = [
  { header: '日期', width: 12, kind: 'day', value: (d) => d.date },
  { header: '类型', width: 10, value: (d) => d.dayKindName },
  { header: '节假日/敏感时期', width: 18, value: (d) => [d.dayName, d.periodName].filter(Boolean).join('；') },
  { header: '带班领导', width: 16, value: (d) => (d.leader ? `${d.leader.name}（${d.leader.title}）` : '未安排') },
  { header: '值班人员', width: 28, value: (d) => (d.staff.length ? d.staff.map((s) => s.name).join('、') : '未安排') },
  { header: '应排人数', width: 9, value: (d) => d.staffNeeded },
  { header: '值班电话', width: 16, value: (d) => d.phone },
];

/** 值班值守: the month roster (generated over the calendar, gaps named), days set by hand, periods, 交接班, 在岗抽查. */
export async function dutyRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/safety/duty/roster',
    {
      schema: {
        tags: TAGS,
        summary: '值班表（按月；含节假日、敏感时期及未排班/人员不足提示）',
        querystring: z.object({ unitId: id.optional(), month }),
        response: { 200: rosterView },
      },
    },
    async (request) => readRoster(db, requireUser(request), request.query),
  );

  app.get(
    '/safety/duty/units',
    {
      schema: {
        tags: TAGS,
        summary: '可查看值班表的单位（本单位；县应急管理局、安委办可查看各单位）',
        response: {
          200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), own: z.boolean(), mayEdit: z.boolean(), mayCheck: z.boolean() })) }),
        },
      },
    },
    async (request) => ({ items: await dutyUnits(db, requireUser(request)) }),
  );

  app.get(
    '/safety/duty/roster/export.xlsx',
    { schema: { tags: TAGS, summary: '导出值班表（Excel）', querystring: z.object({ unitId: id.optional(), month }) } },
    async (request, reply) => {
      const roster = await readRoster(db, requireUser(request), request.query);
      const stream = await exportList({
        sheetName: '值班表',
        columns: ROSTER_COLUMNS,
        fetchPage: async (p) => ({ items: p === 1 ? roster.days : [], total: roster.days.length }),
        pageSize: roster.days.length + 1,
      });
      const name = `${roster.unit.name}值班表${request.query.month}`;
      return sendXlsx(reply, stream, exportFileName(name, request.query.month), `duty-roster_${request.query.month}.xlsx`);
    },
  );

  app.post(
    '/safety/duty/roster/generate',
    {
      schema: {
        tags: TAGS,
        summary: '按工作日历生成值班表（带班领导、值班人员轮换；已排的日期默认保留；返回仍未排满的日期）',
        body: z
          .object({
            unitId: bodyId.optional(),
            from: isoDate,
            to: isoDate,
            leaderIds: z.array(bodyId).max(50),
            staffIds: z.array(bodyId).max(200),
            phone,
            overwrite: z.boolean().default(false),
          })
          .refine((b) => b.from <= b.to, { path: ['to'], message: '结束日期不能早于开始日期' })
          .refine((b) => Date.parse(b.to) - Date.parse(b.from) <= 92 * 86_400_000, { path: ['to'], message: '一次最多生成三个月' }),
        response: { 200: z.object({ written: z.number(), kept: z.number(), gaps: z.array(gap) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return generateUnitRoster({ db, user, actor: actorOf(user, request.ip), now: deps.clock.now(), input: request.body });
    },
  );

  app.put(
    '/safety/duty/roster/:date',
    {
      schema: {
        tags: TAGS,
        summary: '调整某日值班（带班领导、值班人员）',
        params: z.object({ date: isoDate }),
        body: z.object({ unitId: bodyId.optional(), leaderId: bodyId.nullable(), staffIds: z.array(bodyId).max(10), phone }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return setRosterDay({ db, user, actor: actorOf(user, request.ip), now: deps.clock.now(), date: request.params.date, input: request.body });
    },
  );

  app.get(
    '/safety/duty/people',
    {
      schema: {
        tags: TAGS,
        summary: '可排班人员：本单位工作人员和县领导',
        querystring: unitQuery,
        response: {
          200: z.object({
            unit: z.object({ id: z.number(), name: z.string() }),
            staff: z.array(z.object({ id: z.number(), name: z.string(), unitName: z.string() })),
            leaders: z.array(z.object({ id: z.number(), name: z.string(), title: z.string() })),
          }),
        },
      },
    },
    async (request) => dutyPeople(db, requireUser(request), request.query.unitId),
  );

  const periodView = z.object({ id: z.number(), name: z.string(), startsOn: z.string(), endsOn: z.string(), staffPerDay: z.number(), note: z.string() });
  app.get(
    '/safety/duty/periods',
    { schema: { tags: TAGS, summary: '敏感时期（加强值班）', querystring: unitQuery, response: { 200: z.object({ items: z.array(periodView) }) } } },
    async (request) => ({ items: await listPeriods(db, requireUser(request), request.query.unitId) }),
  );
  app.post(
    '/safety/duty/periods',
    {
      schema: {
        tags: TAGS,
        summary: '登记敏感时期（如全国两会、汛期、节假日前后），期间每日值班人数增加',
        body: z.object({
          unitId: bodyId.optional(),
          name: text(40, { min: 2 }),
          startsOn: isoDate,
          endsOn: isoDate,
          staffPerDay: z.number().int().min(1).max(10),
          note: text(500, { min: 0 }).default(''),
        }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return createPeriod({ db, user, actor: actorOf(user, request.ip), input: request.body });
    },
  );

  app.get(
    '/safety/duty/handovers',
    {
      schema: {
        tags: TAGS,
        summary: '交接班记录',
        querystring: range,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                dutyDate: z.string(),
                handedAt: z.string(),
                fromName: z.string(),
                toName: z.string(),
                summary: z.string(),
                pending: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await listHandovers(db, requireUser(request), request.query) }),
  );
  app.post(
    '/safety/duty/handovers',
    {
      schema: {
        tags: TAGS,
        summary: '登记交接班',
        body: z.object({
          unitId: bodyId.optional(),
          dutyDate: isoDate,
          handedAt: isoDateTime,
          fromUserId: bodyId,
          toUserId: bodyId,
          summary: text(2000, { min: 2 }),
          pending: text(2000, { min: 0 }).default(''),
        }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return recordHandover({ db, user, actor: actorOf(user, request.ip), now: deps.clock.now(), input: request.body });
    },
  );

  app.get(
    '/safety/duty/checks',
    {
      schema: {
        tags: TAGS,
        summary: '在岗抽查记录',
        querystring: range,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                dutyDate: z.string(),
                checkedAt: z.string(),
                checkerName: z.string(),
                checkedName: z.string(),
                methodName: z.string(),
                result: z.string(),
                resultName: z.string(),
                note: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await listSpotChecks(db, requireUser(request), request.query) }),
  );
  app.post(
    '/safety/duty/checks',
    {
      schema: {
        tags: TAGS,
        summary: '登记在岗抽查（抽查人为当前用户；脱岗须说明情况）',
        body: z.object({
          unitId: bodyId.optional(),
          checkedAt: isoDateTime,
          checkedUserId: bodyId,
          method: z.enum(['phone', 'video', 'onsite']),
          result: z.enum(['on_post', 'absent']),
          note: text(500, { min: 0 }).default(''),
        }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return recordSpotCheck({ db, user, actor: actorOf(user, request.ip), now: deps.clock.now(), input: request.body });
    },
  );
}
