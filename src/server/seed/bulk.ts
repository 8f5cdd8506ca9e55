import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../core/db/database.ts';
import { appendAudit, SYSTEM_ACTOR } from '../core/audit/audit-chain.ts';
import { shanghaiDate } from '../core/clock/clock.ts';

/** Where the real citizen messages live (never copied into the repo; read at run time). */
const DEFAULT_MESSAGES_DIR = path.resolve(import.meta.dirname, '../../../../shared/data/tipdm2020c');

const MODULES: { module: string; weight: number; prefix: string; ruleKey: string; label: string; states: string[] }[] = [
  { module: 'petition', weight: 50, prefix: 'XF', ruleKey: 'xf.handle', label: '办理期限', states: ['accepted', 'handling', 'replied'] },
  { module: 'dispute', weight: 20, prefix: 'MD', ruleKey: 'xf.handle', label: '调处期限', states: ['registered', 'mediating'] },
  { module: 'hazard', weight: 15, prefix: 'YH', ruleKey: 'xf.handle', label: '整改期限', states: ['reported', 'rectifying'] },
  { module: 'supervision', weight: 10, prefix: 'DB', ruleKey: 'xf.handle', label: '督办期限', states: ['assigned', 'in_progress'] },
  { module: 'risk', weight: 5, prefix: 'WP', ruleKey: 'xf.handle', label: '评估期限', states: ['assessing'] },
];

const SYNTHETIC = {
  places: ['龙蚕镇', '碧溪乡', '银汉镇', '金甲乡', '青石街道', '白鹭社区', '石门村', '桂花村'],
  matters: [
    '道路积水严重',
    '窨井盖松动',
    '噪音扰民',
    '拖欠农民工工资',
    '宅基地边界纠纷',
    '化粪池盖板塌陷',
    '饮用水浑浊',
    '物业违规收费',
    '燃气管道老化',
    '校车超载',
  ],
};

/** A deterministic PRNG (mulberry32), so the same count gives the same data set. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Titles of real citizen messages when the shared data folder exists, else synthetic ones. */
export function loadTitles(dir = process.env.ANWEN_MESSAGES_DIR ?? DEFAULT_MESSAGES_DIR): { titles: string[]; source: 'tipdm2020c' | 'synthetic' } {
  const titles = new Set<string>();
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of fs.readFileSync(path.join(dir, name), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const title = (JSON.parse(line) as { title?: unknown }).title;
          if (typeof title === 'string' && title.trim()) titles.add(title.trim().slice(0, 200));
        } catch {
          // one bad line does not spoil the rest
        }
      }
    }
  }
  if (titles.size > 0) return { titles: [...titles], source: 'tipdm2020c' };
  const synthetic: string[] = [];
  for (const p of SYNTHETIC.places) for (const m of SYNTHETIC.matters) synthetic.push(`${p}群众反映${m}问题`);
  return { titles: synthetic, source: 'synthetic' };
}

export interface BulkResult {
  inserted: number;
  ms: number;
  titleSource: 'tipdm2020c' | 'synthetic';
}

/**
 * Inserts `count` realistic open work items, each with one running deadline, into the units
 * that exist (run the demo seed first). Due dates are spread from 45 days ago to 60 days
 * ahead of `today`, so lists show every warning level. Batches of `INSERT … SELECT FROM unnest()`,
 * each batch one transaction with one audit event. For benchmarks and load tests.
 */
export async function generateBulkItems(options: {
  database: Database;
  count: number;
  log?: (m: string) => void;
  now?: Date;
  batchSize?: number;
  seed?: number;
}): Promise<BulkResult> {
  const t0 = performance.now();
  const { db } = options.database;
  const batchSize = options.batchSize ?? 5000;
  const now = options.now ?? new Date();
  const today = shanghaiDate(now);
  const units = await db
    .selectFrom('units')
    .select(['id', 'path', 'kind'])
    .where('disabled', '=', false)
    .where('kind', 'not in', ['leading_group', 'joint_meeting'])
    .execute();
  if (units.length === 0) throw new Error('库中还没有单位：请先运行 anwen seed 生成演示县，再生成压测数据');
  const users = await db.selectFrom('users').select(['id', 'unit_id']).where('disabled', '=', false).execute();
  const usersByUnit = new Map<number, number[]>();
  for (const u of users) usersByUnit.set(Number(u.unit_id), [...(usersByUnit.get(Number(u.unit_id)) ?? []), Number(u.id)]);
  // most matters land in villages and townships, as in a real county
  const weighted = units.flatMap((u) => Array<typeof u>(u.kind === 'village' || u.kind === 'community' ? 3 : u.kind === 'county' ? 1 : 2).fill(u));
  const { titles, source } = loadTitles();
  const rand = prng(options.seed ?? 20261123);
  const totalWeight = MODULES.reduce((s, m) => s + m.weight, 0);
  const runId = now.getTime().toString(36).toUpperCase();
  const pickModule = () => {
    let r = rand() * totalWeight;
    for (const m of MODULES) if ((r -= m.weight) < 0) return m;
    return MODULES[0]!;
  };
  const dayOffset = (base: string, days: number) => new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  let inserted = 0;
  while (inserted < options.count) {
    const n = Math.min(batchSize, options.count - inserted);
    const cols = {
      module: [] as string[],
      ref: [] as string[],
      title: [] as string[],
      state: [] as string[],
      unit: [] as number[],
      path: [] as string[],
      assignee: [] as (number | null)[],
      rule: [] as string[],
      label: [] as string[],
      start: [] as string[],
      due: [] as string[],
    };
    for (let i = 0; i < n; i++) {
      const m = pickModule();
      const unit = weighted[Math.floor(rand() * weighted.length)]!;
      const staff = usersByUnit.get(Number(unit.id));
      const due = dayOffset(today, Math.floor(rand() * 106) - 45);
      cols.module.push(m.module);
      cols.ref.push(`${m.prefix}-${runId}-${String(inserted + i + 1).padStart(7, '0')}`);
      cols.title.push(titles[Math.floor(rand() * titles.length)]!);
      cols.state.push(m.states[Math.floor(rand() * m.states.length)]!);
      cols.unit.push(Number(unit.id));
      cols.path.push(unit.path);
      cols.assignee.push(staff && rand() < 0.6 ? staff[Math.floor(rand() * staff.length)]! : null);
      cols.rule.push(m.ruleKey);
      cols.label.push(m.label);
      cols.start.push(dayOffset(due, -60));
      cols.due.push(due);
    }
    await db.transaction().execute(async (trx) => {
      await sql`
        WITH src AS (
          SELECT * FROM unnest(${cols.module}::text[], ${cols.ref}::text[], ${cols.title}::text[], ${cols.state}::text[], ${cols.unit}::bigint[],
                               ${cols.path}::text[], ${cols.assignee}::bigint[], ${cols.rule}::text[], ${cols.label}::text[], ${cols.start}::date[], ${cols.due}::date[])
                   AS s(module, ref_no, title, state, unit_id, unit_path, assignee_id, rule_key, label, start_date, due_date)
        ), items AS (
          INSERT INTO work_items (module, ref_no, title, state, open, owner_unit_id, owner_unit_path, assignee_id)
          SELECT module, ref_no, title, state, true, unit_id, unit_path, assignee_id FROM src
          RETURNING id, module, ref_no
        )
        INSERT INTO deadlines (work_item_id, rule_key, label, status, started_at, start_date, due_date, explanation)
        SELECT items.id, src.rule_key, src.label, 'running', src.start_date::timestamp AT TIME ZONE 'Asia/Shanghai', src.start_date, src.due_date, '压测数据'
        FROM items JOIN src ON src.module = items.module AND src.ref_no = items.ref_no`.execute(trx);
      await appendAudit(trx, SYSTEM_ACTOR, { action: 'seed.bulk', entityType: 'work_items', after: { run: runId, count: n, titleSource: source } });
    });
    inserted += n;
    options.log?.(`已生成 ${inserted}/${options.count} 条`);
  }
  return { inserted, ms: Math.round(performance.now() - t0), titleSource: source };
}
