/** The kernel's case timeline: clock events + audit events of a work item, in order, in zh-CN. */
export { getTimeline, type TimelineEntry } from './get-timeline.ts';
export { amountZh, UNIT_ZH, auditActionZh, kernelAuditLabels } from './labels.ts';
export { timelineEntrySchema } from './timeline-schema.ts';
