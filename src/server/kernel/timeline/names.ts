import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';

/**
 * Names for the ids an audited change records, so people read "龙蚕镇" and "张三", never "unitId 4" or
 * "assigneeId 9". Loaded in one query per kind for a whole timeline or audit page (never one per event).
 */
export interface NameBook {
  unit(id: unknown): string | undefined;
  user(id: unknown): string | undefined;
  leader(id: unknown): string | undefined;
  /** a work item by its case number (ref_no) */
  item(id: unknown): string | undefined;
}

export const NO_NAMES: NameBook = { unit: () => undefined, user: () => undefined, leader: () => undefined, item: () => undefined };

type Kind = 'unit' | 'user' | 'leader' | 'item';

/** Which kind of id a field holds, by its name (unitId, assistUnitIds, approverUserId, approvedBy, leaderId, reviewOf …). */
export function idKindOf(key: string): Kind | null {
  if (/unit_?ids?$/i.test(key) || key === 'parentId') return 'unit';
  if (/^(assignee|user|approverUser|approver|approvedBy|actor|createdBy|verifier|reporter)(_?id)?s?$/i.test(key) || key === 'approvedBy') return 'user';
  if (/leader_?ids?$/i.test(key)) return 'leader';
  if (/^(reviewOf|workItemId|work_item_id|otherId|itemId|fromId|toId)$/.test(key)) return 'item';
  return null;
}

const asId = (v: unknown): number | null =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : typeof v === 'string' && /^[1-9]\d{0,14}$/.test(v) ? Number(v) : null;

/** Every id the values mention, by kind, at any depth. */
export function collectIds(values: unknown[], into: Record<Kind, Set<number>> = { unit: new Set(), user: new Set(), leader: new Set(), item: new Set() }) {
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        const kind = idKindOf(k);
        if (kind)
          for (const one of Array.isArray(x) ? x : [x]) {
            const id = asId(one);
            if (id !== null) into[kind].add(id);
          }
        else walk(x);
      }
    }
  };
  values.forEach(walk);
  return into;
}

/** Loads the names of the ids `values` mention (plus `extra`), one query per kind. */
export async function loadNames(db: Kysely<DB>, values: unknown[], extra: Partial<Record<Kind, Iterable<number>>> = {}): Promise<NameBook> {
  const ids = collectIds(values);
  for (const k of Object.keys(extra) as Kind[]) for (const id of extra[k] ?? []) ids[k].add(id);
  const list = (k: Kind) => [...ids[k]];
  const [units, users, leaders, items] = await Promise.all([
    ids.unit.size ? db.selectFrom('units').select(['id', 'name']).where('id', 'in', list('unit')).execute() : [],
    ids.user.size ? db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', list('user')).execute() : [],
    ids.leader.size ? db.selectFrom('leaders').select(['id', 'name']).where('id', 'in', list('leader')).execute() : [],
    ids.item.size ? db.selectFrom('work_items').select(['id', 'ref_no as name']).where('id', 'in', list('item')).execute() : [],
  ]);
  const map = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [Number(r.id), r.name]));
  const [u, s, l, i] = [map(units), map(users), map(leaders), map(items)];
  const get = (m: Map<number, string>) => (id: unknown) => {
    const n = asId(id);
    return n === null ? undefined : m.get(n);
  };
  return { unit: get(u), user: get(s), leader: get(l), item: get(i) };
}
