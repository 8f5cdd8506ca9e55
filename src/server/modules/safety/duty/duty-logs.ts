import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { addDaysIso, shanghaiDate } from '../../../core/clock/clock.ts';
import { dutyUnit, rosterOf } from './duty-store.ts';

export const CHECK_METHOD_ZH = { phone: '电话抽查', video: '视频抽查', onsite: '现场抽查' } as const;
export const CHECK_RESULT_ZH = { on_post: '在岗', absent: '脱岗' } as const;

/** The people on duty that day: its staff and the 带班领导's own account. */
async function onDuty(db: Kysely<DB>, unitId: number, date: string): Promise<Set<number>> {
  const day = await rosterOf(db, unitId, date);
  const people = new Set(day.staffIds);
  if (day.leaderId !== null) {
    const leader = await db.selectFrom('leaders').select('user_id').where('id', '=', day.leaderId).executeTakeFirst();
    if (leader?.user_id) people.add(Number(leader.user_id));
  }
  return people;
}

/** 交接班: the one handing over is on duty that day, the one taking over that day or the next. */
export async function recordHandover(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  actor: Actor;
  now: Date;
  input: { unitId?: number; dutyDate: string; handedAt: string; fromUserId: number; toUserId: number; summary: string; pending: string };
}) {
  const { db, input } = opts;
  const unit = await dutyUnit(db, opts.user, input.unitId, 'edit');
  const handedAt = new Date(input.handedAt);
  if (handedAt > opts.now) throw new AppError('VALIDATION_FAILED', { detail: 'handedAt：交接时间不能晚于当前时间' }, { field: 'handedAt' });
  if (input.fromUserId === input.toUserId) throw new AppError('DUTY_PERSON_INVALID', { detail: '交班人和接班人不能是同一人' }, { field: 'toUserId' });
  const today = await onDuty(db, unit.id, input.dutyDate);
  if (!today.has(input.fromUserId)) throw new AppError('DUTY_PERSON_INVALID', { detail: `交班人不在 ${input.dutyDate} 的值班表上` }, { field: 'fromUserId' });
  const next = await onDuty(db, unit.id, addDaysIso(input.dutyDate, 1)).catch(() => new Set<number>());
  if (!today.has(input.toUserId) && !next.has(input.toUserId))
    throw new AppError('DUTY_PERSON_INVALID', { detail: '接班人应在当日或次日的值班表上' }, { field: 'toUserId' });
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('safety_duty_handovers')
      .values({
        unit_id: unit.id,
        duty_date: input.dutyDate,
        handed_at: handedAt,
        from_user_id: input.fromUserId,
        to_user_id: input.toUserId,
        summary: input.summary,
        pending: input.pending,
        created_by: opts.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, opts.actor, {
      action: 'safety.duty.handover',
      entityType: 'safety_duty_handover',
      entityId: Number(id),
      after: { ...input, unitId: unit.id },
    });
    return { id: Number(id) };
  });
}

/** 在岗抽查: who checked, when, whom (on the roster that day), how, and the result — audited. */
export async function recordSpotCheck(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  actor: Actor;
  now: Date;
  input: { unitId?: number; checkedAt: string; checkedUserId: number; method: 'phone' | 'video' | 'onsite'; result: 'on_post' | 'absent'; note: string };
}) {
  const { db, input } = opts;
  const unit = await dutyUnit(db, opts.user, input.unitId, 'check');
  const checkedAt = new Date(input.checkedAt);
  if (checkedAt > opts.now) throw new AppError('VALIDATION_FAILED', { detail: 'checkedAt：抽查时间不能晚于当前时间' }, { field: 'checkedAt' });
  if (input.result === 'absent' && input.note.trim().length < 2)
    throw new AppError('VALIDATION_FAILED', { detail: 'note：脱岗须写明情况（如电话无人接听、值班室无人）' }, { field: 'note' });
  const dutyDate = shanghaiDate(checkedAt);
  if (!(await onDuty(db, unit.id, dutyDate)).has(input.checkedUserId))
    throw new AppError('DUTY_PERSON_INVALID', { detail: `被抽查人不在 ${dutyDate} 的值班表上` }, { field: 'checkedUserId' });
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('safety_duty_checks')
      .values({
        unit_id: unit.id,
        duty_date: dutyDate,
        checked_at: checkedAt,
        checker_name: opts.user.displayName,
        checked_user_id: input.checkedUserId,
        method: input.method,
        result: input.result,
        note: input.note,
        created_by: opts.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, opts.actor, {
      action: 'safety.duty.check',
      entityType: 'safety_duty_check',
      entityId: Number(id),
      after: {
        unitId: unit.id,
        dutyDate,
        checkedAt: checkedAt.toISOString(),
        checkedUserId: input.checkedUserId,
        method: input.method,
        result: input.result,
        note: input.note,
      },
    });
    return { id: Number(id) };
  });
}

export async function listHandovers(db: Kysely<DB>, user: SessionUser, q: { unitId?: number; from: string; to: string }) {
  const unit = await dutyUnit(db, user, q.unitId);
  const rows = await db
    .selectFrom('safety_duty_handovers as h')
    .innerJoin('users as f', 'f.id', 'h.from_user_id')
    .innerJoin('users as t', 't.id', 'h.to_user_id')
    .select(['h.id', 'h.duty_date', 'h.handed_at', 'f.display_name as from_name', 't.display_name as to_name', 'h.summary', 'h.pending'])
    .where('h.unit_id', '=', unit.id)
    .where('h.duty_date', '>=', q.from)
    .where('h.duty_date', '<=', q.to)
    .orderBy('h.handed_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    dutyDate: r.duty_date,
    handedAt: new Date(r.handed_at).toISOString(),
    fromName: r.from_name,
    toName: r.to_name,
    summary: r.summary,
    pending: r.pending,
  }));
}

export async function listSpotChecks(db: Kysely<DB>, user: SessionUser, q: { unitId?: number; from: string; to: string }) {
  const unit = await dutyUnit(db, user, q.unitId);
  const rows = await db
    .selectFrom('safety_duty_checks as c')
    .innerJoin('users as u', 'u.id', 'c.checked_user_id')
    .select(['c.id', 'c.duty_date', 'c.checked_at', 'c.checker_name', 'u.display_name as checked_name', 'c.method', 'c.result', 'c.note'])
    .where('c.unit_id', '=', unit.id)
    .where('c.duty_date', '>=', q.from)
    .where('c.duty_date', '<=', q.to)
    .orderBy('c.checked_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    dutyDate: r.duty_date,
    checkedAt: new Date(r.checked_at).toISOString(),
    checkerName: r.checker_name,
    checkedName: r.checked_name,
    methodName: CHECK_METHOD_ZH[r.method],
    result: r.result,
    resultName: CHECK_RESULT_ZH[r.result],
    note: r.note,
  }));
}
