import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { actionName } from './action-labels.ts';

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
  ip: string | null;
  action: string;
  actionName: string;
  entityType: string | null;
  entityId: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
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
export async function listAuditEvents(opts: { db: Kysely<DB>; query: AuditQuery }): Promise<{ items: AuditEventView[]; total: number }> {
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
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at.toISOString(),
      actorId: r.actor_id === null ? null : Number(r.actor_id),
      actorName: r.actor_name,
      actorUnitId: r.actor_unit_id === null ? null : Number(r.actor_unit_id),
      ip: r.ip,
      action: r.action,
      actionName: actionName(r.action),
      entityType: r.entity_type,
      entityId: r.entity_id,
      reason: r.reason,
      before: r.before,
      after: r.after,
    })),
  };
}
