import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { AppError } from '../../../core/errors.ts';
import { isCountyWide, isExternal, likePrefix } from '../../../core/access/scope.ts';
import { loadWarningThresholds } from '../../../core/clock/warning-levels.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { levelBounds } from '../todo/my-todo.ts';
import { periodRanges, trendMonths, type DashboardPeriod, type PeriodRanges } from './periods.ts';

/**
 * 领导驾驶舱: the county's (or a leader's 分管 portfolio's) figures over every registered module, read only through the
 * catalog (the modules' names, their own key figures, the one visibility rule). Every figure is a count of work items
 * under ONE predicate built here, and its drill-down lists the items under that same predicate — a number and its list
 * cannot disagree.
 */

export type DashboardScope = 'county' | 'portfolio';
export type Metric = 'new' | 'new_prev' | 'new_last_year' | 'open' | 'overdue' | 'soon' | 'listed' | 'backlog' | 'key';

export interface DashboardContext {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  user: SessionUser;
  today: string;
  scope: DashboardScope;
  period: DashboardPeriod;
}

interface Resolved {
  ctx: DashboardContext;
  /** the visibility rule AND the scope (county or portfolio) over `wi` */
  base: RawBuilder<SqlBool>;
  ranges: PeriodRanges;
  approachingUntil: string;
  scopeName: string;
  leaderId: number | null;
  /**
   * The same scope over a dashboard_monthly_new row `t` (owner's and handling top-level unit), or null where the rollup
   * cannot express it (a portfolio holding a unit below the top level).
   */
  rollupScope: RawBuilder<SqlBool> | null;
  /** the scope alone over `wi` (county: true; 分管: the portfolio), without the visibility rule */
  scopeOnly: RawBuilder<SqlBool>;
}

const n = (v: unknown) => Number(v ?? 0);

/** Who may open the dashboard: county leaders and the county-wide offices; never a township, department or outside account. */
export function mayOpenDashboard(user: Pick<SessionUser, 'roles'>): boolean {
  return isCountyWide(user) && !isExternal(user);
}

/**
 * The unit handling an item, as a path: its active 主办 party (a case 交办'd to a township), else its owner — stored on
 * the item by triggers (migration 0075, work_items.handling_unit_path; handling_top_path is its unit one level below the
 * county), so the scope, the grouping and the drill-down read one indexed column.
 */
const HANDLING_PATH = sql<string>`wi.handling_unit_path`;

async function resolve(ctx: DashboardContext): Promise<Resolved> {
  const { db, user, modules, today } = ctx;
  if (!mayOpenDashboard(user)) throw new AppError('FORBIDDEN');
  const me = await db.selectFrom('leaders').select(['id', 'oversees_unit_ids']).where('user_id', '=', user.id).where('disabled', '=', false).executeTakeFirst();
  let scopeSql = sql<SqlBool>`true`;
  let scopeName = '全县';
  let rollupScope: RawBuilder<SqlBool> | null = sql<SqlBool>`true`;
  if (ctx.scope === 'portfolio') {
    const ids = me?.oversees_unit_ids ?? [];
    const units = ids.length
      ? await db.selectFrom('units').select(['path', 'name']).where('id', 'in', ids).where('disabled', '=', false).orderBy('sort').orderBy('id').execute()
      : [];
    if (units.length === 0) throw new AppError('DASHBOARD_NO_PORTFOLIO');
    // the items the overseen units handle or own (a case 交办'd to one of them, or registered by it)
    const prefixes = units.map((u) => likePrefix(u.path));
    // (owner in the portfolio, or the active 主办 — handling_unit_path is the 主办's path when there is one, else the owner's)
    scopeSql = sql<SqlBool>`(wi.owner_unit_path like any(${prefixes}::text[]) or wi.handling_unit_path like any(${prefixes}::text[]))`;
    scopeName = `分管：${units.map((u) => u.name).join('、')}`;
    // a path under a top-level unit P is `like P%` exactly when its top-level unit is P
    const tops = units.map((u) => u.path);
    rollupScope = tops.every((p) => /^\/[0-9]+\/[0-9]+\/$/.test(p))
      ? sql<SqlBool>`(t.owner_top = any(${tops}::text[]) or t.handling_top = any(${tops}::text[]))`
      : null;
  }
  const thresholds = await loadWarningThresholds(db);
  return {
    ctx,
    base: sql<SqlBool>`(${modules.visibleSql(user, 'wi')} and ${scopeSql})`,
    ranges: periodRanges(today, ctx.period),
    approachingUntil: levelBounds(today, thresholds).approachingUntil,
    scopeName,
    leaderId: me ? Number(me.id) : null,
    rollupScope,
    scopeOnly: scopeSql,
  };
}

/** The predicate of one figure over `wi` (the module's own key figure needs its module and key). */
function metricSql(r: Resolved, metric: Metric, figure?: { module: string; key: string }): RawBuilder<SqlBool> {
  const { today } = r.ctx;
  // wi.running_due is the nearest due date of the item's running clocks (migration 0075, kept by triggers on deadlines):
  // 超期 = a running clock past due = running_due < today; 即将超期 = none past due and one due by the warning date
  const overdue = sql<SqlBool>`wi.running_due < ${today}::date`;
  switch (metric) {
    case 'new':
      return sql<SqlBool>`wi.received_on between ${r.ranges.current.from}::date and ${r.ranges.current.to}::date`;
    case 'new_prev':
      return sql<SqlBool>`wi.received_on between ${r.ranges.previous.from}::date and ${r.ranges.previous.to}::date`;
    case 'new_last_year':
      return sql<SqlBool>`wi.received_on between ${r.ranges.lastYear.from}::date and ${r.ranges.lastYear.to}::date`;
    case 'open':
      return sql<SqlBool>`wi.open`;
    case 'overdue':
      return sql<SqlBool>`(wi.open and ${overdue})`;
    case 'soon':
      return sql<SqlBool>`(wi.open and wi.running_due between ${today}::date and ${r.approachingUntil}::date)`;
    case 'listed':
      return sql<SqlBool>`(wi.open and exists (select 1 from supervision_listings sl where sl.work_item_id = wi.id and sl.delisted_at is null))`;
    case 'backlog':
      return sql<SqlBool>`(wi.open and exists (select 1 from backlog_entries be where be.work_item_id = wi.id and be.closed_at is null))`;
    case 'key': {
      const m = figure ? r.ctx.modules.modules.find((x) => x.kind === figure.module) : undefined;
      const k = m?.keyFigures?.find((x) => x.key === figure?.key);
      if (!m || !k) return sql<SqlBool>`false`;
      return sql<SqlBool>`(wi.open and wi.module = ${m.kind} and ${k.where('wi')})`;
    }
  }
}

/**
 * 在办 and 超期 of the modules whose items the reader sees all of within the scope but for a set the module can name
 * (as the trend's rollup): sums over dashboard_open_counts (migration 0097, the open items per module × owner ×
 * handling unit × nearest due date, trigger-kept) under the same scope — the counter rows carry the two paths the
 * scope reads, aliased `wi` so the scope's SQL applies to them as it is — less the reader's hidden open items (信访's
 * accusations against the reader's unit, descriptor.hiddenIdsSql) within the scope. The other modules (a rule that
 * cannot name what it hides) are counted live. Each branch yields (f, module, group, c); summing c per (f, module,
 * group) gives exactly the live count of `wi.open` / `wi.open and wi.running_due < today` under r.base.
 */
function openCountBranches(r: Resolved, group: 'module' | 'top'): { branches: RawBuilder<unknown>[]; liveModules: string[] } {
  const { modules, user, today } = r.ctx;
  const counted = modules.modules.filter((m) => !m.visibility || m.hiddenIdsSql);
  const countedKinds = counted.map((m) => m.kind);
  const liveModules = modules.modules.map((m) => m.kind).filter((k) => !countedKinds.includes(k));
  const branches: RawBuilder<unknown>[] = [];
  if (countedKinds.length) {
    const g = group === 'module' ? sql`wi.module` : sql`substring(wi.handling_unit_path from '^/[0-9]+/[0-9]+/')`;
    branches.push(sql`
      (select 'open'::text as f, wi.module, ${g} as g, sum(wi.items) as c from dashboard_open_counts wi
       where wi.module = any(${countedKinds}::text[]) and ${r.scopeOnly} group by 2, 3)`);
    branches.push(sql`
      (select 'overdue'::text as f, wi.module, ${g} as g, sum(wi.items) as c from dashboard_open_counts wi
       where wi.module = any(${countedKinds}::text[]) and wi.due < ${today}::date and ${r.scopeOnly} group by 2, 3)`);
  }
  for (const m of counted.filter((x) => x.hiddenIdsSql)) {
    const g = group === 'module' ? sql`wi.module` : sql`wi.handling_top_path`;
    branches.push(sql`
      (select x.f, wi.module, ${g} as g, -count(*) as c
       from work_items wi cross join lateral (values ('open'::text, true), ('overdue'::text, wi.running_due < ${today}::date)) x(f, counts)
       where wi.id in (${m.hiddenIdsSql!(user)}) and wi.module = ${m.kind} and wi.open and x.counts and ${r.scopeOnly}
       group by 1, 2, 3)`);
  }
  return { branches, liveModules };
}

export interface Figure {
  value: number;
}
export interface ModuleFigures {
  module: string;
  moduleName: string;
  newCount: number;
  newPrev: number;
  newLastYear: number;
  open: number;
  overdue: number;
  listed: number;
  backlog: number;
  /** the module's own key figures (重大隐患 …) */
  extra: { key: string; name: string; value: number }[];
}

export interface DashboardHead {
  asOf: string;
  today: string;
  scope: DashboardScope;
  scopeName: string;
  period: DashboardPeriod;
  ranges: PeriodRanges;
  /** whether the reader is a leader with 分管 units (the 分管 switch) */
  hasPortfolio: boolean;
}

async function head(r: Resolved, now: Date): Promise<DashboardHead> {
  const hasPortfolio =
    r.leaderId !== null &&
    (await r.ctx.db.selectFrom('leaders').select('oversees_unit_ids').where('id', '=', r.leaderId).executeTakeFirstOrThrow()).oversees_unit_ids.length > 0;
  return { asOf: now.toISOString(), today: r.ctx.today, scope: r.ctx.scope, scopeName: r.scopeName, period: r.ctx.period, ranges: r.ranges, hasPortfolio };
}

/** Key figures per module: 新增 (with 环比/同比 on the same span), 在办, 超期, 挂牌督办, 积案 and the module's own. */
export async function dashboardFigures(ctx: DashboardContext, now: Date): Promise<DashboardHead & { modules: ModuleFigures[] }> {
  const r = await resolve(ctx);
  const { db, modules } = ctx;
  const keyed = modules.modules.flatMap((m) => (m.keyFigures ?? []).map((k) => ({ module: m.kind, key: k.key, name: k.name })));
  // one branch per figure, each its own WHERE (so PostgreSQL joins the few running clocks, listings and 积案 to the open
  // items instead of probing every open item once per figure), under the same predicate its drill-down lists
  // (新增 of the three spans: a range of the received_on index each, answered from the index alone)
  // (在办 and 超期 from the counter, openCountBranches; live only for a module whose rule cannot name what it hides)
  const open = openCountBranches(r, 'module');
  const liveOnly = sql<SqlBool>`wi.module = any(${open.liveModules}::text[])`;
  const figures: [string, RawBuilder<SqlBool>][] = [
    ['cur', metricSql(r, 'new')],
    ['prev', metricSql(r, 'new_prev')],
    ['ly', metricSql(r, 'new_last_year')],
    ...(open.liveModules.length
      ? [
          ['open', sql<SqlBool>`${metricSql(r, 'open')} and ${liveOnly}`] as [string, RawBuilder<SqlBool>],
          ['overdue', sql<SqlBool>`${metricSql(r, 'overdue')} and ${liveOnly}`] as [string, RawBuilder<SqlBool>],
        ]
      : []),
    ['listed', metricSql(r, 'listed')],
    ['backlog', metricSql(r, 'backlog')],
    ...keyed.map((k, i): [string, RawBuilder<SqlBool>] => [`k${i}`, metricSql(r, 'key', k)]),
  ];
  const counted = await sql<{ f: string; module: string; c: number }>`${sql.join(
    [
      ...figures.map(
        ([f, where]) =>
          sql`(select ${f}::text as f, wi.module, wi.module as g, count(*) as c from work_items wi where ${where} and ${r.base} group by wi.module)`,
      ),
      ...open.branches,
    ],
    sql` union all `,
  )}`.execute(db);
  const countBy = new Map<string, Record<string, number>>();
  for (const x of counted.rows) {
    const row = countBy.get(x.module) ?? {};
    row[x.f] = (row[x.f] ?? 0) + n(x.c);
    countBy.set(x.module, row);
  }
  const list = modules.modules
    .filter((m) => countBy.has(m.kind) || (m.keyFigures?.length ?? 0) > 0 || m.stats)
    .map((m): ModuleFigures => {
      const op = countBy.get(m.kind);
      return {
        module: m.kind,
        moduleName: m.name,
        newCount: n(op?.cur),
        newPrev: n(op?.prev),
        newLastYear: n(op?.ly),
        open: n(op?.open),
        overdue: n(op?.overdue),
        listed: n(op?.listed),
        backlog: n(op?.backlog),
        extra: keyed.flatMap((k, i) => (k.module === m.kind ? [{ key: k.key, name: k.name, value: n(op?.[`k${i}`]) }] : [])),
      };
    });
  return { ...(await head(r, now)), modules: list };
}

/** 新增 per month and module over the 12 months ending this month (the trend chart). */
export async function dashboardTrend(
  ctx: DashboardContext,
  now: Date,
): Promise<DashboardHead & { months: string[]; series: { module: string; moduleName: string; counts: number[] }[] }> {
  const r = await resolve(ctx);
  const months = trendMonths(ctx.today);
  const thisMonth = months.at(-1)!;
  // the complete months from the rollup (dashboard_monthly_new, kept exact by a trigger) for every module whose items
  // the reader sees all of within the scope but for a set the module can name (a dashboard reader is county-wide): a
  // module without a rule of its own as it is, a module whose rule names what it hides (信访's accusations against the
  // reader's unit, hiddenIdsSql) less those of its hidden items the rollup counted; this month, and a module whose rule
  // cannot name its hidden items, counted live
  const rolledModules = r.rollupScope ? ctx.modules.modules.filter((m) => !m.visibility || m.hiddenIdsSql) : [];
  const rolled = rolledModules.map((m) => m.kind);
  const liveModules = ctx.modules.modules.map((m) => m.kind).filter((k) => !rolled.includes(k));
  // (each part a range of an index: the live modules over the twelve months, the rolled ones over this month)
  const liveRows = (where: RawBuilder<SqlBool>) => sql`
    select wi.module, to_char(date_trunc('month', wi.received_on), 'YYYY-MM-DD') as m, count(*) as c
    from work_items wi where ${where} and ${r.base} group by 1, 2`;
  const parts = liveModules.length
    ? [liveRows(sql<SqlBool>`wi.module = any(${liveModules}::text[]) and wi.received_on between ${months[0]!}::date and ${ctx.today}::date`)]
    : [];
  if (rolled.length) {
    parts.push(liveRows(sql<SqlBool>`wi.module = any(${rolled}::text[]) and wi.received_on between ${thisMonth}::date and ${ctx.today}::date`));
    parts.push(sql`
    select t.module, to_char(t.month, 'YYYY-MM-DD') as m, sum(t.items) as c
    from dashboard_monthly_new t
    where t.month >= ${months[0]!}::date and t.month < ${thisMonth}::date and t.module = any(${rolled}::text[]) and ${r.rollupScope!}
    group by 1, 2`);
    // what the rollup counted of the items hidden from the reader (within the scope the rollup rows were chosen by)
    for (const m of rolledModules.filter((x) => x.hiddenIdsSql))
      parts.push(sql`
    select wi.module, to_char(date_trunc('month', wi.received_on), 'YYYY-MM-DD') as m, -count(*) as c
    from work_items wi
    where wi.id in (${m.hiddenIdsSql!(ctx.user)}) and wi.module = ${m.kind}
      and wi.received_on >= ${months[0]!}::date and wi.received_on < ${thisMonth}::date and ${r.scopeOnly}
    group by 1, 2`);
  }
  const rows = await sql<{ module: string; m: string; c: number }>`
    select module, m, sum(c) as c from (${sql.join(parts, sql` union all `)}) p group by 1, 2`.execute(ctx.db);
  const series = ctx.modules.modules
    .filter((m) => rows.rows.some((x) => x.module === m.kind))
    .map((m) => ({
      module: m.kind,
      moduleName: m.name,
      counts: months.map((mo) => n(rows.rows.find((x) => x.module === m.kind && x.m === mo)?.c)),
    }));
  return { ...(await head(r, now)), months: months.map((m) => m.slice(0, 7)), series };
}

export interface UnitFigures {
  unitId: number;
  unitName: string;
  /** township and street: on the map; the rest: 县直部门 */
  kind: string;
  isTownship: boolean;
  open: number;
  overdue: number;
  listed: number;
  newCount: number;
}

/**
 * Townships and departments side by side: the county's units one level below the county, each with the open items
 * handled within it (its own and its villages'), the overdue, 挂牌 and this period's new among them — the ranking and the
 * map's colours.
 */
export async function dashboardUnits(ctx: DashboardContext, now: Date): Promise<DashboardHead & { units: UnitFigures[] }> {
  const r = await resolve(ctx);
  // each figure its own branch and WHERE (as in dashboardFigures), grouped by the stored handling top-level unit
  // (在办 and 超期 from the counter as in dashboardFigures, grouped by the handling path's top-level unit)
  const open = openCountBranches(r, 'top');
  const liveOnly = sql<SqlBool>`wi.module = any(${open.liveModules}::text[])`;
  const branches: [string, RawBuilder<SqlBool>][] = [
    ...(open.liveModules.length
      ? [
          ['open', sql<SqlBool>`${metricSql(r, 'open')} and ${liveOnly}`] as [string, RawBuilder<SqlBool>],
          ['overdue', sql<SqlBool>`${metricSql(r, 'overdue')} and ${liveOnly}`] as [string, RawBuilder<SqlBool>],
        ]
      : []),
    ['listed', metricSql(r, 'listed')],
    ['cur', metricSql(r, 'new')],
  ];
  const rows = await sql<{ id: number; name: string; kind: string; open: number; overdue: number; listed: number; cur: number }>`
    with s as (${sql.join(
      [
        ...branches.map(
          ([f, where]) =>
            sql`(select ${f}::text as f, wi.handling_top_path as top, count(*) as c from work_items wi where ${where} and ${r.base} group by wi.handling_top_path)`,
        ),
        ...open.branches.map((b) => sql`(select o.f, o.g as top, o.c from ${b} o)`),
      ],
      sql` union all `,
    )}), g as (
      select top, sum(c) filter (where f = 'open') as open, sum(c) filter (where f = 'overdue') as overdue,
             sum(c) filter (where f = 'listed') as listed, sum(c) filter (where f = 'cur') as cur
      from s where top is not null group by top
    )
    select u.id, coalesce(u.short_name, u.name) as name, u.kind, coalesce(g.open, 0) as open, coalesce(g.overdue, 0) as overdue,
           coalesce(g.listed, 0) as listed, coalesce(g.cur, 0) as cur
    from units u left join g on g.top = u.path
    where u.path ~ '^/[0-9]+/[0-9]+/$' and not u.disabled
      and (g.top is not null or u.kind in ('township', 'street'))
    order by coalesce(g.overdue, 0) desc, coalesce(g.open, 0) desc, u.sort, u.id`.execute(ctx.db);
  return {
    ...(await head(r, now)),
    units: rows.rows.map((u) => ({
      unitId: Number(u.id),
      unitName: u.name,
      kind: u.kind,
      isTownship: u.kind === 'township' || u.kind === 'street',
      open: n(u.open),
      overdue: n(u.overdue),
      listed: n(u.listed),
      newCount: n(u.cur),
    })),
  };
}

export interface AttentionItem {
  id: number;
  moduleName: string;
  href: string;
  refNo: string;
  title: string;
  stateName: string;
  nearestDue: string | null;
}

/** What needs the leader now: their open 包案 (overdue first), the 批示 they were asked for, items about to fall overdue. */
export async function dashboardAttention(
  ctx: DashboardContext,
  now: Date,
): Promise<
  DashboardHead & {
    cases: { total: number; overdue: number; items: AttentionItem[] };
    awaiting: { total: number; items: (AttentionItem & { question: string })[] };
    soon: { total: number; items: AttentionItem[] };
  }
> {
  const r = await resolve(ctx);
  const { db, modules, today } = ctx;
  const nearest = sql<string | null>`wi.running_due`;
  const toItem = (x: { id: number; module: string; state: string; ref_no: string; title: string; nd: string | null }): AttentionItem => {
    const w = modules.words({ module: x.module, id: Number(x.id), state: x.state });
    return {
      id: Number(x.id),
      moduleName: w.moduleName,
      href: w.href,
      refNo: x.ref_no,
      title: x.title,
      stateName: w.stateName,
      nearestDue: x.nd ? String(x.nd) : null,
    };
  };
  const visible = modules.visibleSql(ctx.user, 'wi');
  let cases = { total: 0, overdue: 0, items: [] as AttentionItem[] };
  let awaiting = { total: 0, items: [] as (AttentionItem & { question: string })[] };
  if (r.leaderId !== null) {
    const c = await sql<{ id: number; module: string; state: string; ref_no: string; title: string; nd: string | null; total: number; od: number }>`
      select wi.id, wi.module, wi.state, wi.ref_no, wi.title, ${nearest} as nd, count(*) over () as total,
             count(*) filter (where ${nearest} < ${today}::date) over () as od
      from case_parties cp join work_items wi on wi.id = cp.work_item_id
      where cp.role = 'leader' and cp.active and cp.leader_id = ${r.leaderId} and wi.open and ${visible}
      order by nd asc nulls last, wi.id limit 6`.execute(db);
    cases = { total: n(c.rows[0]?.total), overdue: n(c.rows[0]?.od), items: c.rows.map(toItem) };
    const a = await sql<{ id: number; module: string; state: string; ref_no: string; title: string; nd: string | null; question: string; total: number }>`
      select wi.id, wi.module, wi.state, wi.ref_no, wi.title, ${nearest} as nd, ir.question, count(*) over () as total
      from instruction_requests ir join work_items wi on wi.id = ir.work_item_id
      where ir.leader_id = ${r.leaderId} and ir.answered_at is null and ${visible}
      order by ir.requested_at, ir.id limit 6`.execute(db);
    awaiting = { total: n(a.rows[0]?.total), items: a.rows.map((x) => ({ ...toItem(x), question: x.question })) };
  }
  // the first eight in due order, and their number apart: a count over the window would fetch every row about to fall
  // overdue from the table (tens of thousands at 1M items per module), the count alone reads the covering index
  const soonWhere = sql<SqlBool>`${metricSql(r, 'soon')} and ${r.base}`;
  const [s, sc] = await Promise.all([
    sql<{ id: number; module: string; state: string; ref_no: string; title: string; nd: string | null }>`
    select wi.id, wi.module, wi.state, wi.ref_no, wi.title, ${nearest} as nd
    from work_items wi where ${soonWhere}
    order by nd asc nulls last, wi.id limit 8`.execute(db),
    sql<{ total: number }>`select count(*) as total from work_items wi where ${soonWhere}`.execute(db),
  ]);
  return { ...(await head(r, now)), cases, awaiting, soon: { total: n(sc.rows[0]?.total), items: s.rows.map(toItem) } };
}

export interface DrillQuery {
  metric: Metric;
  module?: string | undefined;
  figure?: string | undefined;
  unitId?: number | undefined;
  page: number;
  pageSize: number;
}

const METRIC_NAMES: Record<Metric, string> = {
  new: '本期新增',
  new_prev: '上期同期新增（环比）',
  new_last_year: '去年同期新增（同比）',
  open: '在办',
  overdue: '超期',
  soon: '即将超期',
  listed: '挂牌督办',
  backlog: '积案',
  key: '',
};

/** The items behind one figure: the same predicate, the same scope and visibility, optionally one module and one unit. */
export async function dashboardItems(ctx: DashboardContext, q: DrillQuery) {
  const r = await resolve(ctx);
  const { db, modules, today } = ctx;
  const parts: RawBuilder<SqlBool>[] = [
    r.base,
    metricSql(r, q.metric, q.metric === 'key' && q.module && q.figure ? { module: q.module, key: q.figure } : undefined),
  ];
  if (q.module) parts.push(sql<SqlBool>`wi.module = ${q.module}`);
  let unitName: string | null = null;
  if (q.unitId !== undefined) {
    const u = await db.selectFrom('units').select(['path', 'name', 'short_name']).where('id', '=', q.unitId).executeTakeFirst();
    unitName = u ? (u.short_name ?? u.name) : '（无此单位）';
    // a unit one level below the county (the map's townships, the departments): the stored handling_top_path equals it
    // exactly when the handling path lies under it — one range of the (handling_top_path, running_due, id) index in due
    // order, instead of every overdue item of the county filtered down to one township's
    const topLevel = u !== undefined && /^\/[0-9]+\/[0-9]+\/$/.test(u.path);
    parts.push(
      !u ? sql<SqlBool>`false` : topLevel ? sql<SqlBool>`wi.handling_top_path = ${u.path}` : sql<SqlBool>`${HANDLING_PATH} like ${likePrefix(u.path)}`,
    );
  }
  const where = sql.join(parts, sql` and `);
  const nearest = sql<string | null>`wi.running_due`;
  const total = n((await sql<{ c: number }>`select count(*) as c from work_items wi where ${where}`.execute(db)).rows[0]?.c);
  const byDue = q.metric === 'overdue' || q.metric === 'soon';
  const rows = await sql<{ id: number; module: string; state: string; ref_no: string; title: string; nd: string | null; received_on: string; hp: string }>`
    select wi.id, wi.module, wi.state, wi.ref_no, wi.title, ${nearest} as nd, wi.received_on::text as received_on,
           (select coalesce(un.short_name, un.name) from units un where un.path = ${HANDLING_PATH}) as hp
    from work_items wi where ${where}
    order by ${byDue ? sql`nd asc nulls last, wi.id` : sql`wi.received_on desc, wi.id desc`}
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db);
  const figureName =
    q.metric === 'key' ? (modules.modules.find((m) => m.kind === q.module)?.keyFigures?.find((k) => k.key === q.figure)?.name ?? '') : METRIC_NAMES[q.metric];
  return {
    title: [r.scopeName, unitName, q.module ? modules.name(q.module) : '全部类型', figureName].filter(Boolean).join(' · '),
    today,
    total,
    items: rows.rows.map((x) => {
      const w = modules.words({ module: x.module, id: Number(x.id), state: x.state });
      return {
        id: Number(x.id),
        moduleName: w.moduleName,
        href: w.href,
        refNo: x.ref_no,
        title: x.title,
        stateName: w.stateName,
        handlingUnitName: x.hp ?? '',
        receivedOn: x.received_on,
        nearestDue: x.nd ? String(x.nd) : null,
      };
    }),
  };
}
