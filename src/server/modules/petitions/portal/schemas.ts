import { z } from 'zod';
import { MATTER_TYPES } from '../intake-schema.ts';
import { PORTAL_LIMITS } from './portal-texts.ts';
import { safeString } from '../../../core/http/input.ts';

// eslint-disable-next-line no-control-regex
const CONTROL_LINE = /[\u0000-\u001f\u007f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const CONTROL_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** One line of text: no control characters (a newline, NUL, escape …), field-named errors. */
export const line = (min: number, max: number, label: string) =>
  z
    .string()
    .trim()
    .min(min, min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine((v) => !CONTROL_LINE.test(v), `${label}含有不可见的控制字符，请删除后重新输入`);

/** Free text: line breaks and tabs allowed, other control characters not. */
export const text = (min: number, max: number, label: string) =>
  z
    .string()
    .trim()
    .min(min, min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine((v) => !CONTROL_TEXT.test(v), `${label}含有不可见的控制字符，请删除后重新输入`);

/** The answer to a captcha: the digits in the picture (empty for the accessible kind) and the proof of work's nonce. */
export const captchaInput = z.object({
  id: safeString().min(1).max(100),
  answer: safeString().trim().max(20).default(''),
  nonce: z.string().regex(/^\d{1,15}$/, '安全校验未完成，请稍候再提交'),
});

export const submitBody = z.object({
  matterType: z.enum(MATTER_TYPES, { message: '请选择信访事项类型' }),
  categoryId: z.number({ message: '请选择问题类别' }).int().positive(),
  placeUnitId: z.number({ message: '请选择问题发生地' }).int().positive(),
  title: line(2, PORTAL_LIMITS.titleMax, '标题'),
  content: text(5, PORTAL_LIMITS.contentMax, '内容'),
  anonymous: z.boolean().default(false),
  name: line(1, 50, '姓名').optional(),
  idNumber: line(1, 30, '身份证号码').optional(),
  phone: line(1, 30, '手机号码').optional(),
  address: line(1, 200, '住址').optional(),
  attachments: z.array(safeString().min(10).max(100)).max(PORTAL_LIMITS.maxFiles, `附件最多 ${PORTAL_LIMITS.maxFiles} 个`).default([]),
  consent: z.literal(true, { message: '请先阅读并同意《个人信息处理告知》' }),
  noticeVersion: safeString().min(1).max(40),
  captcha: captchaInput,
});
export type SubmitBody = z.output<typeof submitBody>;

export const guidanceBody = z.object({
  matterType: z.enum(MATTER_TYPES),
  categoryId: z.number().int().positive().optional(),
  title: line(0, PORTAL_LIMITS.titleMax, '标题').default(''),
  content: text(0, PORTAL_LIMITS.contentMax, '内容').default(''),
  idNumber: line(1, 30, '身份证号码').optional(),
  phone: line(1, 30, '手机号码').optional(),
});

export const trackBody = z.object({
  caseNo: line(1, 40, '信访件编号'),
  queryCode: line(1, 20, '查询码'),
  phoneTail: safeString().trim().max(10).optional(),
});

export const actionBodies = {
  evaluate: z.object({
    result: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied'], { message: '请选择满意、基本满意或不满意' }),
    comment: text(0, 500, '评价意见').optional(),
  }),
  apply_review: z.object({ reason: text(5, 2000, '申请理由') }),
  withdraw: z.object({ reason: text(1, 2000, '撤回理由') }),
} as const;

export const idempotencyKey = safeString().min(8).max(100);

const deadlineOut = z.object({
  label: z.string(),
  dueDate: z.string().nullable(),
  provisional: z.boolean().describe('暂定：是否受理尚未决定，或所在年份的工作日历尚未导入（导入后重算）'),
  provisionalReason: z.string().nullable().describe('暂定的原因（中文），不是暂定时为 null'),
  ruleName: z.string().nullable(),
});

export const submitResponse = z.object({
  caseNo: z.string(),
  queryCode: z.string(),
  receivedAt: z.string(),
  replayed: z.boolean(),
  message: z.string(),
  deadlines: z.array(deadlineOut),
});

export const citizenCaseSchema = z.object({
  caseNo: z.string(),
  title: z.string(),
  matterTypeName: z.string(),
  receivedAt: z.string(),
  state: z.string(),
  stateName: z.string(),
  timeline: z.array(z.object({ at: z.string(), text: z.string() })),
  handlingUnit: z.string(),
  deadlines: z.array(deadlineOut.extend({ source: z.string().nullable() })),
  documents: z.array(
    z.object({
      id: z.number(),
      kindName: z.string(),
      number: z.string().describe('发文字号'),
      title: z.string(),
      issuedAt: z.string(),
      paragraphs: z.array(z.string()),
    }),
  ),
  actions: z.array(
    z.object({
      code: z.enum(['evaluate', 'apply_review', 'withdraw']),
      name: z.string(),
      until: z.string().optional(),
      choices: z
        .array(z.object({ value: z.string(), name: z.string() }))
        .optional()
        .describe('评价的选项及其中文名称'),
    }),
  ),
  evaluation: z
    .object({ result: z.string(), resultName: z.string().describe('评价结果的中文名称'), comment: z.string().nullable(), at: z.string() })
    .optional(),
});
