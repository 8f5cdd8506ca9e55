import { sql, type Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { loadWarningThresholds, warningLevel } from '../../core/clock/warning-levels.ts';
import { stateName } from './machine.ts';
import { petitionFactVisibleSql, petitionVisibleSql } from './visibility.ts';
import { evalOverdueSql } from './flags.ts';
import { PETITION_MODULE } from './descriptor.ts';
import { caseNoCandidates } from '../../kernel/numbering/index.ts';

export interface ListQuery {
  state?: string;
  channel?: string;
  matterType?: string;
  flag?: 'collective' | 'firstTime' | 'repeat' | 'skippedLevel' | 'lawRelated' | 'afterTermination' | 'evalOverdue';
  overdue?: boolean;
  unitId?: number;
  q?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
  sort: 'receivedAt' | '-receivedAt' | 'caseNo' | '-caseNo';
}

const FLAG_COLUMN = {
  collective: 'p.collective',
  firstTime: 'p.first_time',
  repeat: 'p.is_repeat',
  skippedLevel: 'p.skipped_level',
  lawRelated: 'p.law_related',
  afterTermination: 'p.after_termination',
} as const;

/**
 * The overdue tab (no other filter) answered on petition_facts alone: its partial index on running_due
 * holds only items with a running clock, with the columns the visibility rule and the receivedAt order
 * read, so neither the count nor the page touches petitions/work_items per candidate. The rule is the
 * module's one rule read from the fact row's copies (petitionFactVisibleSql).
 */
function overdueFacts(user: SessionUser, today: string) {
  return sql`petition_facts pf
    where pf.running_due is not null and pf.running_due < ${today}::date and ${petitionFactVisibleSql(user)}`;
}

async function overdueCount(db: Kysely<DB>, user: SessionUser, today: string): Promise<{ n: number }> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${overdueFacts(user, today)}`.execute(db);
  return r.rows[0]!;
}

async function overduePageIds(
  db: Kysely<DB>,
  user: SessionUser,
  today: string,
  o: { column: 'received_at' | 'case_no'; desc: boolean; limit: number; offset: number },
): Promise<number[]> {
  const dir = sql.raw(o.desc ? 'desc' : 'asc');
  const r = await sql<{ id: number }>`select pf.id from ${overdueFacts(user, today)}
    order by ${sql.ref(`pf.${o.column}`)} ${dir}, pf.id ${dir} limit ${o.limit} offset ${o.offset}`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

/**
 * The scoped, filtered, paged list of petitions. `personIds`: the petitions of the person the search term names
 * (personal-search.ts), matched besides the case number and title.
 */
export async function listPetitions(opts: { db: Kysely<DB>; user: SessionUser; query: ListQuery; today: string; personIds?: readonly number[] }) {
  const { db, user, query: f, today, personIds } = opts;
  let q = db.selectFrom('petitions as p').innerJoin('work_items as wi', 'wi.id', 'p.id').where(petitionVisibleSql(user));
  if (f.state) q = q.where('wi.state', '=', f.state);
  if (f.channel) q = q.where('p.channel', '=', f.channel);
  if (f.matterType) q = q.where('p.matter_type', '=', f.matterType);
  if (f.flag === 'evalOverdue') q = q.where(evalOverdueSql(today));
  else if (f.flag) q = q.where(sql.ref(FLAG_COLUMN[f.flag]), '=', true);
  // overdue ⇔ a running clock past due ⇔ the nearest running due date (petition_facts.running_due, kept by triggers) < today
  if (f.overdue) q = q.where('p.id', 'in', (eb) => eb.selectFrom('petition_facts as pf').select('pf.id').where('pf.running_due', '<', today));
  if (f.unitId) {
    const unitId = f.unitId;
    q = q.where((eb) =>
      eb.or([
        eb('wi.owner_unit_id', '=', unitId),
        eb('p.place_unit_id', '=', unitId),
        eb.exists(
          eb
            .selectFrom('case_parties as cp')
            .select('cp.id')
            .whereRef('cp.work_item_id', '=', 'p.id')
            .where('cp.active', '=', true)
            .where('cp.unit_id', '=', unitId),
        ),
      ]),
    );
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('p.case_no', 'like', like),
        // the number typed as people do (xf 519901…, with or without its letters)
        eb('p.case_no', 'in', caseNoCandidates(f.q!, PETITION_MODULE.caseNoPrefix).concat(f.q!)),
        eb('p.title', 'like', like),
        ...(personIds?.length ? [eb('p.id', 'in', [...personIds])] : []),
      ]),
    );
  }
  if (f.from) q = q.where(sql`(p.received_at AT TIME ZONE 'Asia/Shanghai')::date`, '>=', f.from);
  if (f.to) q = q.where(sql`(p.received_at AT TIME ZONE 'Asia/Shanghai')::date`, '<=', f.to);
  const desc = f.sort.startsWith('-');
  const column = f.sort.endsWith('caseNo') ? 'p.case_no' : 'p.received_at';
  const onlyOverdue = f.overdue && !f.state && !f.channel && !f.matterType && !f.flag && !f.unitId && !f.q && !f.from && !f.to;
  const [total, thresholds, pageIds] = await Promise.all([
    onlyOverdue ? overdueCount(db, user, today) : q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    loadWarningThresholds(db),
    onlyOverdue
      ? overduePageIds(db, user, today, {
          column: f.sort.endsWith('caseNo') ? 'case_no' : 'received_at',
          desc,
          limit: f.pageSize,
          offset: (f.page - 1) * f.pageSize,
        })
      : null,
  ]);
  // the overdue tab alone: the page was chosen on petition_facts, fetch just its rows
  if (pageIds) q = q.where('p.id', 'in', pageIds.length ? pageIds : [0]);
  let page = q
    .innerJoin('units as pu', 'pu.id', 'p.place_unit_id')
    .select([
      'p.id',
      'p.case_no',
      'p.stage',
      'wi.state',
      'p.channel',
      'p.matter_type',
      'p.title',
      'p.urgency',
      'p.received_at',
      'pu.name as place_unit_name',
      'p.collective',
      'p.first_time',
      'p.is_repeat',
      'p.skipped_level',
      'p.law_related',
      'p.after_termination',
    ])
    .select(evalOverdueSql(today).as('eval_overdue'))
    .select((eb) =>
      eb
        .selectFrom('deadlines as d')
        .select((e) => e.fn.min('d.due_date').as('m'))
        .whereRef('d.work_item_id', '=', 'p.id')
        .where('d.status', '=', 'running')
        .as('nearest_due'),
    );
  // with the page chosen on petition_facts, order in JS: an ORDER BY here would tempt the planner to walk
  // petitions_received_idx filtering on the 20 ids
  if (!pageIds)
    page = page
      .orderBy(column, desc ? 'desc' : 'asc')
      .orderBy('p.id', desc ? 'desc' : 'asc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
  const fetched = await page.execute();
  const rows = pageIds ? pageIds.map((id) => fetched.find((r) => Number(r.id) === id)).filter((r) => r !== undefined) : fetched;
  return {
    total: Number(total.n),
    items: rows.map((r) => {
      const nearestDue = (r.nearest_due as string | null) ?? null;
      return {
        id: Number(r.id),
        caseNo: r.case_no,
        stage: r.stage,
        state: r.state,
        stateName: stateName(r.state),
        channel: r.channel,
        matterType: r.matter_type,
        title: r.title,
        urgency: r.urgency,
        receivedAt: new Date(r.received_at).toISOString(),
        placeUnitName: r.place_unit_name,
        nearestDue,
        // the level of the nearest running clock, as the detail shows it; 'normal' when no clock runs (as 我的待办)
        warningLevel: nearestDue ? warningLevel(nearestDue, today, thresholds) : 'normal',
        flags: {
          collective: r.collective,
          firstTime: r.first_time,
          repeat: r.is_repeat,
          skippedLevel: r.skipped_level,
          lawRelated: r.law_related,
          afterTermination: r.after_termination,
          evalOverdue: Boolean(r.eval_overdue),
        },
      };
    }),
  };
}
