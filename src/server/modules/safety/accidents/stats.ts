import { sql, type SqlBool } from 'kysely';
import type { StatsDeclaration, StatsDimensionDef } from '../../../kernel/stats/index.ts';
import { GRADE_ORDER, GRADE_SOURCE, GRADE_ZH, type AccidentGrade } from './grading.ts';
import { ACCIDENT_TYPES } from './vocabulary.ts';

type Count = 'accidents' | 'largerOrAbove' | 'deaths' | 'seriousInjuries' | 'lossWan';
type Dimension = 'grade' | 'type' | 'township' | 'month';

/** 'YYYY-MM' of every month from `from` to `to`, both included. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > to.slice(0, 7)) break;
    out.push(key);
    if (++m > 12) [m, y] = [1, y + 1];
  }
  return out;
}

const named =
  (names: Record<string, string>) =>
  async (_db: unknown, keys: readonly string[]): Promise<Map<string, string>> =>
    new Map(keys.map((k) => [k, names[k] ?? '其他']));

const DIMENSIONS: Record<Dimension, StatsDimensionDef> = {
  grade: { name: '事故等级', labels: named(GRADE_ZH), order: 'listed', everyKey: () => [...GRADE_ORDER] },
  type: { name: '事故类别', labels: named(ACCIDENT_TYPES) },
  township: {
    name: '属地乡镇',
    labels: async (db, keys) => {
      const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
      const rows = ids.length ? await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute() : [];
      return new Map(rows.map((u) => [String(u.id), u.name]));
    },
  },
  month: {
    name: '月份',
    order: 'key',
    labels: async (_db, keys) => new Map(keys.map((k) => [k, k.replace('-', '年') + '月'])),
    everyKey: monthsBetween,
  },
};

/**
 * 事故统计 through the kernel's statistics: accidents by the day they happened (Beijing time), with deaths, serious
 * injuries and loss summed, by grade, type, township and month; 同比 and the items behind each number come from the engine.
 */
export const ACCIDENT_STATS: StatsDeclaration<Count, Dimension> = {
  title: '生产安全事故统计',
  counts: {
    accidents: { name: '事故起数', where: () => sql<SqlBool>`true` },
    largerOrAbove: { name: '较大及以上事故', where: () => sql<SqlBool>`f.grade_key <> 'general'` },
    deaths: { name: '死亡人数', where: () => sql<SqlBool>`true`, sum: 'deaths' },
    seriousInjuries: { name: '重伤人数', where: () => sql<SqlBool>`true`, sum: 'serious_injuries' },
    lossWan: { name: '直接经济损失（万元）', where: () => sql<SqlBool>`true`, sum: 'loss_wan' },
  },
  indicators: [
    {
      key: 'largerShare',
      name: '较大及以上事故占比',
      numerator: 'largerOrAbove',
      denominator: 'accidents',
      formula: '较大及以上事故起数 ÷ 事故起数',
      source: GRADE_SOURCE,
    },
  ],
  dimensions: DIMENSIONS,
  facts: (scope) => sql`(
    select a.id, a.occurred_at as at, a.grade as grade_key, a.accident_type as type_key,
      a.township_unit_id::text as township_key,
      to_char(a.occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month_key,
      a.deaths, a.serious_injuries, round(a.direct_loss_yuan / 10000.0, 2) as loss_wan
    from safety_accidents a join work_items wi on wi.id = a.id
    where ${scope.visibleSql('wi')}
      and a.occurred_at >= (${scope.from}::date)::timestamp at time zone 'Asia/Shanghai'
      and a.occurred_at < (${scope.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'
  )`,
  itemColumns: {
    at: '发生时间',
    values: [
      { key: 'grade', name: '等级' },
      { key: 'type', name: '类别' },
      { key: 'deaths', name: '死亡' },
      { key: 'seriousInjuries', name: '重伤' },
    ],
  },
  items: async (db, ids) => {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('safety_accidents as a')
      .innerJoin('work_items as wi', 'wi.id', 'a.id')
      .select(['a.id', 'wi.ref_no', 'wi.title', 'a.occurred_at', 'a.grade', 'a.accident_type', 'a.deaths', 'a.serious_injuries'])
      .where('a.id', 'in', [...ids])
      .execute();
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r
        ? [
            {
              id,
              no: r.ref_no,
              title: r.title,
              at: new Date(r.occurred_at).toISOString(),
              values: {
                grade: GRADE_ZH[r.grade as AccidentGrade],
                type: ACCIDENT_TYPES[r.accident_type as keyof typeof ACCIDENT_TYPES] ?? '其他',
                deaths: Number(r.deaths),
                seriousInjuries: Number(r.serious_injuries),
              },
            },
          ]
        : [];
    });
  },
  notes: () => [
    '计数口径：按事故发生时间（北京时间）统计；伤亡人数和直接经济损失为补报后的最新数字。',
    `事故等级：依据${GRADE_SOURCE}，按死亡、重伤、直接经济损失中达到的最高等级认定。`,
  ],
};
