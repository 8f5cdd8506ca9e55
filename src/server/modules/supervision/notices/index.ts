/** 督办通知 (发文): numbered notices whose tasks are 督办事项 and whose named existing items get the kernel's 督办通知. */
export { dispatchRoutes } from './routes.ts';
export { issueDispatch, voidDispatch, getDispatch, listDispatches, type IssueDispatchInput } from './dispatches.ts';
