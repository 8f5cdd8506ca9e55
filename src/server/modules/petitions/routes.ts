import { z } from 'zod';
import { petitionListFilters } from './list-filters.ts';
import { loadIntakeSettings, representativesRuleFor } from './intake-settings.ts';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../app.ts';
import type { Actor } from '../../core/audit/audit-chain.ts';
import { requireUser } from '../../core/access/guards.ts';
import { AppError } from '../../core/errors.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { presentedDeadlineSchema } from '../../kernel/deadlines/index.ts';
import { timelineEntrySchema } from '../../kernel/timeline/index.ts';
import { blindIndex, revealPersonalValue, type PersonalField } from '../../core/personal-data/index.ts';
import { intakeBody } from './intake-schema.ts';
import { createRegistrationWriter, prepareRegistration } from './register-petition.ts';
import { counterRoutes } from './counter-routes.ts';
import { checkBusinessDate, loadBackdateWindow } from '../../kernel/actions/index.ts';
import { getPetitionRecord, loadCtx, loadVisible } from './repository.ts';
import { performPetitionAction } from './actions/perform-action.ts';
import { listPetitions } from './list-petitions.ts';
import { auditPersonalSearch, personalTerm, petitionsOfPerson } from './personal-search.ts';
import { listExtensionApprovers } from './extension-approvers.ts';
import { findEarlierOfPeople } from './similar-petitions.ts';
import { canReveal, isXfj } from './policy.ts';
import { safeString, page } from '../../core/http/input.ts';

const actorOf = (request: FastifyRequest): Actor => {
  const u = requireUser(request);
  return { userId: u.id, name: u.displayName, unitId: u.unitId, ip: request.ip };
};
const idParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const flags = z.object({
  collective: z.boolean(),
  firstTime: z.boolean(),
  repeat: z.boolean(),
  repeatOf: z.number().nullable().optional(),
  skippedLevel: z.boolean(),
  lawRelated: z.boolean(),
  afterTermination: z.boolean(),
  evalOverdue: z.boolean().optional(),
});
const unitRef = z.object({ id: z.number(), name: z.string() });
const caseRef = z.object({ id: z.number(), caseNo: z.string() });
const party = z.object({
  id: z.number(),
  role: z.string(),
  roleName: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  unitPath: z.string().nullable(),
  leaderId: z.number().nullable(),
  leaderName: z.string().nullable(),
  active: z.boolean(),
  assignedAt: z.string(),
});
const petitioner = z.object({
  id: z.number(),
  nameMasked: z.string(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  address: z.string().nullable(),
});
const record = z.looseObject({
  id: z.number(),
  caseNo: z.string(),
  stage: z.string(),
  state: z.string(),
  stateName: z.string(),
  channel: z.string(),
  matterType: z.string(),
  anonymous: z.boolean(),
  category: z.object({ id: z.number(), names: z.array(z.string()) }),
  title: z.string(),
  content: z.string(),
  placeUnit: unitRef,
  accusedUnit: unitRef.nullable(),
  ownerUnit: unitRef,
  urgency: z.string(),
  receivedAt: z.string(),
  visit: z.unknown(),
  upper: z.unknown(),
  flags,
  petitioners: z.array(petitioner),
  parties: z.array(party),
  deadlines: z.array(presentedDeadlineSchema),
  decisions: z.record(z.string(), z.unknown()),
  links: z.object({ reviewOf: caseRef.nullable(), reviews: z.array(caseRef.extend({ stage: z.string() })) }),
  allowedActions: z.array(
    z.object({ code: z.string(), name: z.string(), inputSchema: z.unknown().optional().describe('JSON Schema of the action input (z.toJSONSchema)') }),
  ),
  timeline: z.array(timelineEntrySchema),
});
const listItem = z.looseObject({
  id: z.number(),
  caseNo: z.string(),
  stage: z.string(),
  state: z.string(),
  stateName: z.string(),
  channel: z.string(),
  matterType: z.string(),
  title: z.string(),
  urgency: z.string(),
  receivedAt: z.string(),
  placeUnitName: z.string().nullable(),
  nearestDue: z.string().nullable(),
  warningLevel: z.enum(['normal', 'approaching', 'overdue', 'severe']),
  flags,
});
const TAGS = ['petitions'];

/** 收到日期 under the kernel's business-date rules, worded for the counter (收到日期, not 发生日期). */
function checkReceivedOn(receivedAt: string, backdateReason: string | undefined, today: string, windowDays: number): void {
  try {
    checkBusinessDate({ occurredOn: shanghaiDate(new Date(receivedAt)), backdateReason, today, lastEventOn: null, windowDays });
  } catch (err) {
    if (err instanceof AppError && err.data?.field === 'occurredOn')
      throw new AppError('VALIDATION_FAILED', { detail: `收到日期：不能晚于今天（${today}）` }, { field: 'receivedAt' });
    throw err;
  }
}

/** 信访: intake, the statutory chain as actions, scoped reads, categories, audited reveal. */
export async function petitionRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const register = createRegistrationWriter(db);
  await counterRoutes(app, deps);

  app.post(
    '/petitions',
    {
      schema: {
        tags: TAGS,
        summary: '登记信访事项（来信/来访/电话/网上/领导信箱/上级交办转送），返回编号与查询码',
        body: intakeBody,
        response: {
          200: z.object({
            id: z.number(),
            caseNo: z.string(),
            queryCode: z.string(),
            state: z.string(),
            flags,
            receivedAt: z.string(),
            deadlines: z.array(z.object({ label: z.string(), dueDate: z.string().nullable(), ruleName: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const now = deps.clock.now();
      // the clocks start on the day the letter or visit was received; a day long past is 补录 with a reason (the kernel's rule)
      if (request.body.receivedAt) checkReceivedOn(request.body.receivedAt, request.body.backdateReason, shanghaiDate(now), await loadBackdateWindow(db));
      // a visit at the counter is received by someone: the clerk registering it unless a colleague of the unit is named
      // (a ledger import of old visits names nobody rather than the person importing)
      const { body } = request;
      const visit = body.channel === 'visit' && body.visit ? { ...body.visit, receivedBy: body.visit.receivedBy ?? user.id } : body.visit;
      return register(prepareRegistration({ keys: deps.keys, user, actor: actorOf(request), now, body: { ...body, visit } }));
    },
  );

  app.get(
    '/petitions',
    {
      schema: {
        tags: TAGS,
        summary:
          '信访事项列表（本人数据范围内；按状态、渠道、类型、标记、超期、单位、关键词、日期筛选，分页排序）；关键词为身份证号、电话或姓名时按信访人查找并记入审计',
        querystring: petitionListFilters.extend({
          page,
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ items: z.array(listItem), total: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      // a search by a person's ID number, phone or name looks into personal data: matched by blind index, audited
      const term = personalTerm(request.query.q);
      const personIds = term ? await petitionsOfPerson(db, deps.keys, term) : undefined;
      const result = await listPetitions({ db, user, query: request.query, today: shanghaiDate(deps.clock.now()), personIds });
      if (term) await auditPersonalSearch(db, actorOf(request), term, result.total, '信访事项');
      return result;
    },
  );

  app.get(
    '/petitions/repeat-candidates',
    {
      schema: {
        tags: TAGS,
        summary: '登记时提示：同一信访人（按身份证号/电话的盲索引）此前的信访事项及内容相似度',
        querystring: z.object({
          idNumber: safeString().max(30).optional(),
          phone: safeString().max(30).optional(),
          title: safeString().max(200).default(''),
          content: safeString().max(20000).default(''),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                caseNo: z.string(),
                title: z.string(),
                stage: z.string(),
                state: z.string(),
                receivedAt: z.string(),
                similarity: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!isXfj(user)) throw new AppError('FORBIDDEN');
      const { idNumber, phone, title, content } = request.query;
      const found = await findEarlierOfPeople(db, {
        idBidx: idNumber ? [blindIndex(deps.keys, 'id_number', idNumber)] : [],
        phoneBidx: phone ? [blindIndex(deps.keys, 'phone', phone)] : [],
        text: `${title} ${content}`,
        limit: 50,
      });
      // a look-up is a read path like any other: only the earlier cases the user may see (never an accusation against their unit)
      const visible = found.length
        ? new Set(
            (
              await db
                .selectFrom('work_items as wi')
                .select('wi.id')
                .where(
                  'wi.id',
                  'in',
                  found.map((r) => r.id),
                )
                .where(deps.modules.visibleSql(user))
                .execute()
            ).map((r) => Number(r.id)),
          )
        : new Set<number>();
      const rows = found.filter((r) => visible.has(Number(r.id)));
      return {
        items: rows
          .map((r) => ({
            id: r.id,
            caseNo: r.case_no,
            title: r.title,
            stage: r.stage,
            state: r.state,
            receivedAt: new Date(r.received_at).toISOString(),
            similarity: Math.round(r.sim * 100) / 100,
          }))
          .sort((a, b) => b.similarity - a.similarity),
      };
    },
  );

  app.get(
    '/petitions/:id/approvers',
    {
      schema: {
        tags: TAGS,
        summary: '可批准延期的人员：承办单位工作人员（不含本人）与县领导',
        params: z.object({ id: idParam }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.number(), displayName: z.string(), unitName: z.string() })) }) },
      },
    },
    async (request) => listExtensionApprovers({ db, user: requireUser(request), id: request.params.id }),
  );

  app.get(
    '/petitions/:id',
    {
      schema: {
        tags: TAGS,
        summary: '信访事项详情：状态、标记、信访人（脱敏）、责任单位、期限与预警、决定、关联复查复核、可执行操作、时间线',
        params: z.object({ id: idParam }),
        response: { 200: record },
      },
    },
    async (request) => getPetitionRecord({ db, modules: deps.modules, user: requireUser(request), id: request.params.id, now: deps.clock.now() }),
  );

  app.post(
    '/petitions/:id/actions/:action',
    {
      schema: {
        tags: TAGS,
        summary:
          '执行一个办理操作（受理、不予受理、转送、交办、退回、延期、出具意见、送达、评价、申请复查复核、办结、不再受理…）；当前不允许时返回 409 且不作任何变更',
        params: z.object({ id: idParam, action: safeString().max(40) }),
        body: z.record(z.string(), z.unknown()).optional(),
        response: { 200: record },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await performPetitionAction({
        db,
        user,
        actor: actorOf(request),
        id: request.params.id,
        action: request.params.action,
        input: request.body ?? {},
        now: deps.clock.now(),
        keys: deps.keys,
      });
      return getPetitionRecord({ db, modules: deps.modules, user, id: request.params.id, now: deps.clock.now() });
    },
  );

  app.post(
    '/petitions/:id/petitioners/:pid/reveal',
    {
      schema: {
        tags: TAGS,
        summary: '查看信访人完整信息（须说明理由，记入审计）',
        params: z.object({ id: idParam, pid: idParam }),
        body: z.object({ field: z.enum(['name', 'idNumber', 'phone']), reason: safeString().max(500) }),
        response: { 200: z.object({ value: z.string().nullable() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { field, reason } = request.body;
      return db.transaction().execute(async (trx) => {
        const row = await loadVisible(trx, user, request.params.id);
        const { ctx } = await loadCtx(trx, row);
        if (!canReveal(user, ctx)) throw new AppError('FORBIDDEN');
        const p = await trx
          .selectFrom('petitioners')
          .select(['id', 'name_enc', 'id_number_enc', 'phone_enc'])
          .where('id', '=', request.params.pid)
          .where('petition_id', '=', row.id)
          .executeTakeFirst();
        if (!p) throw new AppError('NOT_FOUND');
        const stored = field === 'name' ? p.name_enc : field === 'idNumber' ? p.id_number_enc : p.phone_enc;
        const pdField: PersonalField = field === 'name' ? 'name' : field === 'idNumber' ? 'id_number' : 'phone';
        if (stored === null) return { value: null };
        return {
          value: await revealPersonalValue(trx, {
            keys: deps.keys,
            actor: actorOf(request),
            entityType: 'petitioner',
            entityId: Number(p.id),
            field: pdField,
            stored,
            reason,
          }),
        };
      });
    },
  );

  app.get(
    '/petitions/intake-settings',
    {
      schema: {
        tags: TAGS,
        summary: '登记页所需的可配置阈值（集体访人数；集体访代表人数上限及其依据，按登记单位所在省；无须说明理由的补录天数）',
        response: {
          200: z.object({
            collectiveMinPersons: z.number(),
            representativesMax: z.number(),
            representativesSource: z.string(),
            backdateWindowDays: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const [settings, unit, backdateWindowDays] = await Promise.all([
        loadIntakeSettings(db),
        db.selectFrom('units').select('province_code').where('id', '=', user.unitId).executeTakeFirst(),
        loadBackdateWindow(db),
      ]);
      const reps = representativesRuleFor(settings, unit?.province_code ?? '');
      return { collectiveMinPersons: settings.collectiveMinPersons, representativesMax: reps.max, representativesSource: reps.source, backdateWindowDays };
    },
  );

  app.get(
    '/petition-categories',
    {
      schema: {
        tags: TAGS,
        summary: '信访问题类别（多级树）',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                parentId: z.number().nullable(),
                name: z.string(),
                children: z.array(z.object({ id: z.number(), parentId: z.number().nullable(), name: z.string() })),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      requireUser(request);
      const rows = await db
        .selectFrom('petition_categories')
        .select(['id', 'parent_id', 'name'])
        .where('disabled', '=', false)
        .orderBy('sort')
        .orderBy('id')
        .execute();
      const all = rows.map((r) => ({ id: Number(r.id), parentId: r.parent_id === null ? null : Number(r.parent_id), name: r.name }));
      return { items: all.filter((c) => c.parentId === null).map((c) => ({ ...c, children: all.filter((x) => x.parentId === c.id) })) };
    },
  );
}
