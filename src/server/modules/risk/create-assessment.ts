import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { inScope } from '../../core/access/scope.ts';
import { bodyId, int32, isCalendarDate, text } from '../../core/http/input.ts';
import { createItem } from '../../kernel/actions/index.ts';
import { assignParties, type PartyInput } from '../../kernel/parties/index.ts';
import { loadRiskConfig } from './config.ts';
import { startStep } from './clocks.ts';
import { isRiskHandler } from './machine.ts';
import { RISK_MODULE } from './descriptor.ts';
import { subjectProblem } from './subject.ts';

const day = z.string().refine(isCalendarDate, '应为真实存在的日期（YYYY-MM-DD）');
const optionalText = (max: number) => text(max, { min: 0 }).optional();

export const createAssessmentInput = z.object({
  matterKind: z.enum(['project', 'decision', 'event']).describe('事项类别'),
  matterName: text(200, { min: 4 }).describe('事项名称'),
  description: optionalText(2000).describe('事项概况'),
  responsibleUnitId: bodyId.describe('责任单位'),
  builderName: optionalText(100).describe('项目建设（业主）单位'),
  placeUnitId: bodyId.optional().describe('所在乡镇（街道）或村（社区）'),
  location: optionalText(200).describe('具体位置'),
  planYear: int32(2000, 2100).describe('评估年度'),
  counted: z.boolean().default(false).describe('纳入上级稳评考核'),
  targetOn: day.optional().describe('完成时限'),
  subjectKind: z.enum(['department', 'third_party']).describe('评估主体'),
  subjectName: optionalText(100).describe('第三方评估机构名称'),
  occurredOn: day.optional().describe('确定评估事项日期'),
  backdateReason: optionalText(200).describe('补录说明'),
});
export type CreateAssessmentInput = z.output<typeof createAssessmentInput>;

/**
 * Registers a matter that needs a 稳评 in the year's list: the subject rule first (never the builder or owner), then
 * the work item owned by the responsible department (the place's township or village as 属地 party), the steps and the
 * archive checklist copied from the configuration, the first step started on the day the matter was determined —
 * one transaction, audited. 维稳办 registers for any department; a department or township only its own matters.
 */
export async function createAssessment(
  db: Kysely<DB>,
  opts: { input: CreateAssessmentInput; user: SessionUser; actor: Actor; now: Date },
): Promise<{ id: number; refNo: string }> {
  const { input, user } = opts;
  if (!isRiskHandler(user)) throw new AppError('FORBIDDEN');
  const config = await loadRiskConfig(db);
  return db.transaction().execute(async (trx) => {
    const units = await trx
      .selectFrom('units')
      .select(['id', 'name', 'path', 'kind'])
      .where('id', 'in', [input.responsibleUnitId, ...(input.placeUnitId ? [input.placeUnitId] : [])])
      .where('disabled', '=', false)
      .execute();
    const responsible = units.find((u) => Number(u.id) === input.responsibleUnitId);
    if (!responsible || !inScope(user, responsible.path))
      throw new AppError('RISK_INVALID', { detail: '责任单位不存在或不在本人的管辖范围内' }, { field: 'responsibleUnitId' });
    const place = input.placeUnitId ? units.find((u) => Number(u.id) === input.placeUnitId) : undefined;
    if (input.placeUnitId && !place) throw new AppError('RISK_INVALID', { detail: '所在地不存在' }, { field: 'placeUnitId' });
    if (input.subjectKind === 'third_party' && !input.subjectName)
      throw new AppError('RISK_INVALID', { detail: '委托第三方评估的，须写明第三方评估机构名称' }, { field: 'subjectName' });
    const problem = subjectProblem({
      subjectKind: input.subjectKind,
      subjectName: input.subjectName ?? '',
      builderName: input.builderName,
      responsibleUnitName: responsible.name,
    });
    if (problem)
      throw new AppError('RISK_SUBJECT_IS_BUILDER', { detail: problem }, { field: input.subjectKind === 'department' ? 'subjectKind' : 'subjectName' });
    const targetOn = input.targetOn ?? `${input.planYear}-${String(config.target.month).padStart(2, '0')}-${String(config.target.day).padStart(2, '0')}`;
    if (!targetOn.startsWith(String(input.planYear))) throw new AppError('RISK_INVALID', { detail: '完成时限应在评估年度内' }, { field: 'targetOn' });
    const item = await createItem(trx, {
      module: RISK_MODULE,
      title: `${input.matterName}社会稳定风险评估`,
      state: 'assessing',
      ownerUnitId: Number(responsible.id),
      actor: opts.actor,
      now: opts.now,
      occurredOn: input.occurredOn,
      backdateReason: input.backdateReason || undefined,
      assigneeId: user.id,
    });
    await trx
      .insertInto('risk_assessments')
      .values({
        id: item.id,
        matter_kind: input.matterKind,
        matter_name: input.matterName,
        description: input.description || null,
        responsible_unit_id: Number(responsible.id),
        builder_name: input.builderName || null,
        place_unit_id: place ? Number(place.id) : null,
        location: input.location || null,
        plan_year: input.planYear,
        counted: input.counted,
        target_on: targetOn,
        subject_kind: input.subjectKind,
        subject_name: input.subjectKind === 'department' ? responsible.name : input.subjectName!,
        created_by: user.id,
      })
      .execute();
    await trx
      .insertInto('risk_steps')
      .values(
        config.steps.map((s, seq) => ({
          assessment_id: item.id,
          seq,
          code: s.code,
          name: s.name,
          gate: s.gate,
          evidence: s.evidence,
          min_rules: s.minRules,
        })),
      )
      .execute();
    if (config.archive.length > 0)
      await trx
        .insertInto('risk_archive_items')
        .values(config.archive.map((a, seq) => ({ assessment_id: item.id, seq, code: a.code, name: a.name })))
        .execute();
    const parties: PartyInput[] = [{ role: 'lead', unitId: Number(responsible.id) }];
    if (place && Number(place.id) !== Number(responsible.id)) parties.push({ role: 'territorial', unitId: Number(place.id) });
    await assignParties(trx, { workItemId: item.id, parties, actor: opts.actor, at: opts.now });
    await startStep(trx, { workItemId: item.id, seq: 0, on: item.on, actor: opts.actor });
    await appendAudit(trx, opts.actor, {
      action: 'risk.record',
      entityType: 'work_item',
      entityId: item.id,
      after: {
        matterKind: input.matterKind,
        matterName: input.matterName,
        responsibleUnit: responsible.name,
        subjectKind: input.subjectKind,
        subjectName: input.subjectKind === 'department' ? responsible.name : input.subjectName,
        planYear: input.planYear,
        counted: input.counted,
        targetOn,
        occurredOn: item.on,
      },
    });
    return { id: item.id, refNo: item.refNo };
  });
}
