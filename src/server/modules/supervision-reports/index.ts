/**
 * 定期报告 (日报告、零报告、周报、月报、季报) of 督查督办 (issue 16): a plain feature, not a case module — a submission
 * is not a work item. The registry mounts its routes and its reminder job through this file; kernel/ and core/ never
 * import it.
 */
export { periodicReportRoutes } from './routes.ts';
export { periodicReportReminderJob, remindBeforeCutOff } from './reminder.job.ts';
export { dueReportSlots, type DueSlot, type DueStatus } from './due-slots.ts';
