import { sql, type Transaction, type Updateable } from 'kysely';
import type { DB, RiskAssessmentsTable } from '../../core/db/schema.ts';
import { AppError } from '../../core/errors.ts';
import { moduleVisibleSql } from '../../kernel/catalog/index.ts';
import type { ActingParty, ActionStep, ModuleActions } from '../../kernel/actions/index.ts';
import { DECISIONS, DIMENSIONS, RISK_LEVELS, type Decision, type RiskLevel } from './fields.ts';
import { RISK_MACHINE, type CurrentStep, type RiskCtx, type RiskState } from './machine.ts';
import { latestEarliestEnd, openMinimumPeriods } from '../../kernel/deadlines/index.ts';
import { FILING_LABEL, startFilingClock, startMeasureClock, startStep, stopClocks } from './clocks.ts';
import { RISK_VISIBILITY } from './visibility.ts';

export interface RiskRow {
  id: number;
  currentStep: number;
  stepCount: number;
}
type Step = ActionStep<RiskRow, RiskCtx>;

/** The assessment as the machine sees it, for staff through the one visibility rule. */
export async function loadAssessment(trx: Transaction<DB>, id: number, party: ActingParty) {
  if (party.kind !== 'staff') throw new AppError('NOT_FOUND');
  const r = await trx
    .selectFrom('risk_assessments as ra')
    .innerJoin('work_items as wi', 'wi.id', 'ra.id')
    .select(['ra.id', 'wi.state', 'ra.current_step', 'ra.risk_level', 'ra.legality', 'ra.reasonableness', 'ra.feasibility', 'ra.controllability'])
    .where('ra.id', '=', id)
    .where(moduleVisibleSql(RISK_VISIBILITY, party.user))
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  const [steps, measures, archive, clocks] = await Promise.all([
    trx.selectFrom('risk_steps').selectAll().where('assessment_id', '=', id).orderBy('seq').execute(),
    trx.selectFrom('risk_measures').select(['id', 'done_on']).where('assessment_id', '=', id).execute(),
    trx.selectFrom('risk_archive_items').select(['name', 'provided_on']).where('assessment_id', '=', id).orderBy('seq').execute(),
    openMinimumPeriods(trx, { workItemId: id, on: '0000-01-01' }),
  ]);
  const s = steps.find((x) => x.seq === r.current_step && x.closed_on === null);
  let step: CurrentStep | null = null;
  if (s) {
    // the step's minimum periods (公示, 征求意见): the step may end the day after the last of them has run
    const mins = clocks.filter((c) => s.min_rules.includes(c.ruleKey));
    step = {
      seq: s.seq,
      code: s.code,
      name: s.name,
      gate: s.gate as CurrentStep['gate'],
      evidence: s.evidence,
      minRules: s.min_rules,
      startedOn: s.started_on,
      earliestClose: latestEarliestEnd(mins),
      periods: mins,
    };
  }
  const dims = { legality: r.legality, reasonableness: r.reasonableness, feasibility: r.feasibility, controllability: r.controllability };
  const ctx: RiskCtx = {
    id: Number(r.id),
    state: r.state as RiskState,
    step,
    dimensionsMissing: Object.entries(DIMENSIONS)
      .filter(([k]) => !dims[k as keyof typeof dims])
      .map(([, name]) => name),
    level: r.risk_level,
    measureCount: measures.length,
    openMeasures: measures.filter((m) => m.done_on === null).length,
    archiveMissing: archive.filter((a) => a.provided_on === null).map((a) => a.name),
  };
  return { row: { id: ctx.id, currentStep: r.current_step, stepCount: steps.length }, ctx };
}

const set = (s: Step, values: Updateable<RiskAssessmentsTable>) =>
  s.trx
    .updateTable('risk_assessments')
    .set(values)
    .where('id', '=', s.row.id)
    .execute()
    .then(() => undefined);

/** Attachment ids must be the item's own (a number typed by hand or another item's file is refused). */
async function ownAttachments(s: Step, ids: readonly number[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await s.trx
    .selectFrom('item_attachments')
    .select('id')
    .where('work_item_id', '=', s.row.id)
    .where('id', 'in', [...ids])
    .execute();
  if (found.length !== new Set(ids).size) throw new AppError('RISK_INVALID', { detail: '所选材料不是本事项的附件' }, { field });
}

/** Closes the current step and starts the next one on the same day (its minimum periods with it). */
async function advance(s: Step, summary: string, attachmentIds: number[] = []): Promise<void> {
  const step = s.ctx.step!;
  await s.trx
    .updateTable('risk_steps')
    .set({ closed_on: s.on, summary, attachment_ids: attachmentIds, closed_by: s.actor.userId })
    .where('assessment_id', '=', s.row.id)
    .where('seq', '=', step.seq)
    .execute();
  await stopClocks(s.trx, { workItemId: s.row.id, ruleKeys: step.minRules, at: s.at, actor: s.actor });
  const next = step.seq + 1;
  await set(s, { current_step: next });
  if (next < s.row.stepCount) await startStep(s.trx, { workItemId: s.row.id, seq: next, on: s.on, actor: s.actor });
}

/** The assessment's machine applied by the kernel's runner: the typed effects of each action. */
export const RISK_ACTIONS: ModuleActions<RiskState, RiskCtx, RiskRow> = {
  kind: 'risk',
  machine: RISK_MACHINE,
  load: loadAssessment,
  effects: {
    async completeStep(s) {
      const i = s.input as { summary: string; attachmentIds?: number[] };
      await ownAttachments(s, i.attachmentIds ?? [], 'attachmentIds');
      await advance(s, i.summary, i.attachmentIds ?? []);
    },
    async recordAnalysis(s) {
      const i = s.input as Record<keyof typeof DIMENSIONS, string>;
      await set(s, { legality: i.legality, reasonableness: i.reasonableness, feasibility: i.feasibility, controllability: i.controllability });
    },
    async setLevel(s) {
      const i = s.input as { level: RiskLevel; basis: string };
      await set(s, { risk_level: i.level, level_basis: i.basis });
    },
    async addMeasure(s) {
      const i = s.input as { content: string; ownerUnitId: number; ownerName?: string; dueOn: string };
      if (i.dueOn < s.on) throw new AppError('RISK_INVALID', { detail: '完成时限不能早于登记日期' }, { field: 'dueOn' });
      const unit = await s.trx.selectFrom('units').select(['id', 'name']).where('id', '=', i.ownerUnitId).where('disabled', '=', false).executeTakeFirst();
      if (!unit) throw new AppError('RISK_INVALID', { detail: '责任单位不存在或已停用' }, { field: 'ownerUnitId' });
      const deadlineId = await startMeasureClock(s.trx, {
        workItemId: s.row.id,
        content: i.content,
        ownerName: unit.name,
        dueOn: i.dueOn,
        at: s.at,
        actor: s.actor,
      });
      await s.trx
        .insertInto('risk_measures')
        .values({
          assessment_id: s.row.id,
          content: i.content,
          owner_unit_id: Number(unit.id),
          owner_name: i.ownerName || null,
          due_on: i.dueOn,
          deadline_id: deadlineId,
          created_on: s.on,
          created_by: s.actor.userId!,
        })
        .execute();
    },
    async completeMeasure(s) {
      const i = s.input as { measureId: number; result: string };
      const m = await s.trx
        .updateTable('risk_measures')
        .set({ done_on: s.on, result: i.result })
        .where('id', '=', i.measureId)
        .where('assessment_id', '=', s.row.id)
        .where('done_on', 'is', null)
        .returning(['deadline_id'])
        .executeTakeFirst();
      if (!m) throw new AppError('RISK_INVALID', { detail: '该化解措施不属于本事项或已落实' }, { field: 'measureId' });
      if (m.deadline_id) await stopClocks(s.trx, { workItemId: s.row.id, ids: [Number(m.deadline_id)], at: s.at, actor: s.actor });
    },
    async decide(s) {
      const i = s.input as { decision: Decision; residualLevel?: RiskLevel; decidedBy: string; note?: string };
      await set(s, {
        decision: i.decision,
        residual_level: i.decision === 'implement' && s.ctx.level !== 'low' ? (i.residualLevel ?? null) : null,
        decided_by: i.decidedBy,
        decision_note: i.note || null,
        decided_on: s.on,
        decision_recorded_by: s.actor.userId,
      });
      await advance(s, `${i.decidedBy}审定：${DECISIONS[i.decision]}（风险等级${RISK_LEVELS[s.ctx.level!]}）`);
      const due = await startFilingClock(s.trx, { workItemId: s.row.id, on: s.on, at: s.at, actor: s.actor });
      await set(s, { filing_due: due });
    },
    async markArchive(s) {
      const i = s.input as { code: string; attachmentId?: number; note?: string };
      if (!i.attachmentId && !i.note) throw new AppError('RISK_INVALID', { detail: '请选择对应的附件，或写明纸质材料的存放情况' }, { field: 'attachmentId' });
      if (i.attachmentId) await ownAttachments(s, [i.attachmentId], 'attachmentId');
      const done = await s.trx
        .updateTable('risk_archive_items')
        .set({ provided_on: s.on, attachment_id: i.attachmentId ?? null, note: i.note || null })
        .where('assessment_id', '=', s.row.id)
        .where('code', '=', i.code)
        .returning('code')
        .executeTakeFirst();
      if (!done) throw new AppError('RISK_INVALID', { detail: '档案资料目录中没有该项' }, { field: 'code' });
    },
    async file(s) {
      await set(s, { filed_on: s.on });
      await stopClocks(s.trx, { workItemId: s.row.id, label: FILING_LABEL, at: s.at, actor: s.actor });
    },
    async setCounted(s) {
      const i = s.input as { counted: boolean };
      await set(s, { counted: i.counted });
    },
    async close(s) {
      const i = s.input as { summary: string };
      if (s.ctx.step) await advance(s, i.summary);
      await set(s, { closed_on: s.on });
      await stopClocks(s.trx, { workItemId: s.row.id, at: s.at, actor: s.actor });
    },
  },
};

/** For lists: whether an assessment's filing is late as of `today` (filed after its due day, or not filed by it). */
export const filingLateSql = (today: string) => sql<boolean>`(ra.filing_due is not null and coalesce(ra.filed_on, ${today}::date) > ra.filing_due)`;
