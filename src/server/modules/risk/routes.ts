import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { sendXlsx } from '../../core/http/send-xlsx.ts';
import { requireUser } from '../../core/access/guards.ts';
import { actorOf } from '../../core/auth/session-user.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { exportFileName, exportList, type ExportColumn } from '../../core/excel/list-export.ts';
import { id, page, pageSize, searchText } from '../../core/http/input.ts';
import { asStaff, registerActionRoute } from '../../kernel/actions/index.ts';
import { allowedActions } from '../../kernel/machine/index.ts';
import { getTimeline, timelineEntrySchema } from '../../kernel/timeline/index.ts';
import { presentDeadlines, presentedDeadlineSchema } from '../../kernel/deadlines/index.ts';
import { createAssessment, createAssessmentInput } from './create-assessment.ts';
import { getAssessment, itemsAtPlace, listAssessments, type AssessmentListRow } from './read-assessments.ts';
import { RISK_ACTIONS, loadAssessment } from './actions.ts';
import { RISK_MACHINE, isRiskHandler } from './machine.ts';
import { DECISIONS, MATTER_KINDS, RISK_LEVELS, SUBJECT_KINDS } from './fields.ts';
import { loadRiskConfig } from './config.ts';
import { riskSettingsRoutes } from './settings-routes.ts';

const TAGS = ['risk'];
const params = z.object({ id });
const bool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
const filter = {
  q: searchText.optional(),
  state: z.enum(['assessing', 'decided', 'filed', 'closed']).optional(),
  matterKind: z.enum(['project', 'decision', 'event']).optional(),
  planYear: z.coerce.number().int().min(2000).max(2100).optional(),
  responsibleUnitId: id.optional(),
  level: z.enum(['high', 'medium', 'low']).optional(),
  counted: bool,
  filingLate: bool,
};
const listRow = z.object({
  id: z.number(),
  refNo: z.string(),
  matterKind: z.string(),
  matterKindName: z.string(),
  matterName: z.string(),
  responsibleUnitId: z.number(),
  responsibleUnitName: z.string(),
  placeName: z.string().nullable(),
  planYear: z.number(),
  counted: z.boolean(),
  targetOn: z.string(),
  subjectKindName: z.string(),
  subjectName: z.string(),
  currentStepName: z.string().nullable(),
  level: z.string().nullable(),
  levelName: z.string().nullable(),
  decisionName: z.string().nullable(),
  decidedOn: z.string().nullable(),
  filingDue: z.string().nullable(),
  filedOn: z.string().nullable(),
  filingLate: z.boolean(),
  state: z.string(),
  stateName: z.string(),
  receivedOn: z.string(),
});
const detail = listRow.extend({
  description: z.string().nullable(),
  builderName: z.string().nullable(),
  location: z.string().nullable(),
  analysis: z.array(z.object({ key: z.string(), name: z.string(), text: z.string().nullable() })),
  levelBasis: z.string().nullable(),
  residualLevelName: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decisionRecordedBy: z.string().nullable(),
  closedOn: z.string().nullable(),
  steps: z.array(
    z.object({
      seq: z.number(),
      name: z.string(),
      status: z.enum(['done', 'current', 'waiting']),
      evidence: z.string().nullable(),
      minimums: z.array(z.string()),
      startedOn: z.string().nullable(),
      closedOn: z.string().nullable(),
      summary: z.string().nullable(),
      attachmentIds: z.array(z.number()),
      closedBy: z.string().nullable(),
    }),
  ),
  archive: z.array(
    z.object({ code: z.string(), name: z.string(), providedOn: z.string().nullable(), attachmentId: z.number().nullable(), note: z.string().nullable() }),
  ),
  archiveMissing: z.number(),
  measures: z.array(
    z.object({
      id: z.number(),
      content: z.string(),
      ownerUnitName: z.string(),
      ownerName: z.string().nullable(),
      dueOn: z.string(),
      doneOn: z.string().nullable(),
      result: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  atPlace: z
    .array(
      z.object({
        id: z.number(),
        moduleName: z.string(),
        href: z.string(),
        stateName: z.string(),
        refNo: z.string(),
        title: z.string(),
        receivedOn: z.string(),
      }),
    )
    .describe('事项所在地的信访件、矛盾纠纷等（本人可见范围内）'),
  deadlines: z.array(presentedDeadlineSchema),
  allowedActions: z.array(z.object({ code: z.string(), name: z.string(), inputSchema: z.unknown().optional() })),
  currentStepEarliestClose: z.string().nullable().describe('当前步骤最早可完成之日：最短期限（公示、征求意见）届满的次日；空串表示某一期限已暂停'),
  timeline: z.array(timelineEntrySchema),
});

export const RISK_COLUMNS: ExportColumn<AssessmentListRow>[] = [
  { header: '编号', width: 18, value: (r) => r.refNo },
  { header: '事项名称', width: 36, value: (r) => r.matterName },
  { header: '事项类别', width: 18, value: (r) => r.matterKindName },
  { header: '责任单位', width: 22, value: (r) => r.responsibleUnitName },
  { header: '所在地', width: 14, value: (r) => r.placeName },
  { header: '评估年度', width: 10, value: (r) => r.planYear },
  { header: '纳入上级考核', width: 12, value: (r) => r.counted },
  { header: '完成时限', width: 12, kind: 'day', value: (r) => r.targetOn },
  { header: '评估主体', width: 28, value: (r) => `${r.subjectName}（${r.subjectKindName}）` },
  { header: '当前步骤', width: 18, value: (r) => r.currentStepName },
  { header: '风险等级', width: 10, value: (r) => r.levelName },
  { header: '审定决策', width: 10, value: (r) => r.decisionName },
  { header: '审定日期', width: 12, kind: 'day', value: (r) => r.decidedOn },
  { header: '备案期限', width: 12, kind: 'day', value: (r) => r.filingDue },
  { header: '备案日期', width: 12, kind: 'day', value: (r) => r.filedOn },
  { header: '逾期备案', width: 10, value: (r) => r.filingLate },
  { header: '状态', width: 16, value: (r) => r.stateName },
];

/** 稳评: the year's list (filters, Excel), registration with the subject rule, the detail with its steps, and the runner. */
export async function riskRoutes(app: App, deps: AppDeps): Promise<void> {
  await riskSettingsRoutes(app, deps);
  const db = deps.database.db;
  const today = () => shanghaiDate(deps.clock.now());

  app.get(
    '/risk/assessments',
    {
      schema: {
        tags: TAGS,
        summary: '稳评事项清单（本人可见范围；按年度、类别、责任单位、风险等级、状态、是否纳入考核、是否逾期备案筛选）',
        querystring: z.object({ ...filter, page, pageSize: pageSize(200, 20) }),
        response: { 200: z.object({ items: z.array(listRow), total: z.number(), mayRecord: z.boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { ...(await listAssessments(db, user, request.query, today())), mayRecord: isRiskHandler(user) };
    },
  );

  app.get(
    '/risk/assessments/export.xlsx',
    { schema: { tags: TAGS, summary: '导出稳评事项清单（Excel；与列表相同的筛选条件和数据范围）', querystring: z.object(filter) } },
    async (request, reply) => {
      const user = requireUser(request);
      const day = today();
      const stream = await exportList({
        sheetName: '稳评事项清单',
        columns: RISK_COLUMNS,
        fetchPage: (p, size) => listAssessments(db, user, { ...request.query, page: p, pageSize: size }, day),
      });
      return sendXlsx(reply, stream, exportFileName('稳评事项清单', day), `risk_assessments_${day}.xlsx`);
    },
  );

  app.get(
    '/risk/options',
    {
      schema: {
        tags: TAGS,
        summary: '稳评的选项：事项类别、评估主体、风险等级、审定决策、状态的名称，评估步骤与档案资料目录',
        response: {
          200: z.object({
            matterKinds: z.array(z.object({ code: z.string(), name: z.string() })),
            subjectKinds: z.array(z.object({ code: z.string(), name: z.string() })),
            levels: z.array(z.object({ code: z.string(), name: z.string() })),
            decisions: z.array(z.object({ code: z.string(), name: z.string() })),
            states: z.array(z.object({ code: z.string(), name: z.string() })),
            steps: z.array(z.string()),
            archive: z.array(z.string()),
            target: z.object({ month: z.number(), day: z.number(), countedKinds: z.array(z.string()).optional() }),
          }),
        },
      },
    },
    async (request) => {
      requireUser(request);
      const list = (m: Record<string, string>) => Object.entries(m).map(([code, name]) => ({ code, name }));
      const config = await loadRiskConfig(db);
      return {
        matterKinds: list(MATTER_KINDS),
        subjectKinds: list(SUBJECT_KINDS),
        levels: list(RISK_LEVELS),
        decisions: list(DECISIONS),
        states: Object.entries(RISK_MACHINE.states).map(([code, s]) => ({ code, name: s.name })),
        steps: config.steps.map((s) => s.name),
        archive: config.archive.map((a) => a.name),
        target: config.target,
      };
    },
  );

  app.post(
    '/risk/assessments',
    {
      schema: {
        tags: TAGS,
        summary: '列入稳评事项清单（重大项目、重大决策、重大活动），确定评估主体，开始第一步',
        body: createAssessmentInput,
        response: { 200: z.object({ id: z.number(), refNo: z.string() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return createAssessment(db, { input: request.body, user, actor: actorOf(user, request.ip), now: deps.clock.now() });
    },
  );

  app.get(
    '/risk/assessments/:id',
    {
      schema: {
        tags: TAGS,
        summary: '稳评详情：步骤与佐证、最短期限、分析论证、风险等级与决策、化解措施、档案资料目录、可办理的操作与时间线',
        params,
        response: { 200: detail },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const day = today();
      const a = await getAssessment(db, user, request.params.id, day);
      const party = asStaff(user);
      const { ctx } = await db.transaction().execute((trx) => loadAssessment(trx, a.id, party));
      const last = await db.selectFrom('work_items').select('last_event_on').where('id', '=', a.id).executeTakeFirstOrThrow();
      const [deadlines, timeline, atPlace] = await Promise.all([
        presentDeadlines(db, a.id, day),
        getTimeline(db, deps.modules, a.id, user),
        itemsAtPlace(db, deps.modules, user, a.id),
      ]);
      return {
        ...a,
        atPlace,
        deadlines,
        timeline,
        allowedActions: allowedActions(RISK_MACHINE, party, ctx, { today: day, earliest: last.last_event_on }),
        currentStepEarliestClose: ctx.step?.earliestClose ?? null,
      };
    },
  );

  registerActionRoute(app, {
    base: '/risk/assessments',
    tags: TAGS,
    summary: '办理稳评：完成步骤、分析论证、定级、化解措施、审定决策、档案资料、备案、跟踪化解（由统一的办理程序执行）',
    actions: RISK_ACTIONS,
    db,
    clock: deps.clock,
    keys: deps.keys,
  });
}
