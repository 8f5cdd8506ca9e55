import { sql, type Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { inScope, isCountyWide } from '../../core/access/scope.ts';
import { AppError } from '../../core/errors.ts';
import type { ModuleCatalog } from '../../kernel/catalog/index.ts';
import type { PeriodIndicator } from './indicators.ts';
import { GROUP_NAMES, groupOfKind, type UnitGroup } from './compute.ts';
import { MEASURE_NAMES } from '../../kernel/supervision/index.ts';

/** Who runs the county's 考核: configures indicators, computes, publishes, issues the 通报, records 问责. */
export const ASSESSMENT_MANAGERS = ['dcb_staff', 'sys_admin'] as const;
export const isManager = (user: Pick<SessionUser, 'roles'>) => user.roles.some((r) => (ASSESSMENT_MANAGERS as readonly string[]).includes(r));

export const PERIOD_KINDS = { month: '月度', quarter: '季度', year: '年度' } as const;

/** A period a user may open: the managers see drafts too; everyone else only published periods. */
export async function loadPeriod(db: Kysely<DB>, user: SessionUser, id: number) {
  const p = await db.selectFrom('assessment_periods').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p || (p.state !== 'published' && !isManager(user))) throw new AppError('NOT_FOUND');
  return p;
}

export async function listPeriods(db: Kysely<DB>, user: SessionUser) {
  let q = db
    .selectFrom('assessment_periods as p')
    .leftJoin('assessment_notices as n', 'n.period_id', 'p.id')
    .select([
      'p.id',
      'p.kind',
      'p.label',
      'p.from_on',
      'p.to_on',
      'p.state',
      'p.as_of',
      'p.computed_at',
      'p.published_at',
      'n.id as notice_id',
      'n.number as notice_number',
    ])
    .orderBy('p.from_on', 'desc')
    .orderBy('p.id', 'desc');
  if (!isManager(user)) q = q.where('p.state', '=', 'published');
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    kindName: PERIOD_KINDS[r.kind],
    label: r.label,
    from: r.from_on,
    to: r.to_on,
    published: r.state === 'published',
    stateName: r.state === 'published' ? '已发布' : r.computed_at ? '已计算，待发布' : '待计算',
    asOf: r.as_of,
    computedAt: r.computed_at ? new Date(r.computed_at).toISOString() : null,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    noticeId: r.notice_id === null ? null : Number(r.notice_id),
    noticeNumber: r.notice_number,
  }));
}

/**
 * A period's results as the user may read them: the ranking of every unit (published: the whole county sees it),
 * and the scores per indicator of the units within the user's own scope only (a township sees its own marks).
 */
export async function readPeriod(db: Kysely<DB>, user: SessionUser, id: number) {
  const p = await loadPeriod(db, user, id);
  const indicators = p.indicators as PeriodIndicator[];
  const totals = await db
    .selectFrom('assessment_totals as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.unit_id', 't.total', 't.rank', 'u.name', 'u.kind', 'u.path'])
    .where('t.period_id', '=', p.id)
    .orderBy('t.rank')
    .orderBy('u.sort')
    .execute();
  const mayDetail = (path: string) => isCountyWide(user) || inScope(user, path);
  const detailIds = totals.filter((t) => mayDetail(t.path)).map((t) => Number(t.unit_id));
  const scores = detailIds.length
    ? await db.selectFrom('assessment_scores').selectAll().where('period_id', '=', p.id).where('unit_id', 'in', detailIds).execute()
    : [];
  const byUnit = new Map<number, typeof scores>();
  for (const s of scores) byUnit.set(Number(s.unit_id), [...(byUnit.get(Number(s.unit_id)) ?? []), s]);
  const groups = (['township', 'department'] as UnitGroup[]).map((g) => ({
    group: g,
    name: GROUP_NAMES[g],
    rows: totals
      .filter((t) => groupOfKind(t.kind) === g)
      .map((t) => {
        const mine = byUnit.get(Number(t.unit_id));
        return {
          unitId: Number(t.unit_id),
          unitName: t.name,
          total: Number(t.total),
          rank: t.rank,
          scores: mine
            ? indicators.flatMap((ind) => {
                const s = mine.find((x) => Number(x.indicator_id) === ind.id);
                return s
                  ? [
                      {
                        indicatorId: ind.id,
                        numerator: s.numerator,
                        denominator: s.denominator,
                        value: s.denominator ? s.numerator / s.denominator : null,
                        score: Number(s.score),
                      },
                    ]
                  : [];
              })
            : null,
        };
      }),
  }));
  return {
    id: Number(p.id),
    kind: p.kind,
    kindName: PERIOD_KINDS[p.kind],
    label: p.label,
    from: p.from_on,
    to: p.to_on,
    published: p.state === 'published',
    asOf: p.as_of,
    computedAt: p.computed_at ? new Date(p.computed_at).toISOString() : null,
    publishedAt: p.published_at ? new Date(p.published_at).toISOString() : null,
    indicators: indicators.map((i) => ({
      id: i.id,
      name: i.name,
      weight: i.weight,
      appliesTo: i.appliesTo,
      kind:
        i.source === 'accountability'
          ? '问责扣分'
          : i.source === 'reports'
            ? '报告及时率'
            : i.formula.type === 'rate'
              ? '比率达标'
              : i.formula.type === 'deduction'
                ? '按件扣分'
                : '按件加分',
      definition: i.definition,
      formulaText: i.formulaText,
      note: i.note,
    })),
    groups,
  };
}

/**
 * The items behind one figure of a period (an indicator's 分子 or 分母 for one unit): the period's snapshot of item
 * ids, of which the user sees only those the one visibility rule lets them see — and only for units within their scope.
 */
export async function periodItems(
  db: Kysely<DB>,
  modules: ModuleCatalog,
  user: SessionUser,
  q: { periodId: number; indicatorId: number; unitId: number; part: 'numerator' | 'denominator'; limit: number; offset: number },
) {
  const p = await loadPeriod(db, user, q.periodId);
  const ind = (p.indicators as PeriodIndicator[]).find((i) => i.id === q.indicatorId);
  const unit = await db.selectFrom('units').select(['path', 'name']).where('id', '=', q.unitId).executeTakeFirst();
  if (!ind || !unit || !(isCountyWide(user) || inScope(user, unit.path))) throw new AppError('NOT_FOUND');
  if (ind.source === 'reports') {
    const slots = await periodSlots(db, { ...q, periodId: Number(p.id) });
    return {
      indicatorName: ind.name,
      unitName: unit.name,
      partName: q.part === 'numerator' ? '分子（按时报送）' : '分母（应报）',
      total: slots.total,
      hidden: 0,
      columns: [],
      items: [],
      records: [],
      slots: slots.rows,
    };
  }
  const base = db
    .selectFrom('assessment_score_items as s')
    .innerJoin('work_items as wi', 'wi.id', 's.work_item_id')
    .where('s.period_id', '=', p.id)
    .where('s.indicator_id', '=', ind.id)
    .where('s.unit_id', '=', q.unitId)
    .where('s.part', '=', q.part);
  const [all, visible, page] = await Promise.all([
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    base
      .where(modules.visibleSql(user, 'wi'))
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
    base
      .where(modules.visibleSql(user, 'wi'))
      .select(['wi.id', 'wi.module', 'wi.ref_no', 'wi.title', 'wi.received_on'])
      .orderBy('wi.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
  ]);
  const decl = ind.source === 'stats' && ind.module ? modules.stats(ind.module) : undefined;
  const columns = decl ? [...decl.itemColumns.values] : [{ key: 'module', name: '业务类别' }];
  let items: { id: number; no: string; title: string; at: string; href: string; values: Record<string, string | number | null> }[];
  if (decl) {
    items = (
      await decl.items(
        db,
        page.map((r) => Number(r.id)),
      )
    ).map((i) => ({ ...i, values: { ...i.values }, href: modules.href(ind.module!, i.id) }));
  } else {
    const name = new Map(modules.modules.map((m) => [m.kind, m.name]));
    items = page.map((r) => ({
      id: Number(r.id),
      no: r.ref_no,
      title: r.title,
      at: String(r.received_on ?? ''),
      href: modules.href(r.module, Number(r.id)),
      values: { module: name.get(r.module) ?? '' },
    }));
  }
  const records =
    ind.source === 'accountability' && q.part === 'numerator'
      ? await db
          .selectFrom('supervision_escalations as e')
          .select(['e.id', 'e.measure', 'e.decided_on', 'e.text'])
          .where('e.measure', 'is not', null)
          .where('e.responsible_unit_id', '=', q.unitId)
          .where('e.decided_on', '>=', p.from_on)
          .where('e.decided_on', '<=', p.to_on)
          .orderBy('e.decided_on')
          .execute()
      : [];
  return {
    indicatorName: ind.name,
    unitName: unit.name,
    partName: q.part === 'numerator' ? (ind.formula.type === 'rate' ? '分子' : '计数') : '分母',
    total: Number(visible.n),
    hidden: Number(all.n) - Number(visible.n),
    columns,
    items,
    records: records.map((r) => ({ id: Number(r.id), measureName: MEASURE_NAMES[r.measure!], decidedOn: r.decided_on!, text: r.text })),
    slots: [],
  };
}

const SLOT_STATUS_NAMES = { on_time: '按时报送', late: '迟报', missing: '缺报' } as const;

/** The 定期报告 slots behind a 报告及时率 figure: 分子 the on-time ones, 分母 all that fell due; by report, period, unit. */
async function periodSlots(
  db: Kysely<DB>,
  q: { periodId: number; indicatorId: number; unitId: number; part: 'numerator' | 'denominator'; limit: number; offset: number },
) {
  const base = db
    .selectFrom('assessment_score_slots as s')
    .innerJoin('periodic_report_defs as d', 'd.id', 's.def_id')
    .innerJoin('units as u', 'u.id', 's.reporting_unit_id')
    .where('s.period_id', '=', q.periodId)
    .where('s.indicator_id', '=', q.indicatorId)
    .where('s.unit_id', '=', q.unitId)
    .$if(q.part === 'numerator', (b) => b.where('s.status', '=', 'on_time'));
  const [all, rows] = await Promise.all([
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    base
      .select(['s.def_id', 'd.name as def_name', 's.period_start', 's.period_label', 's.reporting_unit_id', 'u.name as unit_name', 's.status'])
      .orderBy('d.name')
      .orderBy('s.def_id')
      .orderBy('s.period_start')
      .orderBy('u.sort')
      .orderBy('u.path')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
  ]);
  return {
    total: Number(all.n),
    rows: rows.map((r) => ({
      defId: Number(r.def_id),
      defName: r.def_name,
      periodStart: r.period_start,
      periodLabel: r.period_label,
      unitId: Number(r.reporting_unit_id),
      unitName: r.unit_name,
      status: r.status,
      statusName: SLOT_STATUS_NAMES[r.status],
    })),
  };
}
