import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { AppError } from '../../../core/errors.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { likePrefix } from '../../../core/access/scope.ts';
import { allowedActions, type AllowedAction } from '../../../kernel/machine/index.ts';
import { asStaff } from '../../../kernel/actions/index.ts';
import { moduleVisibleSql } from '../../../kernel/catalog/index.ts';
import { presentDeadlines, type PresentedDeadline } from '../../../kernel/deadlines/index.ts';
import { ACCIDENT_MODULE } from './descriptor.ts';
import { caseNoCandidates } from '../../../kernel/numbering/index.ts';
import { ACCIDENT_MACHINE, type AccidentCtx, type AccidentState } from './machine.ts';
import { describeGrade, formatLossWan, GRADE_ZH, loadGradeScale, type AccidentGrade } from './grading.ts';
import { ACCIDENT_TYPES } from './vocabulary.ts';

export interface AccidentListQuery {
  grade?: AccidentGrade;
  type?: keyof typeof ACCIDENT_TYPES;
  townshipUnitId?: number;
  enterpriseId?: number;
  open?: boolean;
  from?: string;
  to?: string;
  q?: string;
  page: number;
  pageSize: number;
}

const typeName = (t: string) => ACCIDENT_TYPES[t as keyof typeof ACCIDENT_TYPES] ?? '其他';
const stateName = (s: string) => ACCIDENT_MACHINE.states[s as AccidentState]?.name ?? '其他';

function baseQuery(db: Kysely<DB>, user: SessionUser) {
  return db
    .selectFrom('safety_accidents as a')
    .innerJoin('work_items as wi', 'wi.id', 'a.id')
    .innerJoin('units as tu', 'tu.id', 'a.township_unit_id')
    .where('wi.module', '=', 'accident')
    .where(moduleVisibleSql(ACCIDENT_MODULE, user));
}

/** The accidents the user may see, newest first, with the nearest running clock. */
export async function listAccidents(db: Kysely<DB>, user: SessionUser, query: AccidentListQuery) {
  let q = baseQuery(db, user);
  if (query.grade) q = q.where('a.grade', '=', query.grade);
  if (query.type) q = q.where('a.accident_type', '=', query.type);
  if (query.townshipUnitId) q = q.where('a.township_unit_id', '=', query.townshipUnitId);
  if (query.enterpriseId) q = q.where('a.enterprise_id', '=', query.enterpriseId);
  if (query.open !== undefined) q = q.where('wi.open', '=', query.open);
  if (query.from) q = q.where(sql<boolean>`a.occurred_at >= (${query.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (query.to) q = q.where(sql<boolean>`a.occurred_at < (${query.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  if (query.q) {
    const like = `%${likePrefix(query.q).slice(0, -1)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('wi.title', 'like', like),
        eb('wi.ref_no', 'like', like),
        eb('wi.ref_no', 'in', caseNoCandidates(query.q!, ACCIDENT_MODULE.caseNoPrefix).concat(query.q!)),
        eb('a.unit_name', 'like', like),
      ]),
    );
  }
  const [rows, total] = await Promise.all([
    q
      .select((eb) => [
        'a.id',
        'wi.ref_no',
        'wi.title',
        'wi.state',
        'wi.open',
        'a.unit_name',
        'tu.name as township_name',
        'a.accident_type',
        'a.grade',
        'a.occurred_at',
        'a.deaths',
        'a.serious_injuries',
        'a.direct_loss_yuan',
        eb
          .selectFrom('deadlines as d')
          .select(sql<string>`d.label || '|' || coalesce(to_char(d.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), d.due_date::text)`.as('x'))
          .whereRef('d.work_item_id', '=', 'a.id')
          .where('d.status', '=', 'running')
          .where('d.due_date', 'is not', null)
          .orderBy(sql`coalesce(d.due_at, d.due_date::timestamp at time zone 'Asia/Shanghai' + interval '1 day')`)
          .limit(1)
          .as('nearest'),
      ])
      .orderBy('a.occurred_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => {
      const [label, due] = r.nearest ? [r.nearest.slice(0, r.nearest.lastIndexOf('|')), r.nearest.slice(r.nearest.lastIndexOf('|') + 1)] : [null, null];
      return {
        id: Number(r.id),
        refNo: r.ref_no,
        title: r.title,
        stateName: stateName(r.state),
        open: r.open,
        unitName: r.unit_name,
        townshipName: r.township_name,
        typeName: typeName(r.accident_type),
        grade: r.grade,
        gradeName: GRADE_ZH[r.grade],
        occurredAt: new Date(r.occurred_at).toISOString(),
        deaths: Number(r.deaths),
        seriousInjuries: Number(r.serious_injuries),
        lossText: formatLossWan(Number(r.direct_loss_yuan)),
        nextClock: label && due ? { label, due } : null,
      };
    }),
    total: Number(total.n),
  };
}

export type AccidentListItem = Awaited<ReturnType<typeof listAccidents>>['items'][number];

export interface AccidentDetail {
  id: number;
  refNo: string;
  title: string;
  state: string;
  stateName: string;
  open: boolean;
  unitName: string;
  unitAddress: string;
  enterpriseId: number | null;
  township: { id: number; name: string };
  ownerUnitName: string;
  accidentType: string;
  typeName: string;
  place: string;
  summary: string;
  occurredAt: string;
  reportedAt: string;
  enteredAt: string;
  entryReason: string | null;
  deaths: number;
  seriousInjuries: number;
  minorInjuries: number;
  directLossWan: number;
  lossText: string;
  grade: string;
  gradeName: string;
  gradeText: string;
  escalatedAt: string | null;
  escalatedTo: string | null;
  reportSubmittedOn: string | null;
  approvedOn: string | null;
  approvalText: string | null;
  /** the unit reported to the county after its hour (迟报) */
  lateUnitReport: boolean;
  deadlines: PresentedDeadline[];
  updates: { id: number; learnedAt: string; text: string; gradeBefore: string; gradeAfter: string; note: string; byName: string | null }[];
  allowedActions: AllowedAction[];
}

/** One accident the user may see (404 otherwise): its facts, grade in words, clocks with their rules, 补报 history, actions. */
export async function getAccident(db: Kysely<DB>, user: SessionUser, id: number, now: Date): Promise<AccidentDetail> {
  const r = await baseQuery(db, user)
    .innerJoin('units as ou', 'ou.id', 'wi.owner_unit_id')
    .selectAll('a')
    .select(['wi.ref_no', 'wi.title', 'wi.state', 'wi.open', 'wi.last_event_on', 'tu.name as township_name', 'ou.name as owner_unit_name'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  const today = shanghaiDate(now);
  const [deadlines, updates] = await Promise.all([
    presentDeadlines(db, id, today, now),
    db
      .selectFrom('safety_accident_updates as u')
      .leftJoin('users as us', 'us.id', 'u.created_by')
      .select([
        'u.id',
        'u.learned_at',
        'u.deaths',
        'u.serious_injuries',
        'u.minor_injuries',
        'u.direct_loss_yuan',
        'u.grade_before',
        'u.grade_after',
        'u.note',
        'us.display_name',
      ])
      .where('u.accident_id', '=', id)
      .orderBy('u.id')
      .execute(),
  ]);
  const unitClock = deadlines.find((d) => d.ruleKey === 'acc.unit');
  const window = deadlines.find((d) => d.ruleKey.startsWith('acc.casualty_update'));
  const ctx: AccidentCtx = {
    id,
    state: r.state as AccidentState,
    grade: r.grade,
    windowDue: window?.dueDate ?? null,
    levelRunning: deadlines.some((d) => d.ruleKey === 'acc.level' && d.status === 'running'),
  };
  const casualties = { deaths: Number(r.deaths), seriousInjuries: Number(r.serious_injuries), directLossYuan: Number(r.direct_loss_yuan) };
  return {
    id,
    refNo: r.ref_no,
    title: r.title,
    state: r.state,
    stateName: stateName(r.state),
    open: r.open,
    unitName: r.unit_name,
    unitAddress: r.unit_address,
    enterpriseId: r.enterprise_id,
    township: { id: Number(r.township_unit_id), name: r.township_name },
    ownerUnitName: r.owner_unit_name,
    accidentType: r.accident_type,
    typeName: typeName(r.accident_type),
    place: r.place,
    summary: r.summary,
    occurredAt: new Date(r.occurred_at).toISOString(),
    reportedAt: new Date(r.reported_at).toISOString(),
    enteredAt: new Date(r.entered_at).toISOString(),
    entryReason: r.entry_reason,
    deaths: casualties.deaths,
    seriousInjuries: casualties.seriousInjuries,
    minorInjuries: Number(r.minor_injuries),
    directLossWan: casualties.directLossYuan / 10_000,
    lossText: formatLossWan(casualties.directLossYuan),
    grade: r.grade,
    gradeName: GRADE_ZH[r.grade],
    gradeText: describeGrade(casualties, await loadGradeScale(db)),
    escalatedAt: r.escalated_at ? new Date(r.escalated_at).toISOString() : null,
    escalatedTo: r.escalated_to,
    reportSubmittedOn: r.report_submitted_on,
    approvedOn: r.approved_on,
    approvalText: r.approval_text,
    lateUnitReport: !!unitClock?.dueAt && new Date(r.reported_at).getTime() > Date.parse(unitClock.dueAt),
    deadlines,
    updates: updates.map((u) => ({
      id: Number(u.id),
      learnedAt: new Date(u.learned_at).toISOString(),
      text: `死亡${u.deaths}人、重伤${u.serious_injuries}人、轻伤${u.minor_injuries}人，直接经济损失${formatLossWan(Number(u.direct_loss_yuan))}`,
      gradeBefore: GRADE_ZH[u.grade_before as AccidentGrade] ?? '其他',
      gradeAfter: GRADE_ZH[u.grade_after as AccidentGrade] ?? '其他',
      note: u.note,
      byName: u.display_name,
    })),
    allowedActions: r.open ? allowedActions(ACCIDENT_MACHINE, asStaff(user), ctx, { today, earliest: r.last_event_on }) : [],
  };
}

/** Who may approve an extension: the county's leaders with an account (not the one asking). */
export async function listApprovers(db: Kysely<DB>, user: SessionUser) {
  const rows = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.display_name', 'units.name as unit_name'])
    .where('users.disabled', '=', false)
    .where('users.id', '<>', user.id)
    .where((eb) => eb(eb.val('county_leader'), '=', eb.fn.any('users.roles')))
    .orderBy('users.display_name')
    .limit(100)
    .execute();
  return rows.map((u) => ({ id: Number(u.id), name: u.display_name, unitName: u.unit_name }));
}
