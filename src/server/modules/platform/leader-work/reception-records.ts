import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { isCountyWide } from '../../../core/access/scope.ts';
import { loadVisibleItem, type ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { checkRecordDate } from './record-date.ts';

export type ReceptionKind = 'reception' | 'down_visit' | 'appointment';
export const RECEPTION_KIND_ZH: Record<ReceptionKind, string> = { reception: '领导接访', down_visit: '带案下访', appointment: '约访' };

/** 信访局, admins and the county leaders themselves record receptions. */
export const mayRecordReception = (user: SessionUser) => user.roles.some((r) => r === 'xfj_staff' || r === 'sys_admin' || r === 'county_leader');

export interface ReceptionRecordInput {
  leaderId: number;
  kind: ReceptionKind;
  receptionDayId: number | null;
  date: string;
  place: string;
  summary: string;
  batches: number;
  persons: number;
  workItemIds: number[];
}

export interface ReceptionRecord extends Omit<ReceptionRecordInput, 'workItemIds'> {
  id: number;
  kindName: string;
  leaderName: string;
  recordedByName: string;
  cases: { workItemId: number; refNo: string; title: string }[];
}

/** Records one reception (接访 / 带案下访 / 约访) linked to cases the recorder can see. */
export async function createReceptionRecord(opts: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  user: SessionUser;
  actor: Actor;
  now: Date;
  input: ReceptionRecordInput;
}): Promise<{ id: number }> {
  if (!mayRecordReception(opts.user)) throw new AppError('FORBIDDEN');
  const i = opts.input;
  return opts.db.transaction().execute(async (trx) => {
    const leader = await trx.selectFrom('leaders').select('id').where('id', '=', i.leaderId).where('disabled', '=', false).executeTakeFirst();
    if (!leader) throw new AppError('VALIDATION_FAILED', { detail: `领导 ${i.leaderId} 不存在或已停用` });
    if (i.receptionDayId !== null) {
      const day = await trx.selectFrom('reception_days').select('leader_id').where('id', '=', i.receptionDayId).where('deleted', '=', false).executeTakeFirst();
      if (!day || Number(day.leader_id) !== i.leaderId) throw new AppError('VALIDATION_FAILED', { detail: '接访日安排不存在或不是该领导的' });
    }
    const ids = [...new Set(i.workItemIds)];
    const items = [];
    for (const id of ids) items.push(await loadVisibleItem(trx, opts.modules, opts.user, id));
    checkRecordDate({ date: i.date, today: shanghaiDate(opts.now), label: '接访日期', items });
    const row = await trx
      .insertInto('reception_records')
      .values({
        leader_id: i.leaderId,
        kind: i.kind,
        reception_day_id: i.receptionDayId,
        on_date: i.date,
        place: i.place,
        summary: i.summary,
        batches: i.batches,
        persons: i.persons,
        recorded_by: opts.user.id,
        recorded_at: opts.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (ids.length)
      await trx
        .insertInto('reception_record_items')
        .values(ids.map((w) => ({ record_id: row.id, work_item_id: w })))
        .execute();
    await appendAudit(trx, opts.actor, {
      action: 'reception_record.create',
      entityType: 'reception_record',
      entityId: row.id,
      after: { ...i, workItemIds: ids },
    });
    // each linked case shows the reception in its own timeline
    for (const w of ids) {
      await appendAudit(trx, opts.actor, {
        action: 'work_item.reception',
        entityType: 'work_item',
        entityId: w,
        after: { receptionRecordId: Number(row.id), kind: RECEPTION_KIND_ZH[i.kind], leaderId: i.leaderId, date: i.date },
      });
    }
    return { id: Number(row.id) };
  });
}

/**
 * Reception records the caller may see: county-wide roles all of them; others those linked to a
 * case visible to them (and only those linked cases are listed).
 */
export async function listReceptionRecords(opts: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  user: SessionUser;
  leaderId?: number;
  from?: string;
  to?: string;
  workItemId?: number;
}): Promise<ReceptionRecord[]> {
  const { db, user } = opts;
  const visibleLink = (recordRef: string) =>
    sql<SqlBool>`exists (select 1 from reception_record_items ri join work_items wi on wi.id = ri.work_item_id
      where ri.record_id = ${sql.ref(recordRef)} and ${opts.modules.visibleSql(user)})`;
  let q = db
    .selectFrom('reception_records as r')
    .innerJoin('leaders as l', 'l.id', 'r.leader_id')
    .innerJoin('users as u', 'u.id', 'r.recorded_by')
    .select([
      'r.id',
      'r.leader_id',
      'l.name as leader_name',
      'r.kind',
      'r.reception_day_id',
      'r.on_date',
      'r.place',
      'r.summary',
      'r.batches',
      'r.persons',
      'u.display_name as recorder',
    ]);
  if (!isCountyWide(user)) q = q.where(visibleLink('r.id'));
  if (opts.leaderId) q = q.where('r.leader_id', '=', opts.leaderId);
  if (opts.from) q = q.where('r.on_date', '>=', opts.from);
  if (opts.to) q = q.where('r.on_date', '<=', opts.to);
  if (opts.workItemId)
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('reception_record_items as x').select('x.record_id').whereRef('x.record_id', '=', 'r.id').where('x.work_item_id', '=', opts.workItemId!),
      ),
    );
  const rows = await q.orderBy('r.on_date', 'desc').orderBy('r.id', 'desc').limit(500).execute();
  const ids = rows.map((r) => Number(r.id));
  const links = ids.length
    ? await db
        .selectFrom('reception_record_items as ri')
        .innerJoin('work_items as wi', 'wi.id', 'ri.work_item_id')
        .select(['ri.record_id', 'wi.id', 'wi.ref_no', 'wi.title'])
        .where('ri.record_id', 'in', ids)
        .where(opts.modules.visibleSql(user))
        .orderBy('wi.id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: Number(r.id),
    leaderId: Number(r.leader_id),
    leaderName: r.leader_name,
    kind: r.kind,
    kindName: RECEPTION_KIND_ZH[r.kind],
    receptionDayId: r.reception_day_id === null ? null : Number(r.reception_day_id),
    date: r.on_date,
    place: r.place,
    summary: r.summary,
    batches: Number(r.batches),
    persons: Number(r.persons),
    recordedByName: r.recorder,
    cases: links.filter((k) => Number(k.record_id) === Number(r.id)).map((k) => ({ workItemId: Number(k.id), refNo: k.ref_no, title: k.title })),
  }));
}
