import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface TableGraph {
  /** public base tables, parents before children */
  ordered: string[];
  /** single-column self references (e.g. units.parent_id → units.id), by table */
  selfRefs: Map<string, { column: string; refColumn: string }>;
}

/**
 * The app's tables (schema public) in foreign-key order, read from the catalogue so tables
 * added by later migrations are covered without touching backup code. pg-boss lives in its
 * own schema and is never included.
 */
export async function loadTableGraph(db: Kysely<DB>): Promise<TableGraph> {
  const tables = (
    await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`.execute(db)
  ).rows.map((r) => r.name);
  const fks = (
    await sql<{ child: string; parent: string; child_cols: string[]; parent_cols: string[] }>`
      SELECT ch.relname AS child, pa.relname AS parent,
             ARRAY(SELECT a.attname::text FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k) AS child_cols,
             ARRAY(SELECT a.attname::text FROM unnest(c.confkey) k JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k) AS parent_cols
      FROM pg_constraint c
      JOIN pg_class ch ON ch.oid = c.conrelid JOIN pg_namespace n ON n.oid = ch.relnamespace
      JOIN pg_class pa ON pa.oid = c.confrelid
      WHERE c.contype = 'f' AND n.nspname = 'public'`.execute(db)
  ).rows;
  const selfRefs = new Map<string, { column: string; refColumn: string }>();
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const fk of fks) {
    if (fk.child === fk.parent) {
      if (fk.child_cols.length !== 1) throw new Error(`不支持多列自引用外键：${fk.child}`);
      selfRefs.set(fk.child, { column: fk.child_cols[0]!, refColumn: fk.parent_cols[0]! });
    } else {
      parents.get(fk.child)?.add(fk.parent);
    }
  }
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: string) => {
    if (state.get(t) === 'done') return;
    if (state.get(t) === 'visiting') throw new Error(`表之间存在循环外键，无法确定备份顺序：${t}`);
    state.set(t, 'visiting');
    for (const p of parents.get(t) ?? []) visit(p);
    state.set(t, 'done');
    ordered.push(t);
  };
  for (const t of tables) visit(t);
  return { ordered, selfRefs };
}

/** Orders rows of a self-referencing table so every parent precedes its children. */
export function parentsFirst(rows: string[], ref: { column: string; refColumn: string }): string[] {
  const parsed = rows.map((text) => ({ text, row: JSON.parse(text) as Record<string, unknown> }));
  const children = new Map<string, typeof parsed>();
  const keys = new Set(parsed.map((p) => String(p.row[ref.refColumn])));
  const roots: typeof parsed = [];
  for (const p of parsed) {
    const parent = p.row[ref.column];
    if (parent === null || parent === undefined || !keys.has(String(parent))) roots.push(p);
    else {
      const list = children.get(String(parent)) ?? [];
      list.push(p);
      children.set(String(parent), list);
    }
  }
  const out: string[] = [];
  const queue = [...roots];
  for (let i = 0; i < queue.length; i++) {
    const p = queue[i]!;
    out.push(p.text);
    queue.push(...(children.get(String(p.row[ref.refColumn])) ?? []));
  }
  if (out.length !== rows.length) throw new Error('自引用数据存在环，无法排序');
  return out;
}
