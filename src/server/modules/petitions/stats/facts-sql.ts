import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { FactsScope } from '../../../kernel/stats/index.ts';
import { linkedItemIdsSql } from '../../../kernel/links/index.ts';
import { petitionFactVisibleSql } from '../visibility.ts';
import type { CountKey } from './indicators.ts';

export const DIMENSIONS = ['channel', 'category', 'unit', 'township', 'level', 'month'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * One row per initial petition (复查/复核 are linked cases, not new 件次) received in [from, to], visible to
 * the user exactly as in GET /petitions, with the facts every count needs. Columns:
 * route_due/route_done/route_status (the xf.dept.route clock), handle_due + reply_date, eval_due + eval_result.
 *
 * Read from petition_facts (migration 0010), which triggers keep equal to the source rows; one index range
 * over a narrow table instead of five lookups per petition. The visibility rule is the module's one rule,
 * read from the fact row's copies of id / owner_unit_path / accused_unit_path (petitionFactVisibleSql).
 * `linked`: the petition has an active link to an item the user may see (kernel/links).
 */
export function factsSql(scope: FactsScope): RawBuilder<unknown> {
  const { user, from, to } = scope;
  return sql`(
    select pf.id, pf.received_at as at, pf.channel, pf.received_at, pf.law_related, pf.is_repeat,
      coalesce(c.parent_id, c.id) as category_key,
      pf.place_unit_id as township_key,
      pf.unit_key,
      pf.level_key,
      to_char((pf.received_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM') as month_key,
      pf.channel as channel_key,
      pf.persons,
      pf.route_due, pf.route_status, pf.route_done,
      pf.handle_due, pf.reply_date,
      pf.eval_due, pf.eval_result,
      pf.state, pf.route_decided,
      lk.id is not null as linked
    from petition_facts pf
    join petition_categories c on c.id = pf.category_id
    left join ${linkedItemIdsSql(scope.visibleSql)} lk on lk.id = pf.id
    where pf.stage = 'initial'
      and ${petitionFactVisibleSql(user)}
      -- Beijing days [from, to] as instants, so petition_facts_received_idx serves the range
      and pf.received_at >= (${from}::date::timestamp at time zone 'Asia/Shanghai')
      and pf.received_at < ((${to}::date + 1)::timestamp at time zone 'Asia/Shanghai')
  )`;
}

/**
 * The predicate of each count over a facts row `f`, as of `today`. `persons` is a sum, so its predicate
 * (every row) is what its drill-down lists. Comparisons with a missing date are null → not counted.
 */
export function countPredicate(key: CountKey, t: RawBuilder<unknown>): RawBuilder<SqlBool> {
  const withdrawn = sql<SqlBool>`(f.state = 'withdrawn')`;
  // a withdrawal stops every clock: a case withdrawn before any 受理/交办/转送 decision had no routing decision to
  // time, and one withdrawn while being handled was never answered late — neither counts for or against the units
  const routeDecided = sql<SqlBool>`(f.state <> 'withdrawn' or f.route_decided)`;
  const routeTimely = sql<SqlBool>`(f.route_status = 'stopped' and f.route_done <= f.route_due and ${routeDecided})`;
  const routeLate = sql<SqlBool>`(f.route_status = 'stopped' and f.route_done > f.route_due and ${routeDecided})`;
  const routeOverdueOpen = sql<SqlBool>`(f.route_status <> 'stopped' and f.route_due < ${t})`;
  const replyOnTime = sql<SqlBool>`(f.reply_date is not null and f.reply_date <= f.handle_due)`;
  const replyLate = sql<SqlBool>`(f.reply_date is not null and f.reply_date > f.handle_due)`;
  const replyOverdueOpen = sql<SqlBool>`(f.reply_date is null and f.handle_due < ${t} and not ${withdrawn})`;
  const evaluated = sql<SqlBool>`(f.eval_result is not null)`;
  const evalOverdue = sql<SqlBool>`(f.eval_result is null and f.eval_due < ${t})`;
  const map: Record<CountKey, RawBuilder<SqlBool>> = {
    batches: sql<SqlBool>`true`,
    persons: sql<SqlBool>`true`,
    routeTimely,
    routeLate,
    routeOverdueOpen,
    routeBase: sql<SqlBool>`(${routeTimely} or ${routeLate} or ${routeOverdueOpen})`,
    replyOnTime,
    replyLate,
    replyOverdueOpen,
    replyBase: sql<SqlBool>`(${replyOnTime} or ${replyLate} or ${replyOverdueOpen})`,
    evaluated,
    evalOverdue,
    evalBase: sql<SqlBool>`(${evaluated} or ${evalOverdue})`,
    satisfied: sql<SqlBool>`(f.eval_result in ('satisfied', 'basically_satisfied'))`,
    nonLawRelated: sql<SqlBool>`(not f.law_related)`,
    repeatNonLaw: sql<SqlBool>`(f.is_repeat and not f.law_related)`,
    online: sql<SqlBool>`(f.channel = 'online')`,
    linked: sql<SqlBool>`f.linked`,
    concluded: sql<SqlBool>`(f.state in ('closed', 'terminated'))`,
    withdrawn,
  };
  return map[key];
}
