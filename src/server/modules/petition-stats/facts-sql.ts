import { sql, type RawBuilder } from 'kysely';
import type { SessionUser } from '../../core/auth/types.ts';
import { petitionVisibleSql } from '../petitions/visibility.ts';
import type { CountKey } from './indicators.ts';

export const DIMENSIONS = ['channel', 'category', 'unit', 'township', 'level', 'month'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * One row per initial petition (复查/复核 are linked cases, not new 件次) received in [from, to], visible to
 * the user exactly as in GET /petitions, with the facts every count needs. Columns:
 * route_due/route_done/route_status (the xf.dept.route clock), handle_due + reply_date, eval_due + eval_result.
 */
export function factsSql(opts: { user: SessionUser; from: string; to: string }): RawBuilder<unknown> {
  const { user, from, to } = opts;
  return sql`(
    select p.id, p.case_no, p.title, p.channel, p.received_at, p.law_related, p.is_repeat,
      coalesce(c.parent_id, c.id) as category_key,
      p.place_unit_id as township_key,
      coalesce((select cp.unit_id from case_parties cp where cp.work_item_id = p.id and cp.role = 'lead' and cp.active order by cp.id desc limit 1), wi.owner_unit_id) as unit_key,
      case when p.channel = 'upper' then coalesce(p.upper_ref->>'level', 'county') else 'county' end as level_key,
      to_char((p.received_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM') as month_key,
      p.channel as channel_key,
      case when p.visit is not null and (p.visit->>'persons') is not null then (p.visit->>'persons')::int
           else greatest((select count(*)::int from petitioners pe where pe.petition_id = p.id), 1) end as persons,
      rd.due_date as route_due, rd.status as route_status, (rd.stopped_at at time zone 'Asia/Shanghai')::date as route_done,
      hd.due_date as handle_due, (p.decisions->'reply'->>'date')::date as reply_date,
      ed.due_date as eval_due, p.decisions->'evaluation'->>'result' as eval_result
    from petitions p
    join work_items wi on wi.id = p.id
    join petition_categories c on c.id = p.category_id
    left join lateral (select d.due_date, d.status, d.stopped_at from deadlines d where d.work_item_id = p.id and d.rule_key = 'xf.dept.route' order by d.id desc limit 1) rd on true
    left join lateral (select d.due_date from deadlines d where d.work_item_id = p.id and d.rule_key = 'xf.handle' order by d.id desc limit 1) hd on true
    left join lateral (select d.due_date from deadlines d where d.work_item_id = p.id and d.rule_key = 'xf.eval.window' order by d.id desc limit 1) ed on true
    where p.stage = 'initial'
      and ${petitionVisibleSql(user)}
      -- Beijing days [from, to] as instants, so petitions_received_idx serves the range
      and p.received_at >= (${from}::date::timestamp at time zone 'Asia/Shanghai')
      and p.received_at < ((${to}::date + 1)::timestamp at time zone 'Asia/Shanghai')
  )`;
}

/**
 * The predicate of each count over a facts row `f`, as of `today`. `persons` is a sum, so its predicate
 * (every row) is what its drill-down lists. Comparisons with a missing date are null → not counted.
 */
export function countPredicate(key: CountKey, today: string): RawBuilder<unknown> {
  const t = sql`${today}::date`;
  const routeTimely = sql`(f.route_status = 'stopped' and f.route_done <= f.route_due)`;
  const routeLate = sql`(f.route_status = 'stopped' and f.route_done > f.route_due)`;
  const routeOverdueOpen = sql`(f.route_status <> 'stopped' and f.route_due < ${t})`;
  const replyOnTime = sql`(f.reply_date is not null and f.reply_date <= f.handle_due)`;
  const replyLate = sql`(f.reply_date is not null and f.reply_date > f.handle_due)`;
  const replyOverdueOpen = sql`(f.reply_date is null and f.handle_due < ${t})`;
  const evaluated = sql`(f.eval_result is not null)`;
  const evalOverdue = sql`(f.eval_result is null and f.eval_due < ${t})`;
  const map: Record<CountKey, RawBuilder<unknown>> = {
    batches: sql`true`,
    persons: sql`true`,
    routeTimely,
    routeLate,
    routeOverdueOpen,
    routeBase: sql`(${routeTimely} or ${routeLate} or ${routeOverdueOpen})`,
    replyOnTime,
    replyLate,
    replyOverdueOpen,
    replyBase: sql`(${replyOnTime} or ${replyLate} or ${replyOverdueOpen})`,
    evaluated,
    evalOverdue,
    evalBase: sql`(${evaluated} or ${evalOverdue})`,
    satisfied: sql`(f.eval_result in ('satisfied', 'basically_satisfied'))`,
    nonLawRelated: sql`(not f.law_related)`,
    repeatNonLaw: sql`(f.is_repeat and not f.law_related)`,
    online: sql`(f.channel = 'online')`,
  };
  return map[key];
}

export function dimensionColumn(d: Dimension): RawBuilder<unknown> {
  return sql.ref(`f.${d}_key`);
}
