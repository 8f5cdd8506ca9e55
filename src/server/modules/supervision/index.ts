/**
 * 督查督办 (issue 16), reached by other modules and the registry only through this file. Its work item is the 督办事项
 * (tasks/: a tracked task assigned to a unit with its source, deadline, feedback, 核查销号 and 退回); notices/ is the
 * numbered 督办通知 (发文) whose tasks are 督办事项 and whose named existing items get the kernel's single-item 督办通知.
 */
import type { App, AppDeps } from '../../app.ts';
import { taskRoutes } from './tasks/index.ts';
import { dispatchRoutes } from './notices/index.ts';

export { SUPERVISION_MODULE } from './descriptor.ts';
export { TASK_ACTIONS as SUPERVISION_TASK_ACTIONS } from './tasks/index.ts';
export { issueDispatch, type IssueDispatchInput } from './notices/index.ts';
export { campaignRoutes, planCampaign, addRecord, addResponse, decideObjection, issueBulletin } from './campaigns/index.ts';
export { meetingRoutes, createMeeting, addDecision, withdrawDecision, issueMinutes, type MeetingInput } from './meetings/index.ts';
export {
  actionRoutes,
  dispatchSlots,
  createAction,
  addItems as addActionItems,
  addDispatch as addActionDispatch,
  setStatus as setActionStatus,
} from './actions/index.ts';
export { createSupervisionTasks, readSourceTasks, countSourceTasks, SOURCE_KINDS, type TaskSource, type NewTask, type TaskCounts } from './tasks/index.ts';

/** Every HTTP route of 督查督办 (under /api/v1/supervision). */
export async function supervisionModuleRoutes(app: App, deps: AppDeps): Promise<void> {
  await taskRoutes(app, deps);
  await dispatchRoutes(app, deps);
}
