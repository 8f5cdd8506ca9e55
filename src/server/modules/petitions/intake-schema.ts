import { z } from 'zod';
import { isValidIdNumber, isValidPhone } from '../../core/personal-data/index.ts';
import { isoDate, safeString } from '../../core/http/input.ts';

export const CHANNELS = ['letter', 'visit', 'phone', 'online', 'leader_mailbox', 'upper'] as const;
export const MATTER_TYPES = ['suggestion', 'accusation', 'appeal'] as const;

const petitioner = z.object({
  name: safeString().trim().min(1, '必填').max(50),
  idNumber: z
    .string()
    .trim()
    .max(30)
    .optional()
    .refine((v) => !v || isValidIdNumber(v), '无效（应为18位，出生日期和末位校验码须正确）'),
  phone: z
    .string()
    .trim()
    .max(30)
    .optional()
    .refine((v) => !v || isValidPhone(v), '无效（应为11位手机号或带区号的固定电话）'),
  address: safeString().trim().max(200).optional(),
});

/** POST /petitions body: hard validation with zh-CN messages naming the field. */
export const intakeBody = z
  .object({
    channel: z.enum(CHANNELS),
    visit: z
      .object({
        batches: z.literal(1).default(1),
        persons: z.number().int().min(1).max(100000),
        representatives: z.array(safeString().trim().min(1).max(50)).max(50).optional() /* the legal limit is a setting: checkRepresentatives */,
        /** 接待人: a staff member of the registering unit (default: the one registering) */
        receivedBy: z.number().int().positive().max(2_147_483_647).optional(),
      })
      .optional(),
    upper: z
      .object({
        level: z.enum(['national', 'province', 'city']),
        refNo: safeString().trim().min(1).max(100),
        dueDate: isoDate,
      })
      .optional(),
    anonymous: z.boolean().default(false),
    petitioners: z.array(petitioner).max(200).default([]),
    matterType: z.enum(MATTER_TYPES),
    accusedUnitId: z.number().int().positive().optional(),
    categoryId: z.number().int().positive(),
    placeUnitId: z.number().int().positive(),
    title: safeString().trim().min(2, '标题至少 2 个字').max(200),
    content: safeString().trim().min(5, '内容至少 5 个字').max(20000),
    urgency: z.enum(['normal', 'urgent']).default('normal'),
    receivedAt: z.string().datetime({ offset: true }).optional(),
    /** 补录: why a letter or visit received longer ago than the back-dating window is registered only now */
    backdateReason: safeString().trim().min(1).max(500).optional(),
    /** the scanned letter or the visit record: claim tokens of files uploaded before the registration, attached in its transaction */
    attachments: z.array(safeString().min(10).max(100)).max(20).optional(),
    skippedLevel: z.boolean().default(false),
    lawRelated: z.boolean().default(false),
  })
  .superRefine((b, ctx) => {
    if (b.channel === 'visit' && !b.visit) ctx.addIssue({ code: 'custom', path: ['visit'], message: '来访须填写人次' });
    if (b.channel === 'upper' && !b.upper) ctx.addIssue({ code: 'custom', path: ['upper'], message: '上级交办/转送须填写层级、文号与上级期限' });
    if (b.anonymous && b.matterType === 'appeal') ctx.addIssue({ code: 'custom', path: ['anonymous'], message: '申诉求决类信访不能匿名' });
    if (!b.anonymous && b.petitioners.length === 0)
      ctx.addIssue({ code: 'custom', path: ['petitioners'], message: '至少填写一名信访人（建议意见类、检举控告类可匿名）' });
    // representatives are chosen from the petitioners listed (not typed a second time)
    const names = new Set(b.petitioners.map((p) => p.name));
    if (!b.anonymous && b.petitioners.length > 0)
      (b.visit?.representatives ?? []).forEach((r, i) => {
        if (!names.has(r)) ctx.addIssue({ code: 'custom', path: ['visit', 'representatives', i], message: `“${r}”不在信访人名单中，请从信访人中选择` });
      });
    if (b.accusedUnitId && b.matterType !== 'accusation') ctx.addIssue({ code: 'custom', path: ['accusedUnitId'], message: '仅检举控告类可填写被反映单位' });
  });
export type IntakeBody = z.output<typeof intakeBody>;
