import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { actionName } from './action-labels.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { describeAudit } from '../../../kernel/timeline/labels.ts';
import { loadNames, type NameBook } from '../../../kernel/timeline/names.ts';
import { auditFields, type AuditField, type TechnicalField } from '../../../kernel/timeline/audit-fields.ts';

export interface AuditQuery {
  /** exact action code, or a prefix ending in '.*' (e.g. 'auth.*') */
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: number;
  /** part of the actor's recorded name (the name is frozen in the event, so renamed users still match their old name) */
  actor?: string;
  /** inclusive lower bound: 'YYYY-MM-DD' (a Shanghai day) or an ISO instant */
  from?: string;
  /** inclusive upper bound: 'YYYY-MM-DD' (up to the end of that Shanghai day) or an ISO instant */
  to?: string;
  page: number;
  pageSize: number;
}

export interface AuditEventView {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  actorUnitId: number | null;
  /** the actor's unit by name (the id stays above) */
  actorUnitName: string | null;
  ip: string | null;
  action: string;
  actionName: string;
  entityType: string | null;
  entityId: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  /** names of every unit the event mentions (actor's unit, a unit entity, *unitId / *unitIds fields), keyed by id */
  unitNames: Record<string, string>;
  /** what the event is about, as people name it: a case number, a unit, a person, a deadline of a case */
  entityName: string | null;
  /** what happened, in words: ids by name, no field codes, no JSON (the record itself stays in before/after) */
  detail: string;
  /** the record's fields by their Chinese names, values in words (ids by name, times in Beijing time) */
  fields: AuditField[];
  /** fields without a name or a readable value, raw, for whoever checks the record (the screen folds them away) */
  technical: TechnicalField[];
}

/** The entity's readable name: 事项 by case number, 单位 and 用户 by name, 期限 by its label and case. */
function entityNameOf(r: { entity_type: string | null; entity_id: string | null }, names: NameBook, others: Map<string, string>): string | null {
  if (!r.entity_id) return null;
  switch (r.entity_type) {
    case 'work_item':
      return names.item(r.entity_id) ?? null;
    case 'unit':
      return names.unit(r.entity_id) ?? null;
    case 'user':
      return names.user(r.entity_id) ?? null;
    case 'leader':
      return names.leader(r.entity_id) ?? null;
    case 'deadline':
      return others.get(`${r.entity_type}:${r.entity_id}`) ?? null;
    case 'calendar_year':
      return `${r.entity_id}年`;
    default:
      return others.get(`${r.entity_type}:${r.entity_id}`) ?? null;
  }
}

const UNIT_PATH = /^(\/\d{1,15})+\/$/;
const UNIT_KEY = /(^|_|[a-z])(unit_?ids?|unitIds?)$/i;

/** Unit ids an event mentions in before/after: fields named unitId, ownerUnitId, unit_id, coUnitIds …, and unit paths, at any depth. */
export function mentionedUnitIds(value: unknown, out: Set<number> = new Set()): Set<number> {
  const add = (v: unknown) => {
    if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) out.add(v);
    else if (typeof v === 'string' && /^[1-9]\d{0,15}$/.test(v)) out.add(Number(v));
  };
  if (Array.isArray(value)) for (const v of value) mentionedUnitIds(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (UNIT_KEY.test(k)) {
        if (Array.isArray(v)) v.forEach(add);
        else add(v);
      }
      // a materialised unit path ('/1/7/42/', ownerUnitPath …) names every unit on it
      else if (/path$/i.test(k) && typeof v === 'string' && UNIT_PATH.test(v)) v.split('/').filter(Boolean).forEach(add);
      else mentionedUnitIds(v, out);
    }
  }
  return out;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A bound as an instant; a bare date is a day in Asia/Shanghai (UTC+8, no DST). */
export function boundInstant(value: string, edge: 'start' | 'end'): Date {
  if (DAY.test(value)) {
    const start = new Date(`${value}T00:00:00+08:00`);
    return edge === 'start' ? start : new Date(start.getTime() + 86_400_000);
  }
  return new Date(value);
}

/** LIKE pattern for a user-typed fragment: %, _ and \ match themselves. */
const likeFragment = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The audit trail, newest first, filtered and paged (read-only: looking is not a change). */
export async function listAuditEvents(opts: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  query: AuditQuery;
}): Promise<{ items: AuditEventView[]; total: number }> {
  const { db, query: q } = opts;
  let base = db.selectFrom('audit_events');
  if (q.action) {
    base = q.action.endsWith('.*')
      ? base.where('action', 'like', `${q.action.slice(0, -2).replace(/[\\%_]/g, (c) => `\\${c}`)}.%`)
      : base.where('action', '=', q.action);
  }
  if (q.entityType) base = base.where('entity_type', '=', q.entityType);
  if (q.entityId) base = base.where('entity_id', '=', q.entityId);
  if (q.actorId !== undefined) base = base.where('actor_id', '=', q.actorId);
  if (q.actor) base = base.where('actor_name', 'like', likeFragment(q.actor));
  if (q.from) base = base.where('at', '>=', boundInstant(q.from, 'start'));
  if (q.to) {
    // a bare date includes its whole day; an instant is inclusive
    base = DAY.test(q.to) ? base.where('at', '<', boundInstant(q.to, 'end')) : base.where('at', '<=', boundInstant(q.to, 'end'));
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  // one look-up for every unit the page mentions: readers see names, the payload keeps the ids
  const mentions = rows.map((r) => {
    const ids = mentionedUnitIds([r.before, r.after]);
    if (r.actor_unit_id !== null) ids.add(Number(r.actor_unit_id));
    if (r.entity_type === 'unit') {
      // a unit's own event: the unit itself and its parent
      if (r.entity_id && /^\d{1,15}$/.test(r.entity_id)) ids.add(Number(r.entity_id));
      for (const side of [r.before, r.after]) {
        const parent = typeof side === 'object' && side !== null ? (side as { parentId?: unknown }).parentId : undefined;
        if (typeof parent === 'number') ids.add(parent);
      }
    }
    return ids;
  });
  const allIds = [...new Set(mentions.flatMap((m) => [...m]))];
  const names = new Map<number, string>();
  if (allIds.length) {
    for (const u of await db.selectFrom('units').select(['id', 'name']).where('id', 'in', allIds).execute()) names.set(Number(u.id), u.name);
  }
  // names for every id the page's events mention (units, people, leaders, cases), one query per kind
  const idOf = (r: (typeof rows)[number], type: string) =>
    r.entity_type === type && r.entity_id && /^\d{1,15}$/.test(r.entity_id) ? [Number(r.entity_id)] : [];
  const deadlineIds = rows.flatMap((r) => idOf(r, 'deadline'));
  const deadlineRows = deadlineIds.length
    ? await db
        .selectFrom('deadlines as d')
        .innerJoin('work_items as wi', 'wi.id', 'd.work_item_id')
        .select(['d.id', 'd.label', 'wi.ref_no'])
        .where('d.id', 'in', deadlineIds)
        .execute()
    : [];
  const deadlines = new Map(deadlineRows.map((d) => [Number(d.id), `${d.ref_no} ${d.label}`]));
  // a module's own records (信访's petitioner of a reveal …) are named by its descriptor, never by reading its tables here
  const moduleNames = new Map<string, string>();
  for (const type of new Set(rows.map((r) => r.entity_type))) {
    const namer = type ? opts.modules.entityNamer(type) : undefined;
    const ids = namer ? rows.flatMap((r) => idOf(r, type!)) : [];
    if (namer && ids.length) for (const [id, n] of await namer(db, ids)) moduleNames.set(`${type}:${id}`, n);
  }
  const book = await loadNames(
    db,
    rows.flatMap((r) => [r.before, r.after]),
    {
      unit: rows.flatMap((r) => idOf(r, 'unit')),
      user: rows.flatMap((r) => idOf(r, 'user')),
      leader: rows.flatMap((r) => idOf(r, 'leader')),
      item: rows.flatMap((r) => idOf(r, 'work_item')),
    },
  );
  const others = new Map<string, string>([...[...deadlines].map(([id, n]) => [`deadline:${id}`, n] as [string, string]), ...moduleNames]);
  const detailOf = (r: (typeof rows)[number]): string => {
    const text = describeAudit(opts.modules, r.action, r.before, r.after, book);
    return r.reason ? `${text ? `${text}（理由：${r.reason}）` : `理由：${r.reason}`}` : text;
  };
  const namesOf = (ids: Set<number>) => Object.fromEntries([...ids].filter((i) => names.has(i)).map((i) => [String(i), names.get(i)!]));
  return {
    total: Number(count.n),
    items: rows.map((r, i) => ({
      seq: Number(r.seq),
      at: r.at.toISOString(),
      actorId: r.actor_id === null ? null : Number(r.actor_id),
      actorName: r.actor_name,
      actorUnitId: r.actor_unit_id === null ? null : Number(r.actor_unit_id),
      actorUnitName: r.actor_unit_id === null ? null : (names.get(Number(r.actor_unit_id)) ?? null),
      ip: r.ip,
      action: r.action,
      actionName: actionName(opts.modules, r.action),
      entityType: r.entity_type,
      entityId: r.entity_id,
      reason: r.reason,
      before: r.before,
      after: r.after,
      unitNames: namesOf(mentions[i]!),
      entityName: entityNameOf(r, book, others),
      detail: detailOf(r),
      ...auditFields(opts.modules, r.action, r.before, r.after, book),
    })),
  };
}
