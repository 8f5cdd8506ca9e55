import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { AppError } from '../../../core/errors.ts';
import { id } from '../../../core/http/input.ts';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import { ACTION_CATEGORIES, ACTION_RHYTHMS, ACTION_STATUSES, DISPATCH_FORMS, MEMBER_ROLES, STAFF_ROLES } from './fields.ts';
import { actionInput, addDispatch, addItems, createAction, dispatchInput, itemsInput, setStatus, statusInput } from './write.ts';
import { actionItems, getAction, listActions } from './read.ts';
import { itemsWorkbook } from './export.ts';
import { visibleActions } from './scope.ts';

const TAGS = ['supervision'];
const status = z.enum(['preparing', 'running', 'summary', 'ended']);
const taskStatus = z.enum(['done', 'reported', 'late', 'inProgress', 'notStarted', 'withdrawn']);
const nullable = z.string().nullable();
const listRow = z.object({
  id: z.number(),
  name: z.string(),
  categoryName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  leadUnitName: z.string(),
  status,
  statusName: z.string(),
  rhythmName: z.string(),
  items: z.number().describe('问题清单条数（本人可见范围）'),
  done: z.number().describe('已销号'),
  late: z.number().describe('逾期未反馈'),
});
const item = z.object({
  id: z.number(),
  seq: z.number(),
  taskId: z.number(),
  taskHref: z.string(),
  refNo: z.string(),
  title: z.string(),
  detail: nullable,
  standard: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  leaderId: z.number().nullable(),
  leaderName: nullable,
  dueDate: z.string(),
  assignedOn: z.string(),
  status: taskStatus,
  statusName: z.string(),
  overdueDays: z.number(),
  linked: z.object({ refNo: z.string(), moduleName: z.string(), stateName: z.string(), href: z.string(), open: z.boolean() }).nullable(),
});
const detail = z.object({
  id: z.number(),
  name: z.string(),
  category: z.string(),
  categoryName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  goals: z.string(),
  measures: nullable,
  steps: nullable,
  rhythm: z.string(),
  rhythmName: z.string(),
  status,
  statusName: z.string(),
  leadUnitName: z.string(),
  members: z.array(z.object({ role: z.string(), roleName: z.string(), name: z.string(), post: nullable })),
  groups: z.array(z.object({ name: z.string(), leadUnitName: z.string(), members: z.array(z.string()) })),
  whole: z.boolean().describe('是否看到整个行动（否则只看到本单位、本人包案的问题）'),
  items: z.array(item),
  dispatches: z.array(
    z.object({
      id: z.number(),
      dispatchedOn: z.string(),
      formName: z.string(),
      reported: z.string(),
      problems: nullable,
      nextSteps: nullable,
      total: z.number(),
      closed: z.number(),
      overdue: z.number(),
      backdateReason: nullable,
      recordedBy: z.string(),
    }),
  ),
  slots: z.array(z.object({ from: z.string(), to: z.string(), label: z.string(), state: z.enum(['done', 'missing', 'pending']) })),
  mayManage: z.boolean(),
  nextStatuses: z.array(z.object({ code: z.string(), name: z.string() })),
});
const params = z.object({ id });
const list = (m: Record<string, string>) => Object.entries(m).map(([code, name]) => ({ code, name }));
const option = z.array(z.object({ code: z.string(), name: z.string() }));

/** 专项行动: the action and its plan, the 问题清单 (each row a 督办事项), 调度 records, progress and export. */
export async function actionRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const today = () => shanghaiDate(deps.clock.now());

  app.get(
    '/supervision/actions',
    {
      schema: {
        tags: TAGS,
        summary: '专项行动（督查办、牵头单位和领导小组成员看全部；责任单位只看有本单位问题的行动）',
        response: { 200: z.object({ items: z.array(listRow), mayCreate: z.boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return {
        items: await listActions(db, user, today()),
        mayCreate: user.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r)),
      };
    },
  );

  app.get(
    '/supervision/action-options',
    {
      schema: {
        tags: TAGS,
        summary: '专项行动的类别、调度频次、阶段、领导小组职务、调度形式的名称',
        response: { 200: z.object({ categories: option, rhythms: option, statuses: option, memberRoles: option, forms: option }) },
      },
    },
    async (request) => {
      requireUser(request);
      return {
        categories: list(ACTION_CATEGORIES),
        rhythms: list(ACTION_RHYTHMS),
        statuses: list(ACTION_STATUSES),
        memberRoles: list(MEMBER_ROLES),
        forms: list(DISPATCH_FORMS),
      };
    },
  );

  app.post(
    '/supervision/actions',
    {
      schema: {
        tags: TAGS,
        summary: '部署专项行动：名称、类别、期间、实施方案、领导小组、工作专班、调度频次（督查办或牵头单位）',
        body: actionInput,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return createAction(db, { user, actor: actorOf(user, request.ip), input: request.body });
    },
  );

  app.get(
    '/supervision/actions/:id',
    {
      schema: {
        tags: TAGS,
        summary: '专项行动详情：实施方案、领导小组、工作专班、问题清单及办理进度、调度记录和未调度的时段',
        params,
        response: { 200: detail },
      },
    },
    async (request) => getAction(db, deps.modules, requireUser(request), request.params.id, today()),
  );

  app.post(
    '/supervision/actions/:id/items',
    {
      schema: {
        tags: TAGS,
        summary: '列入问题清单（全部成功或全部不列入）：每个问题交办责任单位和包案领导，成为督办事项；可关联已有事项（如积案）',
        params,
        body: itemsInput,
        response: { 200: z.object({ ids: z.array(z.number()) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return addItems(db, {
        user,
        actor: actorOf(user, request.ip),
        now: deps.clock.now(),
        modules: deps.modules,
        actionId: request.params.id,
        input: request.body,
      });
    },
  );

  app.post(
    '/supervision/actions/:id/dispatches',
    {
      schema: {
        tags: TAGS,
        summary: '登记调度（调度会、书面调度、现场调度），按调度日期计算问题清单进度（可补录）',
        params,
        body: dispatchInput,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return addDispatch(db, { user, actor: actorOf(user, request.ip), actionId: request.params.id, input: request.body, today: today() });
    },
  );

  app.post(
    '/supervision/actions/:id/status',
    {
      schema: {
        tags: TAGS,
        summary: '推进行动阶段：筹备 → 实施中 → 总结 → 已结束',
        params,
        body: statusInput,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await setStatus(db, { user, actor: actorOf(user, request.ip), actionId: request.params.id, status: request.body.status });
      return { ok: true as const };
    },
  );

  app.get('/supervision/actions/:id/items.xlsx', { schema: { tags: TAGS, summary: '导出问题清单（Excel，本人可见范围）', params } }, async (request, reply) => {
    const user = requireUser(request);
    const a = await visibleActions(db, user).select(['a.id', 'a.name']).where('a.id', '=', request.params.id).executeTakeFirst();
    if (!a) throw new AppError('NOT_FOUND');
    const day = today();
    const items = await actionItems(db, deps.modules, user, Number(a.id), day);
    return sendXlsx(reply, await itemsWorkbook(a.name, day, items), `${a.name}问题清单_${day}.xlsx`, `action-${a.id}-items_${day}.xlsx`);
  });
}
