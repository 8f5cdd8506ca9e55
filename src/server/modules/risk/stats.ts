import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { StatsDeclaration } from '../../kernel/stats/index.ts';
import { MATTER_KINDS, RISK_LEVELS } from './fields.ts';
import { RISK_MACHINE, type RiskState } from './machine.ts';

const unitLabels = async (db: Kysely<DB>, keys: readonly string[]) => {
  const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [String(r.id), r.name]));
};

/**
 * 稳评统计 through the kernel's one engine: the year's list counted on each matter's completion target (完成时限), so a
 * period picks the assessments due in it; completion by the target and filing by the quarterly day, per responsible
 * department (the 合计 row is the county's rate) and by kind and level; every number drills down to its assessments.
 * "Completed" means the report was formed and the decision recorded (集体研究审定).
 */
export const RISK_STATS: StatsDeclaration<
  'listed' | 'counted' | 'completed' | 'completedOnTime' | 'countedOnTime' | 'overdue' | 'filed' | 'filedOnTime' | 'highMedium',
  'department' | 'kind' | 'level' | 'state'
> = {
  title: '社会稳定风险评估统计',
  counts: {
    listed: { name: '列入评估清单', where: () => sql<SqlBool>`true` },
    counted: { name: '其中纳入上级考核', where: () => sql<SqlBool>`f.counted` },
    completed: { name: '已完成评估', where: () => sql<SqlBool>`f.decided_on is not null` },
    completedOnTime: { name: '按时完成', where: () => sql<SqlBool>`f.decided_on is not null and f.decided_on <= f.target_on` },
    countedOnTime: { name: '考核项目按时完成', where: () => sql<SqlBool>`f.counted and f.decided_on is not null and f.decided_on <= f.target_on` },
    overdue: { name: '逾期未完成', where: (today) => sql<SqlBool>`f.decided_on is null and f.target_on < ${today}` },
    filed: { name: '已备案', where: () => sql<SqlBool>`f.filed_on is not null` },
    filedOnTime: { name: '按期备案', where: () => sql<SqlBool>`f.filed_on is not null and f.filed_on <= f.filing_due` },
    highMedium: { name: '评估为高、中风险', where: () => sql<SqlBool>`f.level_key in ('high', 'medium')` },
  },
  indicators: [
    {
      key: 'completionRate',
      name: '完成率（纳入上级考核的事项）',
      numerator: 'countedOnTime',
      denominator: 'counted',
      formula: '纳入上级考核的事项中按时完成的 ÷ 纳入上级考核的事项（不纳入考核的事项不计入）',
      source: '市委维稳办：纳入市考核项目的稳评工作于完成时限（9月底）前全面完成',
    },
    {
      key: 'listRate',
      name: '清单全部事项完成率',
      numerator: 'completedOnTime',
      denominator: 'listed',
      formula: '按时完成 ÷ 列入评估清单（含不纳入考核的事项，供参考）',
      source: '县维稳办年度稳评工作通知',
    },
    {
      key: 'filingRate',
      name: '按期备案率',
      numerator: 'filedOnTime',
      denominator: 'completed',
      formula: '按期备案 ÷ 已完成评估',
      source: '每季度最后一个月25日前报县维稳办、县发改局备案（legal_rules wp.filing.quarter）',
    },
  ],
  dimensions: {
    department: { name: '责任单位', labels: unitLabels, unit: true },
    kind: { name: '事项类别', order: 'listed', labels: async (_db, keys) => new Map(keys.map((k) => [k, MATTER_KINDS[k as 'project'] ?? k])) },
    level: {
      name: '风险等级',
      labels: async (_db, keys) => new Map(keys.map((k) => [k, k === '' ? '未定级' : (RISK_LEVELS[k as 'high'] ?? k)])),
    },
    state: { name: '办理状态', labels: async (_db, keys) => new Map(keys.map((k) => [k, RISK_MACHINE.states[k as RiskState]?.name ?? k])) },
  },
  facts: (scope) => sql`(
    select ra.id, ra.target_on as at, ra.responsible_unit_id::text as department_key, ra.matter_kind as kind_key,
      coalesce(ra.risk_level, '') as level_key, wi.state as state_key, ra.counted, ra.target_on, ra.decided_on,
      ra.filed_on, ra.filing_due
    from risk_assessments ra
    join work_items wi on wi.id = ra.id
    where ${scope.visibleSql('wi')} and ra.target_on >= ${scope.from}::date and ra.target_on <= ${scope.to}::date
  )`,
  itemColumns: {
    at: '完成时限',
    values: [
      { key: 'department', name: '责任单位' },
      { key: 'kind', name: '事项类别' },
      { key: 'level', name: '风险等级' },
      { key: 'decidedOn', name: '完成日期' },
      { key: 'filedOn', name: '备案日期' },
    ],
  },
  items: async (db, ids) => {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('risk_assessments as ra')
      .innerJoin('work_items as wi', 'wi.id', 'ra.id')
      .innerJoin('units as u', 'u.id', 'ra.responsible_unit_id')
      .select([
        'ra.id',
        'wi.ref_no',
        'wi.title',
        'ra.matter_kind',
        'ra.risk_level',
        'u.name',
        sql<string>`ra.target_on::text`.as('target_on'),
        sql<string | null>`ra.decided_on::text`.as('decided_on'),
        sql<string | null>`ra.filed_on::text`.as('filed_on'),
      ])
      .where('ra.id', 'in', [...ids])
      .execute();
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids
      .map((id) => byId.get(id))
      .filter((r) => r !== undefined)
      .map((r) => ({
        id: Number(r.id),
        no: r.ref_no,
        title: r.title,
        at: r.target_on,
        values: {
          department: r.name,
          kind: MATTER_KINDS[r.matter_kind],
          level: r.risk_level ? RISK_LEVELS[r.risk_level] : '未定级',
          decidedOn: r.decided_on,
          filedOn: r.filed_on,
        },
      }));
  },
  notes: (today) => [
    '按评估事项的完成时限统计：所选期间内到期的评估事项；合计行为全县（本人可见范围内）的数字。',
    '完成率只计纳入上级考核的事项（在事项页由县维稳办调整）；清单全部事项完成率另列，供参考。',
    '已完成评估：已形成评估报告并经集体研究审定（记录了审定决策）。',
    `逾期未完成：截至 ${today} 已过完成时限仍未审定的事项。`,
  ],
};
