import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../../../core/db/schema.ts';
import type { SessionUser } from '../../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../../core/audit/audit-chain.ts';
import { AppError } from '../../../../core/errors.ts';
import { shanghaiDate } from '../../../../core/clock/clock.ts';
import { findRule } from '../../../../core/clock/legal-rules.ts';
import { daysFromCivil, parseIsoDay, shanghaiMidnight } from '../../../../core/clock/day-math.ts';
import { roleInfo } from '../../../../core/access/roles.ts';
import { loadCalendar } from '../../../../kernel/deadlines/index.ts';
import { moduleVisibleSql } from '../../../../kernel/catalog/index.ts';
import { HAZARD_VISIBILITY } from '../visibility.ts';
import { HAZARD_GRADES } from '../fields.ts';
import { HAZARD_MACHINE, type HazardState } from '../machine.ts';
import { endedPeriods, REPORT_RULES, reportDue, reportPeriod, type PeriodKind, type ReportPeriod } from './periods.ts';

export type ReportScope = 'county' | 'township' | 'regulator';
export const SCOPE_ZH: Record<ReportScope, string> = { county: '全县', township: '本乡镇（街道）属地', regulator: '本部门主管行业' };
export type ReportStatus = 'pending' | 'draft' | 'returned' | 'signed';
export const STATUS_ZH: Record<ReportStatus, string> = { pending: '待生成', draft: '待签发', returned: '已退回', signed: '已签发' };
export const TABLE_TITLE = '隐患排查治理情况统计表';

/** The table's columns as a county's 隐患排查治理情况统计表 has them; every count drills down to its hazards. */
export const REPORT_COLUMNS = [
  { key: 'generalFound', group: '一般事故隐患', name: '排查（项）', kind: 'count' },
  { key: 'generalRectified', group: '一般事故隐患', name: '已整改（项）', kind: 'count' },
  { key: 'generalRate', group: '一般事故隐患', name: '整改率', kind: 'rate' },
  { key: 'majorFound', group: '重大事故隐患', name: '排查（项）', kind: 'count' },
  { key: 'majorRectified', group: '重大事故隐患', name: '已整改（项）', kind: 'count' },
  { key: 'majorRate', group: '重大事故隐患', name: '整改率', kind: 'rate' },
  { key: 'majorListed', group: '重大事故隐患', name: '列入挂牌督办（项）', kind: 'count' },
  { key: 'majorReported', group: '重大事故隐患', name: '已上报（项）', kind: 'count' },
  { key: 'overdue', group: null, name: '超期未整改（项）', kind: 'count' },
  { key: 'funds', group: null, name: '落实整改资金（万元）', kind: 'money' },
] as const;
export type ColumnKey = (typeof REPORT_COLUMNS)[number]['key'];
/** the items behind each count (a rate drills to its 排查 count, the funds to the hazards with funds) */
const CELL_WHERE: Record<ColumnKey, string> = {
  generalFound: "i.grade = 'general'",
  generalRectified: "i.grade = 'general' and i.rectified",
  generalRate: "i.grade = 'general'",
  majorFound: "i.grade = 'major'",
  majorRectified: "i.grade = 'major' and i.rectified",
  majorRate: "i.grade = 'major'",
  majorListed: "i.grade = 'major' and i.listed",
  majorReported: "i.grade = 'major' and i.reported_up",
  overdue: 'i.overdue',
  funds: 'i.funds > 0',
};
export const isColumnKey = (k: string): k is ColumnKey => k in CELL_WHERE;

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
const countyWide = (u: Pick<SessionUser, 'roles'>) => u.roles.some((r) => roleInfo(r)?.countyWide);
/** who makes and signs a unit's table: the unit's own safety staff (安委办/应急, 乡镇, 行业主管部门) */
const STAT_ROLES = ['safety_staff', 'township_staff', 'dept_liaison'] as const;
const mayWork = (u: SessionUser) => u.roles.some((r) => (STAT_ROLES as readonly string[]).includes(r));

/** What a unit's table covers: the county's 安委办/应急 the whole county, a township its 属地, a department what it regulates. */
async function scopeOf(db: Kysely<DB>, user: SessionUser): Promise<ReportScope> {
  if (user.roles.includes('safety_staff')) return 'county';
  const unit = await db.selectFrom('units').select('kind').where('id', '=', user.unitId).executeTakeFirstOrThrow();
  return unit.kind === 'township' ? 'township' : 'regulator';
}

function scopeSql(scope: ReportScope, unitId: number): RawBuilder<SqlBool> {
  if (scope === 'township') return sql<SqlBool>`e.township_unit_id = ${unitId}`;
  if (scope === 'regulator') return sql<SqlBool>`e.regulator_unit_id = ${unitId}`;
  return sql<SqlBool>`true`;
}

async function periodDue(db: Kysely<DB>, period: ReportPeriod) {
  const [rule, calendar] = await Promise.all([findRule(db, REPORT_RULES[period.kind]), loadCalendar(db)]);
  const due = reportDue(calendar, rule, period);
  return { dueDate: due.dueDate!, explanation: due.explanation };
}

/** A report may be read by county-wide roles, and by the staff of its unit (and of the units above it). */
async function loadReport(db: Kysely<DB>, user: SessionUser, id: number) {
  const r = await db
    .selectFrom('hazard_stat_reports as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .innerJoin('users as g', 'g.id', 'r.generated_by')
    .leftJoin('users as s', 's.id', 'r.signed_by')
    .leftJoin('users as b', 'b.id', 'r.returned_by')
    .select([
      'r.id',
      'r.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'r.scope',
      'r.period_kind',
      'r.year',
      'r.quarter',
      sql<string>`r.due_date::text`.as('due_date'),
      'r.status',
      'r.generation',
      'r.generated_by',
      'g.display_name as generated_by_name',
      'r.generated_at',
      's.display_name as signed_by_name',
      'r.signed_at',
      sql<string | null>`r.signed_on::text`.as('signed_on'),
      'b.display_name as returned_by_name',
      'r.returned_at',
      'r.return_reason',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!r || !(countyWide(user) || r.unit_path.startsWith(user.unitPath))) throw new AppError('NOT_FOUND');
  return r;
}
type ReportRow = Awaited<ReturnType<typeof loadReport>>;

function statusOf(status: ReportStatus, dueDate: string, signedOn: string | null, today: string) {
  const late = signedOn ? signedOn > dueDate : today > dueDate;
  const name = status === 'signed' ? (late ? '已签发（逾期）' : '已签发（按时）') : late ? `逾期${STATUS_ZH[status]}` : STATUS_ZH[status];
  return { status, statusName: name, late };
}

/**
 * 生成: a snapshot of the ledger for the user's unit and an ended period — one row per hazard found in the period within
 * the unit's scope, with what it counted as at the period's end (rectified = 销号 by then, 挂牌督办, reported upward,
 * overdue = open at the end and past its 整改期限) — so every figure is its rows and stays as it was. A table already
 * signed is frozen; one awaiting sign-off or returned is generated anew. Audited.
 */
export async function generateReport(
  db: Kysely<DB>,
  o: { user: SessionUser; actor: Actor; now: Date; periodKind: PeriodKind; year: number; quarter?: number | null },
): Promise<{ id: number }> {
  if (!mayWork(o.user)) throw new AppError('HAZARD_REPORT_FORBIDDEN');
  const period = reportPeriod(o.periodKind, o.year, o.periodKind === 'quarter' ? (o.quarter ?? null) : null);
  const today = shanghaiDate(o.now);
  if (period.to >= today) throw new AppError('HAZARD_REPORT_NOT_DUE', { period: period.name });
  const scope = await scopeOf(db, o.user);
  const due = await periodDue(db, period);
  const endInstant = shanghaiMidnight(parseIsoDay(period.to)! + 1);
  return db.transaction().execute(async (trx) => {
    // one table per unit and period: lock the unit's row while it is written, so two generations never interleave
    await trx.selectFrom('units').select('id').where('id', '=', o.user.unitId).forUpdate().execute();
    const existing = await trx
      .selectFrom('hazard_stat_reports')
      .select(['id', 'status', sql<string | null>`signed_on::text`.as('signed_on')])
      .where('unit_id', '=', o.user.unitId)
      .where('period_kind', '=', period.kind)
      .where('year', '=', period.year)
      .where(sql<SqlBool>`coalesce(quarter, 0) = ${period.quarter ?? 0}`)
      .executeTakeFirst();
    if (existing?.status === 'signed') throw new AppError('HAZARD_REPORT_SIGNED', { signedOn: existing.signed_on ?? '' });
    let id: number;
    if (existing) {
      id = Number(existing.id);
      await trx.deleteFrom('hazard_stat_report_items').where('report_id', '=', id).execute();
      await trx
        .updateTable('hazard_stat_reports')
        .set((eb) => ({
          status: 'draft',
          generation: eb('generation', '+', 1),
          generated_by: o.user.id,
          generated_at: o.now,
          due_date: due.dueDate,
          scope,
          returned_by: null,
          returned_at: null,
          return_reason: null,
        }))
        .where('id', '=', id)
        .execute();
    } else {
      const row = await trx
        .insertInto('hazard_stat_reports')
        .values({
          unit_id: o.user.unitId,
          scope,
          period_kind: period.kind,
          year: period.year,
          quarter: period.quarter,
          period_from: period.from,
          period_to: period.to,
          due_date: due.dueDate,
          status: 'draft',
          generated_by: o.user.id,
          generated_at: o.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = Number(row.id);
    }
    await sql`
      insert into hazard_stat_report_items (report_id, hazard_id, sector_id, grade, rectified, listed, reported_up, overdue, funds)
      select ${id}, h.id, coalesce(s.parent_id, s.id), h.grade,
        h.closed_on is not null and h.closed_on <= ${period.to}::date,
        coalesce(h.supervision_level = 'county', false) or exists (
          select 1 from supervision_listings l where l.work_item_id = h.id and l.listed_at < ${endInstant}),
        exists (select 1 from hazard_upward_reports u where u.hazard_id = h.id and u.kind = 'major' and u.reported_on <= ${period.to}::date),
        (h.closed_on is null or h.closed_on > ${period.to}::date) and h.due_on < ${period.to}::date,
        h.funds
      from hazards h
      join safety_enterprises e on e.id = h.enterprise_id
      join safety_sectors s on s.id = e.sector_id
      where h.found_on >= ${period.from}::date and h.found_on <= ${period.to}::date and ${scopeSql(scope, o.user.unitId)}
    `.execute(trx);
    const counted = await trx
      .selectFrom('hazard_stat_report_items')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('report_id', '=', id)
      .executeTakeFirstOrThrow();
    await appendAudit(trx, o.actor, {
      action: 'hazard.stat_report.generate',
      entityType: 'hazard_stat_report',
      entityId: id,
      after: { period: period.name, unitId: o.user.unitId, scope, hazards: Number(counted.n), dueDate: due.dueDate, regenerated: existing !== undefined },
    });
    return { id };
  });
}

async function mayDecide(db: Kysely<DB>, user: SessionUser, r: ReportRow) {
  if (!mayWork(user) || Number(r.unit_id) !== user.unitId) throw new AppError('HAZARD_REPORT_FORBIDDEN');
  if (Number(r.generated_by) === user.id) throw new AppError('HAZARD_REPORT_SELF_SIGN', { name: user.displayName });
  void db;
}

/**
 * 审核签发: another person of the unit with the authority (never the one who generated it) signs the table awaiting
 * sign-off; who and when are recorded and its figures are frozen from then on. Late when signed after the due date.
 */
export async function signReport(db: Kysely<DB>, o: { id: number; user: SessionUser; actor: Actor; now: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.selectFrom('hazard_stat_reports').select('id').where('id', '=', o.id).forUpdate().execute();
    const r = await loadReport(trx, o.user, o.id);
    if (r.status === 'signed') throw new AppError('HAZARD_REPORT_SIGNED', { signedOn: r.signed_on ?? '' });
    if (r.status !== 'draft') throw new AppError('HAZARD_REPORT_NOT_DRAFT');
    await mayDecide(trx, o.user, r);
    const on = shanghaiDate(o.now);
    await trx
      .updateTable('hazard_stat_reports')
      .set({ status: 'signed', signed_by: o.user.id, signed_at: o.now, signed_on: on })
      .where('id', '=', o.id)
      .execute();
    await appendAudit(trx, o.actor, {
      action: 'hazard.stat_report.sign',
      entityType: 'hazard_stat_report',
      entityId: o.id,
      after: { signedOn: on, dueDate: r.due_date, late: on > r.due_date },
    });
  });
}

/** 退回: the reviewer sends the table back with the reason; it is to be generated anew before it can be signed. */
export async function returnReport(db: Kysely<DB>, o: { id: number; user: SessionUser; actor: Actor; now: Date; reason: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.selectFrom('hazard_stat_reports').select('id').where('id', '=', o.id).forUpdate().execute();
    const r = await loadReport(trx, o.user, o.id);
    if (r.status === 'signed') throw new AppError('HAZARD_REPORT_SIGNED', { signedOn: r.signed_on ?? '' });
    if (r.status !== 'draft') throw new AppError('HAZARD_REPORT_NOT_DRAFT');
    await mayDecide(trx, o.user, r);
    await trx
      .updateTable('hazard_stat_reports')
      .set({ status: 'returned', returned_by: o.user.id, returned_at: o.now, return_reason: o.reason })
      .where('id', '=', o.id)
      .execute();
    await appendAudit(trx, o.actor, { action: 'hazard.stat_report.return', entityType: 'hazard_stat_report', entityId: o.id, reason: o.reason, after: {} });
  });
}

export interface TableRow {
  sectorId: number | null;
  name: string;
  cells: Record<ColumnKey, number | null>;
}

/** The figures of a table from its frozen rows: one line per top-level sector (all of them, zero or not) and the total. */
async function figures(db: Kysely<DB>, reportId: number): Promise<TableRow[]> {
  const sectors = await db.selectFrom('safety_sectors').select(['id', 'name']).where('parent_id', 'is', null).orderBy('sort').orderBy('id').execute();
  const rows = await sql<{
    sector_id: string | null;
    gf: string;
    gr: string;
    mf: string;
    mr: string;
    ml: string;
    mu: string;
    od: string;
    funds: string | null;
  }>`
    select i.sector_id::text as sector_id,
      count(*) filter (where i.grade = 'general') as gf, count(*) filter (where i.grade = 'general' and i.rectified) as gr,
      count(*) filter (where i.grade = 'major') as mf, count(*) filter (where i.grade = 'major' and i.rectified) as mr,
      count(*) filter (where i.grade = 'major' and i.listed) as ml, count(*) filter (where i.grade = 'major' and i.reported_up) as mu,
      count(*) filter (where i.overdue) as od, sum(i.funds)::text as funds
    from hazard_stat_report_items i where i.report_id = ${reportId}
    group by rollup (i.sector_id)
  `.execute(db);
  const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);
  const toCells = (r: (typeof rows.rows)[number] | undefined): Record<ColumnKey, number | null> => {
    const n = (v: string | undefined) => Number(v ?? 0);
    const [gf, gr, mf, mr] = [n(r?.gf), n(r?.gr), n(r?.mf), n(r?.mr)];
    return {
      generalFound: gf,
      generalRectified: gr,
      generalRate: rate(gr, gf),
      majorFound: mf,
      majorRectified: mr,
      majorRate: rate(mr, mf),
      majorListed: n(r?.ml),
      majorReported: n(r?.mu),
      overdue: n(r?.od),
      funds: Math.round(Number(r?.funds ?? 0) / 100) / 100,
    };
  };
  // rollup's grand total has a null sector; every real row has one (sector_id is NOT NULL)
  const bySector = new Map(rows.rows.filter((r) => r.sector_id !== null).map((r) => [Number(r.sector_id), r]));
  const total = rows.rows.find((r) => r.sector_id === null);
  return [
    ...sectors.map((s) => ({ sectorId: Number(s.id), name: s.name, cells: toCells(bySector.get(Number(s.id))) })),
    { sectorId: null, name: '合计', cells: toCells(total) },
  ];
}

const periodOf = (r: { period_kind: PeriodKind; year: number; quarter: number | null }) => reportPeriod(r.period_kind, r.year, r.quarter);

/** One table as its page shows it: header, status, who generated/signed/returned it and when, the figures. */
export async function getReport(db: Kysely<DB>, user: SessionUser, id: number, now: Date) {
  const r = await loadReport(db, user, id);
  const period = periodOf(r);
  const today = shanghaiDate(now);
  const st = statusOf(r.status, r.due_date, r.signed_on, today);
  const due = await periodDue(db, period);
  const sameUnit = mayWork(user) && Number(r.unit_id) === user.unitId;
  return {
    id: Number(r.id),
    title: `${r.unit_name}${period.name}${TABLE_TITLE}`,
    unitName: r.unit_name,
    scopeName: SCOPE_ZH[r.scope],
    periodName: period.name,
    periodKind: r.period_kind,
    year: r.year,
    quarter: r.quarter,
    periodFrom: period.from,
    periodTo: period.to,
    dueDate: r.due_date,
    dueExplanation: due.explanation,
    ...st,
    generation: Number(r.generation),
    generatedByName: r.generated_by_name,
    generatedAt: iso(r.generated_at)!,
    signedByName: r.signed_by_name,
    signedAt: iso(r.signed_at),
    returnedByName: r.returned_by_name,
    returnedAt: iso(r.returned_at),
    returnReason: r.return_reason,
    columns: REPORT_COLUMNS.map((c) => ({ ...c })),
    rows: await figures(db, id),
    maySign: sameUnit && r.status === 'draft' && Number(r.generated_by) !== user.id,
    mayRegenerate: sameUnit && r.status !== 'signed',
    notes: [
      `统计${SCOPE_ZH[r.scope]}${period.from}至${period.to}排查发现的隐患；整改、挂牌督办、上报和超期情况均截至${period.to}。`,
      '整改率 = 已整改 ÷ 排查；超期未整改：统计期末未销号且已过整改期限。',
      `报送期限：${due.explanation}`,
    ],
  };
}

/**
 * The tables of a unit (the user's own, or — for county-wide roles — any reporting unit) for the periods that have
 * ended: 待生成 where none was generated, 待签发, 已退回, 已签发 (按时/逾期), 逾期 when past due and not signed.
 */
export async function listReports(db: Kysely<DB>, user: SessionUser, now: Date, unitId?: number) {
  const unit = unitId ?? user.unitId;
  if (unit !== user.unitId && !countyWide(user)) throw new AppError('NOT_FOUND');
  const u = await db.selectFrom('units').select(['id', 'name', 'path']).where('id', '=', unit).executeTakeFirst();
  if (!u || !(countyWide(user) || u.path.startsWith(user.unitPath))) throw new AppError('NOT_FOUND');
  const today = shanghaiDate(now);
  // the periods since the ledger began (never a row of 逾期待生成 for the years before the system was in use), at
  // least the last quarter
  const first = await db
    .selectFrom('hazards')
    .select(sql<string | null>`min(found_on)::text`.as('on'))
    .executeTakeFirst();
  const periods = endedPeriods(today).filter((p, i) => i === 0 || (first?.on !== null && first?.on !== undefined && p.to >= first.on));
  const stored = await db
    .selectFrom('hazard_stat_reports as r')
    .leftJoin('users as s', 's.id', 'r.signed_by')
    .select([
      'r.id',
      'r.period_kind',
      'r.year',
      'r.quarter',
      'r.status',
      sql<string>`r.due_date::text`.as('due_date'),
      sql<string | null>`r.signed_on::text`.as('signed_on'),
      's.display_name as signed_by_name',
      'r.generated_at',
    ])
    .where('r.unit_id', '=', unit)
    .execute();
  const key = (kind: string, year: number, quarter: number | null) => `${kind}|${year}|${quarter ?? 0}`;
  const byPeriod = new Map(stored.map((r) => [key(r.period_kind, r.year, r.quarter), r]));
  const [qRule, yRule, calendar] = await Promise.all([findRule(db, REPORT_RULES.quarter), findRule(db, REPORT_RULES.year), loadCalendar(db)]);
  const items = periods.map((p) => {
    const r = byPeriod.get(key(p.kind, p.year, p.quarter));
    const dueDate = r?.due_date ?? reportDue(calendar, p.kind === 'year' ? yRule : qRule, p).dueDate!;
    return {
      id: r ? Number(r.id) : null,
      periodKind: p.kind,
      year: p.year,
      quarter: p.quarter,
      periodName: p.name,
      dueDate,
      ...statusOf(r?.status ?? 'pending', dueDate, r?.signed_on ?? null, today),
      signedOn: r?.signed_on ?? null,
      signedByName: r?.signed_by_name ?? null,
      generatedAt: r ? iso(r.generated_at) : null,
    };
  });
  return { unitId: Number(u.id), unitName: u.name, mayGenerate: mayWork(user) && unit === user.unitId, items };
}

/** The units whose tables a county-wide role may open: every unit that has generated one, and the user's own. */
export async function reportUnits(db: Kysely<DB>, user: SessionUser) {
  if (!countyWide(user)) return [{ id: user.unitId, name: user.unitName }];
  const rows = await db
    .selectFrom('units as u')
    .select(['u.id', 'u.name'])
    .where((eb) =>
      eb.or([eb('u.id', '=', user.unitId), eb.exists(eb.selectFrom('hazard_stat_reports as r').select('r.id').whereRef('r.unit_id', '=', 'u.id'))]),
    )
    .orderBy('u.path')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

/** The hazards behind one figure of a table (a sector's line or the total), as frozen with it, read under the ledger's visibility. */
export async function reportItems(db: Kysely<DB>, user: SessionUser, o: { id: number; column: ColumnKey; sectorId?: number; page: number; pageSize: number }) {
  await loadReport(db, user, o.id);
  let q = db
    .selectFrom('hazard_stat_report_items as i')
    .innerJoin('hazards as h', 'h.id', 'i.hazard_id')
    .innerJoin('work_items as wi', 'wi.id', 'h.id')
    .innerJoin('safety_enterprises as e', 'e.id', 'h.enterprise_id')
    .where('i.report_id', '=', o.id)
    .where(sql.raw<SqlBool>(CELL_WHERE[o.column]))
    .where(moduleVisibleSql(HAZARD_VISIBILITY, user));
  if (o.sectorId !== undefined) q = q.where('i.sector_id', '=', o.sectorId);
  const [rows, total] = await Promise.all([
    q
      .select([
        'h.id',
        'wi.ref_no',
        'wi.state',
        'e.name as enterprise_name',
        'i.grade',
        'i.rectified',
        'i.overdue',
        'i.funds',
        'h.description',
        sql<string>`h.found_on::text`.as('found_on'),
        sql<string>`h.due_on::text`.as('due_on'),
      ])
      .orderBy('h.found_on')
      .orderBy('h.id')
      .limit(o.pageSize)
      .offset((o.page - 1) * o.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: Number(r.id),
      refNo: r.ref_no,
      enterpriseName: r.enterprise_name,
      gradeName: HAZARD_GRADES[r.grade],
      description: r.description,
      foundOn: r.found_on,
      dueOn: r.due_on,
      rectified: r.rectified,
      overdue: r.overdue,
      funds: r.funds === null ? null : Number(r.funds),
      stateName: HAZARD_MACHINE.states[r.state as HazardState]?.name ?? '办理中',
    })),
  };
}

/** Days from one ISO day to another (for the reminders' words). */
export const daysUntil = (from: string, to: string) => daysFromCivil(...(to.split('-').map(Number) as [number, number, number])) - parseIsoDay(from)!;
