import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { isCountyWide } from '../../../core/access/scope.ts';
import { loadWarningThresholds } from '../../../core/clock/warning-levels.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { levelBounds } from '../todo/my-todo.ts';

export type Persona = 'clerk' | 'unit' | 'leader' | 'admin';

export interface WarningCounts {
  total: number;
  approaching: number;
  overdue: number;
  severe: number;
}

export interface Workbench {
  persona: Persona;
  today: string;
  unitName: string;
  /** 分配给我 and 本单位 (county-wide roles: the county), as 我的待办 counts them */
  mine: WarningCounts;
  unit: WarningCounts;
  /** items received today (their business date of receipt, not when they were entered), per module */
  newToday: { module: string; moduleName: string; count: number }[];
  /** open items with a running deadline near or past, by the unit handling them (主办, else owner) */
  dueByUnit: ({ unitId: number; unitName: string } & Omit<WarningCounts, 'total'>)[];
  /** 挂牌督办 in force, open 积案, 督办通知 past their reply date without a reply */
  listed: number;
  backlog: number;
  overdueNotices: number;
  /**
   * a county leader's own work: 包案 open and overdue, 待我批示 (requests for their 批示 not yet answered), open 包案
   * without a 批示 of theirs yet, and their 接访日 from today on
   */
  leader: { name: string; open: number; overdue: number; awaitingInstruction: number; withoutInstruction: number; receptionDaysAhead: number } | null;
}

export function personaOf(user: Pick<SessionUser, 'roles'>): Persona {
  if (user.roles.includes('county_leader')) return 'leader';
  if (user.roles.includes('sys_admin') || user.roles.includes('auditor')) return 'admin';
  return isCountyWide(user) ? 'clerk' : 'unit';
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * 工作台: the figures of a role's first screen, every one under the catalog's one visibility rule (the same
 * rule as the lists they drill down to), so no number counts an item its reader may not open — a 检举控告 stays
 * out of its accused unit's figures.
 */
export async function getWorkbench(opts: { db: Kysely<DB>; modules: ModuleCatalog; user: SessionUser; today: string }): Promise<Workbench> {
  const { db, modules, user, today } = opts;
  const b = levelBounds(today, await loadWarningThresholds(db));
  const visible = modules.visibleSql(user, 'wi');
  const nearest = sql`(select min(d.due_date) from deadlines d where d.work_item_id = wi.id and d.status = 'running' and d.kind = 'deadline')`;
  const levels = (due: RawBuilder<unknown>) => ({
    approaching: sql<number>`count(*) filter (where ${due} >= ${b.today}::date and ${due} <= ${b.approachingUntil}::date)`,
    overdue: sql<number>`count(*) filter (where ${due} >= ${b.severeBefore}::date and ${due} < ${b.today}::date)`,
    severe: sql<number>`count(*) filter (where ${due} < ${b.severeBefore}::date)`,
  });

  const counts = async (mine: boolean): Promise<WarningCounts> => {
    const l = levels(sql`nd`);
    const r = await sql<{ total: number; approaching: number; overdue: number; severe: number }>`
      select count(*) as total, ${l.approaching} as approaching, ${l.overdue} as overdue, ${l.severe} as severe
      from (select ${nearest} as nd from work_items wi
            where wi.open and ${visible} ${mine ? sql`and wi.assignee_id = ${user.id}` : sql``}) s`.execute(db);
    const row = r.rows[0]!;
    return { total: n(row.total), approaching: n(row.approaching), overdue: n(row.overdue), severe: n(row.severe) };
  };

  const newTodayRows = await sql<{ module: string; count: number }>`
    select wi.module, count(*) as count from work_items wi
    where wi.received_on = ${today}::date and ${visible}
    group by wi.module order by wi.module`.execute(db);

  const l = levels(sql`s.nd`);
  const byUnit = await sql<{ unit_id: number; unit_name: string; approaching: number; overdue: number; severe: number }>`
    select s.unit_id, u.name as unit_name, ${l.approaching} as approaching, ${l.overdue} as overdue, ${l.severe} as severe
    from (select coalesce((select cp.unit_id from case_parties cp where cp.work_item_id = wi.id and cp.active and cp.role = 'lead'
                           order by cp.id desc limit 1), wi.owner_unit_id) as unit_id, ${nearest} as nd
          from work_items wi where wi.open and ${visible}) s
    join units u on u.id = s.unit_id
    where s.nd is not null and s.nd <= ${b.approachingUntil}::date
    group by s.unit_id, u.name, u.path
    order by count(*) filter (where s.nd < ${b.today}::date) desc, count(*) desc, u.path
    limit 12`.execute(db);

  const supervision = await sql<{ listed: number; backlog: number; notices: number }>`
    select
      (select count(*) from supervision_listings s join work_items wi on wi.id = s.work_item_id where s.delisted_at is null and ${visible}) as listed,
      (select count(*) from backlog_entries e join work_items wi on wi.id = e.work_item_id where e.closed_at is null and ${visible}) as backlog,
      (select count(*) from supervision_notices sn join work_items wi on wi.id = sn.work_item_id
        where sn.replied_at is null and sn.reply_due < ${today}::date and wi.open and ${visible}) as notices`.execute(db);

  let leader: Workbench['leader'] = null;
  const persona = personaOf(user);
  if (persona === 'leader') {
    const me = await db.selectFrom('leaders').select(['id', 'name']).where('user_id', '=', user.id).where('disabled', '=', false).executeTakeFirst();
    if (me) {
      const r = await sql<{ open: number; overdue: number; without: number; awaiting: number; days: number }>`
        select count(*) as open,
               count(*) filter (where ${nearest} < ${today}::date) as overdue,
               count(*) filter (where not exists (select 1 from leader_instructions li where li.work_item_id = wi.id and li.leader_id = ${me.id})) as without,
               (select count(*) from instruction_requests ir join work_items wi on wi.id = ir.work_item_id
                 where ir.leader_id = ${me.id} and ir.answered_at is null and ${visible}) as awaiting,
               (select count(*) from reception_days rd where rd.leader_id = ${me.id} and not rd.deleted and rd.on_date >= ${today}::date) as days
        from case_parties cp join work_items wi on wi.id = cp.work_item_id
        where cp.role = 'leader' and cp.active and cp.leader_id = ${me.id} and wi.open and ${visible}`.execute(db);
      const row = r.rows[0]!;
      leader = {
        name: me.name,
        open: n(row.open),
        overdue: n(row.overdue),
        awaitingInstruction: n(row.awaiting),
        withoutInstruction: n(row.without),
        receptionDaysAhead: n(row.days),
      };
    }
  }

  const s = supervision.rows[0]!;
  return {
    persona,
    today,
    unitName: user.unitName,
    mine: await counts(true),
    unit: await counts(false),
    newToday: newTodayRows.rows.map((r) => ({ module: r.module, moduleName: modules.name(r.module), count: n(r.count) })),
    dueByUnit: byUnit.rows.map((r) => ({
      unitId: Number(r.unit_id),
      unitName: r.unit_name,
      approaching: n(r.approaching),
      overdue: n(r.overdue),
      severe: n(r.severe),
    })),
    listed: n(s.listed),
    backlog: n(s.backlog),
    overdueNotices: n(s.notices),
    leader,
  };
}
