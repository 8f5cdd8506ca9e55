import { sql, type Transaction, type Updateable } from 'kysely';
import type { DB, HazardsTable } from '../../../core/db/schema.ts';
import { appendAudit } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { findRule } from '../../../core/clock/legal-rules.ts';
import { moduleVisibleSql } from '../../../kernel/catalog/index.ts';
import type { ActionStep, ModuleActions } from '../../../kernel/actions/index.ts';
import { HAZARD_MACHINE, type HazardCtx, type HazardState } from './machine.ts';
import { missingPlanElements, type HazardPlan } from './fields.ts';
import { RESUME_CHECK_RULE, startRectifyClock, startResumeClock, stopClocks } from './clocks.ts';
import { countArt113, monthsBefore } from './art113.ts';
import { HAZARD_VISIBILITY } from './visibility.ts';
import { requireUpwardReport, withdrawUpwardReport } from './upward.ts';

export interface HazardRow {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  grade: 'general' | 'major';
  regulatorUnitId: number | null;
  townshipUnitId: number;
}
type Step = ActionStep<HazardRow, HazardCtx>;

/** The hazard as the machine sees it (for staff through the one visibility rule; an enterprise by its policy). */
export async function loadHazard(trx: Transaction<DB>, id: number, party: Parameters<ModuleActions<HazardState, HazardCtx, HazardRow>['load']>[2]) {
  let q = trx
    .selectFrom('hazards as h')
    .innerJoin('work_items as wi', 'wi.id', 'h.id')
    .innerJoin('safety_enterprises as e', 'e.id', 'h.enterprise_id')
    .select([
      'h.id',
      'wi.state',
      'h.enterprise_id',
      'e.name as enterprise_name',
      'e.township_unit_id',
      'e.regulator_unit_id',
      'h.grade',
      'h.plan',
      'h.suspended',
      'h.resume_applied_on',
      'h.resume_passed',
      'h.rectified_by',
      'h.due_on',
    ])
    .where('h.id', '=', id);
  if (party.kind === 'staff') q = q.where(moduleVisibleSql(HAZARD_VISIBILITY, party.user));
  else if (party.kind === 'enterprise') q = q.where('h.enterprise_id', '=', party.enterpriseId);
  else throw new AppError('NOT_FOUND');
  const r = await q.executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  const row: HazardRow = {
    id: Number(r.id),
    enterpriseId: Number(r.enterprise_id),
    enterpriseName: r.enterprise_name,
    grade: r.grade,
    regulatorUnitId: r.regulator_unit_id === null ? null : Number(r.regulator_unit_id),
    townshipUnitId: Number(r.township_unit_id),
  };
  const ctx: HazardCtx = {
    id: row.id,
    state: r.state as HazardState,
    enterpriseId: row.enterpriseId,
    grade: r.grade,
    planMissing: missingPlanElements(r.plan as HazardPlan | null),
    suspended: r.suspended,
    resumeAppliedOn: r.resume_applied_on,
    resumePassed: r.resume_passed,
    rectifiedBy: r.rectified_by === null ? null : Number(r.rectified_by),
    dueOn: r.due_on,
  };
  return { row, ctx };
}

const set = (s: Step, values: Updateable<HazardsTable>) =>
  Object.keys(values).length === 0
    ? Promise.resolve()
    : s.trx
        .updateTable('hazards')
        .set(values)
        .where('id', '=', s.row.id)
        .execute()
        .then(() => undefined);

async function art113Rule(trx: Transaction<DB>) {
  const [short, year, setting] = await Promise.all([
    findRule(trx, 'haz.close.window.short'),
    findRule(trx, 'haz.close.window.year'),
    trx.selectFrom('settings').select('value').where('key', '=', 'safety.art113').executeTakeFirst(),
  ]);
  const counts = (setting?.value ?? {}) as { countShort?: number; countYear?: number };
  if (!counts.countShort || !counts.countYear) throw new AppError('SETTING_INVALID', { key: 'safety.art113' });
  return { shortDays: short.amount, countShort: counts.countShort, yearMonths: year.amount, countYear: counts.countYear, source: short.source };
}

/**
 * After a penalty on a 重大事故隐患: the art. 113 counter over the enterprise's penalties. Reached → the enterprise is
 * flagged for 提请关闭 (once), the regulator (else the township) told, audited.
 */
async function checkArt113(s: Step): Promise<void> {
  const rule = await art113Rule(s.trx);
  const since = monthsBefore(s.on, rule.yearMonths);
  const rows = await s.trx
    .selectFrom('hazard_decisions')
    .select(sql<string>`decided_on::text`.as('on'))
    .where('enterprise_id', '=', s.row.enterpriseId)
    .where('kind', '=', 'penalty')
    .where('major', '=', true)
    .where('decided_on', '>', since)
    .execute();
  const count = countArt113(
    rows.map((r) => r.on),
    s.on,
    rule,
  );
  if (!count.reached) return;
  const flagged = await s.trx
    .updateTable('safety_enterprises')
    .set({ close_flagged_on: s.on })
    .where('id', '=', s.row.enterpriseId)
    .where('close_flagged_on', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!flagged) return;
  const finding = `${s.row.enterpriseName}${count.finding}，依照${rule.source}，应提请县级以上人民政府予以关闭`;
  await appendAudit(s.trx, s.actor, {
    action: 'hazard.enterprise.close_flag',
    entityType: 'safety_enterprise',
    entityId: s.row.enterpriseId,
    after: { flaggedOn: s.on, inShort: count.inShort, inYear: count.inYear, hazardId: s.row.id },
    reason: finding,
  });
  await s.trx
    .insertInto('notifications')
    .values({
      unit_id: s.row.regulatorUnitId ?? s.row.townshipUnitId,
      kind: 'hazard.close_flag',
      title: `提请关闭：${s.row.enterpriseName}`,
      body: finding,
      work_item_id: s.row.id,
      created_at: s.now,
    })
    .execute();
}

/** The hazard's machine applied by the kernel's runner: typed side effects of each action. */
export const HAZARD_ACTIONS: ModuleActions<HazardState, HazardCtx, HazardRow> = {
  kind: 'hazard',
  machine: HAZARD_MACHINE,
  load: loadHazard,
  effects: {
    async start(s) {
      const i = s.input as { measures?: string; responsibleName?: string; tempMeasures?: string };
      await set(s, {
        ...(i.measures ? { measures: i.measures } : {}),
        ...(i.responsibleName ? { responsible_name: i.responsibleName } : {}),
        ...(i.tempMeasures ? { temp_measures: i.tempMeasures } : {}),
      });
    },
    async plan(s) {
      const i = s.input as Record<string, unknown>;
      const plan = Object.fromEntries(['goals', 'methods', 'funds', 'organisation', 'timeline', 'safety'].map((k) => [k, i[k]]));
      await set(s, { plan: JSON.stringify({ ...plan, madeOn: s.on, by: s.actor.name }) });
    },
    async submit(s) {
      const i = s.input as { rectification: string; funds?: number };
      await set(s, {
        rectification: i.rectification,
        rectified_by: s.actor.userId,
        rectified_on: s.on,
        ...(i.funds !== undefined ? { funds: i.funds } : {}),
        // a unit under a suspension order: the report of its rectification is its written application to resume
        ...(s.ctx.suspended ? { resume_applied_on: s.on } : {}),
      });
      await stopClocks(s.trx, { workItemId: s.row.id, at: s.at, actor: s.actor });
      if (s.ctx.suspended) await startResumeClock(s.trx, { workItemId: s.row.id, startedAt: s.on, actor: s.actor });
    },
    async reject(s) {
      const i = s.input as { reason: string; dueOn: string };
      if (i.dueOn < s.on) throw new AppError('VALIDATION_FAILED', { detail: '重新限定的整改期限：不能早于退回日期' }, { field: 'dueOn' });
      await set(s, { due_on: i.dueOn, rectified_by: null, rectified_on: null, resume_applied_on: null });
      await stopClocks(s.trx, { workItemId: s.row.id, at: s.at, actor: s.actor });
      await startRectifyClock(s.trx, { workItemId: s.row.id, dueOn: i.dueOn, basis: `复查验收退回：${i.reason}`, startedAt: s.at, actor: s.actor });
    },
    async resumeCheck(s) {
      const i = s.input as { passed: boolean; note: string; dueOn?: string };
      await stopClocks(s.trx, { workItemId: s.row.id, ruleKey: RESUME_CHECK_RULE, at: s.at, actor: s.actor });
      if (i.passed) {
        await set(s, { resume_checked_on: s.on, resume_passed: true });
        return;
      }
      if (!i.dueOn || i.dueOn < s.on)
        throw new AppError('VALIDATION_FAILED', { detail: '审查不合格时须重新限定整改期限（不早于审查日期）' }, { field: 'dueOn' });
      await set(s, { resume_checked_on: s.on, resume_passed: false, resume_applied_on: null, rectified_by: null, rectified_on: null, due_on: i.dueOn });
      await startRectifyClock(s.trx, { workItemId: s.row.id, dueOn: i.dueOn, basis: `复产现场审查不合格：${i.note}`, startedAt: s.at, actor: s.actor });
    },
    async verify(s) {
      const i = s.input as { conclusion: string };
      await set(s, { verified_by: s.actor.userId, verified_on: s.on, verify_conclusion: i.conclusion, closed_on: s.on });
      await stopClocks(s.trx, { workItemId: s.row.id, at: s.at, actor: s.actor });
      // the 销号 of a 重大事故隐患 is reported upward too (核销)
      if (s.row.grade === 'major') await requireUpwardReport(s.trx, { hazardId: s.row.id, kind: 'closure', at: s.at, actor: s.actor });
    },
    async suspend(s) {
      const i = s.input as { docNo?: string; content: string };
      await set(s, { suspended: true, resume_passed: null, resume_checked_on: null });
      await s.trx
        .insertInto('hazard_decisions')
        .values({
          hazard_id: s.row.id,
          enterprise_id: s.row.enterpriseId,
          kind: 'suspend',
          major: s.row.grade === 'major',
          decided_on: s.on,
          doc_no: i.docNo ?? null,
          content: i.content,
          created_by: s.actor.userId,
          created_at: s.now,
        })
        .execute();
    },
    async regrade(s) {
      const i = s.input as { grade: 'general' | 'major'; reason: string };
      if (i.grade === s.row.grade) throw new AppError('VALIDATION_FAILED', { detail: '隐患级别：与现在的级别相同' }, { field: 'grade' });
      await set(s, { grade: i.grade });
      // regraded to 重大: it must be reported upward from now; back to 一般 before the report: the report is withdrawn
      if (i.grade === 'major') await requireUpwardReport(s.trx, { hazardId: s.row.id, kind: 'major', at: s.at, actor: s.actor });
      else await withdrawUpwardReport(s.trx, { hazardId: s.row.id, kind: 'major', at: s.at, actor: s.actor });
    },
    async decide(s) {
      const i = s.input as { kind: 'order' | 'penalty'; docNo?: string; content: string; amount?: number };
      await s.trx
        .insertInto('hazard_decisions')
        .values({
          hazard_id: s.row.id,
          enterprise_id: s.row.enterpriseId,
          kind: i.kind,
          major: s.row.grade === 'major',
          decided_on: s.on,
          doc_no: i.docNo ?? null,
          content: i.content,
          amount: i.amount ?? null,
          created_by: s.actor.userId,
          created_at: s.now,
        })
        .execute();
      if (i.kind === 'order' && i.docNo) await set(s, { order_no: i.docNo });
      if (i.kind === 'penalty' && s.row.grade === 'major') await checkArt113(s);
    },
  },
  auditReason: (input) => (typeof input.reason === 'string' ? input.reason : undefined),
};
