import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import { exportFileName, exportList, type ExportColumn } from '../../../core/excel/list-export.ts';
import { id, page, pageSize, searchText } from '../../../core/http/input.ts';
import { asStaff, registerActionRoute } from '../../../kernel/actions/index.ts';
import { allowedActions } from '../../../kernel/machine/index.ts';
import { getTimeline, timelineEntrySchema } from '../../../kernel/timeline/index.ts';
import { presentDeadlines, presentedDeadlineSchema } from '../../../kernel/deadlines/index.ts';
import { TASK_ACTIONS, loadTask } from './actions.ts';
import { TASK_MACHINE } from './machine.ts';
import { getTask, listTasks, TASK_STATUSES, type TaskStatus, type TaskView } from './read-tasks.ts';

const TAGS = ['supervision'];
export const taskStatusEnum = z.enum(Object.keys(TASK_STATUSES) as [TaskStatus, ...TaskStatus[]]);
export const taskSchema = z.object({
  id: z.number(),
  refNo: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  unitId: z.number(),
  unitName: z.string(),
  leaderName: z.string().nullable(),
  officeName: z.string(),
  dueDate: z.string(),
  assignedOn: z.string(),
  state: z.string(),
  stateName: z.string(),
  status: taskStatusEnum,
  statusName: z.string(),
  overdueDays: z.number(),
  source: z.object({ kind: z.string(), kindName: z.string(), id: z.number(), label: z.string(), href: z.string().nullable() }),
  reportText: z.string().nullable(),
  reportedOn: z.string().nullable(),
  reportedBy: z.string().nullable(),
  returnedCount: z.number(),
  returnReason: z.string().nullable(),
  verifiedOn: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  verifyNote: z.string().nullable(),
});
const filter = { status: taskStatusEnum.optional(), unitId: id.optional(), q: searchText.optional() };

const COLUMNS: ExportColumn<TaskView>[] = [
  { header: '编号', width: 20, value: (r) => r.refNo },
  { header: '督办事项', width: 36, value: (r) => r.title },
  { header: '承办单位', width: 20, value: (r) => r.unitName },
  { header: '督办来源', width: 36, value: (r) => r.source.label },
  { header: '交办日期', width: 12, value: (r) => r.assignedOn },
  { header: '完成时限', width: 12, value: (r) => r.dueDate },
  { header: '办理状态', width: 14, value: (r) => r.statusName },
  { header: '逾期天数', width: 10, value: (r) => r.overdueDays },
  { header: '反馈日期', width: 12, value: (r) => r.reportedOn ?? '' },
  { header: '销号日期', width: 12, value: (r) => r.verifiedOn ?? '' },
];

/** 督办事项: the list (a unit sees its own), Excel, one task with its actions, and the runner (签收、反馈、核查销号、退回). */
export async function taskRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const today = () => shanghaiDate(deps.clock.now());

  app.get(
    '/supervision/tasks',
    {
      schema: {
        tags: TAGS,
        summary: '督办事项清单（本人可见范围：督查部门看全部，承办单位只看本单位的事项；按办理状态、承办单位筛选）',
        querystring: z.object({ ...filter, page, pageSize: pageSize(200, 20) }),
        response: { 200: z.object({ items: z.array(taskSchema), total: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return listTasks(db, user, request.query, today());
    },
  );

  app.get(
    '/supervision/tasks/export.xlsx',
    { schema: { tags: TAGS, summary: '导出督办事项清单（Excel；与列表相同的筛选条件和数据范围）', querystring: z.object(filter) } },
    async (request, reply) => {
      const user = requireUser(request);
      const day = today();
      const stream = await exportList({
        sheetName: '督办事项清单',
        columns: COLUMNS,
        fetchPage: (p, size) => listTasks(db, user, { ...request.query, page: p, pageSize: size }, day),
      });
      return sendXlsx(reply, stream, exportFileName('督办事项清单', day), `supervision_tasks_${day}.xlsx`);
    },
  );

  app.get(
    '/supervision/tasks/:id',
    {
      schema: {
        tags: TAGS,
        summary: '督办事项详情：来源、承办单位、完成时限、反馈与核查情况、可办理的操作与时间线',
        params: z.object({ id }),
        response: {
          200: taskSchema.extend({
            deadlines: z.array(presentedDeadlineSchema),
            timeline: z.array(timelineEntrySchema),
            allowedActions: z.array(z.object({ code: z.string(), name: z.string(), inputSchema: z.unknown().optional() })),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const day = today();
      const task = await getTask(db, user, request.params.id, day);
      const party = asStaff(user);
      const { ctx } = await db.transaction().execute((trx) => loadTask(trx, task.id, party));
      const last = await db.selectFrom('work_items').select('last_event_on').where('id', '=', task.id).executeTakeFirstOrThrow();
      const [deadlines, timeline] = await Promise.all([presentDeadlines(db, task.id, day), getTimeline(db, deps.modules, task.id, user)]);
      return { ...task, deadlines, timeline, allowedActions: allowedActions(TASK_MACHINE, party, ctx, { today: day, earliest: last.last_event_on }) };
    },
  );

  registerActionRoute(app, {
    base: '/supervision/tasks',
    tags: TAGS,
    summary: '办理督办事项：签收、反馈办理情况、核查销号、退回重办（由统一的办理程序执行）',
    actions: TASK_ACTIONS,
    db,
    clock: deps.clock,
    keys: deps.keys,
  });
}
