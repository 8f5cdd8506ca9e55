import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { sendXlsx } from '../../core/http/send-xlsx.ts';
import { requireUser } from '../../core/access/guards.ts';
import { actorOf } from '../../core/auth/session-user.ts';
import { AppError } from '../../core/errors.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { exportFileName, exportList, type ExportColumn } from '../../core/excel/list-export.ts';
import { id, page, pageSize, safeString, searchText } from '../../core/http/input.ts';
import { revealPersonalValue, type PersonalField } from '../../core/personal-data/index.ts';
import { asStaff, registerActionRoute } from '../../kernel/actions/index.ts';
import { allowedActions } from '../../kernel/machine/index.ts';
import { getTimeline, timelineEntrySchema } from '../../kernel/timeline/index.ts';
import { presentDeadlines, presentedDeadlineSchema } from '../../kernel/deadlines/index.ts';
import { escalateDispute, type EscalateInput } from './escalate.ts';
import { createDispute, disputeInput } from './create-dispute.ts';
import { getDispute, listDisputes, type DisputeListRow } from './read-disputes.ts';
import { DISPUTE_ACTIONS, loadDispute } from './actions.ts';
import { DISPUTE_MACHINE, isDisputeHandler } from './machine.ts';
import { DISPUTE_DOCUMENT_KINDS, issueDisputeDocument } from './documents.ts';
import { DISPUTE_SOURCES, ESCALATION_ROUTES, FAILURE_ROUTES, MEDIATION_KINDS, RISK_KINDS } from './fields.ts';
import { failureRoutes, protectionRoutes } from './settings.ts';

const TAGS = ['disputes'];
const params = z.object({ id });
const codeName = z.array(z.object({ code: z.string(), name: z.string() }));
const list = (m: Record<string, string>) => Object.entries(m).map(([code, name]) => ({ code, name }));
const filter = {
  q: searchText.optional(),
  state: z.enum(Object.keys(DISPUTE_MACHINE.states) as [keyof typeof DISPUTE_MACHINE.states, ...(keyof typeof DISPUTE_MACHINE.states)[]]).optional(),
  typeId: id.optional(),
  source: z.enum(['screening', 'visit', 'grid', 'petition', 'hotline']).optional(),
  townshipUnitId: id.optional(),
  campaignId: id.optional(),
  mediationKind: z.enum(['people', 'administrative', 'judicial']).optional(),
  urgent: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
};
const listRow = z.object({
  id: z.number(),
  refNo: z.string(),
  title: z.string(),
  source: z.string(),
  sourceName: z.string(),
  typeName: z.string(),
  placeName: z.string(),
  townshipName: z.string().nullable(),
  ownerName: z.string(),
  peopleCount: z.number(),
  amount: z.number().nullable(),
  foundOn: z.string(),
  urgent: z.boolean(),
  riskName: z.string().nullable(),
  mediatorName: z.string().nullable(),
  mediationKindName: z.string().nullable().describe('调解途径（三调联动）'),
  state: z.string(),
  stateName: z.string(),
  outcomeName: z.string().nullable(),
  levelName: z.string().nullable(),
  runningDue: z.string().nullable(),
  closedOn: z.string().nullable(),
});
const nullableText = z.string().nullable();
const detail = listRow.extend({
  place: nullableText,
  facts: z.string(),
  riskNote: nullableText,
  campaignId: z.number().nullable(),
  mediationKind: z.enum(['people', 'administrative', 'judicial']).nullable(),
  committee: nullableText,
  mediatingUnitName: nullableText.describe('行政调解：主持调解的行政机关'),
  courtReferralName: nullableText.describe('司法调解：委派（立案前）或委托（立案后）'),
  courtName: nullableText,
  courtCaseNo: nullableText,
  courtDueOn: nullableText.describe('人民法院确定的调解期限'),
  courtReportedOn: nullableText,
  courtReport: nullableText,
  acceptedOn: nullableText,
  refusedParty: nullableText,
  refusedReason: nullableText,
  agreementForm: z.enum(['written', 'oral']).nullable(),
  agreementFormName: nullableText,
  agreedOn: nullableText,
  points: nullableText,
  responsibility: nullableText,
  terms: nullableText,
  performMethod: nullableText,
  performDueOn: nullableText,
  effectiveOn: nullableText,
  performedOn: nullableText,
  performNote: nullableText,
  confirmAppliedOn: nullableText,
  confirmCourt: nullableText,
  confirmResultName: nullableText,
  confirmDueOn: nullableText.describe('司法确认申请期限的最后一日（协议生效之日起，按法定时限计算）'),
  revisitOn: nullableText,
  revisitNote: nullableText,
  failureReason: nullableText,
  routesTold: z.array(z.string()),
  routesSource: z.string().describe('告知途径的法律依据'),
  protectionRoutes: z.array(z.object({ name: z.string(), source: z.string() })).describe('有激化风险时的法定保护途径'),
  parties: z.array(z.object({ id: z.number(), role: z.string(), roleName: z.string(), name: z.string(), idNumber: nullableText, phone: nullableText })),
  sessions: z.array(z.object({ id: z.number(), heldOn: z.string(), place: nullableText, mediators: z.string(), record: z.string() })),
  deadlines: z.array(presentedDeadlineSchema),
  allowedActions: z.array(z.object({ code: z.string(), name: z.string(), inputSchema: z.unknown().optional() })),
  documentKinds: z.array(z.object({ kind: z.string(), name: z.string() })),
  mayReveal: z.boolean().describe('本人可说明理由查看当事人完整信息'),
  timeline: z.array(timelineEntrySchema),
});

export const DISPUTE_COLUMNS: ExportColumn<DisputeListRow>[] = [
  { header: '纠纷编号', width: 18, value: (r) => r.refNo },
  { header: '纠纷类型', width: 14, value: (r) => r.typeName },
  { header: '来源', width: 12, value: (r) => r.sourceName },
  { header: '乡镇（街道）', width: 12, value: (r) => r.townshipName },
  { header: '发生地', width: 12, value: (r) => r.placeName },
  { header: '调处单位', width: 20, value: (r) => r.ownerName },
  { header: '简要情况', width: 40, value: (r) => r.title },
  { header: '涉及人数', width: 10, value: (r) => r.peopleCount },
  { header: '涉及金额（元）', width: 14, value: (r) => r.amount },
  { header: '登记日期', width: 12, kind: 'day', value: (r) => r.foundOn },
  { header: '激化风险', width: 18, value: (r) => r.riskName },
  { header: '调解途径', width: 14, value: (r) => r.mediationKindName },
  { header: '调解员', width: 12, value: (r) => r.mediatorName },
  { header: '状态', width: 12, value: (r) => r.stateName },
  { header: '调处结果', width: 12, value: (r) => r.outcomeName },
  { header: '化解层级', width: 12, value: (r) => r.levelName },
  { header: '办结日期', width: 12, kind: 'day', value: (r) => r.closedOn },
];

/** 矛盾纠纷台账: list and export (scoped), entry, detail with its actions, the runner, reveal, 调解协议书. */
export async function disputeRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const today = () => shanghaiDate(deps.clock.now());

  app.get(
    '/disputes',
    {
      schema: {
        tags: TAGS,
        summary: '矛盾纠纷台账（本人可见范围；按状态、类型、来源、乡镇、调解途径、排查活动、是否紧急、是否超期筛选）',
        querystring: z.object({ ...filter, page, pageSize: pageSize(200, 20) }),
        response: { 200: z.object({ items: z.array(listRow), total: z.number(), totalCapped: z.boolean(), mayRecord: z.boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { ...(await listDisputes(db, user, request.query, today())), mayRecord: isDisputeHandler(user) };
    },
  );

  app.get(
    '/disputes/export.xlsx',
    { schema: { tags: TAGS, summary: '导出矛盾纠纷台账（Excel；与列表相同的筛选条件和数据范围）', querystring: z.object(filter) } },
    async (request, reply) => {
      const user = requireUser(request);
      const day = today();
      const stream = await exportList({
        sheetName: '矛盾纠纷台账',
        columns: DISPUTE_COLUMNS,
        fetchPage: (p, size) => listDisputes(db, user, { ...request.query, exactTotal: true, page: p, pageSize: size }, day),
      });
      return sendXlsx(reply, stream, exportFileName('矛盾纠纷台账', day), `disputes_${day}.xlsx`);
    },
  );

  app.get(
    '/disputes/options',
    {
      schema: {
        tags: TAGS,
        summary: '矛盾纠纷的选项：类型、来源、激化风险、调解方式、告知途径、状态的名称',
        response: {
          200: z.object({
            types: z.array(z.object({ id: z.number(), name: z.string() })),
            sources: codeName,
            riskKinds: codeName,
            mediationKinds: codeName,
            failureRoutes: codeName,
            escalationRoutes: codeName,
            states: codeName,
            protectionRoutes: z.array(z.object({ name: z.string(), source: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      requireUser(request);
      const types = await db.selectFrom('dispute_types').select(['id', 'name']).where('disabled', '=', false).orderBy('sort').orderBy('id').execute();
      return {
        types: types.map((t) => ({ id: Number(t.id), name: t.name })),
        sources: list(DISPUTE_SOURCES),
        riskKinds: list(RISK_KINDS),
        mediationKinds: list(MEDIATION_KINDS),
        failureRoutes: list(FAILURE_ROUTES),
        escalationRoutes: list(ESCALATION_ROUTES),
        states: Object.entries(DISPUTE_MACHINE.states).map(([code, s]) => ({ code, name: s.name })),
        protectionRoutes: await protectionRoutes(db),
      };
    },
  );

  app.post(
    '/disputes',
    {
      schema: {
        tags: TAGS,
        summary: '登记矛盾纠纷（有激化风险的立即移交派出所、妇联等单位；信访转调的与原信访事项关联）',
        body: disputeInput,
        response: { 200: z.object({ id: z.number(), refNo: z.string() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return createDispute(db, { input: request.body, user, actor: actorOf(user, request.ip), now: deps.clock.now(), keys: deps.keys, modules: deps.modules });
    },
  );

  app.get(
    '/disputes/:id',
    {
      schema: { tags: TAGS, summary: '矛盾纠纷详情：台账字段、当事人（脱敏）、调解记录、协议、期限、可办理的操作与时间线', params, response: { 200: detail } },
    },
    async (request) => {
      const user = requireUser(request);
      const day = today();
      const dispute = await getDispute(db, user, request.params.id, day);
      const party = asStaff(user);
      const { ctx } = await db.transaction().execute((trx) => loadDispute(trx, dispute.id, party));
      const last = await db.selectFrom('work_items').select('last_event_on').where('id', '=', dispute.id).executeTakeFirstOrThrow();
      const [deadlines, timeline, routes, protection] = await Promise.all([
        presentDeadlines(db, dispute.id, day),
        getTimeline(db, deps.modules, dispute.id, user),
        failureRoutes(db),
        dispute.urgent ? protectionRoutes(db) : Promise.resolve([]),
      ]);
      return {
        ...dispute,
        confirmDueOn: ctx.confirmDueOn,
        routesSource: routes.source,
        protectionRoutes: protection,
        deadlines,
        timeline,
        allowedActions: isDisputeHandler(user) ? allowedActions(DISPUTE_MACHINE, party, ctx, { today: day, earliest: last.last_event_on }) : [],
        mayReveal: isDisputeHandler(user),
        documentKinds: isDisputeHandler(user) ? DISPUTE_DOCUMENT_KINDS.applicable(dispute).map((k) => ({ kind: k.kind, name: k.name })) : [],
      };
    },
  );

  registerActionRoute(app, {
    base: '/disputes',
    tags: TAGS,
    summary: '办理矛盾纠纷：受理、不予调解、调解记录、达成协议、签署、司法确认、履行、回访、调解不成、升级（由统一的办理程序执行）',
    actions: DISPUTE_ACTIONS,
    db,
    clock: deps.clock,
    keys: deps.keys,
    extraResponse: {
      escalatedTo: z.object({ id: z.number(), refNo: z.string(), created: z.boolean() }).optional().describe('升级后关联的信访事项或督办事项'),
    },
    // the dispute becomes the petition (registered now, or an existing one) or the supervised case: linked both ways
    after: async (step) =>
      step.action === 'escalate'
        ? {
            escalatedTo: await escalateDispute(step.trx, {
              disputeId: step.id,
              input: step.input as unknown as EscalateInput,
              on: step.on,
              user: step.user,
              actor: step.actor,
              now: step.now,
              keys: deps.keys,
              modules: deps.modules,
            }),
          }
        : {},
  });

  app.post(
    '/disputes/:id/parties/:pid/reveal',
    {
      schema: {
        tags: TAGS,
        summary: '查看当事人完整信息（须说明理由，记入审计）',
        params: z.object({ id, pid: id }),
        body: z.object({ field: z.enum(['name', 'idNumber', 'phone']), reason: safeString().max(500) }),
        response: { 200: z.object({ value: z.string().nullable() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!isDisputeHandler(user)) throw new AppError('FORBIDDEN');
      const { field, reason } = request.body;
      return db.transaction().execute(async (trx) => {
        await loadDispute(trx, request.params.id, asStaff(user));
        const p = await trx
          .selectFrom('dispute_parties')
          .select(['id', 'name_enc', 'id_number_enc', 'phone_enc'])
          .where('id', '=', request.params.pid)
          .where('dispute_id', '=', request.params.id)
          .executeTakeFirst();
        if (!p) throw new AppError('NOT_FOUND');
        const stored = field === 'name' ? p.name_enc : field === 'idNumber' ? p.id_number_enc : p.phone_enc;
        const pdField: PersonalField = field === 'name' ? 'name' : field === 'idNumber' ? 'id_number' : 'phone';
        if (stored === null) return { value: null };
        return {
          value: await revealPersonalValue(trx, {
            keys: deps.keys,
            actor: actorOf(user, request.ip),
            entityType: 'dispute_party',
            entityId: Number(p.id),
            field: pdField,
            stored,
            reason,
          }),
        };
      });
    },
  );

  app.post(
    '/disputes/:id/documents',
    {
      schema: {
        tags: TAGS,
        summary: '制作人民调解协议书（GB/T 9704，按本单位发文代字编号）',
        params,
        body: z.object({ kind: z.string().regex(/^[a-z_]{1,40}$/, '文书种类代码不正确') }),
        response: { 200: z.object({ id: z.number(), number: z.string(), fileName: z.string(), name: z.string() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const doc = await issueDisputeDocument(db, {
        id: request.params.id,
        kind: request.body.kind,
        user,
        actor: actorOf(user, request.ip),
        now: deps.clock.now(),
        today: today(),
        keys: deps.keys,
      });
      return { id: doc.id, number: doc.number, fileName: doc.fileName, name: doc.name };
    },
  );
}
