import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { StatsDeclaration } from '../../kernel/stats/index.ts';
import { DISPUTE_SOURCES, MEDIATION_KINDS, OUTCOMES, RESOLVED_LEVELS } from './fields.ts';
import { moduleVisibleSql } from '../../kernel/catalog/index.ts';
import { isExternal, scopePrefix } from '../../core/access/scope.ts';
import { DISPUTE_VISIBILITY } from './visibility.ts';
import { DISPUTE_MACHINE, type DisputeState } from './machine.ts';

const unitLabels = async (db: Kysely<DB>, keys: readonly string[]) => {
  const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [String(r.id), r.name]));
};
const words = (map: Record<string, string>, none: string) => async (_db: Kysely<DB>, keys: readonly string[]) =>
  new Map(keys.map((k) => [k, k === '' ? none : (map[k] ?? k)]));

const MEDIATION_LAW = '《中华人民共和国人民调解法》';

/**
 * 矛盾纠纷统计 through the kernel's one engine: by type, township, source, outcome and the level it was resolved
 * at; 调解成功率, 协议履行率, 司法确认率 and 按期调结率 (agreement reached within the med.settle clock); every number
 * drills down to its disputes. Counted on the day a dispute was registered (its business date).
 * Read from dispute_facts (migration 0090), which triggers keep equal to the source rows: one index range over a narrow
 * table instead of disputes ⋈ work_items ⋈ units ⋈ deadlines (6–9 s for a year of 1M disputes before it). The visibility
 * rule is the module's one rule (the register's), read from the fact row's copies of id and owner_unit_path.
 */
export const DISPUTE_STATS: StatsDeclaration<
  'disputes' | 'accepted' | 'agreed' | 'failed' | 'performed' | 'written' | 'confirmApplied' | 'settledInTime' | 'urgent',
  'type' | 'township' | 'source' | 'outcome' | 'level' | 'state' | 'path'
> = {
  title: '矛盾纠纷排查调处统计',
  counts: {
    disputes: { name: '排查登记纠纷', where: () => sql<SqlBool>`true` },
    urgent: { name: '其中有激化风险', where: () => sql<SqlBool>`f.urgent` },
    accepted: { name: '受理调解', where: () => sql<SqlBool>`f.accepted_on is not null` },
    agreed: { name: '调解成功', where: () => sql<SqlBool>`f.agreed_on is not null` },
    failed: { name: '调解不成', where: () => sql<SqlBool>`f.outcome_key = 'failed'` },
    performed: { name: '协议已履行', where: () => sql<SqlBool>`f.performed_on is not null` },
    written: { name: '书面协议已生效', where: () => sql<SqlBool>`f.agreement_form = 'written' and f.effective_on is not null` },
    confirmApplied: { name: '申请司法确认', where: () => sql<SqlBool>`f.confirm_applied_on is not null` },
    settledInTime: { name: '按期调结', where: () => sql<SqlBool>`f.agreed_on is not null and f.settle_due is not null and f.agreed_on <= f.settle_due` },
  },
  indicators: [
    {
      key: 'successRate',
      name: '调解成功率',
      numerator: 'agreed',
      denominator: 'accepted',
      formula: '调解成功 ÷ 受理调解',
      source: `${MEDIATION_LAW}第二十八条`,
    },
    {
      key: 'performRate',
      name: '协议履行率',
      numerator: 'performed',
      denominator: 'agreed',
      formula: '协议已履行 ÷ 调解成功',
      source: `${MEDIATION_LAW}第三十一条`,
    },
    {
      key: 'confirmRate',
      name: '司法确认率',
      numerator: 'confirmApplied',
      denominator: 'written',
      formula: '申请司法确认 ÷ 书面协议已生效',
      source: `${MEDIATION_LAW}第三十三条`,
    },
    {
      key: 'inTimeRate',
      name: '按期调结率',
      numerator: 'settledInTime',
      denominator: 'agreed',
      formula: '在调结期限内达成协议 ÷ 调解成功',
      source: '《人民调解工作若干规定》（司法部令第75号）第三十三条“一般一个月内调结”',
    },
  ],
  dimensions: {
    type: {
      name: '纠纷类型',
      labels: async (db, keys) => {
        const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
        if (ids.length === 0) return new Map();
        const rows = await db.selectFrom('dispute_types').select(['id', 'name']).where('id', 'in', ids).execute();
        return new Map(rows.map((r) => [String(r.id), r.name]));
      },
    },
    township: { name: '乡镇（街道）', labels: unitLabels, unit: true },
    source: { name: '纠纷来源', labels: words(DISPUTE_SOURCES, '—') },
    outcome: { name: '调处结果', labels: words(OUTCOMES, '调处中') },
    path: { name: '调解途径（三调联动）', labels: words(MEDIATION_KINDS, '尚未受理调解') },
    level: { name: '化解层级', labels: words(RESOLVED_LEVELS, '尚未化解') },
    state: { name: '办理状态', labels: async (_db, keys) => new Map(keys.map((k) => [k, DISPUTE_MACHINE.states[k as DisputeState]?.name ?? k])) },
  },
  facts: (scope) => sql`(
    select f.id, f.found_on as at, f.type_id::text as type_key, coalesce(f.township_id::text, '') as township_key,
      coalesce(f.path, '') as path_key, f.source as source_key, coalesce(f.outcome, '') as outcome_key, coalesce(f.level, '') as level_key,
      f.state as state_key, f.urgent, f.accepted_on, f.agreed_on, f.performed_on, f.agreement_form, f.effective_on, f.confirm_applied_on, f.settle_due
    from dispute_facts f
    where ${moduleVisibleSql(DISPUTE_VISIBILITY, scope.user, 'f')} and f.found_on >= ${scope.from}::date and f.found_on <= ${scope.to}::date
  )`,
  // a county-wide user sees every dispute (the visibility rule admits all): the daily rollup (migration 0090, kept from
  // dispute_facts by triggers with these counts' predicates) answers a year in a few thousand rows, not ~330k facts
  rollup: (scope, groupBy) =>
    isExternal(scope.user) || scopePrefix(scope.user) !== null
      ? null
      : sql`(
    select r.key, r.disputes, r.urgent, r.accepted, r.agreed, r.failed, r.performed, r.written, r.confirm_applied as "confirmApplied",
      r.settled_in_time as "settledInTime"
    from dispute_stats_daily r
    where r.dim = ${groupBy} and r.found_on >= ${scope.from}::date and r.found_on <= ${scope.to}::date
  )`,
  itemColumns: {
    at: '登记日期',
    values: [
      { key: 'type', name: '纠纷类型' },
      { key: 'place', name: '发生地' },
      { key: 'state', name: '状态' },
      { key: 'outcome', name: '调处结果' },
    ],
  },
  items: async (db, ids) => {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('disputes as d')
      .innerJoin('work_items as wi', 'wi.id', 'd.id')
      .innerJoin('dispute_types as ty', 'ty.id', 'd.type_id')
      .innerJoin('units as pu', 'pu.id', 'd.place_unit_id')
      .select([
        'd.id',
        'wi.ref_no',
        'wi.title',
        'wi.state',
        'ty.name as type_name',
        'pu.name as place_name',
        'd.outcome',
        sql<string>`d.found_on::text`.as('found_on'),
      ])
      .where('d.id', 'in', [...ids])
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
        values: {
          type: r.type_name,
          place: r.place_name,
          state: DISPUTE_MACHINE.states[r.state as DisputeState]?.name ?? '办理中',
          outcome: r.outcome ? OUTCOMES[r.outcome] : '调处中',
        },
      }));
  },
  notes: () => [
    '按纠纷的登记（发现）日期统计；乡镇（街道）按纠纷发生地所属乡镇（街道）汇总。',
    '调解途径：受理时确定的人民调解、行政调解（行政机关主持）或司法调解（人民法院委派、委托）。',
    '调解成功：达成调解协议（书面或口头）；经人民法院裁定不予确认而重新调解的，不计入。',
    '按期调结：自受理之日起，在调结期限（法定时限规则“人民调解调结期限”）内达成协议。',
  ],
};
