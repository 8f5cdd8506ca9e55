import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { AppError } from '../../../core/errors.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { exportFileName, exportList, type ExportColumn } from '../../../core/excel/list-export.ts';
import { id, isCalendarDate, page, pageSize, safeString, searchText, text } from '../../../core/http/input.ts';
import { asStaff, registerActionRoute, type ActingParty } from '../../../kernel/actions/index.ts';
import { allowedActions } from '../../../kernel/machine/index.ts';
import { getTimeline, timelineEntrySchema } from '../../../kernel/timeline/index.ts';
import { presentDeadlines, presentedDeadlineSchema } from '../../../kernel/deadlines/index.ts';
import { assessHazardText } from '../quality/index.ts';
import { createHazard, selfReportInput, staffHazardInput } from './create-hazard.ts';
import { getHazard, listHazards, type HazardListRow } from './read-hazards.ts';
import { HAZARD_ACTIONS, loadHazard } from './actions.ts';
import { HAZARD_MACHINE, isHazardHandler } from './machine.ts';
import { HAZARD_DOCUMENT_KINDS, issueHazardDocument } from './documents.ts';
import { HAZARD_GRADES, HAZARD_SOURCES, SUPERVISION_LEVELS } from './fields.ts';
import { listUpwardReports, recordUpwardReport } from './upward.ts';
import { itemEscalations } from '../../../kernel/supervision/index.ts';

const TAGS = ['safety'];
/**
 * The hazard ledger exports up to 200k rows in one file (issue 14: a county's year of hazards, 100k rows, in one
 * 台账; the export streams, memory stays flat — bench/hazard-ledger.ts), explicitly above the other lists' cap
 * (MAX_EXPORT_ROWS, 50k). The benchmark picks its export filter under this same cap.
 */
export const HAZARD_EXPORT_MAX_ROWS = 200_000;
const params = z.object({ id });
const filter = {
  q: searchText.optional(),
  state: z.enum(['reported', 'rectifying', 'verifying', 'closed']).optional(),
  grade: z.enum(['general', 'major']).optional(),
  source: z.enum(['self', 'inspection', 'report', 'supervision']).optional(),
  sectorId: id.optional(),
  townshipUnitId: id.optional(),
  regulatorUnitId: id.optional(),
  enterpriseId: id.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
};
const listRow = z.object({
  id: z.number(),
  refNo: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  sectorName: z.string(),
  townshipName: z.string(),
  regulatorName: z.string().nullable(),
  source: z.string(),
  sourceName: z.string(),
  category: z.string(),
  grade: z.enum(['general', 'major']),
  gradeName: z.string(),
  description: z.string(),
  foundOn: z.string(),
  dueOn: z.string(),
  state: z.string(),
  stateName: z.string(),
  runningDue: z.string().nullable(),
  warningLevel: z.string().nullable(),
  warningName: z.string().nullable(),
  closedOn: z.string().nullable(),
  listed: z.boolean().describe('挂牌督办中'),
});
const upwardReport = z.object({
  id: z.number(),
  kind: z.enum(['major', 'closure']),
  kindName: z.string(),
  requiredOn: z.string(),
  dueDate: z.string().nullable(),
  dueAt: z.string().nullable(),
  reported: z.boolean(),
  late: z.boolean(),
  recipients: z.array(z.string()),
  content: z.string().nullable(),
  reportedOn: z.string().nullable(),
  reportedByName: z.string().nullable(),
  draft: z.string().nullable().describe('现在上报时自动生成的报告内容'),
});
const escalation = z.object({
  id: z.number(),
  escalatedAt: z.string(),
  unitName: z.string().nullable(),
  leaderNames: z.array(z.string()),
  responsibleUnitName: z.string().nullable(),
  responsibleUserName: z.string().nullable(),
  overdueText: z.string(),
  text: z.string(),
  chain: z.array(z.object({ at: z.string(), kind: z.enum(['reminder', 'notice', 'escalation']), text: z.string() })),
});
const detail = listRow.extend({
  checklistItem: z.string().nullable(),
  location: z.string().nullable(),
  basis: z.string().nullable(),
  measures: z.string().nullable(),
  responsibleName: z.string().nullable(),
  funds: z.number().nullable(),
  tempMeasures: z.string().nullable(),
  supervisionLevel: z.string().nullable(),
  supervisionLevelName: z.string().nullable(),
  orderNo: z.string().nullable(),
  inspectionUnitName: z.string().nullable().describe('检查单位（检查发现的隐患）'),
  inspectionRecordNo: z.string().nullable().describe('检查记录编号'),
  plan: z.object({ elements: z.array(z.object({ name: z.string(), text: z.string() })), madeOn: z.string().nullable(), by: z.string().nullable() }).nullable(),
  planMissing: z.array(z.string()),
  suspended: z.boolean(),
  resumeAppliedOn: z.string().nullable(),
  resumeCheckedOn: z.string().nullable(),
  resumePassed: z.boolean().nullable(),
  rectification: z.string().nullable(),
  rectifiedOn: z.string().nullable(),
  rectifiedByName: z.string().nullable(),
  verifiedOn: z.string().nullable(),
  verifiedByName: z.string().nullable(),
  verifyConclusion: z.string().nullable(),
  reportedByName: z.string().nullable(),
  enterpriseRiskGradeName: z.string().nullable(),
  enterpriseAddress: z.string().nullable(),
  closeFlaggedOn: z.string().nullable(),
  decisions: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      kindName: z.string(),
      decidedOn: z.string(),
      docNo: z.string().nullable(),
      content: z.string(),
      amount: z.number().nullable(),
    }),
  ),
  deadlines: z.array(presentedDeadlineSchema),
  upwardReports: z.array(upwardReport).describe('重大隐患上报与销号核销报告'),
  mayReportUpward: z.boolean(),
  escalations: z.array(escalation).describe('升级督办与责任倒查记录'),
  allowedActions: z.array(z.object({ code: z.string(), name: z.string(), inputSchema: z.unknown().optional() })),
  documentKinds: z.array(z.object({ kind: z.string(), name: z.string() })).describe('本人现在可为该隐患制作的文书'),
  timeline: z.array(timelineEntrySchema),
});
const assessment = z.object({
  usable: z.boolean(),
  score: z.number(),
  problems: z.array(z.string()),
  message: z.string().optional(),
  categories: z.array(z.object({ code: z.string(), name: z.string(), score: z.number() })),
});

export const HAZARD_COLUMNS: ExportColumn<HazardListRow>[] = [
  { header: '隐患编号', width: 18, value: (r) => r.refNo },
  { header: '隐患单位', width: 28, value: (r) => r.enterpriseName },
  { header: '行业领域', width: 20, value: (r) => r.sectorName },
  { header: '属地', width: 12, value: (r) => r.townshipName },
  { header: '行业主管部门', width: 20, value: (r) => r.regulatorName },
  { header: '来源', width: 10, value: (r) => r.sourceName },
  { header: '类别', width: 12, value: (r) => r.category },
  { header: '级别', width: 10, value: (r) => r.gradeName },
  { header: '隐患描述', width: 40, value: (r) => r.description },
  { header: '发现日期', width: 12, kind: 'day', value: (r) => r.foundOn },
  { header: '整改期限', width: 12, kind: 'day', value: (r) => r.dueOn },
  { header: '状态', width: 10, value: (r) => r.stateName },
  { header: '预警', width: 10, value: (r) => r.warningName },
  { header: '销号日期', width: 12, kind: 'day', value: (r) => r.closedOn },
  { header: '挂牌督办', width: 10, value: (r) => r.listed },
];

/** The acting party of a signed-in user: an enterprise account acts as its enterprise, staff as staff. */
function partyOf(user: SessionUser): ActingParty {
  if (user.roles.includes('enterprise')) {
    if (!user.enterpriseId) throw new AppError('SAFETY_ACCOUNT_NOT_LINKED');
    return { kind: 'enterprise', enterpriseId: user.enterpriseId, name: user.displayName };
  }
  return asStaff(user);
}

/** 隐患台账: list and export (scoped), detail with the actions the user may take, entry (staff and 自查自报), the runner, 文书. */
export async function safetyHazardRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const today = () => shanghaiDate(deps.clock.now());

  app.get(
    '/safety/hazards',
    {
      schema: {
        tags: TAGS,
        summary: '隐患台账（本人可见范围；按状态、级别、来源、行业领域、属地、主管部门、企业、是否超期筛选）',
        querystring: z.object({ ...filter, page, pageSize: pageSize(200, 20) }),
        response: { 200: z.object({ items: z.array(listRow), total: z.number(), totalCapped: z.boolean(), mayRecord: z.boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { ...(await listHazards(db, user, request.query, today())), mayRecord: isHazardHandler(user) || user.roles.includes('enterprise') };
    },
  );

  app.get(
    '/safety/hazards/export.xlsx',
    { schema: { tags: TAGS, summary: '导出隐患台账（Excel；与列表相同的筛选条件和数据范围）', querystring: z.object(filter) } },
    async (request, reply) => {
      const user = requireUser(request);
      const day = today();
      let last: { foundOn: string; id: number } | undefined;
      const stream = await exportList({
        sheetName: '隐患台账',
        columns: HAZARD_COLUMNS,
        maxRows: HAZARD_EXPORT_MAX_ROWS,
        // page 1 counts (the cap); the next pages continue after the last row read (keyset, no OFFSET): 100k rows
        // in 200-row pages would otherwise re-read the skipped rows 500 times over
        fetchPage: async (p, size) => {
          const page = await listHazards(db, user, { ...request.query, page: p, pageSize: size, exactTotal: true, after: p === 1 ? undefined : last }, day);
          const tail = page.items[page.items.length - 1];
          if (tail) last = { foundOn: tail.foundOn, id: tail.id };
          return page;
        },
      });
      return sendXlsx(reply, stream, exportFileName('隐患台账', day), `hazards_${day}.xlsx`);
    },
  );

  app.get(
    '/safety/hazards/options',
    {
      schema: {
        tags: TAGS,
        summary: '隐患台账的选项：来源、级别、督办级别、状态的名称',
        response: {
          200: z.object({
            sources: z.array(z.object({ code: z.string(), name: z.string() })),
            grades: z.array(z.object({ code: z.string(), name: z.string() })),
            supervisionLevels: z.array(z.object({ code: z.string(), name: z.string() })),
            states: z.array(z.object({ code: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      requireUser(request);
      const list = (m: Record<string, string>) => Object.entries(m).map(([code, name]) => ({ code, name }));
      return {
        sources: list(HAZARD_SOURCES),
        grades: list(HAZARD_GRADES),
        supervisionLevels: list(SUPERVISION_LEVELS),
        states: Object.entries(HAZARD_MACHINE.states).map(([code, s]) => ({ code, name: s.name })),
      };
    },
  );

  app.post(
    '/safety/hazards/assess-text',
    {
      schema: {
        tags: TAGS,
        summary: '检查隐患描述是否可用，并建议隐患类别（输入时调用）',
        body: z.object({ description: safeString().max(2000), checklistItem: safeString().max(500).optional() }),
        response: { 200: assessment },
      },
    },
    async (request) => {
      requireUser(request);
      return assessHazardText(request.body);
    },
  );

  app.post(
    '/safety/hazards',
    {
      schema: {
        tags: TAGS,
        summary: '登记隐患（检查发现、举报、督查），同时开始整改期限计时',
        body: staffHazardInput,
        response: { 200: z.object({ id: z.number(), refNo: z.string() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (user.roles.includes('enterprise')) throw new AppError('FORBIDDEN');
      return createHazard(db, { input: request.body, user, actor: actorOf(user, request.ip), now: deps.clock.now() });
    },
  );

  app.post(
    '/safety/hazards/self-report',
    {
      schema: {
        tags: TAGS,
        summary: '企业自查自报隐患（企业账户，只能报本企业）',
        body: selfReportInput,
        response: { 200: z.object({ id: z.number(), refNo: z.string() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!user.roles.includes('enterprise')) throw new AppError('FORBIDDEN');
      return createHazard(db, { input: request.body, user, actor: actorOf(user, request.ip), now: deps.clock.now() });
    },
  );

  app.get(
    '/safety/hazards/:id',
    { schema: { tags: TAGS, summary: '隐患详情：台账字段、治理方案、执法决定、期限、可办理的操作与时间线', params, response: { 200: detail } } },
    async (request) => {
      const user = requireUser(request);
      const day = today();
      const hazard = await getHazard(db, user, request.params.id, day);
      const party = partyOf(user);
      const { ctx } = await db.transaction().execute((trx) => loadHazard(trx, hazard.id, party));
      const last = await db.selectFrom('work_items').select('last_event_on').where('id', '=', hazard.id).executeTakeFirstOrThrow();
      const [deadlines, timeline, upwardReports, escalations] = await Promise.all([
        presentDeadlines(db, hazard.id, day),
        getTimeline(db, deps.modules, hazard.id, user),
        listUpwardReports(db, hazard.id, deps.clock.now()),
        // the 问责 record is for the staff, not the enterprise's own account
        party.kind === 'staff' ? itemEscalations(db, hazard.id) : Promise.resolve([]),
      ]);
      const { rectifiedById, ...rest } = hazard;
      void rectifiedById;
      return {
        ...rest,
        deadlines,
        timeline,
        upwardReports,
        mayReportUpward: isHazardHandler(user),
        escalations,
        allowedActions: allowedActions(HAZARD_MACHINE, party, ctx, { today: day, earliest: last.last_event_on }),
        documentKinds: isHazardHandler(user) ? HAZARD_DOCUMENT_KINDS.applicable(hazard).map((k) => ({ kind: k.kind, name: k.name })) : [],
      };
    },
  );

  registerActionRoute(app, {
    base: '/safety/hazards',
    tags: TAGS,
    summary: '办理隐患：开始整改、治理方案、申请验收、退回、复产审查、验收销号、停产整顿、执法决定（由统一的办理程序执行）',
    actions: HAZARD_ACTIONS,
    db,
    clock: deps.clock,
    keys: deps.keys,
    partyOf,
    before: async (trx, { id: hazardId, action, user, party }) => {
      if (party.kind === 'staff' && (action === 'verify' || action === 'reject' || action === 'resumeCheck')) {
        // 复查验收人 ≠ 整改人: said in words, not as a bare refusal
        const { ctx } = await loadHazard(trx, hazardId, party);
        if (ctx.rectifiedBy === user.id) throw new AppError('HAZARD_SELF_VERIFY', { name: user.displayName });
      }
    },
  });

  app.post(
    '/safety/hazards/:id/upward-reports/:reportId',
    {
      schema: {
        tags: TAGS,
        summary: '重大隐患上报（或销号核销报告）：记录向县安委办和上级应急管理部门报告，报告内容由隐患信息生成，停止上报计时',
        params: z.object({ id, reportId: id }),
        body: z.object({
          content: text(4000, { min: 0 }).optional().describe('报告内容'),
          reportedOn: z.string().refine(isCalendarDate, '应为真实存在的日期（YYYY-MM-DD）').optional().describe('上报日期'),
        }),
        response: { 200: upwardReport },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return recordUpwardReport(db, {
        hazardId: request.params.id,
        reportId: request.params.reportId,
        user,
        actor: actorOf(user, request.ip),
        now: deps.clock.now(),
        content: request.body.content,
        reportedOn: request.body.reportedOn,
      });
    },
  );

  app.post(
    '/safety/hazards/:id/documents',
    {
      schema: {
        tags: TAGS,
        summary: '制作隐患文书（责令限期整改指令书、复查意见书；GB/T 9704，按本单位发文代字编号）',
        params,
        body: z.object({ kind: z.string().regex(/^[a-z_]{1,40}$/, '文书种类代码不正确') }),
        response: { 200: z.object({ id: z.number(), number: z.string(), fileName: z.string(), name: z.string() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const doc = await issueHazardDocument(db, {
        id: request.params.id,
        kind: request.body.kind,
        user,
        actor: actorOf(user, request.ip),
        now: deps.clock.now(),
        today: today(),
      });
      return { id: doc.id, number: doc.number, fileName: doc.fileName, name: doc.name };
    },
  );
}
