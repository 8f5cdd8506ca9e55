import { z } from 'zod';
import { text } from '../../core/http/input.ts';

/** One field of a report form: a number (with its unit of measure), a text, or a choice among options. */
export interface ReportField {
  key: string;
  name: string;
  kind: 'number' | 'text' | 'choice';
  /** 人、起、处、万元 … (numbers only) */
  measure: string | null;
  required: boolean;
  options: string[];
}

export const FIELD_KIND_NAMES = { number: '数字', text: '文字', choice: '选项' } as const;
export const ZERO_POLICY_NAMES = { none: '不适用零报告（须填写各项）', allowed: '可作零报告', required: '实行零报告制度（无情况也须报零报告）' } as const;
export const SCOPE_KIND_NAMES = { units: '指定单位', townships: '全部乡镇（街道）', departments: '全部县直部门' } as const;
export const FREQUENCY_NAMES = { daily: '每日', weekly: '每周', monthly: '每月', quarterly: '每季度' } as const;

export const fieldInput = z.object({
  key: z
    .string()
    .regex(/^f[0-9]{1,3}$/, '字段标识有误')
    .optional()
    .describe('已有字段的标识（新增字段不填）'),
  name: text(40).describe('字段名称'),
  kind: z.enum(['number', 'text', 'choice']).describe('字段类型'),
  measure: text(10, { min: 0 }).optional().describe('计量单位'),
  required: z.boolean().describe('必填'),
  options: z.array(text(40)).max(20).optional().describe('选项'),
});
export type FieldInput = z.infer<typeof fieldInput>;

export const fieldSchema = z.object({
  key: z.string(),
  name: z.string(),
  kind: z.enum(['number', 'text', 'choice']),
  kindName: z.string(),
  measure: z.string().nullable(),
  required: z.boolean(),
  options: z.array(z.string()),
});

/** The form's fields with stable keys: a field keeps its key across edits, a new one gets the next free key. */
export function normaliseFields(input: FieldInput[], previous: ReportField[]): { fields: ReportField[]; error: string | null } {
  const known = new Set(previous.map((f) => f.key));
  let next = Math.max(0, ...[...known].map((k) => Number(k.slice(1)))) + 1;
  const names = new Set<string>();
  const fields: ReportField[] = [];
  for (const f of input) {
    if (names.has(f.name)) return { fields: [], error: `字段名称“${f.name}”重复` };
    names.add(f.name);
    if (f.kind === 'choice' && (f.options?.length ?? 0) < 2) return { fields: [], error: `选项字段“${f.name}”至少要有两个选项` };
    const key = f.key && known.has(f.key) ? f.key : `f${next++}`;
    fields.push({
      key,
      name: f.name,
      kind: f.kind,
      measure: f.kind === 'number' ? f.measure || null : null,
      required: f.required,
      options: f.kind === 'choice' ? [...new Set(f.options ?? [])] : [],
    });
  }
  return { fields, error: null };
}

export const presentField = (f: ReportField) => ({ ...f, kindName: FIELD_KIND_NAMES[f.kind] });

/**
 * A submission's values checked against the form: numbers are numbers (not negative), choices among the options,
 * required fields filled — unless it is a 零报告, which carries no values (its numbers count as 0).
 */
export function checkValues(
  fields: ReportField[],
  values: Record<string, unknown>,
  zero: boolean,
): { values: Record<string, number | string>; error: string | null } {
  if (zero) return { values: {}, error: null };
  const out: Record<string, number | string> = {};
  for (const f of fields) {
    const v = values[f.key];
    const empty = v === undefined || v === null || v === '';
    if (empty) {
      if (f.required) return { values: {}, error: `“${f.name}”为必填项` };
      continue;
    }
    if (f.kind === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1e12) return { values: {}, error: `“${f.name}”应为不小于 0 的数字` };
      out[f.key] = v;
    } else if (typeof v !== 'string' || v.length > 2000) {
      return { values: {}, error: `“${f.name}”应为不超过 2000 字的文字` };
    } else if (f.kind === 'choice' && !f.options.includes(v)) {
      return { values: {}, error: `“${f.name}”应从${f.options.join('、')}中选择` };
    } else out[f.key] = v;
  }
  const unknown = Object.keys(values).filter((k) => !fields.some((f) => f.key === k));
  if (unknown.length) return { values: {}, error: '填写了表单中没有的项目' };
  return { values: out, error: null };
}
