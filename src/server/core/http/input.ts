import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';

/**
 * THE building blocks of every route's input schema (params, query, body): text that cannot carry a NUL
 * byte or another control character to PostgreSQL, calendar dates that exist (2026-02-30 does not), ids and
 * counts within the database's integer range. Routes compose these instead of bare z.string()/z.number(),
 * so a bad value is a 400 naming its field, never a 500 from the database. validatorCompiler (below) also
 * refuses a control character in any string of any validated input — the same rule for schemas that still
 * say z.string().
 */

/** C0 control characters and DEL, except tab, line feed and carriage return (text areas send those). */
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const CONTROL_CHAR_MESSAGE = '含有不可见的控制字符（如 NUL），请删除后重新输入';
export const hasControlChar = (s: string): boolean => CONTROL_CHAR.test(s);

/** z.string() that refuses control characters (NUL …): chain .trim()/.min()/.max() with the field's own messages. */
export const safeString = (params?: Parameters<typeof z.string>[0]) => z.string(params).refine((s) => !CONTROL_CHAR.test(s), CONTROL_CHAR_MESSAGE);

/** Single-line text, trimmed: a name, a title, a reason. `min` counts characters after trimming (default 1). */
export function text(max: number, opts: { min?: number } = {}) {
  const min = opts.min ?? 1;
  const base = z
    .string()
    .refine((s) => !CONTROL_CHAR.test(s), CONTROL_CHAR_MESSAGE)
    .trim()
    .max(max, `不能超过 ${max} 个字`);
  return min > 0 ? base.min(min, min === 1 ? '不能为空' : `至少 ${min} 个字`) : base;
}

/** Text kept exactly as sent (not trimmed): passwords, tokens, codes a user copies. */
export function exactText(max: number, opts: { min?: number } = {}) {
  const min = opts.min ?? 1;
  return z
    .string()
    .min(min, min === 1 ? '不能为空' : `至少 ${min} 个字符`)
    .max(max, `不能超过 ${max} 个字符`)
    .refine((s) => !CONTROL_CHAR.test(s), CONTROL_CHAR_MESSAGE);
}

/** A search box (`q`): trimmed, at most 100 characters; empty means no search. */
export const searchText = z
  .string()
  .refine((s) => !CONTROL_CHAR.test(s), CONTROL_CHAR_MESSAGE)
  .trim()
  .max(100, '不能超过 100 个字');

const MIN_YEAR = 1900;
const MAX_YEAR = 2999;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `s` is a YYYY-MM-DD day that exists in the calendar (no 2026-02-30, no month 13). */
export function isCalendarDate(s: string): boolean {
  if (!DATE_SHAPE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A calendar date, YYYY-MM-DD, that exists, in years 1900—2999. */
export const isoDate = z
  .string()
  .regex(DATE_SHAPE, '应为 YYYY-MM-DD 格式的日期')
  .refine(isCalendarDate, { message: '不是有效日期（须为真实存在的日期，年份 1900—2999）', abort: true })
  .meta({ format: 'date' });

const DATETIME_SHAPE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

/** Whether `s` is an ISO 8601 date-time with an offset whose day exists (2026-02-30T09:00+08:00 does not). */
export function isIsoDateTime(s: string): boolean {
  const m = DATETIME_SHAPE.exec(s);
  return !!m && isCalendarDate(m[1]!) && !Number.isNaN(Date.parse(s));
}

/** An instant: ISO 8601 date-time with its offset (Z or ±HH:MM), on a day that exists. */
export const isoDateTime = z
  .string()
  .refine(isIsoDateTime, '应为带时区的 ISO 日期时间，例如 2026-03-02T09:00:00+08:00（日期须真实存在）')
  .meta({ format: 'date-time' });

/** A day (YYYY-MM-DD, read in Beijing time by the route) or an instant with its offset, e.g. a search bound. */
export const isoDateOrDateTime = z.string().refine((v) => isCalendarDate(v) || isIsoDateTime(v), '应为 YYYY-MM-DD 或带时区的 ISO 日期时间（日期须真实存在）');

/** A row id in a path or query (bigint columns): a positive safe integer, from text or a number. */
export const id = z.coerce.number({ error: '应为正整数编号' }).int('应为正整数编号').min(1, '应为正整数编号').max(Number.MAX_SAFE_INTEGER, '编号过大');

/** A row id in a JSON body (a number, not text). */
export const bodyId = z.number({ error: '应为正整数编号' }).int('应为正整数编号').min(1, '应为正整数编号').max(Number.MAX_SAFE_INTEGER, '编号过大');

/** An integer stored in an `integer` column (sort order, counts, amounts): within ±2³¹. */
export const int32 = (min = 0, max = 2_147_483_647) => z.number({ error: '应为整数' }).int('应为整数').min(min, `不能小于 ${min}`).max(max, `不能大于 ${max}`);

/** Paging: page from 1 to 100 000, pageSize from 1 to `max` (the offset stays far inside bigint). */
export const page = z.coerce.number({ error: '应为正整数' }).int('应为正整数').min(1, '不能小于 1').max(100_000, '不能大于 100000').default(1);
export const pageSize = (max = 200, def = 50) =>
  z.coerce.number({ error: '应为正整数' }).int('应为正整数').min(1, '不能小于 1').max(max, `不能大于 ${max}`).default(def);

/** 'true' / 'false' in a query string. */
export const queryFlag = z.enum(['true', 'false'], { error: '应为 true 或 false' }).transform((v) => v === 'true');

/** The path of the first string under `value` holding a control character, or null. */
export function findControlChar(value: unknown, path: (string | number)[] = [], depth = 0): (string | number)[] | null {
  if (typeof value === 'string') return CONTROL_CHAR.test(value) ? path : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlChar(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (CONTROL_CHAR.test(k)) return [...path, k];
    const found = findControlChar(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

const ZOD_FASTIFY_ERROR = Symbol.for('ZodFastifySchemaValidationError');

/**
 * The app's validator: zod (fastify-type-provider-zod), then the control-character rule over every string
 * of the validated value — so a route whose schema still says z.string() cannot pass a NUL byte on either.
 * The refusal has the shape of zod's own validation errors (one renderer in error-handler.ts).
 */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> = (route) => {
  const validate = zodValidatorCompiler(route);
  return (data) => {
    const result = validate(data) as { value?: unknown; error?: unknown };
    if (result.error) return result as ReturnType<typeof validate>;
    const path = findControlChar(result.value);
    if (!path) return result as ReturnType<typeof validate>;
    const issue = {
      [ZOD_FASTIFY_ERROR]: true,
      keyword: 'custom',
      instancePath: `/${path.join('/')}`,
      schemaPath: `#/${path.join('/')}/custom`,
      message: CONTROL_CHAR_MESSAGE,
      params: {},
    };
    return { error: [issue] } as unknown as ReturnType<typeof validate>;
  };
};
