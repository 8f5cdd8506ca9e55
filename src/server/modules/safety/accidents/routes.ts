import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import { requireCan, requireUser } from '../../../core/access/guards.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { id, isoDate, page, pageSize, queryFlag, searchText } from '../../../core/http/input.ts';
import { exportFileName, exportList, type ExportColumn } from '../../../core/excel/list-export.ts';
import { asStaff, runAction } from '../../../kernel/actions/index.ts';
import { presentedDeadlineSchema } from '../../../kernel/deadlines/index.ts';
import { accidentReportBody, reportAccident } from './create-accident.ts';
import { getAccident, listAccidents, listApprovers, type AccidentListItem } from './read-accidents.ts';
import { ACCIDENT_ACTIONS } from './actions.ts';
import { ACCIDENT_TYPE_CODES } from './vocabulary.ts';
import { GRADE_ORDER } from './grading.ts';

const TAGS = ['safety-accidents'];

const listQuery = z.object({
  grade: z.enum(GRADE_ORDER as [string, ...string[]]).optional(),
  type: z.enum(ACCIDENT_TYPE_CODES).optional(),
  townshipUnitId: id.optional(),
  enterpriseId: id.max(2_147_483_647, '编号过大').optional().describe('登记在册的企业'),
  open: queryFlag.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: searchText.optional(),
  page,
  pageSize: pageSize(200, 20),
});

const listItem = z.object({
  id: z.number(),
  refNo: z.string(),
  title: z.string(),
  stateName: z.string(),
  open: z.boolean(),
  unitName: z.string(),
  townshipName: z.string(),
  typeName: z.string(),
  grade: z.string(),
  gradeName: z.string(),
  occurredAt: z.string(),
  deaths: z.number(),
  seriousInjuries: z.number(),
  lossText: z.string(),
  nextClock: z.object({ label: z.string(), due: z.string() }).nullable(),
});

const detail = z.object({
  id: z.number(),
  refNo: z.string(),
  title: z.string(),
  state: z.string(),
  stateName: z.string(),
  open: z.boolean(),
  unitName: z.string(),
  unitAddress: z.string(),
  enterpriseId: z.number().nullable(),
  township: z.object({ id: z.number(), name: z.string() }),
  ownerUnitName: z.string(),
  accidentType: z.string(),
  typeName: z.string(),
  place: z.string(),
  summary: z.string(),
  occurredAt: z.string(),
  reportedAt: z.string(),
  enteredAt: z.string(),
  entryReason: z.string().nullable(),
  deaths: z.number(),
  seriousInjuries: z.number(),
  minorInjuries: z.number(),
  directLossWan: z.number(),
  lossText: z.string(),
  grade: z.string(),
  gradeName: z.string(),
  gradeText: z.string(),
  escalatedAt: z.string().nullable(),
  escalatedTo: z.string().nullable(),
  reportSubmittedOn: z.string().nullable(),
  approvedOn: z.string().nullable(),
  approvalText: z.string().nullable(),
  lateUnitReport: z.boolean(),
  deadlines: z.array(presentedDeadlineSchema),
  updates: z.array(
    z.object({
      id: z.number(),
      learnedAt: z.string(),
      text: z.string(),
      gradeBefore: z.string(),
      gradeAfter: z.string(),
      note: z.string(),
      byName: z.string().nullable(),
    }),
  ),
  allowedActions: z.array(z.object({ code: z.string(), name: z.string(), inputSchema: z.unknown().optional() })),
});

const COLUMNS: ExportColumn<AccidentListItem>[] = [
  { header: '编号', width: 22, value: (a) => a.refNo },
  { header: '事故', width: 34, value: (a) => a.title },
  { header: '事故单位', width: 24, value: (a) => a.unitName },
  { header: '属地', width: 12, value: (a) => a.townshipName },
  { header: '类别', width: 10, value: (a) => a.typeName },
  { header: '等级', width: 12, value: (a) => a.gradeName },
  { header: '发生时间', width: 17, kind: 'time', value: (a) => a.occurredAt },
  { header: '死亡', width: 6, value: (a) => a.deaths },
  { header: '重伤', width: 6, value: (a) => a.seriousInjuries },
  { header: '直接经济损失', width: 14, value: (a) => a.lossText },
  { header: '状态', width: 10, value: (a) => a.stateName },
];

/** 事故快报: report, list, export, detail with clocks, and the actions through the kernel's runner. */
export async function accidentRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.post(
    '/safety/accidents',
    {
      schema: {
        tags: TAGS,
        summary: '事故快报：登记事故并按条例启动报告、补报、调查时限',
        body: accidentReportBody,
        response: { 200: z.object({ id: z.number(), refNo: z.string() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return reportAccident({ db, user, actor: actorOf(user, request.ip), now: deps.clock.now(), input: request.body });
    },
  );

  app.get(
    '/safety/accidents',
    {
      schema: {
        tags: TAGS,
        summary: '生产安全事故列表（本人数据范围内；按等级、类别、属地、发生日期筛选）',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(listItem), total: z.number() }) },
      },
    },
    async (request) => listAccidents(db, requireCan(request, 'workitem.read'), request.query as Parameters<typeof listAccidents>[2]),
  );

  app.get(
    '/safety/accidents/export.xlsx',
    {
      schema: { tags: TAGS, summary: '导出生产安全事故台账（Excel；与列表相同的筛选和数据范围）', querystring: listQuery.omit({ page: true, pageSize: true }) },
    },
    async (request, reply) => {
      const user = requireCan(request, 'workitem.read');
      const today = shanghaiDate(deps.clock.now());
      const stream = await exportList({
        sheetName: '生产安全事故',
        columns: COLUMNS,
        fetchPage: (p, size) => listAccidents(db, user, { ...(request.query as object), page: p, pageSize: size } as Parameters<typeof listAccidents>[2]),
        pageSize: 200,
      });
      return sendXlsx(reply, stream, exportFileName('生产安全事故', today), `accidents_${today}.xlsx`);
    },
  );

  app.get(
    '/safety/accidents/approvers',
    {
      schema: {
        tags: TAGS,
        summary: '可批准延长期限的县领导',
        response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), unitName: z.string() })) }) },
      },
    },
    async (request) => ({ items: await listApprovers(db, requireUser(request)) }),
  );

  app.get(
    '/safety/accidents/:id',
    {
      schema: {
        tags: TAGS,
        summary: '事故详情：等级及依据、各项时限（小时/日，含法律依据）、补报记录、可办理的操作',
        params: z.object({ id }),
        response: { 200: detail },
      },
    },
    async (request) => getAccident(db, requireCan(request, 'workitem.read'), request.params.id, deps.clock.now()),
  );

  app.post(
    '/safety/accidents/:id/actions/:action',
    {
      schema: {
        tags: TAGS,
        summary: '办理事故：上报上级、补报伤亡、组织调查、延长调查期限、提交调查报告、批复结案',
        params: z.object({ id, action: z.string().max(40) }),
        body: z.record(z.string(), z.unknown()).optional(),
        response: { 200: detail },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const now = deps.clock.now();
      await db.transaction().execute((trx) =>
        runAction(trx, ACCIDENT_ACTIONS, {
          id: request.params.id,
          action: request.params.action,
          input: request.body ?? {},
          party: asStaff(user),
          actor: actorOf(user, request.ip),
          now,
        }),
      );
      return getAccident(db, user, request.params.id, now);
    },
  );
}
