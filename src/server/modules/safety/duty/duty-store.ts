import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { can } from '../../../core/access/policy.ts';
import { inScope, isCountyWide } from '../../../core/access/scope.ts';
import { addDaysIso } from '../../../core/clock/clock.ts';
import { loadCalendar } from '../../../kernel/deadlines/index.ts';
import { DAY_KIND_ZH, generateRoster, rosterGaps, type RosterEntry, type RosterGap } from './roster-generator.ts';
import { rosterDays, type SensitivePeriod } from './roster-days.ts';

/** The county's 应急管理局/安委办 staff (and the administrator) oversee every unit's duty: they read all rosters. */
export const mayOverseeDuty = (user: Pick<SessionUser, 'roles'>) => isCountyWide(user) && user.roles.some((r) => r === 'safety_staff' || r === 'sys_admin');

/**
 * Who may do what with a unit's duty. Reading: the unit's own people, a unit above it (its scope), and the county's
 * 应急管理局/安委办; other county-wide roles only their own unit's. Editing the roster, its periods and handovers: only the
 * unit's own staff (a unit above it or the 安委办 reads it, never edits it). 在岗抽查: the unit itself, and the county's
 * 应急管理局/安委办 checking another unit's duty room.
 */
export function dutyAccess(user: SessionUser, unit: { id: number; path: string }): { read: boolean; edit: boolean; check: boolean } {
  const own = unit.id === user.unitId;
  const oversee = mayOverseeDuty(user);
  const read = own || oversee || (!isCountyWide(user) && inScope(user, unit.path));
  const handles = can(user, 'workitem.handle', { unitPath: unit.path });
  return { read, edit: own && handles, check: read && (own ? handles : oversee) };
}

/** The unit whose duty is read or written (the user's own unless another is named), refused per dutyAccess. */
export async function dutyUnit(db: Kysely<DB>, user: SessionUser, unitId: number | undefined, need: 'read' | 'edit' | 'check' = 'read') {
  const unit = await db
    .selectFrom('units')
    .select(['id', 'name', 'path'])
    .where('id', '=', unitId ?? user.unitId)
    .where('disabled', '=', false)
    .executeTakeFirst();
  if (!unit) throw new AppError('NOT_FOUND');
  const access = dutyAccess(user, { id: Number(unit.id), path: unit.path });
  if (!access.read) throw new AppError('NOT_FOUND');
  if (need === 'edit' && !access.edit) throw new AppError('DUTY_OTHER_UNIT', { unit: unit.name });
  if (need === 'check' && !access.check) throw new AppError('FORBIDDEN');
  return { id: Number(unit.id), name: unit.name, path: unit.path, access };
}

/** The units whose duty the user may open: their own first, then (for the 应急管理局/安委办) every other unit that keeps a roster. */
export async function dutyUnits(db: Kysely<DB>, user: SessionUser): Promise<{ id: number; name: string; own: boolean; mayEdit: boolean; mayCheck: boolean }[]> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name', 'path', 'kind'])
    .where('disabled', '=', false)
    .where((eb) => eb.or([eb('id', '=', user.unitId), eb('kind', 'in', ['county', 'department', 'township', 'street'])]))
    .orderBy('path')
    .execute();
  return rows
    .map((u) => ({ u, access: dutyAccess(user, { id: Number(u.id), path: u.path }) }))
    .filter((x) => x.access.read)
    .map(({ u, access }) => ({ id: Number(u.id), name: u.name, own: Number(u.id) === user.unitId, mayEdit: access.edit, mayCheck: access.check }))
    .sort((a, b) => Number(b.own) - Number(a.own));
}

/** Staff on a unit's duty: its people and those of the units below it. */
async function checkStaff(db: Kysely<DB>, unitPath: string, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.display_name'])
    .where('users.id', 'in', [...ids])
    .where('users.disabled', '=', false)
    .where('units.path', 'like', `${unitPath}%`)
    .execute();
  const found = new Map(rows.map((r) => [Number(r.id), r.display_name]));
  const missing = ids.filter((i) => !found.has(i));
  if (missing.length) throw new AppError('DUTY_PERSON_INVALID', { detail: '值班人员应为本单位（含下属单位）的在岗工作人员' }, { field: 'staffIds' });
  return found;
}

async function checkLeaders(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return;
  const rows = await db
    .selectFrom('leaders')
    .select('id')
    .where('id', 'in', [...ids])
    .where('disabled', '=', false)
    .execute();
  if (rows.length !== new Set(ids).size) throw new AppError('DUTY_PERSON_INVALID', { detail: '带班领导应为在任的县领导' }, { field: 'leaderIds' });
}

async function periodsOf(db: Kysely<DB>, unitId: number, from: string, to: string): Promise<SensitivePeriod[]> {
  const rows = await db
    .selectFrom('safety_duty_periods')
    .select(['id', 'name', 'starts_on', 'ends_on', 'staff_per_day'])
    .where('unit_id', '=', unitId)
    .where('starts_on', '<=', to)
    .where('ends_on', '>=', from)
    .execute();
  return rows.map((p) => ({ id: Number(p.id), name: p.name, startsOn: p.starts_on, endsOn: p.ends_on, staffPerDay: Number(p.staff_per_day) }));
}

/** The staffing a unit expects: one on a working day, two on rest days (settings may say otherwise). */
async function perDayOf(db: Kysely<DB>): Promise<{ workday: number; restday: number }> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'safety.duty.staff_per_day').executeTakeFirst();
  const v = (row?.value ?? {}) as { workday?: number; restday?: number };
  return { workday: v.workday ?? 1, restday: v.restday ?? 2 };
}

const monthRange = (month: string) => {
  const from = `${month}-01`;
  const next =
    Number(month.slice(5, 7)) === 12
      ? `${Number(month.slice(0, 4)) + 1}-01-01`
      : `${month.slice(0, 5)}${String(Number(month.slice(5, 7)) + 1).padStart(2, '0')}-01`;
  return { from, to: addDaysIso(next, -1) };
};

export interface RosterView {
  unit: { id: number; name: string };
  /** the user may edit this roster (their own unit's) */
  mayEdit: boolean;
  /** the user may record a 在岗抽查 of this unit */
  mayCheck: boolean;
  from: string;
  to: string;
  perDay: { workday: number; restday: number };
  days: {
    date: string;
    dayKind: string;
    dayKindName: string;
    dayName: string | null;
    periodName: string | null;
    staffNeeded: number;
    leader: { id: number; name: string; title: string } | null;
    staff: { id: number; name: string }[];
    phone: string;
    scheduled: boolean;
  }[];
  gaps: RosterGap[];
}

/** A unit's roster for a month: every day (scheduled or not) with its kind from the calendar, and the gaps. */
export async function readRoster(db: Kysely<DB>, user: SessionUser, opts: { unitId?: number; month: string }): Promise<RosterView> {
  const unit = await dutyUnit(db, user, opts.unitId);
  const { from, to } = monthRange(opts.month);
  const [cal, periods, perDay, rows] = await Promise.all([
    loadCalendar(db),
    periodsOf(db, unit.id, from, to),
    perDayOf(db),
    db
      .selectFrom('safety_duty_days as d')
      .leftJoin('leaders as l', 'l.id', 'd.leader_id')
      .select(['d.duty_date', 'd.leader_id', 'd.staff_ids', 'd.phone', 'l.name as leader_name', 'l.title as leader_title'])
      .where('d.unit_id', '=', unit.id)
      .where('d.duty_date', '>=', from)
      .where('d.duty_date', '<=', to)
      .execute(),
  ]);
  const days = rosterDays(cal, from, to, periods);
  const staffIds = [...new Set(rows.flatMap((r) => r.staff_ids.map(Number)))];
  const names = staffIds.length
    ? new Map((await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', staffIds).execute()).map((u) => [Number(u.id), u.display_name]))
    : new Map<number, string>();
  const byDate = new Map(rows.map((r) => [r.duty_date, r]));
  const entries: RosterEntry[] = rows.map((r) => ({
    date: r.duty_date,
    leaderId: r.leader_id === null ? null : Number(r.leader_id),
    staffIds: r.staff_ids.map(Number),
  }));
  return {
    unit: { id: unit.id, name: unit.name },
    mayEdit: unit.access.edit,
    mayCheck: unit.access.check,
    from,
    to,
    perDay,
    days: days.map((d) => {
      const r = byDate.get(d.date);
      return {
        date: d.date,
        dayKind: d.kind,
        dayKindName: DAY_KIND_ZH[d.kind],
        dayName: d.dayName,
        periodName: d.period?.name ?? null,
        staffNeeded: Math.max(d.kind === 'workday' ? perDay.workday : perDay.restday, d.period?.staffPerDay ?? 0),
        leader: r && r.leader_id !== null ? { id: Number(r.leader_id), name: r.leader_name ?? '', title: r.leader_title ?? '' } : null,
        staff: (r?.staff_ids ?? []).map((id) => ({ id: Number(id), name: names.get(Number(id)) ?? '（已删除）' })),
        phone: r?.phone ?? '',
        scheduled: !!r,
      };
    }),
    gaps: rosterGaps(days, entries, perDay),
  };
}

/**
 * Generates the roster of [from, to]: days already scheduled are kept unless `overwrite`, the rest filled in turn;
 * audited once with what was written and the gaps that remain (which the answer names, so nobody assumes a full roster).
 */
export async function generateUnitRoster(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  actor: Actor;
  now: Date;
  input: { unitId?: number; from: string; to: string; leaderIds: number[]; staffIds: number[]; phone: string; overwrite: boolean };
}): Promise<{ written: number; kept: number; gaps: RosterGap[] }> {
  const { db, input } = opts;
  const unit = await dutyUnit(db, opts.user, input.unitId, 'edit');
  await checkLeaders(db, input.leaderIds);
  await checkStaff(db, unit.path, input.staffIds);
  const [cal, periods, perDay] = await Promise.all([loadCalendar(db), periodsOf(db, unit.id, input.from, input.to), perDayOf(db)]);
  const days = rosterDays(cal, input.from, input.to, periods);
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('safety_duty_days')
      .select(['duty_date', 'leader_id', 'staff_ids'])
      .where('unit_id', '=', unit.id)
      .where('duty_date', '>=', input.from)
      .where('duty_date', '<=', input.to)
      .forUpdate()
      .execute();
    const keep = input.overwrite ? new Set<string>() : new Set(existing.map((e) => e.duty_date));
    const open = days.filter((d) => !keep.has(d.date));
    const { entries } = generateRoster({ days: open, leaderIds: input.leaderIds, staffIds: input.staffIds, perDay });
    const byDate = new Map(days.map((d) => [d.date, d]));
    if (entries.length) {
      await trx
        .insertInto('safety_duty_days')
        .values(
          entries.map((e) => ({
            unit_id: unit.id,
            duty_date: e.date,
            day_kind: byDate.get(e.date)!.kind,
            day_name: byDate.get(e.date)!.dayName,
            period_id: byDate.get(e.date)!.period?.id ?? null,
            leader_id: e.leaderId,
            staff_ids: e.staffIds,
            phone: input.phone,
            updated_by: opts.actor.userId,
            updated_at: opts.now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['unit_id', 'duty_date']).doUpdateSet((eb) => ({
            day_kind: eb.ref('excluded.day_kind'),
            day_name: eb.ref('excluded.day_name'),
            period_id: eb.ref('excluded.period_id'),
            leader_id: eb.ref('excluded.leader_id'),
            staff_ids: eb.ref('excluded.staff_ids'),
            phone: eb.ref('excluded.phone'),
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    const all = [
      ...existing
        .filter((e) => keep.has(e.duty_date))
        .map((e) => ({ date: e.duty_date, leaderId: e.leader_id === null ? null : Number(e.leader_id), staffIds: e.staff_ids.map(Number) })),
      ...entries,
    ];
    const gaps = rosterGaps(days, all, perDay);
    await appendAudit(trx, opts.actor, {
      action: 'safety.duty.generate',
      entityType: 'unit',
      entityId: unit.id,
      after: { from: input.from, to: input.to, written: entries.length, kept: keep.size, gaps: gaps.map((g) => g.text) },
    });
    return { written: entries.length, kept: keep.size, gaps };
  });
}

/** Sets one day's 带班领导 and 值班 staff by hand (audited with before and after). */
export async function setRosterDay(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  actor: Actor;
  now: Date;
  date: string;
  input: { unitId?: number; leaderId: number | null; staffIds: number[]; phone: string };
}) {
  const { db, input } = opts;
  const unit = await dutyUnit(db, opts.user, input.unitId, 'edit');
  if (input.leaderId !== null) await checkLeaders(db, [input.leaderId]);
  await checkStaff(db, unit.path, input.staffIds);
  const cal = await loadCalendar(db);
  const [day] = rosterDays(cal, opts.date, opts.date, await periodsOf(db, unit.id, opts.date, opts.date));
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('safety_duty_days')
      .select(['leader_id', 'staff_ids', 'phone'])
      .where('unit_id', '=', unit.id)
      .where('duty_date', '=', opts.date)
      .forUpdate()
      .executeTakeFirst();
    const values = {
      day_kind: day!.kind,
      day_name: day!.dayName,
      period_id: day!.period?.id ?? null,
      leader_id: input.leaderId,
      staff_ids: input.staffIds,
      phone: input.phone,
      updated_by: opts.actor.userId,
      updated_at: opts.now,
    };
    await trx
      .insertInto('safety_duty_days')
      .values({ unit_id: unit.id, duty_date: opts.date, ...values })
      .onConflict((oc) => oc.columns(['unit_id', 'duty_date']).doUpdateSet(values))
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'safety.duty.set_day',
      entityType: 'unit',
      entityId: unit.id,
      before: before ? { date: opts.date, leaderId: before.leader_id, staffIds: before.staff_ids } : null,
      after: { date: opts.date, leaderId: input.leaderId, staffIds: input.staffIds },
    });
    return { ok: true as const };
  });
}

/** A sensitive period (敏感时期: 两会, 节假日, 汛期 …) that raises the staff per day. */
export async function createPeriod(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  actor: Actor;
  input: { unitId?: number; name: string; startsOn: string; endsOn: string; staffPerDay: number; note: string };
}) {
  const { db, input } = opts;
  if (input.endsOn < input.startsOn) throw new AppError('VALIDATION_FAILED', { detail: 'endsOn：结束日期不能早于开始日期' }, { field: 'endsOn' });
  const unit = await dutyUnit(db, opts.user, input.unitId, 'edit');
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('safety_duty_periods')
      .values({
        unit_id: unit.id,
        name: input.name,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        staff_per_day: input.staffPerDay,
        note: input.note,
        created_by: opts.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // days already on the roster take the period's name (their staff stay as set: the gap list shows what is missing)
    await trx
      .updateTable('safety_duty_days')
      .set({ period_id: id })
      .where('unit_id', '=', unit.id)
      .where('duty_date', '>=', input.startsOn)
      .where('duty_date', '<=', input.endsOn)
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'safety.duty.period',
      entityType: 'safety_duty_period',
      entityId: Number(id),
      after: { ...input, unitId: unit.id },
    });
    return { id: Number(id) };
  });
}

export async function listPeriods(db: Kysely<DB>, user: SessionUser, unitId?: number) {
  const unit = await dutyUnit(db, user, unitId);
  const rows = await db.selectFrom('safety_duty_periods').selectAll().where('unit_id', '=', unit.id).orderBy('starts_on', 'desc').limit(200).execute();
  return rows.map((p) => ({ id: Number(p.id), name: p.name, startsOn: p.starts_on, endsOn: p.ends_on, staffPerDay: Number(p.staff_per_day), note: p.note }));
}

/** Who a roster may name: the unit's staff and the county's leaders. */
export async function dutyPeople(db: Kysely<DB>, user: SessionUser, unitId?: number) {
  const unit = await dutyUnit(db, user, unitId);
  const [staff, leaders] = await Promise.all([
    db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .select(['users.id', 'users.display_name', 'units.name as unit_name'])
      .where('users.disabled', '=', false)
      .where('units.path', 'like', `${unit.path}%`)
      .where(sql<boolean>`not ('sys_admin' = any(users.roles))`)
      .orderBy('users.display_name')
      .limit(500)
      .execute(),
    db.selectFrom('leaders').select(['id', 'name', 'title']).where('disabled', '=', false).orderBy('sort').orderBy('id').execute(),
  ]);
  return {
    unit: { id: unit.id, name: unit.name },
    staff: staff.map((s) => ({ id: Number(s.id), name: s.display_name, unitName: s.unit_name })),
    leaders: leaders.map((l) => ({ id: Number(l.id), name: l.name, title: l.title })),
  };
}

/** The roster row of a day (for handovers and spot checks), or DUTY_DAY_NOT_SCHEDULED. */
export async function rosterOf(db: Kysely<DB>, unitId: number, date: string) {
  const row = await db
    .selectFrom('safety_duty_days')
    .select(['leader_id', 'staff_ids'])
    .where('unit_id', '=', unitId)
    .where('duty_date', '=', date)
    .executeTakeFirst();
  if (!row) throw new AppError('DUTY_DAY_NOT_SCHEDULED', { date });
  return { leaderId: row.leader_id === null ? null : Number(row.leader_id), staffIds: row.staff_ids.map(Number) };
}
