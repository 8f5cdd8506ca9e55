import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { bodyId, id, isoDate, text } from '../../../core/http/input.ts';
import { exportFileName, exportList, type ExportColumn } from '../../../core/excel/list-export.ts';
import { createPlan, createTraining, listDrills, listPlans, listTrainings, recordDrill, revisePlan, DRILL_FORM_ZH, PLAN_LEVEL_ZH } from './plans-store.ts';

const TAGS = ['safety-plans'];
const levels = Object.keys(PLAN_LEVEL_ZH) as [keyof typeof PLAN_LEVEL_ZH, ...(keyof typeof PLAN_LEVEL_ZH)[]];
const forms = Object.keys(DRILL_FORM_ZH) as [keyof typeof DRILL_FORM_ZH, ...(keyof typeof DRILL_FORM_ZH)[]];

const planBody = z.object({
  name: text(100, { min: 2 }),
  level: z.enum(levels),
  compiledBy: text(60, { min: 2 }),
  version: text(20, { min: 1 }),
  approvedOn: isoDate,
  reviewDueOn: isoDate,
  note: text(500, { min: 0 }).default(''),
});
const planView = z.object({
  id: z.number(),
  name: z.string(),
  level: z.string(),
  levelName: z.string(),
  unitName: z.string(),
  compiledBy: z.string(),
  version: z.string(),
  approvedOn: z.string(),
  reviewDueOn: z.string(),
  reviewText: z.string(),
  reviewOverdue: z.boolean(),
  drills: z.number(),
  lastDrillOn: z.string().nullable(),
  note: z.string(),
});
const trainingView = z.object({
  id: z.number(),
  heldOn: z.string(),
  unitName: z.string(),
  trainedUnit: z.string(),
  topic: z.string(),
  attendees: z.number(),
  hours: z.number(),
  teacher: z.string(),
});
const planQuery = z.object({ dueWithinDays: z.coerce.number().int().min(0).max(3650).optional() });
const trainingQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });

type Plan = z.infer<typeof planView>;
type Training = z.infer<typeof trainingView>;
const PLAN_COLUMNS: ExportColumn<Plan>[] = [
  { header: '预案名称', width: 34, value: (p) => p.name },
  { header: '类别', width: 14, value: (p) => p.levelName },
  { header: '编制单位', width: 20, value: (p) => p.compiledBy },
  { header: '版本', width: 10, value: (p) => p.version },
  { header: '批准（备案）日期', width: 14, kind: 'day', value: (p) => p.approvedOn },
  { header: '下次评估日期', width: 14, kind: 'day', value: (p) => p.reviewDueOn },
  { header: '演练次数', width: 9, value: (p) => p.drills },
  { header: '最近演练', width: 12, kind: 'day', value: (p) => p.lastDrillOn },
  { header: '登记单位', width: 16, value: (p) => p.unitName },
];
const TRAINING_COLUMNS: ExportColumn<Training>[] = [
  { header: '培训日期', width: 12, kind: 'day', value: (t) => t.heldOn },
  { header: '受训单位', width: 24, value: (t) => t.trainedUnit },
  { header: '培训主题', width: 34, value: (t) => t.topic },
  { header: '参训人数', width: 9, value: (t) => t.attendees },
  { header: '学时', width: 7, value: (t) => t.hours },
  { header: '授课人', width: 12, value: (t) => t.teacher },
  { header: '登记单位', width: 16, value: (t) => t.unitName },
];

async function sendList<T>(reply: FastifyReply, name: string, file: string, today: string, columns: ExportColumn<T>[], items: T[]) {
  const stream = await exportList({
    sheetName: name,
    columns,
    fetchPage: async (p) => ({ items: p === 1 ? items : [], total: items.length }),
    pageSize: items.length + 1,
  });
  return sendXlsx(reply, stream, exportFileName(name, today), `${file}_${today}.xlsx`);
}

/** 应急预案 (review dates reminded, 演练 records) and 安全培训 registers. */
export async function planRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const today = () => shanghaiDate(deps.clock.now());

  app.get(
    '/safety/plans',
    { schema: { tags: TAGS, summary: '应急预案（按下次评估日期排序）', querystring: planQuery, response: { 200: z.object({ items: z.array(planView) }) } } },
    async (request) => ({ items: await listPlans(db, requireUser(request), { ...request.query, today: today() }) }),
  );
  app.get('/safety/plans/export.xlsx', { schema: { tags: TAGS, summary: '导出应急预案（Excel）', querystring: planQuery } }, async (request, reply) =>
    sendList(reply, '应急预案', 'emergency-plans', today(), PLAN_COLUMNS, await listPlans(db, requireUser(request), { ...request.query, today: today() })),
  );
  app.post(
    '/safety/plans',
    { schema: { tags: TAGS, summary: '登记应急预案', body: planBody.extend({ unitId: bodyId.optional() }), response: { 200: z.object({ id: z.number() }) } } },
    async (request) => {
      const user = requireUser(request);
      return createPlan({ db, user, actor: actorOf(user, request.ip), now: deps.clock.now(), input: request.body });
    },
  );
  app.put(
    '/safety/plans/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修订应急预案（新版本、批准日期、下次评估日期）',
        params: z.object({ id }),
        body: planBody,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return revisePlan({ db, user, actor: actorOf(user, request.ip), now: deps.clock.now(), id: request.params.id, input: request.body });
    },
  );
  app.get(
    '/safety/plans/:id/drills',
    {
      schema: {
        tags: TAGS,
        summary: '预案演练记录',
        params: z.object({ id }),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.number(), drilledOn: z.string(), formName: z.string(), participants: z.number(), summary: z.string() })),
          }),
        },
      },
    },
    async (request) => ({ items: await listDrills(db, requireUser(request), request.params.id) }),
  );
  app.post(
    '/safety/plans/:id/drills',
    {
      schema: {
        tags: TAGS,
        summary: '登记预案演练',
        params: z.object({ id }),
        body: z.object({ drilledOn: isoDate, form: z.enum(forms), participants: z.number().int().min(1).max(100_000), summary: text(1000, { min: 2 }) }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return recordDrill({ db, user, actor: actorOf(user, request.ip), today: today(), planId: request.params.id, input: request.body });
    },
  );

  app.get(
    '/safety/trainings',
    { schema: { tags: TAGS, summary: '安全培训登记', querystring: trainingQuery, response: { 200: z.object({ items: z.array(trainingView) }) } } },
    async (request) => ({ items: await listTrainings(db, requireUser(request), request.query) }),
  );
  app.get(
    '/safety/trainings/export.xlsx',
    { schema: { tags: TAGS, summary: '导出安全培训登记（Excel）', querystring: trainingQuery } },
    async (request, reply) =>
      sendList(reply, '安全培训', 'safety-trainings', today(), TRAINING_COLUMNS, await listTrainings(db, requireUser(request), request.query)),
  );
  app.post(
    '/safety/trainings',
    {
      schema: {
        tags: TAGS,
        summary: '登记安全培训',
        body: z.object({
          unitId: bodyId.optional(),
          heldOn: isoDate,
          trainedUnit: text(100, { min: 2 }),
          topic: text(100, { min: 2 }),
          attendees: z.number().int().min(1).max(100_000),
          hours: z
            .number()
            .min(0.5, '学时至少 0.5')
            .max(100, '学时不能超过 100')
            .refine((h) => Number.isInteger(h * 10), '学时最多保留一位小数'),
          teacher: text(40, { min: 0 }).default(''),
        }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return createTraining({ db, user, actor: actorOf(user, request.ip), today: today(), input: request.body });
    },
  );
}
