import { sql, type Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { AppError } from '../../core/errors.ts';
import { moduleVisibleSql, type ModuleCatalog, type ScopedUser } from '../../kernel/catalog/index.ts';
import { RISK_VISIBILITY } from './visibility.ts';
import { DECISIONS, DIMENSIONS, MATTER_KINDS, RISK_LEVELS, SUBJECT_KINDS, type Decision, type MatterKind, type RiskLevel } from './fields.ts';
import { RISK_MACHINE, type RiskState } from './machine.ts';
import { caseNoCandidates } from '../../kernel/numbering/index.ts';
import { RISK_MODULE } from './descriptor.ts';

export interface AssessmentFilter {
  q?: string;
  state?: RiskState;
  matterKind?: MatterKind;
  planYear?: number;
  responsibleUnitId?: number;
  level?: RiskLevel;
  counted?: boolean;
  /** decided but not filed past the filing day, or filed late */
  filingLate?: boolean;
  id?: number;
  page: number;
  pageSize: number;
}

export interface AssessmentListRow {
  id: number;
  refNo: string;
  matterKind: MatterKind;
  matterKindName: string;
  matterName: string;
  responsibleUnitId: number;
  responsibleUnitName: string;
  placeName: string | null;
  planYear: number;
  counted: boolean;
  targetOn: string;
  subjectKindName: string;
  subjectName: string;
  currentStepName: string | null;
  level: RiskLevel | null;
  levelName: string | null;
  decisionName: string | null;
  decidedOn: string | null;
  filingDue: string | null;
  filedOn: string | null;
  filingLate: boolean;
  state: RiskState;
  stateName: string;
  receivedOn: string;
}

const base = (db: Kysely<DB>, user: ScopedUser, today: string) =>
  db
    .selectFrom('risk_assessments as ra')
    .innerJoin('work_items as wi', 'wi.id', 'ra.id')
    .innerJoin('units as ru', 'ru.id', 'ra.responsible_unit_id')
    .leftJoin('units as pu', 'pu.id', 'ra.place_unit_id')
    .leftJoin('risk_steps as rs', (j) => j.onRef('rs.assessment_id', '=', 'ra.id').onRef('rs.seq', '=', 'ra.current_step'))
    .where(moduleVisibleSql(RISK_VISIBILITY, user, 'wi'))
    .select([
      'ra.id',
      'wi.ref_no',
      'wi.state',
      sql<string>`wi.received_on::text`.as('received_on'),
      'ra.matter_kind',
      'ra.matter_name',
      'ra.responsible_unit_id',
      'ru.name as responsible_unit_name',
      'pu.name as place_name',
      'ra.plan_year',
      'ra.counted',
      sql<string>`ra.target_on::text`.as('target_on'),
      'ra.subject_kind',
      'ra.subject_name',
      'rs.name as step_name',
      'ra.risk_level',
      'ra.decision',
      sql<string | null>`ra.decided_on::text`.as('decided_on'),
      sql<string | null>`ra.filing_due::text`.as('filing_due'),
      sql<string | null>`ra.filed_on::text`.as('filed_on'),
      sql<boolean>`(ra.filing_due is not null and coalesce(ra.filed_on, ${today}::date) > ra.filing_due)`.as('filing_late'),
    ]);

/** The year's assessments as `user` may see them, filtered, the latest registered first. */
export async function listAssessments(
  db: Kysely<DB>,
  user: ScopedUser,
  f: AssessmentFilter,
  today: string,
): Promise<{ items: AssessmentListRow[]; total: number }> {
  let q = base(db, user, today);
  if (f.id) q = q.where('ra.id', '=', f.id);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('wi.ref_no', 'in', caseNoCandidates(f.q!, RISK_MODULE.caseNoPrefix).concat(f.q!)),
        eb('ra.matter_name', 'like', like),
        eb('ru.name', 'like', like),
      ]),
    );
  }
  if (f.state) q = q.where('wi.state', '=', f.state);
  if (f.matterKind) q = q.where('ra.matter_kind', '=', f.matterKind);
  if (f.planYear) q = q.where('ra.plan_year', '=', f.planYear);
  if (f.responsibleUnitId) q = q.where('ra.responsible_unit_id', '=', f.responsibleUnitId);
  if (f.level) q = q.where('ra.risk_level', '=', f.level);
  if (f.counted !== undefined) q = q.where('ra.counted', '=', f.counted);
  if (f.filingLate !== undefined)
    q = q.where(sql<boolean>`(ra.filing_due is not null and coalesce(ra.filed_on, ${today}::date) > ra.filing_due)`, '=', f.filingLate);
  const [rows, count] = await Promise.all([
    q
      .orderBy('wi.received_on', 'desc')
      .orderBy('ra.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: Number(r.id),
      refNo: r.ref_no,
      matterKind: r.matter_kind,
      matterKindName: MATTER_KINDS[r.matter_kind],
      matterName: r.matter_name,
      responsibleUnitId: Number(r.responsible_unit_id),
      responsibleUnitName: r.responsible_unit_name,
      placeName: r.place_name,
      planYear: r.plan_year,
      counted: r.counted,
      targetOn: r.target_on,
      subjectKindName: SUBJECT_KINDS[r.subject_kind],
      subjectName: r.subject_name,
      currentStepName: r.state === 'assessing' ? r.step_name : null,
      level: r.risk_level,
      levelName: r.risk_level ? RISK_LEVELS[r.risk_level] : null,
      decisionName: r.decision ? DECISIONS[r.decision as Decision] : null,
      decidedOn: r.decided_on,
      filingDue: r.filing_due,
      filedOn: r.filed_on,
      filingLate: r.filing_late,
      state: r.state as RiskState,
      stateName: RISK_MACHINE.states[r.state as RiskState]?.name ?? '办理中',
      receivedOn: r.received_on,
    })),
  };
}

/** One assessment with its steps, analysis, level and decision, measures and archive checklist (404 outside the reader's scope). */
export async function getAssessment(db: Kysely<DB>, user: ScopedUser, id: number, today: string) {
  const { items } = await listAssessments(db, user, { id, page: 1, pageSize: 1 }, today);
  const row = items[0];
  if (!row) throw new AppError('NOT_FOUND');
  const [ra, steps, archive, measures] = await Promise.all([
    db
      .selectFrom('risk_assessments as ra')
      .leftJoin('users as u', 'u.id', 'ra.decision_recorded_by')
      .select([
        'ra.description',
        'ra.builder_name',
        'ra.location',
        'ra.legality',
        'ra.reasonableness',
        'ra.feasibility',
        'ra.controllability',
        'ra.level_basis',
        'ra.residual_level',
        'ra.decided_by',
        'ra.decision_note',
        'u.display_name as recorder',
        sql<string | null>`ra.closed_on::text`.as('closed_on'),
      ])
      .where('ra.id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('risk_steps as s')
      .leftJoin('users as u', 'u.id', 's.closed_by')
      .select([
        's.seq',
        's.code',
        's.name',
        's.evidence',
        's.min_rules',
        sql<string | null>`s.started_on::text`.as('started_on'),
        sql<string | null>`s.closed_on::text`.as('closed_on'),
        's.summary',
        's.attachment_ids',
        'u.display_name as closed_by',
      ])
      .where('s.assessment_id', '=', id)
      .orderBy('s.seq')
      .execute(),
    db
      .selectFrom('risk_archive_items')
      .select(['code', 'name', sql<string | null>`provided_on::text`.as('provided_on'), 'attachment_id', 'note'])
      .where('assessment_id', '=', id)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('risk_measures as m')
      .innerJoin('units as u', 'u.id', 'm.owner_unit_id')
      .select([
        'm.id',
        'm.content',
        'u.name as owner_unit_name',
        'm.owner_name',
        sql<string>`m.due_on::text`.as('due_on'),
        sql<string | null>`m.done_on::text`.as('done_on'),
        'm.result',
      ])
      .where('m.assessment_id', '=', id)
      .orderBy('m.id')
      .execute(),
  ]);
  const ruleNames = new Map(
    (await db.selectFrom('legal_rules').select(['key', 'name', 'amount', 'unit']).where('province', '=', '').where('key', 'like', 'wp.%').execute()).map(
      (r) => [r.key, `${r.name}：${r.amount}${r.unit === 'working_days' ? '个工作日' : '日'}`],
    ),
  );
  const current = row.state === 'closed' ? -1 : steps.findIndex((s) => s.closed_on === null);
  return {
    ...row,
    description: ra.description,
    builderName: ra.builder_name,
    location: ra.location,
    analysis: Object.entries(DIMENSIONS).map(([k, name]) => ({ key: k, name, text: (ra as Record<string, unknown>)[k] as string | null })),
    levelBasis: ra.level_basis,
    residualLevelName: ra.residual_level ? RISK_LEVELS[ra.residual_level] : null,
    decidedBy: ra.decided_by,
    decisionNote: ra.decision_note,
    decisionRecordedBy: ra.recorder,
    closedOn: ra.closed_on,
    steps: steps.map((s) => ({
      seq: s.seq,
      name: s.name,
      status: s.closed_on ? ('done' as const) : s.seq === current ? ('current' as const) : ('waiting' as const),
      evidence: s.evidence,
      minimums: s.min_rules.map((k) => ruleNames.get(k) ?? k),
      startedOn: s.started_on,
      closedOn: s.closed_on,
      summary: s.summary,
      attachmentIds: s.attachment_ids.map(Number),
      closedBy: s.closed_by,
    })),
    archive: archive.map((a) => ({
      code: a.code,
      name: a.name,
      providedOn: a.provided_on,
      attachmentId: a.attachment_id === null ? null : Number(a.attachment_id),
      note: a.note,
    })),
    archiveMissing: archive.filter((a) => a.provided_on === null).length,
    measures: measures.map((m) => ({
      id: Number(m.id),
      content: m.content,
      ownerUnitName: m.owner_unit_name,
      ownerName: m.owner_name,
      dueOn: m.due_on,
      doneOn: m.done_on,
      result: m.result,
      overdue: m.done_on === null && m.due_on < today,
    })),
  };
}

/**
 * 信访件 and 矛盾纠纷 at the matter's place — their 属地 party is the place or a unit inside it —
 * registered since the start of the year before the assessment's: what the project's page shows beside its explicit
 * links. Read through the kernel's tables and the catalog's one visibility rule only; no module is named.
 */
export async function itemsAtPlace(db: Kysely<DB>, modules: ModuleCatalog, user: ScopedUser, id: number) {
  const ra = await db
    .selectFrom('risk_assessments as ra')
    .innerJoin('units as u', 'u.id', 'ra.place_unit_id')
    .select(['u.path', 'ra.plan_year'])
    .where('ra.id', '=', id)
    .executeTakeFirst();
  if (!ra) return [];
  const rows = await db
    .selectFrom('work_items as wi')
    .select(['wi.id', 'wi.module', 'wi.ref_no', 'wi.title', 'wi.state', sql<string>`wi.received_on::text`.as('received_on')])
    // the people's matters a project can stir (信访件, 矛盾纠纷), by kind code only: no module is imported
    .where('wi.module', 'in', ['petition', 'dispute'])
    .where('wi.received_on', '>=', `${ra.plan_year - 1}-01-01`)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_parties as cp')
          .select('cp.id')
          .whereRef('cp.work_item_id', '=', 'wi.id')
          .where('cp.active', '=', true)
          .where('cp.role', '=', 'territorial')
          .where('cp.unit_path', 'like', `${ra.path}%`),
      ),
    )
    .where(modules.visibleSql(user, 'wi'))
    .orderBy('wi.received_on', 'desc')
    .limit(30)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    ...modules.words({ module: r.module, id: Number(r.id), state: r.state }),
    refNo: r.ref_no,
    title: r.title,
    receivedOn: r.received_on,
  }));
}
