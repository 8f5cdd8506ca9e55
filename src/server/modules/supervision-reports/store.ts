import { sql, type Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { isCountyWide } from '../../core/access/scope.ts';
import { AppError } from '../../core/errors.ts';
import type { ReportField } from './fields.ts';
import { lateText, SLOT_STATUS_NAMES, slotStatus, type Schedule, type Slot, type SlotStatus } from './schedule.ts';

/** The offices that issue periodic reports and watch them (督查办, 安委办/应急, 维稳办, 信访局). */
const ISSUING_ROLES = ['dcb_staff', 'safety_staff', 'wwb_staff', 'xfj_staff'] as const;

export type Viewer = Pick<SessionUser, 'id' | 'unitId' | 'unitPath' | 'roles'>;

export const mayIssue = (user: Viewer) => user.roles.some((r) => (ISSUING_ROLES as readonly string[]).includes(r));

/**
 * THE visibility rule of every read path: county-wide staff (the offices, the leaders, the auditor) see every report and
 * every unit's slot; anyone else sees only the reports their own unit must make, and only their own unit's slot.
 */
export function seesAllUnits(user: Viewer): boolean {
  return isCountyWide(user);
}

export function visibleDefs(db: Kysely<DB>, user: Viewer) {
  let q = db.selectFrom('periodic_report_defs as d').innerJoin('units as iu', 'iu.id', 'd.issuer_unit_id');
  if (!seesAllUnits(user))
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('periodic_report_units as ru').select('ru.unit_id').whereRef('ru.def_id', '=', 'd.id').where('ru.unit_id', '=', user.unitId)),
    );
  return q;
}

export interface Definition {
  id: number;
  name: string;
  issuerUnitId: number;
  issuerName: string;
  fields: ReportField[];
  zeroPolicy: 'none' | 'allowed' | 'required';
  scopeKind: 'units' | 'townships' | 'departments';
  schedule: Schedule;
  periodName: string | null;
  instructions: string | null;
  stopped: boolean;
  /** the automatic reminder this many minutes before each cut-off (0 = none) */
  remindBeforeMinutes: number;
}

export async function loadDefinition(db: Kysely<DB>, user: Viewer, id: number): Promise<Definition> {
  const d = await visibleDefs(db, user)
    .select([
      'd.id',
      'd.name',
      'd.issuer_unit_id',
      'iu.name as issuer_name',
      'd.fields',
      'd.zero_policy',
      'd.scope_kind',
      'd.frequency',
      'd.due_time',
      'd.due_weekday',
      'd.due_day',
      'd.workdays_only',
      sql<string>`d.active_from::text`.as('active_from'),
      sql<string | null>`d.active_to::text`.as('active_to'),
      'd.period_name',
      'd.instructions',
      'd.stopped',
      'd.remind_before_minutes',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!d) throw new AppError('NOT_FOUND');
  return {
    id: Number(d.id),
    name: d.name,
    issuerUnitId: Number(d.issuer_unit_id),
    issuerName: d.issuer_name,
    fields: d.fields as ReportField[],
    zeroPolicy: d.zero_policy,
    scopeKind: d.scope_kind,
    schedule: {
      frequency: d.frequency,
      dueTime: d.due_time,
      dueWeekday: d.due_weekday,
      dueDay: d.due_day,
      workdaysOnly: d.workdays_only,
      activeFrom: d.active_from,
      activeTo: d.active_to,
    },
    periodName: d.period_name,
    instructions: d.instructions,
    stopped: d.stopped,
    remindBeforeMinutes: d.remind_before_minutes,
  };
}

/** The reporting units of a report the viewer may see: all of them for county-wide staff, else only the viewer's own unit. */
export async function reportingUnits(db: Kysely<DB>, user: Viewer, defId: number): Promise<{ id: number; name: string }[]> {
  const rows = await db
    .selectFrom('periodic_report_units as ru')
    .innerJoin('units as u', 'u.id', 'ru.unit_id')
    .select(['u.id', 'u.name'])
    .where('ru.def_id', '=', defId)
    .$if(!seesAllUnits(user), (q) => q.where('u.id', '=', user.unitId))
    .orderBy('u.sort')
    .orderBy('u.path')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

export interface UnitSlot {
  unitId: number;
  unitName: string;
  status: SlotStatus;
  statusName: string;
  submittedAt: string | null;
  late: string | null;
  zero: boolean | null;
  values: Record<string, number | string>;
  note: string | null;
  corrections: number;
  reminders: number;
  lastRemindedAt: string | null;
}

/** Each unit's state in one slot: on time, late (and how late), pending or missing, with what it reported and the reminders sent. */
export async function slotBoard(db: Kysely<DB>, defId: number, units: { id: number; name: string }[], slot: Slot, now: Date): Promise<UnitSlot[]> {
  if (units.length === 0) return [];
  const ids = units.map((u) => u.id);
  const [subs, reminders] = await Promise.all([
    db
      .selectFrom('periodic_report_submissions')
      .select(['unit_id', 'submitted_at', 'zero', 'values', 'note', 'corrections'])
      .where('def_id', '=', defId)
      .where('period_start', '=', slot.periodStart)
      .where('unit_id', 'in', ids)
      .execute(),
    db
      .selectFrom('periodic_report_reminders')
      .select(['unit_id', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.max('sent_at').as('last')])
      .where('def_id', '=', defId)
      .where('period_start', '=', slot.periodStart)
      .where('unit_id', 'in', ids)
      .groupBy('unit_id')
      .execute(),
  ]);
  const byUnit = new Map(subs.map((s) => [Number(s.unit_id), s]));
  const remindersByUnit = new Map(reminders.map((r) => [Number(r.unit_id), r]));
  return units.map((u) => {
    const s = byUnit.get(u.id);
    const r = remindersByUnit.get(u.id);
    const status = slotStatus(slot, s ? s.submitted_at : null, now);
    return {
      unitId: u.id,
      unitName: u.name,
      status,
      statusName: SLOT_STATUS_NAMES[status],
      submittedAt: s ? s.submitted_at.toISOString() : null,
      late: status === 'late' && s ? lateText(slot.dueAt, s.submitted_at) : null,
      zero: s ? s.zero : null,
      values: (s?.values ?? {}) as Record<string, number | string>,
      note: s?.note ?? null,
      corrections: s ? Number(s.corrections) : 0,
      reminders: r ? Number(r.n) : 0,
      lastRemindedAt: r?.last ? new Date(r.last as Date).toISOString() : null,
    };
  });
}

export const tally = (rows: UnitSlot[]) => ({
  total: rows.length,
  onTime: rows.filter((r) => r.status === 'on_time').length,
  late: rows.filter((r) => r.status === 'late').length,
  pending: rows.filter((r) => r.status === 'pending').length,
  missing: rows.filter((r) => r.status === 'missing').length,
  zero: rows.filter((r) => r.zero === true).length,
});

/** The numbers of one submission for a roll-up: a 零报告 counts every number field as 0. */
export function numbersOf(fields: ReportField[], values: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of fields) if (f.kind === 'number') out[f.key] = typeof values[f.key] === 'number' ? (values[f.key] as number) : 0;
  return out;
}
