import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findControlChar, id, int32, isCalendarDate, isIsoDateTime, isoDate, isoDateOrDateTime, safeString, searchText, text } from './input.ts';
import { fieldLabel, installZodMessages, zhIssueMessage } from './zod-messages.ts';

const messageOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error(`accepted ${JSON.stringify(value)}`);
  return r.error.issues[0]!.message;
};

describe('shared input types (issue 12: no 5xx on bad input)', () => {
  it('isoDate refuses days that do not exist (2026-02-30 gave 500 from PostgreSQL) and keeps real ones', () => {
    for (const bad of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '0000-01-01', '2026-2-3', '2026-02-03T00:00:00Z', '']) {
      expect(isoDate.safeParse(bad).success, bad).toBe(false);
      expect(isCalendarDate(bad), bad).toBe(false);
    }
    for (const good of ['2024-02-29', '2026-02-28', '2026-12-31', '1949-10-01']) expect(isoDate.parse(good)).toBe(good);
    expect(messageOf(isoDate, '2026-02-30')).toMatch(/不是有效日期/);
  });

  it('date-times need an offset and a real day', () => {
    expect(isIsoDateTime('2026-03-02T09:00:00+08:00')).toBe(true);
    expect(isIsoDateTime('2026-03-02T09:00Z')).toBe(true);
    expect(isIsoDateTime('2026-02-30T09:00:00+08:00')).toBe(false);
    expect(isIsoDateTime('2026-03-02T25:00:00+08:00')).toBe(false);
    expect(isIsoDateTime('2026-03-02T09:00:00')).toBe(false);
    expect(isoDateOrDateTime.safeParse('2026-03-02').success).toBe(true);
    expect(isoDateOrDateTime.safeParse('2026-02-30').success).toBe(false);
  });

  it('text refuses NUL and other control characters (they reached PostgreSQL as "invalid byte sequence") but keeps line breaks and tabs', () => {
    for (const schema of [text(100), safeString().max(100), searchText]) {
      expect(schema.safeParse('ab\u0000cd').success).toBe(false);
      expect(schema.safeParse('\u0007bell').success).toBe(false);
      expect(schema.safeParse('\u007f').success).toBe(false);
    }
    expect(text(100).parse('  第一行\n\t第二行\r\n ')).toBe('第一行\n\t第二行');
    expect(messageOf(text(100), 'a\u0000')).toMatch(/控制字符/);
    expect(messageOf(text(5), '一二三四五六')).toBe('不能超过 5 个字');
    expect(messageOf(text(5), '   ')).toBe('不能为空');
  });

  it('ids and integer columns stay inside the database range', () => {
    expect(id.parse('42')).toBe(42);
    for (const bad of ['0', '-1', '1.5', 'NaN', '1e308', '99999999999999999999']) expect(id.safeParse(bad).success, bad).toBe(false);
    expect(int32(-2_147_483_648).safeParse(2 ** 31).success).toBe(false);
    expect(int32(-2_147_483_648).safeParse(-(2 ** 31)).success).toBe(true);
  });

  it('findControlChar names the path of the first bad string, keys included', () => {
    expect(findControlChar({ a: ['ok', { b: 'x\u0000' }] })).toEqual(['a', 1, 'b']);
    expect(findControlChar({ 'k\u0000': 1 })).toEqual(['k\u0000']);
    expect(findControlChar({ a: 'line\nbreak\ttab' })).toBeNull();
  });
});

describe('zod speaks Chinese (44 of 150 probed answers carried zod English)', () => {
  installZodMessages();

  it('every issue a schema leaves unworded gets a zh-CN sentence without English', () => {
    const cases: [z.ZodType, unknown][] = [
      [z.object({ a: z.string() }), []],
      [z.object({ a: z.string() }), {}],
      [z.string(), 5],
      [z.number(), 'x'],
      [z.coerce.number(), 'abc'],
      [z.number().int(), 1.5],
      [z.enum(['asc', 'desc']), 'up'],
      [z.string().max(3), 'abcd'],
      [z.string().min(3), 'a'],
      [z.number().min(1), 0],
      [z.number().max(9), 10],
      [z.array(z.number()).max(1), [1, 2]],
      [z.array(z.number()).min(1), []],
      [z.string().email(), 'x'],
      [z.string().regex(/^a$/), 'b'],
      [z.strictObject({}), { extra: 1 }],
      [z.union([z.string(), z.number()]), null],
      [z.literal(1), 2],
      [z.boolean(), 'yes'],
    ];
    for (const [schema, value] of cases) {
      const message = messageOf(schema, value);
      expect(message, JSON.stringify(value)).toMatch(/[\u4e00-\u9fff]/);
      expect(message, JSON.stringify(value)).not.toMatch(/Invalid|expected|received|Required|Too (big|small)/);
    }
    expect(messageOf(z.object({ a: z.string() }), [])).toBe('应为对象（{…}），收到的是列表（[…]）');
    expect(messageOf(z.object({ a: z.string() }), {})).toBe('必填，不能为空');
  });

  it("a schema's own message still wins", () => {
    expect(messageOf(z.string().min(2, '标题至少 2 个字'), 'a')).toBe('标题至少 2 个字');
    expect(zhIssueMessage({ code: 'too_big', origin: 'string', maximum: 10, inclusive: true, input: '', path: [] } as never)).toBe('不能超过 10 个字');
  });

  it('fields are named in Chinese, with their place in a list', () => {
    expect(fieldLabel(['title'])).toBe('标题');
    expect(fieldLabel(['petitioners', 0, 'name'])).toBe('第 1 个信访人的姓名');
    expect(fieldLabel(['captcha', 'id'])).toBe('验证码的编号');
    expect(fieldLabel([])).toBe('请求内容');
    expect(fieldLabel(['somethingNew'])).toBe('somethingNew');
  });
});
