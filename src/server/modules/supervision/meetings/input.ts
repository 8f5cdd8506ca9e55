import { z } from 'zod';
import { bodyId, isoDate, safeString, text } from '../../../core/http/input.ts';

const reason = safeString().trim().min(2, '至少 2 个字').max(500, '不能超过 500 个字');

export const attendeeInput = z
  .object({
    userId: bodyId.optional().describe('参会人员（用户）'),
    unitId: bodyId.optional().describe('参会单位'),
    role: z.enum(['attend', 'observe'], { error: '请选择出席或列席' }).describe('attend 出席；observe 列席'),
  })
  .refine((a) => (a.userId === undefined) !== (a.unitId === undefined), { message: '每位参会者须选择一个人员或一个单位' });

export const taskInput = z.object({
  unitId: bodyId.describe('承办单位'),
  dueDate: isoDate.describe('完成时限'),
  leaderId: bodyId.optional().describe('责任领导（可不填）'),
  title: text(100).optional().describe('督办事项名称（不填时取议定事项内容）'),
});

export const decisionInput = z.object({
  content: text(2000).describe('议定事项内容'),
  tasks: z.array(taskInput).max(30, '一项议定事项最多交办 30 个单位').default([]).describe('交办的督办事项（可不交办）'),
});

export const topicInput = z.object({
  title: text(200).describe('议题'),
  summary: text(2000, { min: 0 }).optional().describe('研究情况'),
  refNo: safeString().trim().max(60, '事项编号过长').optional().describe('关联事项的编号（信访件、隐患、纠纷、稳评、督办事项等，可不填）'),
  module: safeString().trim().max(40).optional().describe('关联事项的类型（如 petition；编号在多类事项中重复时必填）'),
});

const header = {
  name: text(100).describe('会议名称'),
  hostName: text(40).describe('主持人'),
  startTime: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, '时间应为 HH:MM，如 09:30')
    .optional()
    .describe('开始时间'),
  place: text(100).describe('会议地点'),
  recorderName: text(40).describe('记录人'),
  attendees: z.array(attendeeInput).min(1, '请至少填写一位参会人员或单位').max(100).describe('参会人员和单位（出席、列席）'),
};

export const meetingInput = z.object({
  typeCode: text(40).describe('会议类型'),
  ...header,
  heldOn: isoDate.describe('会议日期（补录时填写实际开会的日期）'),
  backdateReason: safeString().trim().min(1, '不能为空').max(500).optional().describe('补录说明（超过补录期限时必填）'),
  topics: z.array(topicInput).min(1, '请至少填写一项议题').max(30).describe('议题'),
  decisions: z.array(decisionInput).max(30).default([]).describe('会议决定（议定事项）'),
});
export type MeetingInput = z.infer<typeof meetingInput>;

export const editInput = z.object({
  ...header,
  typeCode: text(40).optional().describe('会议类型（不填则不变；已停用的类型只能保留，不能改选）'),
  heldOn: isoDate.optional().describe('会议日期（不填则不变；不能晚于议定事项的交办日期）'),
  backdateReason: safeString().trim().min(1, '不能为空').max(500).optional().describe('补录说明（改到补录期限以前的日期时必填）'),
  convenerUnitId: bodyId.optional().describe('召集单位（不填则不变；纪要印发后、已交办督办事项的会议不能更改）'),
  reason: reason.optional().describe('修改理由（会议纪要印发后必填）'),
});
export type EditInput = z.infer<typeof editInput>;

export const addDecisionInput = decisionInput.extend({ reason: reason.optional().describe('补充理由（会议纪要印发后必填）') });
export type AddDecisionInput = z.infer<typeof addDecisionInput>;

export const withdrawInput = z.object({ reason: reason.describe('撤销理由') });

export const meetingTypeInput = z.object({
  name: text(40).describe('会议类型名称'),
  disabled: z.boolean().optional().describe('停用（停用后登记会议时不再可选，已登记的会议不受影响）'),
});
export const meetingTypesInput = z.object({
  types: z
    .array(meetingTypeInput.extend({ code: safeString().trim().max(40).optional().describe('已有类型的代码；新增的类型不填') }))
    .min(1, '至少保留一种会议类型')
    .max(50, '会议类型最多 50 种'),
});
export type MeetingTypesInput = z.infer<typeof meetingTypesInput>;
