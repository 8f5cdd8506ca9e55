import { sql } from 'kysely';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { requireUser } from '../../core/access/guards.ts';
import { roleInfo } from '../../core/access/roles.ts';
import { actorOf } from '../../core/auth/session-user.ts';
import { appendAudit } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { addDaysIso, shanghaiDate } from '../../core/clock/clock.ts';
import { bodyId, id, isCalendarDate, text } from '../../core/http/input.ts';
import { sendXlsx } from '../../core/http/send-xlsx.ts';
import { loadCalendar } from '../../kernel/deadlines/index.ts';
import {
  checkValues,
  fieldInput,
  fieldSchema,
  FREQUENCY_NAMES,
  normaliseFields,
  presentField,
  SCOPE_KIND_NAMES,
  ZERO_POLICY_NAMES,
  type ReportField,
} from './fields.ts';
import { currentSlot, lateText, recentSlots, scheduleText, slotOf, type Slot } from './schedule.ts';
import { loadDefinition, mayIssue, reportingUnits, seesAllUnits, slotBoard, tally, visibleDefs, type Definition, type Viewer } from './store.ts';
import { sendReminders } from './reminders.ts';
import { rollUp, rollUpWorkbook } from './rollup.ts';

const TAGS = ['periodic-reports'];
const day = z.string().refine(isCalendarDate, '应为真实存在的日期（YYYY-MM-DD）');
const REPORTING_KINDS = { township: '乡镇', street: '街道', department: '县直部门', office: '办公室' } as const;

const slotSchema = z.object({ periodStart: z.string(), periodEnd: z.string(), label: z.string(), dueDate: z.string(), dueAt: z.string() });
const presentSlot = (s: Slot) => ({ periodStart: s.periodStart, periodEnd: s.periodEnd, label: s.label, dueDate: s.dueDate, dueAt: s.dueAt.toISOString() });
const tallySchema = z.object({ total: z.number(), onTime: z.number(), late: z.number(), pending: z.number(), missing: z.number(), zero: z.number() });
const unitSlotSchema = z.object({
  unitId: z.number(),
  unitName: z.string(),
  status: z.enum(['on_time', 'late', 'pending', 'missing']),
  statusName: z.string(),
  submittedAt: z.string().nullable(),
  late: z.string().nullable().describe('迟报多久'),
  zero: z.boolean().nullable(),
  values: z.record(z.string(), z.union([z.number(), z.string()])),
  note: z.string().nullable(),
  corrections: z.number(),
  reminders: z.number(),
  lastRemindedAt: z.string().nullable(),
});

const definitionBody = z.object({
  name: text(60).describe('报告名称'),
  fields: z.array(fieldInput).max(30).describe('填报项目'),
  zeroPolicy: z.enum(['none', 'allowed', 'required']).describe('零报告'),
  scopeKind: z.enum(['units', 'townships', 'departments']).describe('报送单位范围'),
  unitIds: z.array(bodyId).max(500).optional().describe('报送单位（指定单位时）'),
  frequency: z.enum(['daily', 'weekly', 'monthly', 'quarterly']).describe('报送频次'),
  dueTime: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, '应为 HH:MM（如 17:00）')
    .describe('截止时间'),
  dueWeekday: z.number().int().min(1).max(7).nullable().optional().describe('每周截止日（1 = 周一）'),
  dueDay: z.number().int().min(1).max(31).nullable().optional().describe('次月截止日'),
  workdaysOnly: z.boolean().describe('节假日不报（按工作日历，含调休上班日）'),
  activeFrom: day.describe('启用日期'),
  activeTo: day.nullable().optional().describe('截止日期（特殊时期结束）'),
  periodName: text(60, { min: 0 }).optional().describe('特殊时期名称'),
  instructions: text(1000, { min: 0 }).optional().describe('填报说明'),
  stopped: z.boolean().optional().describe('停用'),
  remindBeforeMinutes: z.number().int().min(0).max(1440).optional().describe('截止前自动提醒（分钟，0 为不自动提醒；不填时新报告为 60，修改时不变）'),
});
type DefinitionBody = z.infer<typeof definitionBody>;

const definitionView = z.object({
  id: z.number(),
  name: z.string(),
  issuerName: z.string(),
  fields: z.array(fieldSchema),
  zeroPolicy: z.enum(['none', 'allowed', 'required']),
  zeroPolicyName: z.string(),
  scopeKind: z.enum(['units', 'townships', 'departments']),
  scopeName: z.string(),
  frequency: z.enum(['daily', 'weekly', 'monthly', 'quarterly']),
  frequencyName: z.string(),
  dueTime: z.string(),
  dueWeekday: z.number().nullable(),
  dueDay: z.number().nullable(),
  workdaysOnly: z.boolean(),
  scheduleText: z.string(),
  activeFrom: z.string(),
  activeTo: z.string().nullable(),
  periodName: z.string().nullable(),
  instructions: z.string().nullable(),
  stopped: z.boolean(),
  remindBeforeMinutes: z.number().describe('截止前自动提醒（分钟，0 为不自动提醒）'),
});
const presentDefinition = (d: Definition) => ({
  id: d.id,
  name: d.name,
  issuerName: d.issuerName,
  fields: d.fields.map(presentField),
  zeroPolicy: d.zeroPolicy,
  zeroPolicyName: ZERO_POLICY_NAMES[d.zeroPolicy],
  scopeKind: d.scopeKind,
  scopeName: SCOPE_KIND_NAMES[d.scopeKind],
  frequency: d.schedule.frequency,
  frequencyName: FREQUENCY_NAMES[d.schedule.frequency],
  dueTime: d.schedule.dueTime,
  dueWeekday: d.schedule.dueWeekday,
  dueDay: d.schedule.dueDay,
  workdaysOnly: d.schedule.workdaysOnly,
  scheduleText: scheduleText(d.schedule),
  activeFrom: d.schedule.activeFrom,
  activeTo: d.schedule.activeTo,
  periodName: d.periodName,
  instructions: d.instructions,
  stopped: d.stopped,
  remindBeforeMinutes: d.remindBeforeMinutes,
});

/** The office that issued a report (or the 督查办) manages it: edits it, reminds the units. */
const mayManage = (user: Viewer, d: Definition) => mayIssue(user) && (d.issuerUnitId === user.unitId || user.roles.includes('dcb_staff'));
const readOnly = (user: Viewer) => user.roles.every((r) => roleInfo(r)?.readOnly === true);

/**
 * 定期报告 (日报告、零报告、周报、月报、季报) under /api/v1/periodic-reports: the offices define reports and watch who
 * has reported; units submit theirs (or a 零报告) and correct it before the cut-off; figures roll up with Excel.
 */
export async function periodicReportRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const now = () => deps.clock.now();
  const isWorkdayFn = async () => {
    const calendar = await loadCalendar(db);
    return (d: string) => calendar.isWorkday(d).workday;
  };
  const slotFor = async (d: Definition, period: string | undefined): Promise<Slot | null> => {
    const isWorkday = await isWorkdayFn();
    if (period === undefined) return currentSlot(d.schedule, now(), shanghaiDate(now()), isWorkday);
    const slot = slotOf(d.schedule, period, isWorkday);
    if (!slot) throw new AppError('PERIODIC_REPORT_NO_SLOT', { date: period, name: d.name });
    return slot;
  };

  app.get(
    '/periodic-reports/options',
    {
      schema: {
        tags: TAGS,
        summary: '定义定期报告时可选的报送单位（乡镇、街道、县直部门）',
        response: { 200: z.object({ units: z.array(z.object({ id: z.number(), name: z.string(), kindName: z.string() })), mayIssue: z.boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const units = await db
        .selectFrom('units')
        .select(['id', 'name', 'kind'])
        .where('disabled', '=', false)
        .where('kind', 'in', Object.keys(REPORTING_KINDS))
        .orderBy('sort')
        .orderBy('path')
        .execute();
      return {
        units: units.map((u) => ({ id: Number(u.id), name: u.name, kindName: REPORTING_KINDS[u.kind as keyof typeof REPORTING_KINDS] })),
        mayIssue: mayIssue(user),
      };
    },
  );

  app.get(
    '/periodic-reports',
    {
      schema: {
        tags: TAGS,
        summary: '定期报告（日报告、零报告等）列表：每项当前报送期的按时、迟报、待报、缺报单位数',
        response: {
          200: z.object({
            items: z.array(
              definitionView.extend({
                unitCount: z.number(),
                current: slotSchema.extend({ tally: tallySchema }).nullable(),
                mayManage: z.boolean(),
              }),
            ),
            mayIssue: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const rows = await visibleDefs(db, user).select('d.id').orderBy('d.stopped').orderBy('d.id', 'desc').limit(200).execute();
      const items = [];
      for (const r of rows) {
        const d = await loadDefinition(db, user, Number(r.id));
        const units = await reportingUnits(db, user, d.id);
        const slot = await slotFor(d, undefined);
        const current = slot ? { ...presentSlot(slot), tally: tally(await slotBoard(db, d.id, units, slot, now())) } : null;
        items.push({ ...presentDefinition(d), unitCount: units.length, current, mayManage: mayManage(user, d) });
      }
      return { items, mayIssue: mayIssue(user) };
    },
  );

  const checkDefinition = async (b: DefinitionBody, previous: ReportField[]) => {
    const fail = (detail: string, field: string): never => {
      throw new AppError('PERIODIC_REPORT_INVALID', { detail }, { field });
    };
    if (b.activeTo && b.activeTo < b.activeFrom) fail('截止日期不能早于启用日期', 'activeTo');
    if (b.frequency === 'weekly' && !b.dueWeekday) fail('每周报送须选择截止的星期', 'dueWeekday');
    if ((b.frequency === 'monthly' || b.frequency === 'quarterly') && !b.dueDay) fail('每月、每季度报送须填写次月截止日', 'dueDay');
    const { fields, error } = normaliseFields(b.fields, previous);
    if (error) fail(error, 'fields');
    if (fields.length === 0 && b.zeroPolicy === 'none') fail('没有填报项目的报告只能是零报告，请添加填报项目或允许零报告', 'fields');
    let q = db.selectFrom('units').select(['id', 'name']).where('disabled', '=', false);
    if (b.scopeKind === 'townships') q = q.where('kind', 'in', ['township', 'street']);
    else if (b.scopeKind === 'departments') q = q.where('kind', '=', 'department');
    else {
      const ids = [...new Set(b.unitIds ?? [])];
      if (ids.length === 0) fail('请选择报送单位', 'unitIds');
      q = q.where('id', 'in', ids);
      const found = await q.execute();
      if (found.length !== ids.length) fail('报送单位中有不存在或已停用的单位', 'unitIds');
      return { fields, units: found.map((u) => Number(u.id)) };
    }
    const units = (await q.execute()).map((u) => Number(u.id));
    if (units.length === 0) fail('没有符合范围的报送单位', 'scopeKind');
    return { fields, units };
  };
  const defValues = (b: DefinitionBody, fields: ReportField[]) => ({
    name: b.name,
    fields: JSON.stringify(fields),
    zero_policy: b.zeroPolicy,
    scope_kind: b.scopeKind,
    frequency: b.frequency,
    due_time: b.dueTime,
    due_weekday: b.frequency === 'weekly' ? (b.dueWeekday ?? null) : null,
    due_day: b.frequency === 'monthly' || b.frequency === 'quarterly' ? (b.dueDay ?? null) : null,
    workdays_only: b.workdaysOnly,
    active_from: b.activeFrom,
    active_to: b.activeTo ?? null,
    period_name: b.periodName || null,
    instructions: b.instructions || null,
    ...(b.remindBeforeMinutes === undefined ? {} : { remind_before_minutes: b.remindBeforeMinutes }),
  });

  app.post(
    '/periodic-reports',
    {
      schema: {
        tags: TAGS,
        summary: '发布定期报告：填报项目、报送单位、频次与截止时间、节假日是否报送、启用时段',
        body: definitionBody,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!mayIssue(user)) throw new AppError('FORBIDDEN');
      const b = request.body;
      const { fields, units } = await checkDefinition(b, []);
      return db.transaction().execute(async (trx) => {
        const { id: defId } = await trx
          .insertInto('periodic_report_defs')
          .values({
            ...defValues(b, fields),
            issuer_unit_id: user.unitId,
            stopped: b.stopped ?? false,
            created_by: user.id,
            created_at: now(),
            updated_at: now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('periodic_report_units')
          .values(units.map((u) => ({ def_id: Number(defId), unit_id: u })))
          .execute();
        await appendAudit(trx, actorOf(user, request.ip), {
          action: 'periodic_report.define',
          entityType: 'periodic_report',
          entityId: Number(defId),
          after: {
            name: b.name,
            frequency: FREQUENCY_NAMES[b.frequency],
            dueTime: b.dueTime,
            from: b.activeFrom,
            to: b.activeTo ?? null,
            units: units.length,
            remindBeforeMinutes: b.remindBeforeMinutes ?? 60,
          },
        });
        return { id: Number(defId) };
      });
    },
  );

  app.put(
    '/periodic-reports/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改定期报告（已报送的内容不变；字段改名不影响已报数据）',
        params: z.object({ id }),
        body: definitionBody,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const d = await loadDefinition(db, user, request.params.id);
      if (!mayManage(user, d)) throw new AppError('FORBIDDEN');
      const b = request.body;
      const { fields, units } = await checkDefinition(b, d.fields);
      return db.transaction().execute(async (trx) => {
        await trx
          .updateTable('periodic_report_defs')
          .set({ ...defValues(b, fields), stopped: b.stopped ?? d.stopped, updated_at: now() })
          .where('id', '=', d.id)
          .execute();
        await trx.deleteFrom('periodic_report_units').where('def_id', '=', d.id).execute();
        await trx
          .insertInto('periodic_report_units')
          .values(units.map((u) => ({ def_id: d.id, unit_id: u })))
          .execute();
        await appendAudit(trx, actorOf(user, request.ip), {
          action: 'periodic_report.update',
          entityType: 'periodic_report',
          entityId: d.id,
          before: presentDefinition(d),
          after: {
            name: b.name,
            frequency: FREQUENCY_NAMES[b.frequency],
            dueTime: b.dueTime,
            from: b.activeFrom,
            to: b.activeTo ?? null,
            units: units.length,
            stopped: b.stopped ?? d.stopped,
            remindBeforeMinutes: b.remindBeforeMinutes ?? d.remindBeforeMinutes,
          },
        });
        return { id: d.id };
      });
    },
  );

  app.get(
    '/periodic-reports/:id',
    {
      schema: {
        tags: TAGS,
        summary: '定期报告详情：填报项目、报送要求、报送单位和近期各报送期',
        params: z.object({ id }),
        response: {
          200: definitionView.extend({
            units: z.array(z.object({ id: z.number(), name: z.string() })),
            unitIds: z.array(z.number()),
            slots: z.array(slotSchema).describe('近期报送期（新的在前）'),
            current: slotSchema.nullable(),
            mayManage: z.boolean(),
            mayReport: z.boolean().describe('本单位是报送单位'),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const d = await loadDefinition(db, user, request.params.id);
      const units = await reportingUnits(db, user, d.id);
      const isWorkday = await isWorkdayFn();
      const slots = recentSlots(d.schedule, shanghaiDate(now()), isWorkday).reverse();
      const current = currentSlot(d.schedule, now(), shanghaiDate(now()), isWorkday);
      const all = mayManage(user, d)
        ? (await db.selectFrom('periodic_report_units').select('unit_id').where('def_id', '=', d.id).execute()).map((r) => Number(r.unit_id))
        : units.map((u) => u.id);
      return {
        ...presentDefinition(d),
        units,
        unitIds: all,
        slots: slots.map(presentSlot),
        current: current ? presentSlot(current) : null,
        mayManage: mayManage(user, d),
        mayReport: !readOnly(user) && units.some((u) => u.id === user.unitId),
      };
    },
  );

  app.get(
    '/periodic-reports/:id/board',
    {
      schema: {
        tags: TAGS,
        summary: '报送情况：一个报送期内各单位按时报送、迟报（迟多久）、待报（未到截止时间）、缺报（已过截止时间未报）',
        params: z.object({ id }),
        querystring: z.object({ period: day.optional().describe('报送期（该期第一天；默认当前期）') }),
        response: { 200: z.object({ slot: slotSchema.nullable(), units: z.array(unitSlotSchema), tally: tallySchema, mayRemind: z.boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const d = await loadDefinition(db, user, request.params.id);
      const slot = await slotFor(d, request.query.period);
      const empty = { total: 0, onTime: 0, late: 0, pending: 0, missing: 0, zero: 0 };
      if (!slot) return { slot: null, units: [], tally: empty, mayRemind: false };
      const units = await slotBoard(db, d.id, await reportingUnits(db, user, d.id), slot, now());
      return { slot: presentSlot(slot), units, tally: tally(units), mayRemind: mayManage(user, d) };
    },
  );

  app.post(
    '/periodic-reports/:id/submissions',
    {
      schema: {
        tags: TAGS,
        summary: '报送本单位本期报告（或零报告）；截止时间前可更正（留痕），截止后未报的可补报（计为迟报）',
        params: z.object({ id }),
        body: z.object({
          period: day.describe('报送期（该期第一天）'),
          zero: z.boolean().describe('零报告'),
          values: z
            .record(z.string().max(10), z.union([z.number(), z.string(), z.null()]))
            .default({})
            .describe('各项填报内容'),
          note: text(1000, { min: 0 }).optional().describe('情况说明'),
        }),
        response: { 200: z.object({ status: z.string(), statusName: z.string(), late: z.string().nullable(), corrected: z.boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (readOnly(user)) throw new AppError('FORBIDDEN');
      const d = await loadDefinition(db, user, request.params.id);
      const b = request.body;
      const unit = (await reportingUnits(db, user, d.id)).find((u) => u.id === user.unitId);
      if (!unit) throw new AppError('PERIODIC_REPORT_NOT_REPORTER', { name: d.name });
      if (d.stopped) throw new AppError('PERIODIC_REPORT_INVALID', { detail: `“${d.name}”已停用` });
      const slot = await slotFor(d, b.period);
      const at = now();
      if (slot!.periodStart > shanghaiDate(at))
        throw new AppError('PERIODIC_REPORT_INVALID', { detail: `${slot!.label}尚未开始，不能提前报送` }, { field: 'period' });
      if (b.zero && d.zeroPolicy === 'none')
        throw new AppError('PERIODIC_REPORT_INVALID', { detail: `“${d.name}”须填写各项，不适用零报告` }, { field: 'zero' });
      const checked = checkValues(d.fields, b.values, b.zero);
      if (checked.error) throw new AppError('PERIODIC_REPORT_INVALID', { detail: checked.error }, { field: 'values' });
      const s = slot!;
      const passed = at.getTime() > s.dueAt.getTime();
      return db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('periodic_report_submissions')
          .select(['id', 'zero', 'values', 'note', 'submitted_at'])
          .where('def_id', '=', d.id)
          .where('unit_id', '=', unit.id)
          .where('period_start', '=', s.periodStart)
          .forUpdate()
          .executeTakeFirst();
        const actor = actorOf(user, request.ip);
        const record = { name: d.name, unit: unit.name, period: s.label, zero: b.zero, values: checked.values, note: b.note || null };
        if (before) {
          if (passed) throw new AppError('PERIODIC_REPORT_CLOSED', { name: d.name, period: s.label });
          await trx
            .updateTable('periodic_report_submissions')
            .set({ zero: b.zero, values: JSON.stringify(checked.values), note: b.note || null, corrected_at: at, corrections: sql`corrections + 1` })
            .where('id', '=', before.id)
            .execute();
          await appendAudit(trx, actor, {
            action: 'periodic_report.correct',
            entityType: 'periodic_report',
            entityId: d.id,
            before: { zero: before.zero, values: before.values, note: before.note },
            after: record,
          });
          const ontime = before.submitted_at.getTime() <= s.dueAt.getTime();
          return { status: ontime ? 'on_time' : 'late', statusName: ontime ? '按时报送' : '迟报', late: null, corrected: true };
        }
        await trx
          .insertInto('periodic_report_submissions')
          .values({
            def_id: d.id,
            unit_id: unit.id,
            period_start: s.periodStart,
            due_at: s.dueAt,
            zero: b.zero,
            values: JSON.stringify(checked.values),
            note: b.note || null,
            submitted_at: at,
            submitted_by: user.id,
          })
          .execute();
        await appendAudit(trx, actor, {
          action: passed ? 'periodic_report.late' : 'periodic_report.submit',
          entityType: 'periodic_report',
          entityId: d.id,
          after: record,
        });
        return passed
          ? { status: 'late', statusName: '迟报', late: lateText(s.dueAt, at), corrected: false }
          : { status: 'on_time', statusName: '按时报送', late: null, corrected: false };
      });
    },
  );

  app.post(
    '/periodic-reports/:id/remind',
    {
      schema: {
        tags: TAGS,
        summary: '提醒尚未报送的单位（发到其单位的提醒消息）',
        params: z.object({ id }),
        body: z.object({
          period: day.describe('报送期（该期第一天）'),
          unitIds: z.array(bodyId).max(500).optional().describe('只提醒这些单位（默认全部未报单位）'),
        }),
        response: { 200: z.object({ reminded: z.number() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const d = await loadDefinition(db, user, request.params.id);
      if (!mayManage(user, d)) throw new AppError('FORBIDDEN');
      const slot = (await slotFor(d, request.body.period))!;
      const units = (await reportingUnits(db, user, d.id)).map((u) => u.id);
      const wanted = request.body.unitIds ? units.filter((u) => request.body.unitIds!.includes(u)) : units;
      if (request.body.unitIds && wanted.length !== new Set(request.body.unitIds).size)
        throw new AppError('PERIODIC_REPORT_INVALID', { detail: '所选单位不是本报告的报送单位' }, { field: 'unitIds' });
      const reminded = await db
        .transaction()
        .execute((trx) =>
          sendReminders(trx, { def: d, slot, unitIds: wanted, automatic: false, actor: actorOf(user, request.ip), userId: user.id, now: now() }),
        );
      return { reminded };
    },
  );

  const rollupQuery = z.object({ from: day.describe('起始日期'), to: day.describe('截止日期') });
  const checkRange = (q: { from: string; to: string }) => {
    if (q.to < q.from) throw new AppError('PERIODIC_REPORT_INVALID', { detail: '截止日期不能早于起始日期' }, { field: 'to' });
    if (addDaysIso(q.from, 366) < q.to) throw new AppError('PERIODIC_REPORT_INVALID', { detail: '汇总时段最长一年' }, { field: 'to' });
  };
  const rollupSchema = z.object({
    fields: z.array(fieldSchema),
    periods: z.array(
      slotSchema.extend({ reported: z.number(), zero: z.number(), late: z.number(), missing: z.number(), sums: z.record(z.string(), z.number()) }),
    ),
    units: z.array(
      z.object({
        unitId: z.number(),
        unitName: z.string(),
        reported: z.number(),
        zero: z.number(),
        late: z.number(),
        missing: z.number(),
        sums: z.record(z.string(), z.number()),
      }),
    ),
    total: z.record(z.string(), z.number()),
  });

  app.get(
    '/periodic-reports/:id/rollup',
    {
      schema: {
        tags: TAGS,
        summary: '汇总：各报送期各数字项合计、各单位在时段内的合计（零报告计 0），以及报送、迟报、缺报次数',
        params: z.object({ id }),
        querystring: rollupQuery,
        response: { 200: rollupSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      checkRange(request.query);
      const d = await loadDefinition(db, user, request.params.id);
      const { slots, byKey, ...r } = await rollUp(db, d, await reportingUnits(db, user, d.id), request.query, await isWorkdayFn(), now());
      void slots;
      void byKey;
      return r;
    },
  );

  app.get(
    '/periodic-reports/:id/rollup/export',
    {
      schema: {
        tags: TAGS,
        summary: '汇总导出 Excel（按期汇总、按单位汇总、报送明细）',
        params: z.object({ id }),
        querystring: rollupQuery,
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      checkRange(request.query);
      const d = await loadDefinition(db, user, request.params.id);
      const units = await reportingUnits(db, user, d.id);
      const r = await rollUp(db, d, units, request.query, await isWorkdayFn(), now());
      const buf = await rollUpWorkbook(db, d, units, r, request.query, now());
      return sendXlsx(reply, buf, `${d.name}汇总（${request.query.from}至${request.query.to}）.xlsx`, `periodic-report-${d.id}.xlsx`);
    },
  );

  app.get(
    '/periodic-reports/mine',
    {
      schema: {
        tags: TAGS,
        summary: '本单位待报：各定期报告近期尚未报送（待报、缺报可补报）和截止前可更正的报送期',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                defId: z.number(),
                name: z.string(),
                issuerName: z.string(),
                scheduleText: z.string(),
                slot: slotSchema,
                status: z.enum(['on_time', 'late', 'pending', 'missing']),
                statusName: z.string(),
                late: z.string().nullable(),
                editable: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (seesAllUnits(user) && !(await db.selectFrom('periodic_report_units').select('def_id').where('unit_id', '=', user.unitId).executeTakeFirst()))
        return { items: [] };
      const defs = await db
        .selectFrom('periodic_report_defs as d')
        .innerJoin('periodic_report_units as ru', 'ru.def_id', 'd.id')
        .select('d.id')
        .where('ru.unit_id', '=', user.unitId)
        .where('d.stopped', '=', false)
        .orderBy('d.id')
        .execute();
      const isWorkday = await isWorkdayFn();
      const today = shanghaiDate(now());
      const items = [];
      for (const r of defs) {
        const d = await loadDefinition(db, user, Number(r.id));
        const own = [{ id: user.unitId, name: '' }];
        for (const slot of recentSlots(d.schedule, today, isWorkday).reverse()) {
          const [row] = await slotBoard(db, d.id, own, slot, now());
          const editable = row!.status === 'pending' || row!.status === 'missing' || (row!.status === 'on_time' && now() <= slot.dueAt);
          if (!editable) continue;
          items.push({
            defId: d.id,
            name: d.name,
            issuerName: d.issuerName,
            scheduleText: scheduleText(d.schedule),
            slot: presentSlot(slot),
            status: row!.status,
            statusName: row!.statusName,
            late: row!.late,
            editable,
          });
        }
      }
      return { items };
    },
  );

  app.get(
    '/periodic-reports/:id/submissions/mine',
    {
      schema: {
        tags: TAGS,
        summary: '本单位某一报送期已报送的内容（更正时回填）',
        params: z.object({ id }),
        querystring: z.object({ period: day }),
        response: { 200: z.object({ slot: slotSchema, row: unitSlotSchema.nullable() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const d = await loadDefinition(db, user, request.params.id);
      const slot = (await slotFor(d, request.query.period))!;
      const unit = (await reportingUnits(db, user, d.id)).find((u) => u.id === user.unitId);
      if (!unit) return { slot: presentSlot(slot), row: null };
      const [row] = await slotBoard(db, d.id, [unit], slot, now());
      return { slot: presentSlot(slot), row: row ?? null };
    },
  );
}
