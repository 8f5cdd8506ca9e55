import { isExternal } from '../../../core/access/scope.ts';
import { sql, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';

export interface NotificationView {
  id: number;
  kind: string;
  title: string;
  body: string;
  level: 'approaching' | 'overdue' | 'severe' | null;
  /** true when addressed to my unit rather than to me personally (read by one member = read for the unit) */
  forUnit: boolean;
  workItemId: number | null;
  workItemRefNo: string | null;
  workItemTitle: string | null;
  createdAt: string;
  read: boolean;
  readAt: string | null;
}

type Me = Pick<SessionUser, 'id' | 'unitId' | 'roles' | 'unitPath' | 'enterpriseId'>;

/**
 * The one scope rule of the inbox: reminders addressed to me, or to my own unit (not its
 * sub-units: a township's reminders are for the township's staff, not for the county's) — and only
 * about items I may see now (the items' one visibility rule: a reminder never leaks a case, e.g. a
 * 检举控告 to its accused unit, whoever it was addressed to).
 */
const mine = (me: Me, modules: ModuleCatalog) => (eb: ExpressionBuilder<DB, 'notifications'>) =>
  eb.and([
    // an outside party's account (an enterprise) belongs to no office: only what is addressed to it personally
    isExternal(me) ? eb('notifications.user_id', '=', me.id) : eb.or([eb('notifications.user_id', '=', me.id), eb('notifications.unit_id', '=', me.unitId)]),
    sql<SqlBool>`(notifications.work_item_id is null or exists (select 1 from work_items wi where wi.id = notifications.work_item_id and ${modules.visibleSql(me)}))`,
  ]);

export async function listMyNotifications(opts: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  user: Me;
  query: { unread?: boolean; page: number; pageSize: number };
}): Promise<{ items: NotificationView[]; total: number; unread: number }> {
  const { db, user, query } = opts;
  let base = db.selectFrom('notifications').where(mine(user, opts.modules));
  if (query.unread === true) base = base.where('notifications.read_at', 'is', null);
  if (query.unread === false) base = base.where('notifications.read_at', 'is not', null);
  const [rows, count, unread] = await Promise.all([
    base
      .leftJoin('work_items as w', 'w.id', 'notifications.work_item_id')
      .select([
        'notifications.id',
        'notifications.kind',
        'notifications.title',
        'notifications.body',
        'notifications.level',
        'notifications.user_id',
        'notifications.work_item_id',
        'notifications.created_at',
        'notifications.read_at',
        'w.ref_no',
        'w.title as work_item_title',
      ])
      .orderBy('notifications.created_at', 'desc')
      .orderBy('notifications.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    countUnread({ db, modules: opts.modules, user }),
  ]);
  return {
    total: Number(count.n),
    unread,
    items: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      title: r.title,
      body: r.body,
      level: r.level,
      forUnit: r.user_id === null || Number(r.user_id) !== user.id,
      workItemId: r.work_item_id === null ? null : Number(r.work_item_id),
      workItemRefNo: r.ref_no,
      workItemTitle: r.work_item_title,
      createdAt: new Date(r.created_at).toISOString(),
      read: r.read_at !== null,
      readAt: r.read_at === null ? null : new Date(r.read_at).toISOString(),
    })),
  };
}

export async function countUnread(opts: { db: Kysely<DB>; modules: ModuleCatalog; user: Me }): Promise<number> {
  const row = await opts.db
    .selectFrom('notifications')
    .where(mine(opts.user, opts.modules))
    .where('read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of my reminders read; another unit's reminder is "not found" (404), never 403. */
export async function markRead(opts: { db: Kysely<DB>; modules: ModuleCatalog; user: Me; id: number; actor: Actor }): Promise<{ id: number; readAt: string }> {
  return opts.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('notifications')
      .select(['id', 'read_at'])
      .where('id', '=', opts.id)
      .where(mine(opts.user, opts.modules))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    // already read (by me or a colleague of my unit): nothing changes, nothing to audit
    if (row.read_at !== null) return { id: opts.id, readAt: new Date(row.read_at).toISOString() };
    const updated = await trx
      .updateTable('notifications')
      .set({ read_at: sql<Date>`now()` })
      .where('id', '=', opts.id)
      .returning('read_at')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, opts.actor, {
      action: 'notification.read',
      entityType: 'notification',
      entityId: opts.id,
      before: { read: false },
      after: { read: true },
    });
    return { id: opts.id, readAt: new Date(updated.read_at!).toISOString() };
  });
}

/** Marks all my unread reminders read, with one audit event for the batch (the ids are in it). */
export async function markAllRead(opts: { db: Kysely<DB>; modules: ModuleCatalog; user: Me; actor: Actor }): Promise<{ marked: number }> {
  return opts.db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('notifications')
      .set({ read_at: sql<Date>`now()` })
      .where(mine(opts.user, opts.modules))
      .where('read_at', 'is', null)
      .returning('id')
      .execute();
    if (rows.length === 0) return { marked: 0 };
    const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    await appendAudit(trx, opts.actor, { action: 'notification.readAll', entityType: 'notification', after: { count: ids.length, ids } });
    return { marked: ids.length };
  });
}
