import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../../app.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { requireAnyRole, requireUser } from '../../../core/access/guards.ts';
import { listCalendarDays, listCalendarYears } from '../../../core/clock/calendar-store.ts';
import { loadRuleBook, RULE_UNITS, type LegalRule } from '../../../core/clock/legal-rules.ts';
import { loadWarningThresholds, saveWarningThresholds } from '../../../core/clock/warning-levels.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { changeRule, importCalendarYear } from '../../../kernel/deadlines/legal-clock-changes.ts';
import { previewDeadline } from '../../../kernel/deadlines/preview-deadline.ts';
import { calendarStatus } from './calendar-status.ts';
import { isoDate, safeString } from '../../../core/http/input.ts';

const actorOf = (user: SessionUser, request: FastifyRequest): Actor => ({
  userId: user.id,
  name: user.displayName,
  unitId: user.unitId,
  ip: request.ip ?? null,
});

const unitSchema = z.enum(RULE_UNITS as unknown as ['calendar_days', 'working_days', 'hours', 'months']);
const daySchema = z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() });
const yearSchema = z.object({
  year: z.number(),
  source: z.string(),
  loadedAt: z.string(),
  loadedBy: z.string().nullable(),
  holidayCount: z.number(),
  workdayCount: z.number(),
});
const ruleFields = {
  province: z.string(),
  amount: z.number(),
  unit: unitSchema,
  source: z.string(),
  confidence: z.string(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
};
const ruleSchema = z.object({ key: z.string(), name: z.string(), ...ruleFields, overrides: z.array(z.object(ruleFields)) });
const thresholdsSchema = z.object({
  approachingDays: z.number().int().min(0).max(90).describe('临期：距届满日不超过几天'),
  severeOverdueDays: z.number().int().min(0).max(365).describe('严重超期：超期超过几天'),
});
const recomputeSchema = z.object({ checked: z.number(), changedCount: z.number() });

const overrideOf = (r: LegalRule) => ({
  province: r.province,
  amount: r.amount,
  unit: r.unit,
  source: r.source,
  confidence: r.confidence,
  note: r.note,
  updatedAt: r.updatedAt,
  updatedBy: r.updatedBy,
});

/** The legal clock over HTTP: calendar years, rules, deadline preview and warning thresholds. */
export async function calendarRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/calendar/years',
    { schema: { tags: ['calendar'], summary: '已导入的工作日历年份（含依据通知）', response: { 200: z.array(yearSchema) } } },
    async (request) => {
      requireUser(request);
      return listCalendarYears(db);
    },
  );

  app.get(
    '/calendar/days',
    {
      schema: {
        tags: ['calendar'],
        summary: '某年的节假日与调休上班日',
        querystring: z.object({ year: z.coerce.number().int().min(1990).max(2100) }),
        response: { 200: z.object({ year: z.number(), source: z.string().nullable(), loaded: z.boolean(), days: z.array(daySchema) }) },
      },
    },
    async (request) => {
      requireUser(request);
      const { year } = request.query;
      const row = (await listCalendarYears(db)).find((y) => y.year === year);
      return { year, source: row?.source ?? null, loaded: Boolean(row), days: await listCalendarDays(db, year) };
    },
  );

  app.get(
    '/calendar/status',
    {
      schema: {
        tags: ['calendar'],
        summary: '日历覆盖情况；自11月1日起如缺下一年日历，向管理员提示',
        response: {
          200: z.object({
            today: z.string(),
            coveredYears: z.array(z.number()),
            latestYear: z.number().nullable(),
            missingNextYear: z.boolean(),
            warning: z.string().optional(),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const years = (await listCalendarYears(db)).map((y) => y.year);
      const status = calendarStatus(years, shanghaiDate(deps.clock.now()));
      const { warning, ...rest } = status;
      return user.roles.includes('sys_admin') && warning ? { ...rest, warning } : rest;
    },
  );

  app.post(
    '/calendar/years',
    {
      schema: {
        tags: ['calendar'],
        summary: '导入或替换一年的工作日历（系统管理员），并重算未结期限',
        body: z.object({ year: z.number(), source: z.string(), days: z.array(z.unknown()) }).passthrough(),
        response: { 200: z.object({ year: z.number(), replaced: z.boolean(), days: z.number(), recompute: recomputeSchema }) },
      },
    },
    async (request) => {
      const user = requireAnyRole(request, ['sys_admin']);
      const result = await importCalendarYear(db, { data: request.body, actor: actorOf(user, request) });
      return { ...result, recompute: { checked: result.recompute.checked, changedCount: result.recompute.changed.length } };
    },
  );

  app.get(
    '/rules',
    { schema: { tags: ['rules'], summary: '法定时限规则（含依据、可信度与省级覆盖）', response: { 200: z.array(ruleSchema) } } },
    async (request) => {
      requireUser(request);
      const book = await loadRuleBook(db);
      return book.rules
        .filter((r) => r.province === '')
        .map((r) => ({
          key: r.key,
          name: r.name,
          ...overrideOf(r),
          overrides: book.rules.filter((o) => o.key === r.key && o.province !== '').map(overrideOf),
        }));
    },
  );

  app.put(
    '/rules/:key',
    {
      schema: {
        tags: ['rules'],
        summary: '修改时限规则或新增省级覆盖（系统管理员），并重算未结期限',
        params: z.object({ key: safeString().min(1) }),
        body: z.object({
          province: z
            .string()
            .regex(/^(\d{2})?$/, '应为两位省级代码或留空')
            .optional(),
          amount: z.number().int().min(0).max(10_000),
          unit: unitSchema,
          source: safeString().trim().min(1, '法律依据必填').max(500),
          note: safeString().max(1000).nullable().optional(),
          confidence: z.enum(['P', 'C2', 'C1', 'U']).optional(),
          reason: safeString().max(500).optional(),
        }),
        response: {
          200: z.object({ key: z.string(), name: z.string(), ...ruleFields, recompute: recomputeSchema }),
        },
      },
    },
    async (request) => {
      const user = requireAnyRole(request, ['sys_admin']);
      const { after, recompute } = await changeRule(db, { key: request.params.key, ...request.body, actor: actorOf(user, request) });
      return { key: after.key, name: after.name, ...overrideOf(after), recompute: { checked: recompute.checked, changedCount: recompute.changed.length } };
    },
  );

  app.get(
    '/deadlines/preview',
    {
      schema: {
        tags: ['rules'],
        summary: '按规则试算届满日（不保存）',
        querystring: z.object({
          rule: safeString().min(1),
          from: isoDate,
          province: z
            .string()
            .regex(/^(\d{2})?$/)
            .optional(),
        }),
        response: {
          200: z.object({
            dueDate: z.string().nullable(),
            dueAt: z.string().optional(),
            provisional: z.boolean(),
            missingYears: z.array(z.number()),
            explanation: z.string(),
            rule: z.object({ key: z.string(), name: z.string(), ...ruleFields }),
          }),
        },
      },
    },
    async (request) => {
      requireUser(request);
      const { rule: ruleKey, from, province } = request.query;
      const result = await previewDeadline(db, { ruleKey, from, province });
      const { rule, paused: _paused, ...rest } = result;
      return { ...rest, rule: { key: rule.key, name: rule.name, ...overrideOf(rule) } };
    },
  );

  app.get(
    '/settings/deadline-warning',
    { schema: { tags: ['settings'], summary: '期限预警阈值（临期 / 超期 / 严重超期）', response: { 200: thresholdsSchema } } },
    async (request) => {
      requireUser(request);
      return loadWarningThresholds(db);
    },
  );

  app.put(
    '/settings/deadline-warning',
    {
      schema: {
        tags: ['settings'],
        summary: '修改期限预警阈值（系统管理员）',
        body: thresholdsSchema,
        response: { 200: thresholdsSchema },
      },
    },
    async (request) => {
      const user = requireAnyRole(request, ['sys_admin']);
      return db.transaction().execute((trx) => saveWarningThresholds(trx, { thresholds: request.body, actor: actorOf(user, request) }));
    },
  );
}
