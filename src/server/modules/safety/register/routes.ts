import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { AppError } from '../../../core/errors.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { exportFileName, exportList, type ExportColumn } from '../../../core/excel/list-export.ts';
import { exactText, id, page, pageSize, searchText, text } from '../../../core/http/input.ts';
import { createSector, listSectors, updateSector } from './sectors.ts';
import { getEnterprise, listEnterprises, revealEnterpriseValue, saveEnterprise, REVEAL_FIELDS, type EnterpriseRow } from './enterprises.ts';
import { enterpriseInput, RISK_GRADES } from './enterprise-input.ts';
import { mayEditRegister, mayManageAccounts } from './scope.ts';
import { createEnterpriseAccount } from './accounts.ts';
import { listEnterpriseInspections } from './enterprise-inspections.ts';

const TAGS = ['safety'];
const params = z.object({ id });
const sector = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  sort: z.number(),
  disabled: z.boolean(),
});
const enterpriseRow = z.object({
  id: z.number(),
  name: z.string(),
  creditCode: z.string().nullable(),
  sectorId: z.number(),
  sectorName: z.string(),
  townshipUnitId: z.number(),
  townshipName: z.string(),
  regulatorUnitId: z.number().nullable(),
  regulatorName: z.string().nullable(),
  legalRepName: z.string().nullable().describe('第一责任人（已脱敏）'),
  legalRepPhone: z.string().nullable().describe('第一责任人电话（已脱敏）'),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable().describe('联系电话（已脱敏）'),
  address: z.string().nullable(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  riskGrade: z.enum(['red', 'orange', 'yellow', 'blue']).nullable(),
  riskGradeName: z.string().nullable(),
  employees: z.number().nullable(),
  nextLicenceExpiry: z.string().nullable(),
  openHazards: z.number(),
  closeFlaggedOn: z.string().nullable().describe('因重大事故隐患多次受罚被提请关闭的日期'),
});
const enterpriseDetail = enterpriseRow.extend({
  licences: z.array(z.object({ id: z.number(), name: z.string(), number: z.string().nullable(), expiresOn: z.string() })),
  accounts: z.array(z.object({ id: z.number(), username: z.string(), displayName: z.string(), disabled: z.boolean() })),
  inspections: z
    .array(
      z.object({
        targetId: z.number(),
        planId: z.number(),
        planTitle: z.string(),
        kindName: z.string(),
        unitName: z.string().describe('检查单位'),
        periodFrom: z.string(),
        periodTo: z.string(),
        inspectedOn: z.string().nullable(),
        resultName: z.string(),
        recordNo: z.string().nullable(),
      }),
    )
    .describe('该企业的监督检查（本人可见的）'),
  mayEdit: z.boolean(),
  mayManageAccounts: z.boolean(),
});
const filter = {
  q: searchText.optional(),
  sectorId: id.optional(),
  townshipUnitId: id.optional(),
  regulatorUnitId: id.optional(),
  riskGrade: z.enum(['red', 'orange', 'yellow', 'blue']).optional(),
};

export const ENTERPRISE_COLUMNS: ExportColumn<EnterpriseRow>[] = [
  { header: '企业（场所）名称', width: 30, value: (r) => r.name },
  { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
  { header: '行业领域', width: 22, value: (r) => r.sectorName },
  { header: '属地乡镇（街道）', width: 14, value: (r) => r.townshipName },
  { header: '行业主管部门', width: 22, value: (r) => r.regulatorName },
  { header: '第一责任人', width: 10, value: (r) => r.legalRepName },
  { header: '第一责任人电话', width: 14, value: (r) => r.legalRepPhone },
  { header: '安全联系人', width: 10, value: (r) => r.contactName },
  { header: '联系电话', width: 14, value: (r) => r.contactPhone },
  { header: '地址', width: 30, value: (r) => r.address },
  { header: '经度', width: 11, kind: 'number', value: (r) => r.longitude },
  { header: '纬度', width: 11, kind: 'number', value: (r) => r.latitude },
  { header: '风险等级', width: 14, value: (r) => r.riskGradeName },
  { header: '从业人数', width: 9, kind: 'number', value: (r) => r.employees },
  { header: '最近证照到期', width: 12, kind: 'day', value: (r) => r.nextLicenceExpiry },
  { header: '未销号隐患', width: 10, kind: 'number', value: (r) => r.openHazards },
  { header: '提请关闭日期', width: 12, kind: 'day', value: (r) => r.closeFlaggedOn },
];

/** 登记造册: the sector tree, the register of enterprises and places (scoped), its export, personal data reveal, enterprise accounts. */
export async function safetyRegisterRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/safety/sectors',
    { schema: { tags: TAGS, summary: '行业领域（两级，含已停用）', response: { 200: z.object({ items: z.array(sector) }) } } },
    async (request) => {
      requireUser(request);
      return { items: await listSectors(db, { includeDisabled: true }) };
    },
  );
  app.post(
    '/safety/sectors',
    {
      schema: {
        tags: TAGS,
        summary: '新增行业领域（县安委办、应急管理局或系统管理员）',
        body: z.object({ parentId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).nullable().default(null), name: text(40) }),
        response: { 200: sector },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!mayManageAccounts(user)) throw new AppError('FORBIDDEN');
      return createSector(db, { ...request.body, actor: actorOf(user, request.ip) });
    },
  );
  app.put(
    '/safety/sectors/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改或停用行业领域',
        params,
        body: z.object({ name: text(40).optional(), disabled: z.boolean().optional() }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!mayManageAccounts(user)) throw new AppError('FORBIDDEN');
      await updateSector(db, { id: request.params.id, ...request.body, actor: actorOf(user, request.ip) });
      return { ok: true as const };
    },
  );

  app.get(
    '/safety/enterprises',
    {
      schema: {
        tags: TAGS,
        summary: '企业（场所）登记册：县级看全县，乡镇看属地，部门看所主管，企业账户只看本企业',
        querystring: z.object({ ...filter, page, pageSize: pageSize(200, 20) }),
        response: { 200: z.object({ items: z.array(enterpriseRow), total: z.number(), mayEdit: z.boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { ...(await listEnterprises(db, user, request.query)), mayEdit: mayEditRegister(user) };
    },
  );

  app.get(
    '/safety/enterprises/export.xlsx',
    { schema: { tags: TAGS, summary: '导出企业登记册（Excel；与列表相同的筛选条件和数据范围，个人信息已脱敏）', querystring: z.object(filter) } },
    async (request, reply) => {
      const user = requireUser(request);
      const today = shanghaiDate(deps.clock.now());
      const stream = await exportList({
        sheetName: '企业登记册',
        columns: ENTERPRISE_COLUMNS,
        fetchPage: (p, size) => listEnterprises(db, user, { ...request.query, page: p, pageSize: size }),
      });
      return sendXlsx(reply, stream, exportFileName('企业登记册', today), `safety-register_${today}.xlsx`);
    },
  );

  app.get(
    '/safety/enterprises/:id',
    { schema: { tags: TAGS, summary: '企业（场所）详情：证照、企业账户、监督检查', params, response: { 200: enterpriseDetail } } },
    async (request) => {
      const user = requireUser(request);
      const e = await getEnterprise(db, user, request.params.id);
      const inspections = await listEnterpriseInspections(db, user, e.id);
      return { ...e, inspections, mayEdit: mayEditRegister(user), mayManageAccounts: mayManageAccounts(user) };
    },
  );

  app.post(
    '/safety/enterprises',
    { schema: { tags: TAGS, summary: '登记企业（场所）', body: enterpriseInput, response: { 200: z.object({ id: z.number() }) } } },
    async (request) => {
      const user = requireUser(request);
      if (!mayEditRegister(user)) throw new AppError('FORBIDDEN');
      return db
        .transaction()
        .execute((trx) => saveEnterprise(trx, { input: request.body, user, actor: actorOf(user, request.ip), keys: deps.keys, now: deps.clock.now() }));
    },
  );

  app.put(
    '/safety/enterprises/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改企业（场所）登记信息（证照清单整体替换；第一责任人姓名、电话和联系电话留空则保持原值）',
        params,
        body: enterpriseInput,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!mayEditRegister(user)) throw new AppError('FORBIDDEN');
      return db
        .transaction()
        .execute((trx) =>
          saveEnterprise(trx, { id: request.params.id, input: request.body, user, actor: actorOf(user, request.ip), keys: deps.keys, now: deps.clock.now() }),
        );
    },
  );

  app.post(
    '/safety/enterprises/:id/reveal',
    {
      schema: {
        tags: TAGS,
        summary: '查看完整的第一责任人姓名或电话（须说明理由，记入审计）',
        params,
        body: z.object({ field: z.enum(Object.keys(REVEAL_FIELDS) as [keyof typeof REVEAL_FIELDS]), reason: text(200) }),
        response: { 200: z.object({ value: z.string().nullable() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (user.roles.includes('enterprise')) throw new AppError('FORBIDDEN');
      return {
        value: await revealEnterpriseValue(db, { id: request.params.id, ...request.body, user, actor: actorOf(user, request.ip), keys: deps.keys }),
      };
    },
  );

  app.post(
    '/safety/enterprises/:id/accounts',
    {
      schema: {
        tags: TAGS,
        summary: '为企业开通企业账户（只能查看本企业及其隐患、自查自报；首次登录须修改密码）',
        params,
        body: z.object({ username: text(32), displayName: text(30), password: exactText(128).optional() }),
        response: { 200: z.object({ id: z.number(), username: z.string(), initialPassword: z.string().optional() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return createEnterpriseAccount(db, { enterpriseId: request.params.id, ...request.body, user, actor: actorOf(user, request.ip), now: deps.clock.now() });
    },
  );

  app.get(
    '/safety/risk-grades',
    {
      schema: {
        tags: TAGS,
        summary: '风险等级（红橙黄蓝）',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) }) },
      },
    },
    async (request) => {
      requireUser(request);
      return { items: Object.entries(RISK_GRADES).map(([code, name]) => ({ code, name })) };
    },
  );
}
