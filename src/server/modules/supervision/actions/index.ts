/**
 * 专项行动 (issue 16): an action with its plan, 领导小组 and 工作专班, the 问题清单 (each row a 督办事项 of source 'action'
 * with its 包案领导), 调度 records with the 未调度 periods, progress and export. Reached from outside through the module's index.
 */
export { actionRoutes } from './routes.ts';
export { createAction, addItems, addDispatch, setStatus, figuresAt, type ActionInput, type ItemsInput, type DispatchInput } from './write.ts';
export { dispatchSlots, type DispatchSlot } from './schedule.ts';
export { ACTION_SOURCE } from './fields.ts';
