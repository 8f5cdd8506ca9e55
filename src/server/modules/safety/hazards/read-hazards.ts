import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { cappedCount, type CappedTotal } from '../../../core/db/capped-count.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { AppError } from '../../../core/errors.ts';
import { loadWarningThresholds, warningLevel, type WarningLevel } from '../../../core/clock/warning-levels.ts';
import { moduleVisibleSql, type ScopedUser } from '../../../kernel/catalog/index.ts';
import { HAZARD_VISIBILITY } from './visibility.ts';
import { HAZARD_GRADES, HAZARD_SOURCES, SUPERVISION_LEVELS, DECISION_KINDS, PLAN_ELEMENTS, missingPlanElements, type HazardPlan } from './fields.ts';
import { HAZARD_MACHINE, type HazardState } from './machine.ts';
import { RISK_GRADES } from '../register/enterprise-input.ts';
import { caseNoCandidates } from '../../../kernel/numbering/index.ts';
import { HAZARD_MODULE } from './descriptor.ts';

export const WARNING_ZH: Record<WarningLevel, string> = { normal: '正常', approaching: '临期', overdue: '超期', severe: '严重超期' };

export interface HazardFilter {
  q?: string;
  state?: HazardState;
  grade?: 'general' | 'major';
  sectorId?: number;
  townshipUnitId?: number;
  regulatorUnitId?: number;
  enterpriseId?: number;
  source?: keyof typeof HAZARD_SOURCES;
  /** only open hazards past their 整改期限 */
  overdue?: boolean;
  /** one hazard only (the detail reads its row through the list's query) */
  id?: number;
  /**
   * Keyset paging (the Excel export walks the whole ledger): the rows after this one in the list's order, without
   * OFFSET and without counting again — `total` is then 0. Each page costs the same however deep it is.
   */
  after?: { foundOn: string; id: number };
  /** count every row (the Excel export, which must refuse more than its cap) instead of stopping at LIST_COUNT_CAP */
  exactTotal?: boolean;
  page: number;
  pageSize: number;
}

export interface HazardListRow {
  id: number;
  refNo: string;
  enterpriseId: number;
  enterpriseName: string;
  sectorName: string;
  townshipName: string;
  regulatorName: string | null;
  source: string;
  sourceName: string;
  category: string;
  grade: 'general' | 'major';
  gradeName: string;
  description: string;
  foundOn: string;
  dueOn: string;
  state: HazardState;
  stateName: string;
  /** the running clock's due date and warning on today (null once stopped) */
  runningDue: string | null;
  warningLevel: WarningLevel | null;
  warningName: string | null;
  closedOn: string | null;
  listed: boolean;
}

/**
 * The ledger's rows as `user` may see them, filtered: read from hazard_facts (migrations 0089, 0096; kept equal to the
 * source rows by triggers), whose indexes serve the filters by township (and state), state, regulator and enterprise in
 * the ledger's order with the 逾期 condition and the visibility rule on the index row, so the page and its count do not
 * touch the source tables (bench/results/hazard-ledger-1m.json). The visibility rule is the module's one rule, read from
 * the fact row's copies of id and owner_unit_path. The text search looks the hazard up by id.
 */
function filtered(db: Kysely<DB>, user: ScopedUser, f: HazardFilter, today: string) {
  let q = db.selectFrom('hazard_facts as hf').where(moduleVisibleSql(HAZARD_VISIBILITY, user, 'hf'));
  if (f.id) q = q.where('hf.id', '=', f.id);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('hazards as sh')
          .innerJoin('work_items as sw', 'sw.id', 'sh.id')
          .innerJoin('safety_enterprises as se', 'se.id', 'sh.enterprise_id')
          .select('sh.id')
          .whereRef('sh.id', '=', 'hf.id')
          .where((e) =>
            e.or([
              e('sw.ref_no', 'in', caseNoCandidates(f.q!, HAZARD_MODULE.caseNoPrefix).concat(f.q!)),
              e('se.name', 'like', like),
              e('sh.description', 'like', like),
            ]),
          ),
      ),
    );
  }
  if (f.state) q = q.where('hf.state', '=', f.state);
  if (f.grade) q = q.where('hf.grade', '=', f.grade);
  if (f.source) q = q.where('hf.source', '=', f.source);
  // 行业: the enterprise's own sector, or any sector under the one chosen (sector_key is the 一级 sector)
  if (f.sectorId) q = q.where((eb) => eb.or([eb('hf.sector_id', '=', f.sectorId!), eb('hf.sector_key', '=', f.sectorId!)]));
  if (f.townshipUnitId) q = q.where('hf.township_unit_id', '=', f.townshipUnitId);
  if (f.regulatorUnitId) q = q.where('hf.regulator_unit_id', '=', f.regulatorUnitId);
  if (f.enterpriseId) q = q.where('hf.enterprise_id', '=', f.enterpriseId);
  // open = not yet closed (closed_on is set exactly when a hazard is closed), past its 整改期限
  if (f.overdue) q = q.where('hf.closed_on', 'is', null).where('hf.due_on', '<', today);
  return q;
}

/** The hazard ledger as `user` may see it (kernel scope and the module's rule), filtered, newest first. */
export async function listHazards(db: Kysely<DB>, user: ScopedUser, f: HazardFilter, today: string): Promise<{ items: HazardListRow[] } & CappedTotal> {
  const q = filtered(db, user, f, today);
  const after = f.after;
  const [count, rows, thresholds] = await Promise.all([
    after
      ? { total: 0, totalCapped: false }
      : f.exactTotal
        ? q
            .select((eb) => eb.fn.countAll<number>().as('total'))
            .executeTakeFirstOrThrow()
            .then((c) => ({ total: Number(c.total), totalCapped: false }))
        : cappedCount(db, q),
    (after ? q.where(sql<SqlBool>`(hf.found_on, hf.id) < (${after.foundOn}::date, ${after.id}::bigint)`) : q)
      .innerJoin('hazards as h', 'h.id', 'hf.id')
      .innerJoin('work_items as wi', 'wi.id', 'hf.id')
      .innerJoin('safety_enterprises as e', 'e.id', 'h.enterprise_id')
      .innerJoin('safety_sectors as s', 's.id', 'e.sector_id')
      .leftJoin('safety_sectors as sp', 'sp.id', 's.parent_id')
      .innerJoin('units as tu', 'tu.id', 'e.township_unit_id')
      .leftJoin('units as ru', 'ru.id', 'e.regulator_unit_id')
      .select([
        'h.id',
        'wi.ref_no',
        'h.enterprise_id',
        'e.name as enterprise_name',
        sql<string>`coalesce(sp.name || ' / ', '') || s.name`.as('sector_name'),
        'tu.name as township_name',
        'ru.name as regulator_name',
        'h.source',
        'h.category',
        'h.grade',
        'h.description',
        sql<string>`h.found_on::text`.as('found_on'),
        sql<string>`h.due_on::text`.as('due_on'),
        'wi.state',
        sql<string | null>`h.closed_on::text`.as('closed_on'),
        sql<string | null>`(select min(d.due_date)::text from deadlines d where d.work_item_id = h.id and d.status = 'running')`.as('running_due'),
        sql<boolean>`exists (select 1 from supervision_listings sl where sl.work_item_id = h.id and sl.delisted_at is null)`.as('listed'),
      ])
      .orderBy('hf.found_on', 'desc')
      .orderBy('hf.id', 'desc')
      .limit(f.pageSize)
      .offset(after ? 0 : (f.page - 1) * f.pageSize)
      .execute(),
    loadWarningThresholds(db),
  ]);
  return {
    ...count,
    items: rows.map((r) => {
      const level = r.running_due ? warningLevel(r.running_due, today, thresholds) : null;
      const state = r.state as HazardState;
      return {
        id: Number(r.id),
        refNo: r.ref_no,
        enterpriseId: Number(r.enterprise_id),
        enterpriseName: r.enterprise_name,
        sectorName: r.sector_name,
        townshipName: r.township_name,
        regulatorName: r.regulator_name,
        source: r.source,
        sourceName: HAZARD_SOURCES[r.source],
        category: r.category,
        grade: r.grade,
        gradeName: HAZARD_GRADES[r.grade],
        description: r.description,
        foundOn: r.found_on,
        dueOn: r.due_on,
        state,
        stateName: HAZARD_MACHINE.states[state]?.name ?? '办理中',
        runningDue: r.running_due,
        warningLevel: level,
        warningName: level ? WARNING_ZH[level] : null,
        closedOn: r.closed_on,
        listed: r.listed,
      };
    }),
  };
}

/** One hazard with every ledger field in words, as `user` may see it, else NOT_FOUND. */
export async function getHazard(db: Kysely<DB>, user: SessionUser, id: number, today: string) {
  const row = (await listHazards(db, user, { id, page: 1, pageSize: 1 }, today)).items[0];
  if (!row) throw new AppError('NOT_FOUND');
  const [h, decisions, enterprise] = await Promise.all([
    db
      .selectFrom('hazards as h')
      .leftJoin('users as ru', 'ru.id', 'h.rectified_by')
      .leftJoin('users as vu', 'vu.id', 'h.verified_by')
      .leftJoin('users as rp', 'rp.id', 'h.reported_by')
      // a hazard an inspection found names the inspecting unit (检查单位), which need not be its 主办
      .leftJoin('safety_inspection_records as ir', 'ir.id', 'h.inspection_record_id')
      .leftJoin('safety_inspection_targets as it', 'it.id', 'ir.target_id')
      .leftJoin('safety_inspection_plans as ip', 'ip.id', 'it.plan_id')
      .leftJoin('units as iu', 'iu.id', 'ip.unit_id')
      .select([
        'iu.name as inspection_unit_name',
        'ir.record_no as inspection_record_no',
        'h.checklist_item',
        'h.location',
        'h.basis',
        'h.measures',
        'h.responsible_name',
        'h.funds',
        'h.temp_measures',
        'h.supervision_level',
        'h.order_no',
        'h.plan',
        'h.suspended',
        sql<string | null>`h.resume_applied_on::text`.as('resume_applied_on'),
        sql<string | null>`h.resume_checked_on::text`.as('resume_checked_on'),
        'h.resume_passed',
        'h.rectification',
        sql<string | null>`h.rectified_on::text`.as('rectified_on'),
        'ru.display_name as rectified_by_name',
        'h.rectified_by',
        sql<string | null>`h.verified_on::text`.as('verified_on'),
        'vu.display_name as verified_by_name',
        'h.verify_conclusion',
        'rp.display_name as reported_by_name',
      ])
      .where('h.id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('hazard_decisions')
      .select(['id', 'kind', sql<string>`decided_on::text`.as('decided_on'), 'doc_no', 'content', 'amount'])
      .where('hazard_id', '=', id)
      .orderBy('decided_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('safety_enterprises')
      .select(['risk_grade', sql<string | null>`close_flagged_on::text`.as('close_flagged_on'), 'address'])
      .where('id', '=', row.enterpriseId)
      .executeTakeFirstOrThrow(),
  ]);
  const plan = h.plan as (HazardPlan & { madeOn?: string; by?: string }) | null;
  return {
    ...row,
    checklistItem: h.checklist_item,
    location: h.location,
    basis: h.basis,
    measures: h.measures,
    responsibleName: h.responsible_name,
    funds: h.funds === null ? null : Number(h.funds),
    tempMeasures: h.temp_measures,
    supervisionLevel: h.supervision_level,
    supervisionLevelName: h.supervision_level ? SUPERVISION_LEVELS[h.supervision_level] : null,
    orderNo: h.order_no,
    inspectionUnitName: h.inspection_unit_name,
    inspectionRecordNo: h.inspection_record_no,
    plan: plan
      ? {
          elements: (Object.keys(PLAN_ELEMENTS) as (keyof typeof PLAN_ELEMENTS)[]).map((k) => ({ name: PLAN_ELEMENTS[k], text: plan[k] ?? '' })),
          madeOn: plan.madeOn ?? null,
          by: plan.by ?? null,
        }
      : null,
    planMissing: row.grade === 'major' ? missingPlanElements(plan) : [],
    suspended: h.suspended,
    resumeAppliedOn: h.resume_applied_on,
    resumeCheckedOn: h.resume_checked_on,
    resumePassed: h.resume_passed,
    rectification: h.rectification,
    rectifiedOn: h.rectified_on,
    rectifiedByName: h.rectified_by_name,
    rectifiedById: h.rectified_by === null ? null : Number(h.rectified_by),
    verifiedOn: h.verified_on,
    verifiedByName: h.verified_by_name,
    verifyConclusion: h.verify_conclusion,
    reportedByName: h.reported_by_name,
    enterpriseRiskGradeName: enterprise.risk_grade ? RISK_GRADES[enterprise.risk_grade] : null,
    enterpriseAddress: enterprise.address,
    closeFlaggedOn: enterprise.close_flagged_on,
    decisions: decisions.map((d) => ({
      id: Number(d.id),
      kind: d.kind,
      kindName: DECISION_KINDS[d.kind],
      decidedOn: d.decided_on,
      docNo: d.doc_no,
      content: d.content,
      amount: d.amount === null ? null : Number(d.amount),
    })),
  };
}
export type HazardDetail = Awaited<ReturnType<typeof getHazard>>;
