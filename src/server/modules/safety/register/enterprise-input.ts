import { z } from 'zod';
import { isCalendarDate, text } from '../../../core/http/input.ts';
import { isValidPhone } from '../../../core/personal-data/index.ts';

export const RISK_GRADES = { red: '红色（重大风险）', orange: '橙色（较大风险）', yellow: '黄色（一般风险）', blue: '蓝色（低风险）' } as const;
export type RiskGrade = keyof typeof RISK_GRADES;
export const RISK_GRADE_SHORT: Record<RiskGrade, string> = { red: '红', orange: '橙', yellow: '黄', blue: '蓝' };

/** 统一社会信用代码 (GB 32100-2015): 18 characters, no I O Z S V. */
export const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

const optionalText = (max: number) =>
  text(max, { min: 0 })
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v));
const phone = optionalText(20).refine((v) => v === undefined || isValidPhone(v), '不是有效的手机或固定电话号码');
const day = z.string().refine(isCalendarDate, '应为真实存在的日期（YYYY-MM-DD）');

export const licenceInput = z.object({
  name: text(60),
  number: optionalText(60),
  expiresOn: day,
});

/** One enterprise (or place) of the register as the form, the API and the Excel import give it. */
export const enterpriseInput = z.object({
  name: text(100, { min: 2 }),
  creditCode: optionalText(18).refine((v) => v === undefined || CREDIT_CODE.test(v.toUpperCase()), '统一社会信用代码应为 18 位（不含 I、O、Z、S、V）'),
  sectorId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  townshipUnitId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  regulatorUnitId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  legalRepName: optionalText(30),
  legalRepPhone: phone,
  contactName: optionalText(30),
  contactPhone: phone,
  address: optionalText(200),
  longitude: z.number().min(73).max(136).nullable().optional(),
  latitude: z.number().min(3).max(54).nullable().optional(),
  riskGrade: z.enum(['red', 'orange', 'yellow', 'blue']).nullable().optional(),
  employees: z.number().int().min(0).max(1_000_000).nullable().optional(),
  licences: z.array(licenceInput).max(20).default([]),
});
export type EnterpriseInput = z.output<typeof enterpriseInput>;
