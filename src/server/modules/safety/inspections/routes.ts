import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { AppError } from '../../../core/errors.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { sendDownload } from '../../../core/http/send-download.ts';
import { DOCX_TYPE } from '../../../core/documents/index.ts';
import { exportFileName, exportList, type ExportColumn } from '../../../core/excel/list-export.ts';
import { id, isCalendarDate, page, pageSize, safeString, searchText, text } from '../../../core/http/input.ts';
import { readAttachment } from '../../../core/files/attachment-store.ts';
import { listInspectors, listTies } from './people.ts';
import { mayManageAccounts } from '../register/scope.ts';
import { listChecklists, saveChecklist } from './checklists.ts';
import { createPlan, drawPlan, PLAN_KINDS, recordTie, TIE_ZH, type Tie } from './plans.ts';
import { getPlan, listPlans, publicDraws, type PlanRow } from './read-plans.ts';
import { idempotencyKey, recordInput, submitRecord } from './records.ts';
import { myFieldTargets } from './field.ts';
import { getRecord, inspectionRecordDocx, rectificationOrderDocx } from './record-documents.ts';

const TAGS = ['safety'];
const params = z.object({ id });
const day = z.string().refine(isCalendarDate, '应为真实存在的日期（YYYY-MM-DD）');
const refId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const checklistOut = z.object({
  id: z.number(),
  name: z.string(),
  sectorId: z.number().nullable(),
  sectorName: z.string().nullable(),
  disabled: z.boolean(),
  items: z.array(z.object({ id: z.number(), content: z.string(), basis: z.string(), basisVerified: z.boolean().describe('判定依据已核对原文') })),
});
const checklistBody = z.object({
  name: text(60).describe('检查表名称'),
  sectorId: refId.nullable().describe('行业领域'),
  disabled: z.boolean().optional(),
  items: z
    .array(
      z.object({
        id: refId.optional(),
        content: text(300).describe('检查项目'),
        basis: text(300).describe('判定依据'),
        basisVerified: z.boolean().default(false).describe('判定依据已核对原文'),
      }),
    )
    .min(1)
    .max(200),
});
const planRow = z.object({
  id: z.number(),
  kind: z.enum(PLAN_KINDS),
  kindName: z.string(),
  title: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  unitName: z.string(),
  targets: z.number(),
  inspected: z.number(),
  withHazards: z.number(),
});
const planDetail = planRow.extend({
  checklistId: z.number().nullable(),
  checklistName: z.string().nullable(),
  draw: z
    .object({
      seed: z.string(),
      filter: z.unknown(),
      filterWords: z.array(z.string()).describe('抽取条件（文字）'),
      drawnAt: z.string().nullable(),
      count: z.number(),
      perTarget: z.number(),
      candidates: z.number(),
      freshCandidates: z.number().describe('本年度尚未检查的候选对象（优先抽取）'),
      pool: z.number(),
      ties: z.number().describe('执法人员库与候选对象之间登记的回避关系'),
      replayMatches: z.boolean().describe('按记录的种子和名单重放，结果一致'),
    })
    .nullable(),
  items: z.array(
    z.object({
      id: z.number(),
      enterpriseId: z.number(),
      enterpriseName: z.string(),
      townshipName: z.string(),
      inspectors: z.array(z.string()),
      inspectedAt: z.string().nullable(),
      result: z.enum(['pass', 'hazards']).nullable(),
      recordId: z.number().nullable(),
      recordNo: z.string().nullable(),
      mine: z.boolean().describe('本人是该对象的检查人员'),
      hazards: z.array(z.object({ id: z.number(), refNo: z.string() })).describe('检查记录登记的隐患'),
    }),
  ),
});
const planBase = {
  title: text(100).describe('检查计划名称'),
  periodFrom: day.describe('检查开始日期'),
  periodTo: day.describe('检查结束日期'),
  unitId: refId.optional().describe('检查单位'),
  checklistId: refId.nullable().optional().describe('检查表'),
};
const checklistItemOut = z.object({ id: z.number(), content: z.string(), basis: z.string(), basisVerified: z.boolean().describe('判定依据已核对原文') });
const fieldTargetsOut = z.object({
  today: z.string(),
  until: z.string(),
  hazardCategories: z.array(z.string()).describe('隐患类别（供不合格项选择）'),
  targets: z.array(
    z.object({
      id: z.number(),
      planId: z.number(),
      planTitle: z.string(),
      planKindName: z.string(),
      periodFrom: z.string(),
      periodTo: z.string(),
      enterpriseName: z.string(),
      address: z.string().nullable(),
      townshipName: z.string(),
      inspectors: z.array(z.string()),
      recorded: z.object({ recordNo: z.string(), inspectedAt: z.string(), inspector: z.string() }).nullable(),
      checklist: z.object({ id: z.number(), name: z.string(), version: z.string(), items: z.array(checklistItemOut) }).nullable(),
    }),
  ),
});
const submitOut = z.object({ id: z.number(), recordNo: z.string(), orderNo: z.string().nullable(), hazardIds: z.array(z.number()), replayed: z.boolean() });
const recordOut = z.object({
  id: z.number(),
  recordNo: z.string(),
  orderNo: z.string().nullable(),
  planTitle: z.string(),
  planKind: z.string(),
  enterpriseName: z.string(),
  inspectingUnit: z.string(),
  inspector: z.string(),
  inspectors: z.array(z.string()),
  inspectedAt: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  remarks: z.string().nullable(),
  partyName: z.string().nullable(),
  results: z.array(z.object({ content: z.string(), basis: z.string(), outcome: z.string(), finding: z.string().nullable() })),
  files: z.array(z.object({ id: z.number(), kind: z.enum(['photo', 'inspector_signature', 'party_signature']), size: z.number() })),
  hazards: z.array(z.object({ id: z.number(), refNo: z.string(), description: z.string(), dueOn: z.string() })),
});
const publicOut = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      periodFrom: z.string(),
      periodTo: z.string(),
      inspectingUnit: z.string(),
      drawnOn: z.string(),
      targets: z.array(z.object({ enterpriseName: z.string(), township: z.string(), inspected: z.boolean(), result: z.string().nullable() })),
      summary: z.object({ targets: z.number(), inspected: z.number(), passed: z.number(), withHazards: z.number() }),
    }),
  ),
});

export const PLAN_COLUMNS: ExportColumn<PlanRow>[] = [
  { header: '检查计划', width: 36, value: (r) => r.title },
  { header: '检查方式', width: 14, value: (r) => r.kindName },
  { header: '开始日期', width: 12, kind: 'day', value: (r) => r.periodFrom },
  { header: '结束日期', width: 12, kind: 'day', value: (r) => r.periodTo },
  { header: '检查单位', width: 20, value: (r) => r.unitName },
  { header: '检查对象', width: 10, kind: 'number', value: (r) => r.targets },
  { header: '已检查', width: 10, kind: 'number', value: (r) => r.inspected },
  { header: '发现隐患的对象', width: 14, kind: 'number', value: (r) => r.withHazards },
];

const FILE_KIND_ZH = { photo: '现场照片', inspector_signature: '检查人员签名', party_signature: '被检查单位签名' } as const;

function keyHeader(request: FastifyRequest): string {
  const parsed = idempotencyKey.safeParse(request.headers['idempotency-key']);
  if (!parsed.success) throw new AppError('SAFETY_INSPECTION_KEY_REQUIRED', {}, { field: 'Idempotency-Key' });
  return parsed.data;
}

/** 监督检查: sector checklists, plans (大检查, 专项整治, 双随机, 四不两直, 暗访), records with their documents, the 一公开 list. */
export async function inspectionRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/safety/checklists',
    { schema: { tags: TAGS, summary: '行业检查表（检查项目及判定依据）', response: { 200: z.object({ items: z.array(checklistOut) }) } } },
    async (request) => {
      requireUser(request);
      return { items: await listChecklists(db, { includeDisabled: true }) };
    },
  );
  app.post(
    '/safety/checklists',
    { schema: { tags: TAGS, summary: '新增检查表（县安委办、应急管理局或系统管理员）', body: checklistBody, response: { 200: checklistOut } } },
    async (request) => {
      const user = requireUser(request);
      if (!mayManageAccounts(user)) throw new AppError('FORBIDDEN');
      return saveChecklist(db, { id: null, input: request.body, actor: actorOf(user, request.ip) });
    },
  );
  app.put(
    '/safety/checklists/:id',
    { schema: { tags: TAGS, summary: '修改检查表（项目按顺序；未列出的项目停用）', params, body: checklistBody, response: { 200: checklistOut } } },
    async (request) => {
      const user = requireUser(request);
      if (!mayManageAccounts(user)) throw new AppError('FORBIDDEN');
      return saveChecklist(db, { id: request.params.id, input: request.body, actor: actorOf(user, request.ip) });
    },
  );

  const listFilter = {
    kind: z.enum(PLAN_KINDS).optional(),
    from: day.optional().describe('检查期间自'),
    to: day.optional().describe('检查期间至'),
    status: z.enum(['pending', 'done']).optional().describe('pending 尚有未检查对象；done 全部检查完成'),
  };
  const listQuery = z.object({ ...listFilter, page, pageSize: pageSize() });
  app.get(
    '/safety/inspections',
    {
      schema: {
        tags: TAGS,
        summary: '检查计划（四不两直、暗访计划在检查完成前不向被检查企业及其属地显示）',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(planRow), total: z.number() }) },
      },
    },
    async (request) => listPlans(db, requireUser(request), request.query),
  );
  app.get(
    '/safety/inspections/export.xlsx',
    { schema: { tags: TAGS, summary: '导出检查计划（Excel；与列表相同的筛选条件和数据范围）', querystring: z.object(listFilter) } },
    async (request, reply) => {
      const user = requireUser(request);
      const today = shanghaiDate(deps.clock.now());
      const stream = await exportList({
        sheetName: '检查计划',
        columns: PLAN_COLUMNS,
        fetchPage: (p, size) => listPlans(db, user, { ...request.query, page: p, pageSize: size }),
      });
      return sendXlsx(reply, stream, exportFileName('检查计划', today), `safety-inspections_${today}.xlsx`);
    },
  );
  app.post(
    '/safety/inspections',
    {
      schema: {
        tags: TAGS,
        summary: '制定检查计划（大检查、专项整治、四不两直、督查暗访；检查对象和检查人员）',
        body: z.object({
          kind: z.enum(['general', 'special', 'unannounced', 'covert']).describe('检查方式'),
          ...planBase,
          enterpriseIds: z.array(refId).min(1).max(2000).describe('检查对象'),
          inspectorIds: z.array(refId).min(1).max(50).describe('检查人员'),
        }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return createPlan(db, { input: request.body, user, actor: actorOf(user, request.ip) });
    },
  );
  app.post(
    '/safety/inspections/draw',
    {
      schema: {
        tags: TAGS,
        summary: '双随机抽查：按条件从登记册随机抽取检查对象、从执法人员库随机匹配检查人员（记录随机种子，可复核）',
        body: z.object({
          ...planBase,
          filter: z
            .object({
              sectorId: refId.optional().describe('行业领域'),
              townshipUnitId: refId.optional().describe('属地乡镇'),
              riskGrade: z.enum(['red', 'orange', 'yellow', 'blue']).optional().describe('风险等级'),
            })
            .default({}),
          count: z.number().int().min(1).max(500).describe('抽取数量'),
          perTarget: z.number().int().min(1).max(5).default(2).describe('每户检查人数'),
          inspectorPool: z.array(refId).min(1).max(500).describe('执法人员库'),
          seed: safeString().min(1).max(100).optional().describe('随机种子（不填则随机生成）'),
        }),
        response: { 200: z.object({ id: z.number(), seed: z.string() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return drawPlan(db, { input: request.body, user, actor: actorOf(user, request.ip), now: deps.clock.now() });
    },
  );
  app.get(
    '/safety/inspections/:id',
    { schema: { tags: TAGS, summary: '检查计划详情（只列本人可见的检查对象）', params, response: { 200: planDetail } } },
    async (request) => getPlan(db, requireUser(request), request.params.id),
  );
  app.get(
    '/safety/inspectors',
    {
      schema: {
        tags: TAGS,
        summary: '可选的检查人员（应急、部门、乡镇在用的工作人员账户；按本人数据范围）',
        querystring: z.object({ q: searchText.optional() }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.number(), displayName: z.string(), unitName: z.string() })) }) },
      },
    },
    async (request) => ({ items: await listInspectors(db, requireUser(request), { q: request.query.q || undefined }) }),
  );
  app.get(
    '/safety/inspection-ties',
    {
      schema: {
        tags: TAGS,
        summary: '登记的回避关系（本人可见的企业）',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                userName: z.string(),
                unitName: z.string(),
                enterpriseId: z.number(),
                enterpriseName: z.string(),
                tie: z.enum(Object.keys(TIE_ZH) as [Tie, ...Tie[]]),
                tieName: z.string(),
                note: z.string().nullable(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await listTies(db, requireUser(request)) }),
  );
  app.post(
    '/safety/inspection-ties',
    {
      schema: {
        tags: TAGS,
        summary: '登记检查人员应当回避的关系（近亲属、曾任职、同一单位等）',
        body: z.object({
          userId: refId.describe('检查人员'),
          enterpriseId: refId.describe('企业'),
          tie: z.enum(Object.keys(TIE_ZH) as [Tie, ...Tie[]]).describe('回避情形'),
          note: text(200, { min: 0 }).optional().describe('说明'),
        }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return recordTie(db, { input: request.body, user, actor: actorOf(user, request.ip) });
    },
  );
  app.get(
    '/safety/field-targets',
    {
      schema: {
        tags: TAGS,
        summary: '现场检查：本人今天及近几天的检查对象（企业名称地址、检查计划、检查表及判定依据），供手机离线使用',
        querystring: z.object({ days: z.coerce.number().int().min(0).max(31).default(7).describe('包括今后几天开始的计划') }),
        response: { 200: fieldTargetsOut },
      },
    },
    async (request) => myFieldTargets(db, requireUser(request), { today: shanghaiDate(deps.clock.now()), days: request.query.days }),
  );
  app.post(
    '/safety/inspection-targets/:id/record',
    {
      schema: {
        tags: TAGS,
        summary: '提交现场检查记录（须带 Idempotency-Key：同一编号重复提交只保存一次；不合格项自动登记为隐患）',
        params,
        body: recordInput,
        response: { 200: submitOut },
      },
      bodyLimit: 40 * 1024 * 1024,
    },
    async (request) => {
      const user = requireUser(request);
      return submitRecord(db, {
        targetId: request.params.id,
        key: keyHeader(request),
        input: request.body,
        user,
        actor: actorOf(user, request.ip),
        now: deps.clock.now(),
        dataDir: deps.config.dataDir,
      });
    },
  );
  app.get('/safety/inspection-records/:id', { schema: { tags: TAGS, summary: '现场检查记录', params, response: { 200: recordOut } } }, async (request) => {
    const { raw: _raw, issuerMark: _mark, ...view } = await getRecord(db, requireUser(request), request.params.id);
    return view;
  });
  app.get('/safety/inspection-records/:id/record.docx', { schema: { tags: TAGS, summary: '下载现场检查记录（DOCX）', params } }, async (request, reply) => {
    const view = await getRecord(db, requireUser(request), request.params.id);
    return sendDownload(reply, {
      bytes: await inspectionRecordDocx(view),
      type: DOCX_TYPE,
      fileName: `现场检查记录_${view.recordNo}.docx`,
      asciiName: `inspection-record-${view.id}.docx`,
    });
  });
  app.get(
    '/safety/inspection-records/:id/files/:fileId',
    { schema: { tags: TAGS, summary: '检查记录的现场照片或签名图片', params: z.object({ id, fileId: id }) } },
    async (request, reply) => {
      const view = await getRecord(db, requireUser(request), request.params.id);
      const file = view.files.find((f) => f.id === request.params.fileId);
      if (!file) throw new AppError('NOT_FOUND');
      const row = await db.selectFrom('safety_inspection_files').select(['sha256', 'mime']).where('id', '=', file.id).executeTakeFirstOrThrow();
      const png = row.mime === 'image/png';
      return sendDownload(reply, {
        bytes: await readAttachment(deps.config.dataDir, row.sha256),
        type: row.mime,
        fileName: `${FILE_KIND_ZH[file.kind]}_${view.recordNo}_${file.id}.${png ? 'png' : 'jpg'}`,
        asciiName: `inspection-${view.id}-${file.id}.${png ? 'png' : 'jpg'}`,
      });
    },
  );
  app.get(
    '/safety/inspection-records/:id/order.docx',
    { schema: { tags: TAGS, summary: '下载责令限期整改指令书（DOCX）', params } },
    async (request, reply) => {
      const view = await getRecord(db, requireUser(request), request.params.id);
      return sendDownload(reply, {
        bytes: await rectificationOrderDocx(view),
        type: DOCX_TYPE,
        fileName: `责令限期整改指令书_${view.orderNo ?? ''}.docx`,
        asciiName: `rectification-order-${view.id}.docx`,
      });
    },
  );

  // 一公开: no session; names of enterprises and units, results — nothing about people
  app.get(
    '/portal/safety/random-inspections',
    {
      schema: {
        tags: ['portal'],
        summary: '双随机抽查结果公开（抽查计划、抽取的企业、检查单位、检查结果）',
        querystring: z.object({ page, pageSize: pageSize(50, 20) }),
        response: { 200: publicOut },
      },
    },
    async (request) => publicDraws(db, request.query),
  );
}
