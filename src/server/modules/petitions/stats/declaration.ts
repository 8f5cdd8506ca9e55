import { sql } from 'kysely';
import type { StatsDeclaration, StatsDimensionDef } from '../../../kernel/stats/index.ts';
import { COUNT_KEYS, COUNT_NAMES, INDICATORS, type CountKey } from './indicators.ts';
import { countPredicate, factsSql, type Dimension } from './facts-sql.ts';
import { CHANNEL_NAMES } from '../excel/ledger-columns.ts';

export const LEVEL_NAMES: Record<string, string> = { national: '国家交办', province: '省交办', city: '市交办', county: '本级受理' };

const named =
  (names: Record<string, string>) =>
  async (_db: unknown, keys: readonly string[]): Promise<Map<string, string>> =>
    new Map(keys.map((k) => [k, names[k] ?? k]));

const unitNames: StatsDimensionDef['labels'] = async (db, keys) => {
  const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
  const rows = ids.length ? await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  return new Map(rows.map((u) => [String(u.id), u.name]));
};

/** 'YYYY-MM' of every month from `from` to `to` (ISO days), both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) break;
    out.push(key);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

const DIMENSIONS: Record<Dimension, StatsDimensionDef> = {
  channel: { name: '渠道', labels: named(CHANNEL_NAMES) },
  category: {
    name: '问题类别',
    labels: async (db, keys) => {
      const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
      const rows = ids.length ? await db.selectFrom('petition_categories').select(['id', 'name']).where('id', 'in', ids).execute() : [];
      return new Map(rows.map((c) => [String(c.id), c.name]));
    },
  },
  unit: { name: '责任单位', labels: unitNames, unit: true },
  township: { name: '问题属地', labels: unitNames, unit: true },
  level: { name: '交办层级', labels: named(LEVEL_NAMES) },
  month: {
    name: '月份',
    order: 'key',
    labels: async (_db, keys) => new Map(keys.map((k) => [k, k.replace('-', '年') + '月'])),
    everyKey: monthsBetween,
  },
};

/**
 * 信访统计 (rules.md §2) as the kernel's statistics mechanism reads it: the facts are petition_facts (one narrow
 * row per initial petition, kept by triggers, migration 0010), the counts and indicators are indicators.ts.
 */
export const PETITION_STATS: StatsDeclaration<CountKey, Dimension> = {
  title: '信访统计',
  counts: Object.fromEntries(
    COUNT_KEYS.map((k) => [k, { name: COUNT_NAMES[k], where: (today) => countPredicate(k, today), ...(k === 'persons' ? { sum: 'persons' } : {}) }]),
  ) as StatsDeclaration<CountKey>['counts'],
  indicators: INDICATORS,
  dimensions: DIMENSIONS,
  facts: factsSql,
  itemColumns: {
    at: '登记时间',
    values: [
      { key: 'channel', name: '渠道' },
      { key: 'persons', name: '人次' },
    ],
  },
  items: async (db, ids) => {
    if (ids.length === 0) return [];
    const rows = await sql<{ id: number; case_no: string; title: string; channel: string; received_at: Date; persons: number }>`
      select pe.id, pe.case_no, pe.title, pf.channel, pf.received_at, pf.persons
      from petitions pe join petition_facts pf on pf.id = pe.id
      where pe.id in (${sql.join(ids)})`.execute(db);
    const byId = new Map(rows.rows.map((r) => [Number(r.id), r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      return [
        {
          id,
          no: r.case_no,
          title: r.title,
          at: new Date(r.received_at).toISOString(),
          values: { channel: CHANNEL_NAMES[r.channel] ?? r.channel, persons: Number(r.persons) },
        },
      ];
    });
  },
  notes: (today) => [
    '计数单位：批次（件次）：每件初次信访事项计 1；人次：来访按登记人次，其他渠道按信访人数（匿名计 1）；复查、复核为关联案件，不另计件次。',
    `统计时点：超期未受理、超期未答复、超期未评价按 ${today} 判断。`,
  ],
};
