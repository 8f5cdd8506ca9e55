import { sql, type Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { can } from '../../core/access/policy.ts';
import { AppError } from '../../core/errors.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { checkBusinessDate, loadBackdateWindow } from '../actions/business-date.ts';
import { loadVisibleItem, type ModuleCatalog, type VisibleItem } from '../catalog/index.ts';
import { linkName, type LinkDirection } from './kinds.ts';
import type { LinkAuditView } from './link-wording.ts';

interface Common {
  modules: ModuleCatalog;
  user: SessionUser;
  actor: Actor;
  now: Date;
}

/**
 * Both items as `user` may see them (404 for either out of sight — out of sight is out of reach, and a
 * hidden item is never confirmed to exist), locked in id order so that two links of the same pair queue;
 * then the staff policy (403 for roles that do not handle items).
 */
async function loadPair(trx: Transaction<DB>, o: Common, ids: [number, number]): Promise<[VisibleItem, VisibleItem]> {
  const sorted = [...ids].sort((a, b) => a - b);
  await sql`SELECT id FROM work_items WHERE id IN (${sql.join(sorted)}) ORDER BY id FOR UPDATE`.execute(trx);
  const pair: [VisibleItem, VisibleItem] = [await loadVisibleItem(trx, o.modules, o.user, ids[0]), await loadVisibleItem(trx, o.modules, o.user, ids[1])];
  if (!can(o.user, 'workitem.handle')) throw new AppError('FORBIDDEN');
  return pair;
}

/** One audit event per end, each naming the other item: the link shows on both timelines. */
async function auditBoth(
  trx: Transaction<DB>,
  o: Common,
  action: 'item.link' | 'item.unlink',
  link: { id: number; kind: string; note?: string | null; occurredOn?: string },
  from: VisibleItem,
  to: VisibleItem,
  reason?: string,
) {
  const ends: [VisibleItem, VisibleItem, LinkDirection][] = [
    [from, to, 'out'],
    [to, from, 'in'],
  ];
  for (const [self, other, direction] of ends) {
    const view: LinkAuditView = { linkId: link.id, kind: link.kind, direction, otherId: other.id, otherRefNo: other.refNo };
    if (action === 'item.link') Object.assign(view, { note: link.note ?? null, occurredOn: link.occurredOn });
    await appendAudit(trx, o.actor, {
      action,
      entityType: 'work_item',
      entityId: self.id,
      // an unlink happens the day it is recorded (its business date, like every event's, places it in the timeline)
      ...(action === 'item.link' ? { after: view } : { before: view, after: { removed: true, occurredOn: shanghaiDate(o.now) } }),
      reason,
    });
  }
}

export interface LinkInput extends Common {
  fromId: number;
  toId: number;
  kind: string;
  note?: string | null;
  /** the business date the link was established (e.g. the meeting's date), default today; checked like every event's */
  occurredOn?: string;
  backdateReason?: string;
}

/**
 * Links two items (of any modules) with a typed, directed link, in the caller's transaction: both must be
 * visible to the user, the kind known, the business date valid against both items, and no active link of
 * the same kind may join the pair in either direction (409). Audited as `item.link` on BOTH items. The
 * link does not move either item's last event date: it records a relation, not a step of handling, and
 * must not stop a later 补录 of either item's own events.
 */
export async function linkItems(trx: Transaction<DB>, o: LinkInput): Promise<{ id: number; occurredOn: string }> {
  const kind = o.modules.linkKind(o.kind);
  if (!kind)
    throw new AppError('LINK_KIND_UNKNOWN', { kind: o.kind, known: o.modules.linkKinds.map((k) => `${k.code}（${k.forward}）`).join('、') }, { field: 'kind' });
  if (o.fromId === o.toId) throw new AppError('LINK_SELF', {}, { field: 'toId' });
  const [from, to] = await loadPair(trx, o, [o.fromId, o.toId]);
  const last = await trx.selectFrom('work_items').select('last_event_on').where('id', 'in', [from.id, to.id]).execute();
  const lastEventOn =
    last
      .map((r) => r.last_event_on)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null;
  const on = checkBusinessDate({
    occurredOn: o.occurredOn,
    backdateReason: o.backdateReason,
    today: shanghaiDate(o.now),
    lastEventOn,
    windowDays: await loadBackdateWindow(trx),
  });
  const existing = await trx
    .selectFrom('item_links')
    .select('id')
    .where('kind', '=', kind.code)
    .where('removed_at', 'is', null)
    .where((eb) => eb.or([eb.and([eb('from_id', '=', from.id), eb('to_id', '=', to.id)]), eb.and([eb('from_id', '=', to.id), eb('to_id', '=', from.id)])]))
    .executeTakeFirst();
  if (existing) throw new AppError('LINK_DUPLICATE', { refNo: to.refNo, name: linkName(kind, 'out') });
  const note = o.note?.trim() || null;
  const { id } = await trx
    .insertInto('item_links')
    .values({ from_id: from.id, to_id: to.id, kind: kind.code, note, occurred_on: on, created_by: o.user.id, created_at: o.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const reason = o.backdateReason ? `补录：${o.backdateReason}` : undefined;
  await auditBoth(trx, o, 'item.link', { id: Number(id), kind: kind.code, note, occurredOn: on }, from, to, reason);
  return { id: Number(id), occurredOn: on };
}

/**
 * Removes an active link of `itemId` (either end) with a stated reason — never deleted: the row keeps who
 * removed it, when and why, and `item.unlink` is audited on BOTH items. Both items must be visible to the
 * user (a link whose other end is hidden is not shown to them, so it is not theirs to remove).
 */
export async function unlinkItems(trx: Transaction<DB>, o: Common & { itemId: number; linkId: number; reason: string }): Promise<void> {
  const reason = o.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', { detail: '解除关联的理由：不能为空' }, { field: 'reason' });
  const link = await trx
    .selectFrom('item_links')
    .select(['id', 'from_id', 'to_id', 'kind'])
    .where('id', '=', o.linkId)
    .where((eb) => eb.or([eb('from_id', '=', o.itemId), eb('to_id', '=', o.itemId)]))
    .executeTakeFirst();
  if (!link) throw new AppError('NOT_FOUND');
  const [from, to] = await loadPair(trx, o, [Number(link.from_id), Number(link.to_id)]);
  // re-read under the items' locks: a concurrent removal wins once
  const removed = await trx
    .updateTable('item_links')
    .set({ removed_at: o.now, removed_by: o.user.id, removed_reason: reason })
    .where('id', '=', link.id)
    .where('removed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!removed) throw new AppError('CONFLICT', { detail: '该关联已被解除' });
  await auditBoth(trx, o, 'item.unlink', { id: Number(link.id), kind: link.kind }, from, to, reason);
}
