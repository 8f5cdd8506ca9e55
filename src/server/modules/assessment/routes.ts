import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { requireAnyRole, requireUser } from '../../core/access/guards.ts';
import { actorOf } from '../../core/auth/session-user.ts';
import { appendAudit } from '../../core/audit/audit-chain.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { AppError } from '../../core/errors.ts';
import { sendDownload } from '../../core/http/send-download.ts';
import { bodyId, id, isoDate, page, pageSize, text } from '../../core/http/input.ts';
import { countKeys } from '../../kernel/stats/index.ts';
import { findVisibleByRef } from '../../kernel/links/index.ts';
import { listAccountability, MEASURE_NAMES, recordAccountability } from '../../kernel/supervision/index.ts';
import { computePeriod, publishPeriod } from './compute.ts';
import { formulaSpec } from './formula.ts';
import { GROUP_LABELS, groupWeights } from './weights.ts';
import {
  APPLIES_TO,
  loadIndicatorRows,
  REPORTS_DEFINITION,
  REPORTS_SOURCE_NAME,
  resolveStatsMeasure,
  toPeriodIndicator,
  withoutRuleKeys,
} from './indicators.ts';
import { listExcludedUnits, setExcludedUnits } from './excluded-units.ts';
import { confirmRead, issueNotice, noticeFile, readNotice, remindUnread } from './notice.ts';
import { periodOf } from './periods.ts';
import { ASSESSMENT_MANAGERS, listPeriods, PERIOD_KINDS, periodItems, readPeriod } from './read-period.ts';

const TAGS = ['assessment'];
const params = z.object({ id });
const appliesTo = z.enum(['township', 'department', 'all']);
const indicatorInput = z
  .object({
    name: text(40),
    source: z.enum(['stats', 'accountability', 'reports']),
    module: text(40).optional(),
    measure: text(40).optional(),
    dimension: text(40).optional(),
    appliesTo: appliesTo.default('all'),
    weight: z.number({ error: '应为数字' }).min(0, '不能小于 0').max(100, '不能大于 100'),
    formula: formulaSpec,
    note: text(500, { min: 0 }).default(''),
    sort: z.number().int().min(0).max(10_000).default(0),
    active: z.boolean().default(true),
  })
  .refine((i) => i.source !== 'stats' || (i.module && i.measure && i.dimension), {
    path: ['measure'],
    message: '请选择统计口径（业务模块、指标和计入单位的方式）',
  })
  .refine((i) => i.source !== 'accountability' || i.formula.type !== 'rate', { path: ['formula'], message: '问责记录只能按件扣分' })
  .refine((i) => i.source !== 'reports' || i.formula.type === 'rate', {
    path: ['formula'],
    message: '报告及时率是比率（按时报送次数÷应报次数），计分方式应为“比率达标”',
  });
const indicatorView = z.object({
  id: z.number(),
  name: z.string(),
  source: z.enum(['stats', 'accountability', 'reports']),
  module: z.string().nullable(),
  measure: z.string().nullable(),
  dimension: z.string().nullable(),
  appliesTo,
  appliesToName: z.string(),
  weight: z.number(),
  formula: formulaSpec,
  definition: z.string(),
  formulaText: z.string(),
  note: z.string(),
  sort: z.number(),
  active: z.boolean(),
});
const measureEnum = z.enum(['talk', 'criticism', 'listed', 'admonish', 'other']);

/** 考核 (indicators, periods, results, drill-down, 通报 with read receipts) and 问责 records, under /assessment and /accountability. */
export async function assessmentRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const today = () => shanghaiDate(deps.clock.now());
  const manager = (request: Parameters<typeof requireUser>[0]) => requireAnyRole(request, ASSESSMENT_MANAGERS);

  const indicatorList = async () =>
    (await loadIndicatorRows(db)).map((r) => ({
      ...toPeriodIndicator(deps.modules, r),
      appliesToName: APPLIES_TO[r.applies_to],
      sort: r.sort,
      active: r.active,
    }));

  app.get(
    '/assessment/indicators',
    { schema: { tags: TAGS, summary: '考核指标（含口径说明、权重与计分方式）', response: { 200: z.object({ rows: z.array(indicatorView) }) } } },
    async (request) => {
      requireUser(request);
      return { rows: await indicatorList() };
    },
  );

  const excludedView = z.object({ units: z.array(z.object({ unitId: z.number(), unitName: z.string(), reason: z.string() })) });
  app.get(
    '/assessment/excluded-units',
    { schema: { tags: TAGS, summary: '不参加考核的单位及原因（如组织考核的督查室）', response: { 200: excludedView } } },
    async (request) => {
      requireUser(request);
      return { units: await listExcludedUnits(db) };
    },
  );
  app.put(
    '/assessment/excluded-units',
    {
      schema: {
        tags: TAGS,
        summary: '设置不参加考核的单位（整表替换；只能列入乡镇（街道）和县直部门；已计算的考核期不变，下次计算起生效）',
        body: z.object({ units: z.array(z.object({ unitId: bodyId, reason: text(200, { min: 2 }).describe('原因') })).max(200) }),
        response: { 200: excludedView },
      },
    },
    async (request) => {
      const user = manager(request);
      const units = await setExcludedUnits({ db, actor: actorOf(user, request.ip), userId: user.id, now: deps.clock.now(), units: request.body.units });
      return { units };
    },
  );

  app.get(
    '/assessment/sources',
    {
      schema: {
        tags: TAGS,
        summary: '可用作考核指标的统计口径：各模块的指标、计数项和按单位分组的维度',
        response: {
          200: z.object({
            modules: z.array(
              z.object({
                module: z.string(),
                name: z.string(),
                rates: z.array(z.object({ key: z.string(), name: z.string(), formula: z.string(), source: z.string() })),
                counts: z.array(z.object({ key: z.string(), name: z.string() })),
                dimensions: z.array(z.object({ key: z.string(), name: z.string() })),
              }),
            ),
            reports: z.object({ name: z.string(), definition: z.string() }).describe('定期报告报送（报告及时率）：只能按比率达标计分'),
          }),
        },
      },
    },
    async (request) => {
      requireUser(request);
      return {
        modules: deps.modules.modules.flatMap((m) => {
          const s = m.stats;
          const dims = s ? Object.entries(s.dimensions).filter(([, d]) => d.unit) : [];
          if (!s || dims.length === 0) return [];
          return [
            {
              module: m.kind,
              name: s.title,
              rates: s.indicators.map((i) => ({ key: i.key, name: i.name, formula: withoutRuleKeys(i.formula), source: withoutRuleKeys(i.source) })),
              counts: countKeys(s).map((k) => ({ key: k, name: s.counts[k]!.name })),
              dimensions: dims.map(([key, d]) => ({ key, name: d.name })),
            },
          ];
        }),
        reports: { name: REPORTS_SOURCE_NAME, definition: REPORTS_DEFINITION },
      };
    },
  );

  const saveIndicator = async (request: Parameters<typeof requireUser>[0], input: z.infer<typeof indicatorInput>, existing: number | null) => {
    const user = manager(request);
    if (input.source === 'stats')
      resolveStatsMeasure(deps.modules, { module: input.module!, measure: input.measure!, dimension: input.dimension!, formula: input.formula });
    const values = {
      name: input.name,
      source: input.source,
      module: input.source === 'stats' ? input.module! : null,
      measure: input.source === 'stats' ? input.measure! : null,
      dimension: input.source === 'stats' ? input.dimension! : null,
      applies_to: input.appliesTo,
      weight: input.weight,
      formula: JSON.stringify(input.formula),
      note: input.note,
      sort: input.sort,
      active: input.active,
      updated_at: deps.clock.now(),
      updated_by: user.id,
    };
    return db.transaction().execute(async (trx) => {
      let before: unknown = null;
      let rowId: number;
      if (existing === null) {
        rowId = Number((await trx.insertInto('assessment_indicators').values(values).returning('id').executeTakeFirstOrThrow()).id);
      } else {
        const old = await trx.selectFrom('assessment_indicators').selectAll().where('id', '=', existing).forUpdate().executeTakeFirst();
        if (!old) throw new AppError('NOT_FOUND');
        before = { name: old.name, weight: Number(old.weight), formula: old.formula, active: old.active, appliesTo: old.applies_to };
        await trx.updateTable('assessment_indicators').set(values).where('id', '=', existing).execute();
        rowId = existing;
      }
      // each group is assessed out of 100: a change that takes a group above it is refused (computing refuses any other sum)
      const sums = groupWeights(
        (await trx.selectFrom('assessment_indicators').select(['applies_to', 'weight', 'formula', 'active']).forUpdate().execute()).map((r) => ({
          appliesTo: r.applies_to,
          weight: Number(r.weight),
          formula: formulaSpec.parse(r.formula),
          active: r.active,
        })),
      );
      for (const g of ['township', 'department'] as const)
        if (sums[g] > 100)
          throw new AppError('ASSESSMENT_INVALID', {
            detail: `${GROUP_LABELS[g]}的指标权重合计将为 ${sums[g]} 分，超过 100 分；请先调低同组其他指标的权重`,
          });
      await appendAudit(trx, actorOf(user, request.ip), {
        action: existing === null ? 'assessment.indicator_create' : 'assessment.indicator_update',
        entityType: 'assessment_indicator',
        entityId: rowId,
        before,
        after: { name: input.name, weight: input.weight, formula: input.formula, active: input.active, appliesTo: input.appliesTo },
      });
      return { id: rowId };
    });
  };

  app.post(
    '/assessment/indicators',
    { schema: { tags: TAGS, summary: '新增考核指标', body: indicatorInput, response: { 200: z.object({ id: z.number() }) } } },
    async (request) => saveIndicator(request, request.body, null),
  );
  app.put(
    '/assessment/indicators/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改考核指标（已计算或已发布的考核期保留各自的指标副本，不受影响）',
        params,
        body: indicatorInput,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => saveIndicator(request, request.body, request.params.id),
  );

  const periodRow = z.object({
    id: z.number(),
    kind: z.enum(['month', 'quarter', 'year']),
    kindName: z.string(),
    label: z.string(),
    from: z.string(),
    to: z.string(),
    published: z.boolean(),
    stateName: z.string(),
    asOf: z.string().nullable(),
    computedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    noticeId: z.number().nullable(),
    noticeNumber: z.string().nullable(),
  });
  app.get(
    '/assessment/periods',
    { schema: { tags: TAGS, summary: '考核期（非考核办人员只看到已发布的）', response: { 200: z.object({ rows: z.array(periodRow) }) } } },
    async (request) => ({ rows: await listPeriods(db, requireUser(request)) }),
  );

  app.post(
    '/assessment/periods',
    {
      schema: {
        tags: TAGS,
        summary: '新建考核期（月度、季度、年度）',
        body: z
          .object({ kind: z.enum(['month', 'quarter', 'year']), year: z.number().int().min(2000).max(2100), n: z.number().int().min(1).max(12).default(1) })
          .refine((b) => b.kind !== 'quarter' || b.n <= 4, { path: ['n'], message: '季度应为 1—4' }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = manager(request);
      const { kind, year, n } = request.body;
      const p = periodOf(kind, year, n);
      if (p.from > today()) throw new AppError('ASSESSMENT_INVALID', { detail: `${p.label}尚未开始` });
      return db.transaction().execute(async (trx) => {
        const dup = await trx.selectFrom('assessment_periods').select('id').where('kind', '=', kind).where('from_on', '=', p.from).executeTakeFirst();
        if (dup) throw new AppError('ASSESSMENT_INVALID', { detail: `${p.label}的考核期已存在` });
        const row = await trx
          .insertInto('assessment_periods')
          .values({ kind, label: p.label, from_on: p.from, to_on: p.to, created_by: user.id, created_at: deps.clock.now() })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, actorOf(user, request.ip), {
          action: 'assessment.period_create',
          entityType: 'assessment_period',
          entityId: Number(row.id),
          before: null,
          after: { label: p.label, kind: PERIOD_KINDS[kind], from: p.from, to: p.to },
        });
        return { id: Number(row.id) };
      });
    },
  );

  app.post(
    '/assessment/periods/:id/compute',
    {
      schema: {
        tags: TAGS,
        summary: '计算本期考核结果（按当前启用的指标；已发布的不能再计算）',
        params,
        response: { 200: z.object({ asOf: z.string(), units: z.number() }) },
      },
    },
    async (request) => {
      const user = manager(request);
      return computePeriod({ db, modules: deps.modules, actor: actorOf(user, request.ip), periodId: request.params.id, today: today(), now: deps.clock.now() });
    },
  );

  app.post(
    '/assessment/periods/:id/publish',
    { schema: { tags: TAGS, summary: '发布本期考核结果（发布后数据固定）', params, response: { 200: z.object({ published: z.boolean() }) } } },
    async (request) => {
      const user = manager(request);
      await publishPeriod({ db, actor: actorOf(user, request.ip), userId: user.id, periodId: request.params.id, now: deps.clock.now() });
      return { published: true };
    },
  );

  const scoreView = z.object({
    indicatorId: z.number(),
    numerator: z.number(),
    denominator: z.number().nullable(),
    value: z.number().nullable(),
    score: z.number(),
  });
  app.get(
    '/assessment/periods/:id',
    {
      schema: {
        tags: TAGS,
        summary: '考核结果：指标、排名，本人数据范围内单位的各项得分',
        params,
        response: {
          200: z.object({
            id: z.number(),
            kind: z.enum(['month', 'quarter', 'year']),
            kindName: z.string(),
            label: z.string(),
            from: z.string(),
            to: z.string(),
            published: z.boolean(),
            asOf: z.string().nullable(),
            computedAt: z.string().nullable(),
            publishedAt: z.string().nullable(),
            indicators: z.array(
              z.object({
                id: z.number(),
                name: z.string(),
                weight: z.number(),
                appliesTo,
                kind: z.string(),
                definition: z.string(),
                formulaText: z.string(),
                note: z.string(),
              }),
            ),
            groups: z.array(
              z.object({
                group: z.enum(['township', 'department']),
                name: z.string(),
                rows: z.array(
                  z.object({ unitId: z.number(), unitName: z.string(), total: z.number(), rank: z.number(), scores: z.array(scoreView).nullable() }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (request) => readPeriod(db, requireUser(request), request.params.id),
  );

  app.get(
    '/assessment/periods/:id/items',
    {
      schema: {
        tags: TAGS,
        summary: '得分穿透：某单位某项指标的分子或分母所计入的事项（按各模块的可见范围）',
        params,
        querystring: z.object({
          indicatorId: id,
          unitId: id,
          part: z.enum(['numerator', 'denominator']).default('numerator'),
          page,
          pageSize: pageSize(200, 50),
        }),
        response: {
          200: z.object({
            indicatorName: z.string(),
            unitName: z.string(),
            partName: z.string(),
            total: z.number(),
            hidden: z.number(),
            columns: z.array(z.object({ key: z.string(), name: z.string() })),
            items: z.array(
              z.object({
                id: z.number(),
                no: z.string(),
                title: z.string(),
                at: z.string(),
                href: z.string(),
                values: z.record(z.string(), z.union([z.string(), z.number()]).nullable()),
              }),
            ),
            records: z.array(z.object({ id: z.number(), measureName: z.string(), decidedOn: z.string(), text: z.string() })),
            slots: z
              .array(
                z.object({
                  defId: z.number(),
                  defName: z.string(),
                  periodStart: z.string(),
                  periodLabel: z.string(),
                  unitId: z.number(),
                  unitName: z.string(),
                  status: z.enum(['on_time', 'late', 'missing']),
                  statusName: z.string(),
                }),
              )
              .describe('报告及时率：计入的定期报告期次（报告名称、期次、报送单位、按时报送/迟报/缺报）'),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return periodItems(db, deps.modules, requireUser(request), {
        periodId: request.params.id,
        indicatorId: q.indicatorId,
        unitId: q.unitId,
        part: q.part,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
    },
  );

  const noticeView = z.object({
    id: z.number(),
    periodId: z.number(),
    periodLabel: z.string(),
    number: z.string(),
    title: z.string(),
    issuerName: z.string(),
    issuedAt: z.string(),
    myUnit: z.object({ unitId: z.number(), readAt: z.string().nullable() }).nullable(),
    reads: z.array(
      z.object({
        unitId: z.number(),
        unitName: z.string(),
        readAt: z.string().nullable(),
        readerName: z.string().nullable(),
        remindedAt: z.string().nullable(),
        reminders: z.number(),
      }),
    ),
    readCount: z.number(),
    unitCount: z.number(),
  });
  app.post(
    '/assessment/periods/:id/notice',
    {
      schema: {
        tags: TAGS,
        summary: '印发考核通报（GB/T 9704 公文，按本单位代字编号），主送各被考核单位',
        params,
        response: { 200: z.object({ id: z.number(), number: z.string(), title: z.string() }) },
      },
    },
    async (request) => {
      const user = manager(request);
      return issueNotice({ db, user, actor: actorOf(user, request.ip), periodId: request.params.id, today: today(), now: deps.clock.now() });
    },
  );
  app.get('/assessment/notices/:id', { schema: { tags: TAGS, summary: '考核通报及各单位阅读情况', params, response: { 200: noticeView } } }, async (request) =>
    readNotice(db, requireUser(request), request.params.id),
  );
  app.get('/assessment/notices/:id/file', { schema: { tags: TAGS, summary: '下载考核通报（DOCX）', params } }, async (request, reply) => {
    const f = await noticeFile(db, requireUser(request), request.params.id);
    return sendDownload(reply, {
      bytes: f.bytes,
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      fileName: f.file_name,
      asciiName: `assessment-notice-${request.params.id}.docx`,
    });
  });
  app.post(
    '/assessment/notices/:id/read',
    { schema: { tags: TAGS, summary: '确认已阅考核通报（本单位）', params, response: { 200: z.object({ readAt: z.string() }) } } },
    async (request) => {
      const user = requireUser(request);
      return confirmRead({ db, user, actor: actorOf(user, request.ip), noticeId: request.params.id, now: deps.clock.now() });
    },
  );
  app.post(
    '/assessment/notices/:id/remind',
    { schema: { tags: TAGS, summary: '提醒尚未确认已阅的单位', params, response: { 200: z.object({ reminded: z.number() }) } } },
    async (request) => {
      const user = manager(request);
      return { reminded: await remindUnread({ db, actor: actorOf(user, request.ip), noticeId: request.params.id, now: deps.clock.now() }) };
    },
  );

  const recordView = z.object({
    id: z.number(),
    measureName: z.string(),
    automatic: z.boolean(),
    decidedOn: z.string(),
    responsibleUnitName: z.string().nullable(),
    responsibleUserName: z.string().nullable(),
    overdueText: z.string(),
    text: z.string(),
    chain: z.array(z.object({ at: z.string(), kind: z.enum(['reminder', 'notice', 'escalation']), text: z.string() })),
    items: z.array(z.object({ id: z.number(), refNo: z.string(), title: z.string(), href: z.string() })),
    hiddenItems: z.number(),
  });
  app.get(
    '/accountability',
    {
      schema: {
        tags: TAGS,
        summary: '问责记录（升级督办及约谈、通报批评等问责决定），含引起问责的事项（责任倒查）',
        querystring: z
          .object({
            /** one record (the link from an item's page) */
            id: id.optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            unitId: id.optional(),
            measure: measureEnum.optional(),
            workItemId: id.optional(),
            page,
            pageSize: pageSize(200, 50),
          })
          .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '结束日期不能早于开始日期' }),
        response: {
          200: z.object({ total: z.number(), rows: z.array(recordView), measures: z.array(z.object({ code: measureEnum, name: z.string() })) }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const r = await listAccountability(db, deps.modules, user, { ...q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { ...r, measures: measureEnum.options.map((code) => ({ code, name: MEASURE_NAMES[code] })) };
    },
  );
  app.post(
    '/accountability',
    {
      schema: {
        tags: TAGS,
        summary: '登记问责决定（约谈、通报批评、挂牌整治、诫勉），关联引起问责的超期或未完成事项',
        body: z.object({
          measure: measureEnum,
          decidedOn: isoDate,
          responsibleUnitId: bodyId,
          responsibleUserId: bodyId.nullable().optional(),
          itemIds: z.array(bodyId).max(50, '一次最多关联 50 件事项').default([]),
          /** or by the case numbers people know them by */
          itemRefs: z.array(text(60)).max(50, '一次最多关联 50 件事项').default([]),
          text: text(2000),
        }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const user = manager(request);
      const { itemRefs, ...rest } = request.body;
      const itemIds = [...rest.itemIds];
      for (const refNo of itemRefs) itemIds.push(await findVisibleByRef(db, deps.modules, user, { refNo }));
      const id = await recordAccountability({
        db,
        modules: deps.modules,
        user,
        actor: actorOf(user, request.ip),
        today: today(),
        now: deps.clock.now(),
        input: { ...rest, itemIds },
      });
      return { id };
    },
  );
}
