import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { StatsDeclaration } from '../../../kernel/stats/index.ts';
import { HAZARD_GRADES, HAZARD_SOURCES } from './fields.ts';
import { HAZARD_MACHINE, type HazardState } from './machine.ts';

const unitLabels = async (db: Kysely<DB>, keys: readonly string[]) => {
  const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [String(r.id), r.name]));
};

/**
 * 隐患统计 through the kernel's one engine: the ledger by grade, sector, township and regulator with the
 * rectification rate and the overdue counts; every number drills down to its hazards. Counted on the day a
 * hazard was found (the business date); overdue judged on the day of the statistics.
 */
export const HAZARD_STATS: StatsDeclaration<
  'hazards' | 'major' | 'closed' | 'open' | 'overdue' | 'closedLate',
  'grade' | 'sector' | 'township' | 'regulator' | 'state' | 'source'
> = {
  title: '隐患排查治理统计',
  counts: {
    hazards: { name: '排查隐患', where: () => sql<SqlBool>`true` },
    major: { name: '其中重大隐患', where: () => sql<SqlBool>`f.major` },
    closed: { name: '已整改销号', where: () => sql<SqlBool>`f.closed` },
    open: { name: '未销号', where: () => sql<SqlBool>`not f.closed` },
    overdue: { name: '超期未整改', where: (today) => sql<SqlBool>`not f.closed and f.due_on < ${today}` },
    closedLate: { name: '逾期销号', where: () => sql<SqlBool>`f.closed_late` },
  },
  indicators: [
    {
      key: 'rectifyRate',
      name: '整改率',
      numerator: 'closed',
      denominator: 'hazards',
      formula: '已整改销号 ÷ 排查隐患',
      source: '《安全生产事故隐患排查治理暂行规定》（安监总局令第16号）季度统计分析',
    },
    {
      key: 'overdueRate',
      name: '超期率',
      numerator: 'overdue',
      denominator: 'open',
      formula: '超期未整改 ÷ 未销号',
      source: '县安委办隐患督办要求',
    },
  ],
  dimensions: {
    grade: { name: '隐患级别', labels: async (_db, keys) => new Map(keys.map((k) => [k, HAZARD_GRADES[k as 'general'] ?? k])) },
    sector: {
      name: '行业领域',
      labels: async (db, keys) => {
        const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
        if (ids.length === 0) return new Map();
        const rows = await db.selectFrom('safety_sectors').select(['id', 'name']).where('id', 'in', ids).execute();
        return new Map(rows.map((r) => [String(r.id), r.name]));
      },
    },
    township: { name: '属地乡镇（街道）', labels: unitLabels, unit: true },
    regulator: { name: '行业主管部门', labels: unitLabels, unit: true },
    state: { name: '整改状态', labels: async (_db, keys) => new Map(keys.map((k) => [k, HAZARD_MACHINE.states[k as HazardState]?.name ?? k])) },
    source: { name: '隐患来源', labels: async (_db, keys) => new Map(keys.map((k) => [k, HAZARD_SOURCES[k as 'self'] ?? k])) },
  },
  // read from hazard_facts (migration 0089: one narrow row per hazard, kept by triggers equal to hazards ⋈ work_items ⋈
  // enterprise ⋈ sector), one index range of found_on. The visibility rule is the catalog's own (scope.visibleSql), over
  // the fact row's copies of what it reads — id, owner_unit_path — and the module, which is 'hazard' for every row
  // (a constant the planner folds, so other modules' rules drop out as they do for a hazard's work item).
  facts: (scope) => sql`(
    select hf.id, hf.found_on as at, hf.grade as grade_key, hf.sector_key::text as sector_key,
      hf.township_unit_id::text as township_key, coalesce(hf.regulator_unit_id::text, '') as regulator_key,
      hf.state as state_key, hf.source as source_key, hf.due_on, hf.closed_on,
      -- hazard_facts' generated columns: grade = 'major'; state = 'closed'; closed after its due date (closed_on > due_on)
      hf.major, hf.closed, hf.closed_late
    from (select x.*, 'hazard'::text as module from hazard_facts x) hf
    where ${scope.visibleSql('hf')} and hf.found_on >= ${scope.from}::date and hf.found_on <= ${scope.to}::date
  )`,
  itemColumns: {
    at: '发现日期',
    values: [
      { key: 'enterprise', name: '隐患单位' },
      { key: 'grade', name: '级别' },
      { key: 'state', name: '状态' },
      { key: 'dueOn', name: '整改期限' },
    ],
  },
  items: async (db, ids) => {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('hazards as h')
      .innerJoin('work_items as wi', 'wi.id', 'h.id')
      .innerJoin('safety_enterprises as e', 'e.id', 'h.enterprise_id')
      .select([
        'h.id',
        'wi.ref_no',
        'wi.title',
        'wi.state',
        'h.grade',
        'e.name',
        sql<string>`h.found_on::text`.as('found_on'),
        sql<string>`h.due_on::text`.as('due_on'),
      ])
      .where('h.id', 'in', [...ids])
      .execute();
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids
      .map((id) => byId.get(id))
      .filter((r) => r !== undefined)
      .map((r) => ({
        id: Number(r.id),
        no: r.ref_no,
        title: r.title,
        at: r.found_on,
        values: { enterprise: r.name, grade: HAZARD_GRADES[r.grade], state: HAZARD_MACHINE.states[r.state as HazardState]?.name ?? '办理中', dueOn: r.due_on },
      }));
  },
  notes: (today) => [`超期未整改：截至 ${today} 未销号且已过整改期限的隐患。`, '按隐患的排查发现日期统计；行业领域按一级领域汇总。'],
};
