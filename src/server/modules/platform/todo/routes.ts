import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { listMyTodo, type TodoItem } from './my-todo.ts';
import { exportFileName, exportList, type ExportColumn } from '../../../core/excel/list-export.ts';
import { id, page } from '../../../core/http/input.ts';

const level = z.enum(['normal', 'approaching', 'overdue', 'severe']);
const todoFilters = z.object({
  scope: z.enum(['mine', 'unit']).default('mine'),
  warning: level.optional(),
  unitId: id.optional().describe('承办单位（主办单位，未交办时为登记单位；含下级单位）'),
  sort: z.enum(['due', 'created']).default('due'),
});
const WARNING_NAMES: Record<z.infer<typeof level>, string> = { normal: '正常', approaching: '临期', overdue: '超期', severe: '严重超期' };
const TODO_COLUMNS: ExportColumn<TodoItem>[] = [
  { header: '编号', width: 22, value: (i) => i.refNo },
  { header: '类型', width: 10, value: (i) => i.moduleName },
  { header: '标题', width: 36, value: (i) => i.title },
  { header: '承办单位', width: 18, value: (i) => i.handlingUnitName },
  { header: '承办人', width: 10, value: (i) => i.assigneeName },
  { header: '状态', width: 12, value: (i) => i.stateName },
  { header: '最近期限', width: 12, kind: 'day', value: (i) => i.nearestDue },
  { header: '预警', width: 10, value: (i) => WARNING_NAMES[i.warningLevel] },
  {
    header: '期限明细',
    width: 40,
    value: (i) =>
      i.deadlines
        .filter((d) => d.status === 'running')
        .map((d) => `${d.label}${d.dueDate ? ` ${d.dueDate}` : ''}`)
        .join('；'),
  },
];

/** 我的待办: the work items waiting for me or my unit, with their deadlines and warning levels. */
export async function todoRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/my/todo',
    {
      schema: {
        tags: ['todo'],
        summary: '我的待办（本人承办或本单位及下级单位的在办事项，含期限与预警）',
        querystring: todoFilters.extend({
          page,
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                workItemId: z.number(),
                href: z.string(),
                module: z.string(),
                moduleName: z.string(),
                refNo: z.string(),
                title: z.string(),
                state: z.string(),
                stateName: z.string(),
                ownerUnitId: z.number(),
                ownerUnitName: z.string(),
                handlingUnitName: z.string().describe('承办单位：交办后的主办单位，未交办时为登记单位'),
                assigneeName: z.string().nullable(),
                nearestDue: z.string().nullable(),
                countdown: z.string().nullable().describe('最近期限的剩余时间（按工作日历）：剩2个工作日、今日到期、超期6天'),
                warningLevel: level,
                deadlines: z.array(
                  z.object({
                    id: z.number(),
                    label: z.string(),
                    ruleKey: z.string(),
                    dueDate: z.string().nullable(),
                    status: z.string(),
                    provisional: z.boolean(),
                    warningLevel: level,
                    explanation: z.string(),
                    minimum: z.boolean().describe('最短期限（如公示期）：不计逾期'),
                  }),
                ),
              }),
            ),
            total: z.number(),
            counts: z.object({ normal: z.number(), approaching: z.number(), overdue: z.number(), severe: z.number() }),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return listMyTodo({ db: deps.database.db, modules: deps.modules, user, query: request.query, today: shanghaiDate(deps.clock.now()) });
    },
  );

  app.get(
    '/my/todo/export.xlsx',
    { schema: { tags: ['todo'], summary: '导出我的待办（Excel；与列表相同的范围、预警筛选和排序，不分页，最多 5 万条）', querystring: todoFilters } },
    async (request, reply) => {
      const user = requireUser(request);
      const today = shanghaiDate(deps.clock.now());
      const stream = await exportList({
        sheetName: '我的待办',
        columns: TODO_COLUMNS,
        fetchPage: (page, pageSize) => listMyTodo({ db: deps.database.db, modules: deps.modules, user, query: { ...request.query, page, pageSize }, today }),
      });
      const name = request.query.scope === 'unit' ? '本单位待办' : '我的待办';
      return sendXlsx(reply, stream, exportFileName(name, today), `todo_${today}.xlsx`);
    },
  );
}
