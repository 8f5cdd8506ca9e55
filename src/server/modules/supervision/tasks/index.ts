/**
 * 督办事项 — the tracked task every part of 督查督办 creates (督办通知, 督查 findings, 专项行动 问题清单, meeting decisions,
 * 考核): other code of this module calls createSupervisionTasks inside its own transaction and reads a source's tasks
 * with readSourceTasks / countSourceTasks. Keep these signatures stable: other lanes build on them.
 */
export { createSupervisionTasks, type CreateTasksOptions, type NewTask } from './create-tasks.ts';
export {
  readSourceTasks,
  countSourceTasks,
  emptyCounts,
  getTask,
  listTasks,
  TASK_STATUSES,
  taskStatusSql,
  type TaskStatus,
  type TaskCounts,
  type TaskView,
} from './read-tasks.ts';
export { SOURCE_KINDS, sourceName, sourceHref, type TaskSource, type SourceKindDef } from './sources.ts';
export { TASK_ACTIONS, loadTask } from './actions.ts';
export { withdrawSourceTasks, withdrawSourceTask } from './withdraw-tasks.ts';
export { TASK_MACHINE, type TaskState } from './machine.ts';
export { taskRoutes } from './routes.ts';
