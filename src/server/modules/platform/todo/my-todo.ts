import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { loadWarningThresholds, warningLevel, type WarningLevel, type WarningThresholds } from '../../../core/clock/warning-levels.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { addDaysIso } from '../../../core/clock/clock.ts';
import { countdownText, loadCalendar } from '../../../kernel/deadlines/index.ts';

export interface TodoQuery {
  scope: 'mine' | 'unit';
  warning?: WarningLevel;
  /** only items handled by this unit or a unit below it (the 主办 party, else the owner) */
  unitId?: number;
  sort: 'due' | 'created';
  page: number;
  pageSize: number;
}

export interface TodoDeadline {
  id: number;
  label: string;
  ruleKey: string;
  dueDate: string | null;
  status: string;
  provisional: boolean;
  warningLevel: WarningLevel;
  explanation: string;
  /** a minimum period (公示期): never due nor overdue */
  minimum: boolean;
}

export interface TodoItem {
  workItemId: number;
  /** the console page that opens it: the module's case page (信访 /xf/:id) or the work-item detail */
  href: string;
  module: string;
  moduleName: string;
  refNo: string;
  title: string;
  state: string;
  stateName: string;
  ownerUnitId: number;
  ownerUnitName: string;
  /** the unit handling it: the active 主办 party (a case 交办'd to 龙蚕镇), else the owner unit */
  handlingUnitName: string;
  assigneeName: string | null;
  nearestDue: string | null;
  /** "剩2个工作日" / "今日到期" / "超期6天" for the nearest running deadline (working-day calendar) */
  countdown: string | null;
  warningLevel: WarningLevel;
  deadlines: TodoDeadline[];
}

export interface TodoPage {
  items: TodoItem[];
  total: number;
  counts: Record<WarningLevel, number>;
}

/**
 * The date bounds of each warning level for `today`, mirroring warningLevel() so that filtering
 * and counting happen in SQL (a page of 20 must not require loading every open item).
 *   severe: due < severeBefore · overdue: severeBefore ≤ due < today
 *   approaching: today ≤ due ≤ approachingUntil · normal: later, or no running clock
 */
export function levelBounds(today: string, t: WarningThresholds) {
  return { today, severeBefore: addDaysIso(today, -t.severeOverdueDays), approachingUntil: addDaysIso(today, t.approachingDays) };
}

/**
 * 我的待办: open work items assigned to me (scope=mine), or that my unit and its sub-units own or are an
 * active party of — e.g. the 主办 unit of a case 交办'd to it (scope=unit; county-wide roles: the whole
 * county) — always within the one visibility rule, with their running deadlines and warning levels as
 * of `today` (Asia/Shanghai). Only running clocks count toward warnings: a paused clock cannot fall due.
 */
export async function listMyTodo(opts: { db: Kysely<DB>; modules: ModuleCatalog; user: SessionUser; query: TodoQuery; today: string }): Promise<TodoPage> {
  const { db, modules, user, query, today } = opts;
  const thresholds = await loadWarningThresholds(db);
  const b = levelBounds(today, thresholds);

  const base = db
    .selectFrom('work_items as wi')
    .innerJoin('units as u', 'u.id', 'wi.owner_unit_id')
    .leftJoin('users as a', 'a.id', 'wi.assignee_id')
    .select([
      'wi.id',
      'wi.module',
      'wi.ref_no',
      'wi.title',
      'wi.state',
      'wi.owner_unit_id',
      'u.name as owner_unit_name',
      'a.display_name as assignee_name',
      (eb) =>
        eb
          .selectFrom('case_parties as cp')
          .innerJoin('units as pu', 'pu.id', 'cp.unit_id')
          .select('pu.name')
          .whereRef('cp.work_item_id', '=', 'wi.id')
          .where('cp.active', '=', true)
          .where('cp.role', '=', 'lead')
          .orderBy('cp.id', 'desc')
          .limit(1)
          .as('lead_unit_name'),
      'wi.created_at',
      (eb) =>
        eb
          .selectFrom('deadlines as d')
          .select((e) => e.fn.min('d.due_date').as('m'))
          .whereRef('d.work_item_id', '=', 'wi.id')
          .where('d.status', '=', 'running')
          .where('d.kind', '=', 'deadline')
          .as('nearest_due'),
    ])
    .where('wi.open', '=', true)
    .where(modules.visibleSql(user))
    .where(query.scope === 'mine' ? sql<boolean>`wi.assignee_id = ${user.id}` : sql<boolean>`true`)
    .where(
      query.unitId === undefined
        ? sql<boolean>`true`
        : sql<boolean>`(select un.path from units un where un.id = coalesce((select cp.unit_id from case_parties cp where cp.work_item_id = wi.id
            and cp.active and cp.role = 'lead' order by cp.id desc limit 1), wi.owner_unit_id))
            like (select path from units where id = ${query.unitId}) || '%'`,
    );

  const levelSql = {
    severe: sql<boolean>`nearest_due < ${b.severeBefore}::date`,
    overdue: sql<boolean>`nearest_due >= ${b.severeBefore}::date and nearest_due < ${b.today}::date`,
    approaching: sql<boolean>`nearest_due >= ${b.today}::date and nearest_due <= ${b.approachingUntil}::date`,
    normal: sql<boolean>`(nearest_due is null or nearest_due > ${b.approachingUntil}::date)`,
  } as const;

  const countsRow = await db
    .with('items', () => base)
    .selectFrom('items')
    .select([
      sql<number>`count(*) filter (where ${levelSql.normal})`.as('normal'),
      sql<number>`count(*) filter (where ${levelSql.approaching})`.as('approaching'),
      sql<number>`count(*) filter (where ${levelSql.overdue})`.as('overdue'),
      sql<number>`count(*) filter (where ${levelSql.severe})`.as('severe'),
    ])
    .executeTakeFirstOrThrow();
  const counts: Record<WarningLevel, number> = {
    normal: Number(countsRow.normal),
    approaching: Number(countsRow.approaching),
    overdue: Number(countsRow.overdue),
    severe: Number(countsRow.severe),
  };
  const total = query.warning ? counts[query.warning] : counts.normal + counts.approaching + counts.overdue + counts.severe;

  let page = db
    .with('items', () => base)
    .selectFrom('items')
    .selectAll();
  if (query.warning) page = page.where(levelSql[query.warning]);
  page = query.sort === 'due' ? page.orderBy(sql`nearest_due asc nulls last`).orderBy('id') : page.orderBy('created_at', 'desc').orderBy('id', 'desc');
  const rows = await page
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();

  const ids = rows.map((r) => Number(r.id));
  const deadlines = ids.length
    ? await db
        .selectFrom('deadlines')
        .select(['id', 'work_item_id', 'label', 'rule_key', 'due_date', 'status', 'provisional', 'explanation', 'kind'])
        .where('work_item_id', 'in', ids)
        .where('status', '<>', 'stopped')
        .orderBy('due_date')
        .orderBy('id')
        .execute()
    : [];

  const calendar = await loadCalendar(db);
  const items = rows.map((r): TodoItem => {
    const nearestDue = r.nearest_due === null ? null : String(r.nearest_due);
    return {
      workItemId: Number(r.id),
      module: r.module,
      ...modules.words({ module: r.module, id: Number(r.id), state: r.state }),
      refNo: r.ref_no,
      title: r.title,
      state: r.state,
      ownerUnitId: Number(r.owner_unit_id),
      ownerUnitName: r.owner_unit_name,
      handlingUnitName: r.lead_unit_name ?? r.owner_unit_name,
      assigneeName: r.assignee_name,
      nearestDue,
      countdown: countdownText(calendar, today, nearestDue),
      warningLevel: nearestDue ? warningLevel(nearestDue, today, thresholds) : 'normal',
      deadlines: deadlines
        .filter((d) => Number(d.work_item_id) === Number(r.id))
        .map((d) => ({
          id: Number(d.id),
          label: d.label,
          ruleKey: d.rule_key,
          dueDate: d.due_date,
          status: d.status,
          provisional: d.provisional,
          // a minimum period (公示期) is never due nor overdue
          warningLevel: d.status === 'running' && d.due_date && d.kind === 'deadline' ? warningLevel(d.due_date, today, thresholds) : 'normal',
          minimum: d.kind === 'minimum',
          explanation: d.explanation,
        })),
    };
  });
  return { items, total, counts };
}
