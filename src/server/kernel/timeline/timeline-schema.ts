import { z } from 'zod';

/** A timeline entry as the API sends it (every module's item pages use this one shape). */
export const timelineEntrySchema = z.object({
  at: z.string().describe('发生时间（补录的事项为其发生日期）'),
  recordedAt: z.string().nullable().describe('录入时间'),
  kind: z.string(),
  label: z.string(),
  detail: z.string(),
  actorName: z.string(),
  deadlineId: z.number().nullable(),
  deadlineLabel: z.string().nullable(),
  amount: z.number().nullable(),
  unit: z.string().nullable(),
  reason: z.string().nullable(),
  approverName: z.string().nullable(),
  auditSeq: z.number().nullable(),
});
