import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { inScopeSql } from '../../../core/access/scoped-query.ts';

/** 信访局 and admins keep the 领导接访日 schedule; everyone else reads what is published. */
export const mayManageSchedule = (user: SessionUser) => user.roles.includes('xfj_staff') || user.roles.includes('sys_admin');

export interface ReceptionDayInput {
  leaderId: number;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  topic: string;
  published: boolean;
}

export interface ReceptionDay extends ReceptionDayInput {
  id: number;
  leaderName: string;
  leaderTitle: string;
}

function query(db: Kysely<DB>, user: SessionUser) {
  let q = db
    .selectFrom('reception_days as d')
    .innerJoin('leaders as l', 'l.id', 'd.leader_id')
    .select(['d.id', 'd.leader_id', 'l.name', 'l.title', 'd.on_date', 'd.start_time', 'd.end_time', 'd.place', 'd.topic', 'd.published'])
    .where('d.deleted', '=', false);
  // a published schedule is public (it is announced to citizens); drafts only to its keepers in scope
  q = mayManageSchedule(user) ? q.where(inScopeSql('d.unit_path', user)) : q.where('d.published', '=', true);
  return q;
}
type Row = Awaited<ReturnType<ReturnType<typeof query>['execute']>>[number];
const present = (r: Row): ReceptionDay => ({
  id: Number(r.id),
  leaderId: Number(r.leader_id),
  leaderName: r.name,
  leaderTitle: r.title,
  date: r.on_date,
  startTime: r.start_time,
  endTime: r.end_time,
  place: r.place,
  topic: r.topic,
  published: r.published,
});

/** The schedule between two dates (inclusive), by date and time. */
export async function listReceptionDays(opts: { db: Kysely<DB>; user: SessionUser; from?: string; to?: string; leaderId?: number }): Promise<ReceptionDay[]> {
  let q = query(opts.db, opts.user);
  if (opts.from) q = q.where('d.on_date', '>=', opts.from);
  if (opts.to) q = q.where('d.on_date', '<=', opts.to);
  if (opts.leaderId) q = q.where('d.leader_id', '=', opts.leaderId);
  return (await q.orderBy('d.on_date').orderBy('d.start_time').orderBy('d.id').limit(1000).execute()).map(present);
}

export async function getReceptionDay(opts: { db: Kysely<DB>; user: SessionUser; id: number }): Promise<ReceptionDay> {
  const row = await query(opts.db, opts.user).where('d.id', '=', opts.id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return present(row);
}

const snapshot = (d: ReceptionDayInput) => ({
  leaderId: d.leaderId,
  date: d.date,
  startTime: d.startTime,
  endTime: d.endTime,
  place: d.place,
  topic: d.topic,
  published: d.published,
});

async function leaderPath(db: Kysely<DB>, leaderId: number): Promise<string> {
  const l = await db
    .selectFrom('leaders as l')
    .innerJoin('units as u', 'u.id', 'l.unit_id')
    .select('u.path')
    .where('l.id', '=', leaderId)
    .where('l.disabled', '=', false)
    .executeTakeFirst();
  if (!l) throw new AppError('VALIDATION_FAILED', { detail: `领导 ${leaderId} 不存在或已停用` });
  return l.path;
}

function checkTimes(input: Pick<ReceptionDayInput, 'startTime' | 'endTime'>) {
  if (input.startTime >= input.endTime) throw new AppError('VALIDATION_FAILED', { detail: '结束时间应晚于开始时间' });
}

export async function createReceptionDay(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  actor: Actor;
  now: Date;
  input: ReceptionDayInput;
}): Promise<ReceptionDay> {
  if (!mayManageSchedule(opts.user)) throw new AppError('FORBIDDEN');
  checkTimes(opts.input);
  const id = await opts.db.transaction().execute(async (trx) => {
    const path = await leaderPath(trx, opts.input.leaderId);
    const i = opts.input;
    const row = await trx
      .insertInto('reception_days')
      .values({
        leader_id: i.leaderId,
        unit_path: path,
        on_date: i.date,
        start_time: i.startTime,
        end_time: i.endTime,
        place: i.place,
        topic: i.topic,
        published: i.published,
        created_at: opts.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, opts.actor, { action: 'reception_day.create', entityType: 'reception_day', entityId: row.id, after: snapshot(i) });
    return Number(row.id);
  });
  return getReceptionDay({ db: opts.db, user: opts.user, id });
}

export async function updateReceptionDay(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  actor: Actor;
  id: number;
  input: Partial<ReceptionDayInput>;
}): Promise<ReceptionDay> {
  const before = await getReceptionDay({ db: opts.db, user: opts.user, id: opts.id });
  if (!mayManageSchedule(opts.user)) throw new AppError('FORBIDDEN');
  const next = { ...before, ...Object.fromEntries(Object.entries(opts.input).filter(([, v]) => v !== undefined)) } as ReceptionDay;
  checkTimes(next);
  await opts.db.transaction().execute(async (trx) => {
    const path = await leaderPath(trx, next.leaderId);
    await trx
      .updateTable('reception_days')
      .set({
        leader_id: next.leaderId,
        unit_path: path,
        on_date: next.date,
        start_time: next.startTime,
        end_time: next.endTime,
        place: next.place,
        topic: next.topic,
        published: next.published,
      })
      .where('id', '=', opts.id)
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'reception_day.update',
      entityType: 'reception_day',
      entityId: opts.id,
      before: snapshot(before),
      after: snapshot(next),
    });
  });
  return getReceptionDay({ db: opts.db, user: opts.user, id: opts.id });
}

/** Removal keeps the row (soft delete): records of receptions may point at it. */
export async function deleteReceptionDay(opts: { db: Kysely<DB>; user: SessionUser; actor: Actor; id: number }): Promise<void> {
  const before = await getReceptionDay({ db: opts.db, user: opts.user, id: opts.id });
  if (!mayManageSchedule(opts.user)) throw new AppError('FORBIDDEN');
  await opts.db.transaction().execute(async (trx) => {
    await trx.updateTable('reception_days').set({ deleted: true }).where('id', '=', opts.id).execute();
    await appendAudit(trx, opts.actor, {
      action: 'reception_day.delete',
      entityType: 'reception_day',
      entityId: opts.id,
      before: snapshot(before),
      after: null,
    });
  });
}
