import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import type { ModuleCatalog, ScopedUser } from '../../kernel/catalog/index.ts';
import { rank, scoreOf } from './formula.ts';
import { GROUP_LABELS, groupWeights } from './weights.ts';
import { currentIndicators, resolveStatsMeasure, type PeriodIndicator } from './indicators.ts';
import { dueReportSlots, type DueSlot } from '../supervision-reports/index.ts';

/**
 * The county's 考核 is computed over the county's whole record: a county-wide reader whose unit lies in no case's
 * accused unit (so no 检举控告 rule hides a case from the figures). What each person then SEES of the items behind a
 * figure is decided again, by the one visibility rule, when they drill down (read-period.ts).
 */
const COUNTY_READER: ScopedUser = { roles: ['auditor'], unitPath: '/assessment/' };

export type UnitGroup = 'township' | 'department';
export const GROUP_NAMES: Record<UnitGroup, string> = { township: '乡镇（街道）', department: '县直部门' };

export const groupOfKind = (kind: string): UnitGroup | null =>
  kind === 'township' || kind === 'street' ? 'township' : kind === 'department' ? 'department' : null;

/** The units assessed: townships, streets and county departments in service, less those set as 不参加考核. */
export async function assessedUnits(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name', 'kind', 'path', 'sort'])
    .where('disabled', '=', false)
    .where('kind', 'in', ['township', 'street', 'department'])
    .where('id', 'not in', db.selectFrom('assessment_excluded_units').select('unit_id'))
    .orderBy('sort')
    .orderBy('id')
    .execute();
  return rows.map((u) => ({ id: Number(u.id), name: u.name, path: u.path, group: groupOfKind(u.kind)! }));
}

interface Measured {
  numerator: Set<number>;
  denominator: Set<number> | null;
}

/** Per unit: the items counted in the indicator's 分子 (and 分母) over the period, as of `asOf`. */
async function measureStats(
  db: Kysely<DB>,
  modules: ModuleCatalog,
  ind: PeriodIndicator,
  from: string,
  to: string,
  asOf: string,
): Promise<Map<number, Measured>> {
  const { resolved } = resolveStatsMeasure(modules, { module: ind.module!, measure: ind.measure!, dimension: ind.dimension!, formula: ind.formula });
  const decl = modules.stats(ind.module!)!;
  const today = sql`${asOf}::date`;
  const facts = decl.facts({ user: COUNTY_READER, from, to, visibleSql: (wi) => modules.visibleSql(COUNTY_READER, wi) });
  const num = decl.counts[resolved.numerator]!.where(today);
  const den = resolved.denominator ? decl.counts[resolved.denominator]!.where(today) : sql<SqlBool>`false`;
  const rows = await sql<{ id: string; k: string; n: boolean; d: boolean }>`
    select f.id, coalesce(${sql.ref(`f.${ind.dimension}_key`)}::text, '') as k, (${num}) as n, (${den}) as d
    from ${facts} f where (${num}) or (${den})`.execute(db);
  const out = new Map<number, Measured>();
  for (const r of rows.rows) {
    if (!/^\d+$/.test(r.k)) continue;
    const unit = Number(r.k);
    let m = out.get(unit);
    if (!m) out.set(unit, (m = { numerator: new Set(), denominator: resolved.denominator ? new Set() : null }));
    if (r.n) m.numerator.add(Number(r.id));
    if (r.d) m.denominator?.add(Number(r.id));
  }
  return out;
}

/** Per unit: its 问责 records decided in the period (分子 = the records; the items behind them are kept for the drill-down). */
async function measureAccountability(db: Kysely<DB>, from: string, to: string): Promise<Map<number, { records: number; items: Set<number> }>> {
  const rows = await db
    .selectFrom('supervision_escalations as e')
    .select(['e.id', 'e.responsible_unit_id', 'e.work_item_id'])
    .where('e.measure', 'is not', null)
    .where('e.decided_on', '>=', from)
    .where('e.decided_on', '<=', to)
    .where('e.responsible_unit_id', 'is not', null)
    .execute();
  const out = new Map<number, { records: number; items: Set<number> }>();
  for (const r of rows) {
    const unit = Number(r.responsible_unit_id);
    const m = out.get(unit) ?? { records: 0, items: new Set<number>() };
    m.records += 1;
    m.items.add(Number(r.work_item_id));
    out.set(unit, m);
  }
  return out;
}

/** The assessed unit a reporting unit's slots count for: the unit itself or the nearest assessed unit above it (path prefix). */
export function assessedUnitOf(units: readonly { id: number; path: string }[], path: string): number | null {
  let best: { id: number; path: string } | null = null;
  for (const u of units) if (path.startsWith(u.path) && (!best || u.path.length > best.path.length)) best = u;
  return best?.id ?? null;
}

/** Per assessed unit: the 定期报告 slots due in the period of the unit and of its units below it (分母), of which on time (分子). */
function measureReports(slots: readonly DueSlot[], units: readonly { id: number; path: string }[]): Map<number, DueSlot[]> {
  const out = new Map<number, DueSlot[]>();
  for (const s of slots) {
    const unit = assessedUnitOf(units, s.unitPath);
    if (unit === null) continue;
    const list = out.get(unit) ?? [];
    list.push(s);
    out.set(unit, list);
  }
  return out;
}

/**
 * Computes a period that is not yet published: the current indicator set is copied into it, every assessed unit's
 * value and marks per indicator, its total and its place within its group (乡镇（街道）, 县直部门), with the items behind
 * every 分子 and 分母 — replacing the previous computation. Facts are taken at the period's business dates, as of
 * its last day (or today while it runs).
 */
export async function computePeriod(opts: { db: Kysely<DB>; modules: ModuleCatalog; actor: Actor; periodId: number; today: string; now: Date }) {
  const { db, modules } = opts;
  const period = await db.selectFrom('assessment_periods').selectAll().where('id', '=', opts.periodId).executeTakeFirst();
  if (!period) throw new AppError('NOT_FOUND');
  if (period.state === 'published') throw new AppError('ASSESSMENT_PUBLISHED', { label: period.label });
  const indicators = await currentIndicators(db, modules);
  if (indicators.length === 0) throw new AppError('ASSESSMENT_INVALID', { detail: '尚未设置启用的考核指标' });
  const sums = groupWeights(indicators.map((i) => ({ ...i, active: true })));
  for (const g of ['township', 'department'] as const)
    if (sums[g] > 0 && sums[g] !== 100)
      throw new AppError('ASSESSMENT_INVALID', { detail: `${GROUP_LABELS[g]}的指标权重合计为 ${sums[g]} 分，应为 100 分；请在“考核指标”中调整后再计算` });
  const asOf = period.to_on < opts.today ? period.to_on : opts.today;
  if (period.from_on > opts.today) throw new AppError('ASSESSMENT_INVALID', { detail: `考核期自 ${period.from_on} 开始，尚未开始，不能计算` });
  const units = await assessedUnits(db);

  const scores: { unit_id: number; indicator_id: number; numerator: number; denominator: number | null; score: number }[] = [];
  const items: { indicator_id: number; unit_id: number; part: 'numerator' | 'denominator'; work_item_id: number }[] = [];
  const slotRows: {
    indicator_id: number;
    unit_id: number;
    def_id: number;
    reporting_unit_id: number;
    period_start: string;
    period_label: string;
    status: DueSlot['status'];
  }[] = [];
  let dueSlots: DueSlot[] | null = null;
  const totals = new Map<number, number>();
  for (const ind of indicators) {
    const applies = units.filter((u) => ind.appliesTo === 'all' || ind.appliesTo === u.group);
    if (ind.source === 'stats') {
      const measured = await measureStats(db, modules, ind, period.from_on, period.to_on, asOf);
      for (const u of applies) {
        const m = measured.get(u.id);
        const numerator = m?.numerator.size ?? 0;
        const denominator = ind.formula.type === 'rate' ? (m?.denominator?.size ?? 0) : null;
        const score = scoreOf(ind.formula, ind.weight, { numerator, denominator });
        scores.push({ unit_id: u.id, indicator_id: ind.id, numerator, denominator, score });
        totals.set(u.id, (totals.get(u.id) ?? 0) + score);
        for (const id of m?.numerator ?? []) items.push({ indicator_id: ind.id, unit_id: u.id, part: 'numerator', work_item_id: id });
        for (const id of m?.denominator ?? []) items.push({ indicator_id: ind.id, unit_id: u.id, part: 'denominator', work_item_id: id });
      }
    } else if (ind.source === 'reports') {
      dueSlots ??= await dueReportSlots(db, { from: period.from_on, to: period.to_on, asOf }, opts.now);
      const measured = measureReports(dueSlots, units);
      for (const u of applies) {
        const mine = measured.get(u.id) ?? [];
        const numerator = mine.filter((x) => x.status === 'on_time').length;
        const denominator = mine.length;
        const score = scoreOf(ind.formula, ind.weight, { numerator, denominator });
        scores.push({ unit_id: u.id, indicator_id: ind.id, numerator, denominator, score });
        totals.set(u.id, (totals.get(u.id) ?? 0) + score);
        for (const x of mine)
          slotRows.push({
            indicator_id: ind.id,
            unit_id: u.id,
            def_id: x.defId,
            reporting_unit_id: x.unitId,
            period_start: x.periodStart,
            period_label: x.periodLabel,
            status: x.status,
          });
      }
    } else {
      const measured = await measureAccountability(db, period.from_on, period.to_on);
      for (const u of applies) {
        const m = measured.get(u.id);
        const numerator = m?.records ?? 0;
        const score = scoreOf(ind.formula, ind.weight, { numerator, denominator: null });
        scores.push({ unit_id: u.id, indicator_id: ind.id, numerator, denominator: null, score });
        totals.set(u.id, (totals.get(u.id) ?? 0) + score);
        for (const id of m?.items ?? []) items.push({ indicator_id: ind.id, unit_id: u.id, part: 'numerator', work_item_id: id });
      }
    }
  }
  const ranked = (['township', 'department'] as const).flatMap((g) =>
    rank(units.filter((u) => u.group === g && totals.has(u.id)).map((u) => ({ unitId: u.id, name: u.name, total: Math.round(totals.get(u.id)! * 100) / 100 }))),
  );

  await db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('assessment_periods').select('state').where('id', '=', period.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.state === 'published') throw new AppError('ASSESSMENT_PUBLISHED', { label: period.label });
    await trx.deleteFrom('assessment_score_items').where('period_id', '=', period.id).execute();
    await trx.deleteFrom('assessment_score_slots').where('period_id', '=', period.id).execute();
    await trx.deleteFrom('assessment_scores').where('period_id', '=', period.id).execute();
    await trx.deleteFrom('assessment_totals').where('period_id', '=', period.id).execute();
    if (scores.length)
      await trx
        .insertInto('assessment_scores')
        .values(scores.map((s) => ({ ...s, period_id: period.id })))
        .execute();
    if (ranked.length)
      await trx
        .insertInto('assessment_totals')
        .values(ranked.map((r) => ({ period_id: period.id, unit_id: r.unitId, total: r.total, rank: r.rank })))
        .execute();
    for (let i = 0; i < items.length; i += 5000)
      await trx
        .insertInto('assessment_score_items')
        .values(items.slice(i, i + 5000).map((r) => ({ ...r, period_id: period.id })))
        .execute();
    for (let i = 0; i < slotRows.length; i += 5000)
      await trx
        .insertInto('assessment_score_slots')
        .values(slotRows.slice(i, i + 5000).map((r) => ({ ...r, period_id: period.id })))
        .execute();
    await trx
      .updateTable('assessment_periods')
      .set({ indicators: JSON.stringify(indicators), as_of: asOf, computed_at: opts.now })
      .where('id', '=', period.id)
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'assessment.compute',
      entityType: 'assessment_period',
      entityId: period.id,
      before: null,
      after: { label: period.label, asOf, indicators: indicators.map((i) => `${i.name}（${i.weight}分）`), units: ranked.length },
    });
  });
  return { asOf, units: ranked.length };
}

/** Publishes a computed period: from now on its figures, items and indicator set are a snapshot. */
export async function publishPeriod(opts: { db: Kysely<DB>; actor: Actor; userId: number; periodId: number; now: Date }) {
  await opts.db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('assessment_periods').selectAll().where('id', '=', opts.periodId).forUpdate().executeTakeFirst();
    if (!p) throw new AppError('NOT_FOUND');
    if (p.state === 'published') throw new AppError('ASSESSMENT_PUBLISHED', { label: p.label });
    if (!p.computed_at) throw new AppError('ASSESSMENT_INVALID', { detail: '请先计算本期考核结果，再发布' });
    await trx.updateTable('assessment_periods').set({ state: 'published', published_at: opts.now, published_by: opts.userId }).where('id', '=', p.id).execute();
    await appendAudit(trx, opts.actor, {
      action: 'assessment.publish',
      entityType: 'assessment_period',
      entityId: p.id,
      before: { state: 'draft' },
      after: { state: 'published', label: p.label, asOf: p.as_of },
    });
  });
}
