import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { isCalendarDate, text } from '../../../core/http/input.ts';
import { createItem } from '../../../kernel/actions/index.ts';
import { assignParties, type PartyInput } from '../../../kernel/parties/index.ts';
import { enterpriseVisibleSql } from '../register/scope.ts';
import { assessHazardText } from '../quality/index.ts';
import { startRectifyClock } from './clocks.ts';
import { requireUpwardReport } from './upward.ts';
import { isHazardHandler } from './machine.ts';
import { HAZARD_MODULE } from './descriptor.ts';

const day = z.string().refine(isCalendarDate, '应为真实存在的日期（YYYY-MM-DD）');
const optionalText = (max: number) => text(max, { min: 0 }).optional();

/** What a hazard is registered with (the ledger's fields at entry). */
export const hazardEntryFields = {
  category: text(40).describe('隐患类别'),
  grade: z.enum(['general', 'major']).describe('隐患级别'),
  description: z.string().max(2000, '不能超过 2000 个字').describe('隐患描述'),
  checklistItem: optionalText(500).describe('对应的检查项目'),
  location: optionalText(200).describe('隐患部位'),
  foundOn: day.describe('排查发现日期'),
  backdateReason: optionalText(200).describe('补录说明'),
  basis: optionalText(1000).describe('判定依据'),
  measures: optionalText(2000).describe('整改措施'),
  responsibleName: optionalText(30).describe('整改责任人'),
  funds: z.number().min(0).max(1e10).optional().describe('整改资金（元）'),
  dueOn: day.describe('整改期限'),
  tempMeasures: optionalText(1000).describe('临时防范措施'),
};
/** Staff registering a hazard found by an inspection, a report or 督查. */
export const staffHazardInput = z.object({
  enterpriseId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  source: z.enum(['inspection', 'report', 'supervision']).describe('隐患来源'),
  supervisionLevel: z.enum(['county', 'township', 'department']).optional().describe('督办级别'),
  orderNo: optionalText(60).describe('责令限期整改指令书编号'),
  ...hazardEntryFields,
});
/** An enterprise's own self-inspection report (企业自查自报). */
export const selfReportInput = z.object(hazardEntryFields);

export type StaffHazardInput = z.output<typeof staffHazardInput>;
export type SelfReportInput = z.output<typeof selfReportInput>;

/**
 * Registers one hazard in the ledger: the quality gate on its description first (a text that says nothing is
 * refused with what a usable one contains), then the work item (number, owner = the enterprise's 属地 township,
 * business date = the day it was found), its record, the 行业主管部门 as 主办 and the township as 属地, and the
 * 整改期限 clock — one transaction, audited. Staff register for enterprises they see; an enterprise account only
 * for its own enterprise, as 自查自报.
 *
 * A hazard a failed inspection item reveals (inspectionRecordId) may come from an inspector of a unit that does not
 * regulate the enterprise (a 联合检查 or a county plan drawing inspectors from several departments): the inspector
 * records it as long as they are named on that record's target, whatever their own reach; the 主办 is still the
 * enterprise's 行业主管部门 and the 属地 its township — never the inspecting unit, which stays on the record as the
 * hazard's 检查单位 (来源) — and the inspector becomes its 经办人 only inside the responsible unit.
 */
export async function createHazard(
  db: Kysely<DB>,
  opts: {
    input: StaffHazardInput | (SelfReportInput & { enterpriseId?: number; source?: 'self' });
    user: SessionUser;
    actor: Actor;
    now: Date;
    /** the inspection record whose failed item revealed the hazard (来源：检查), written on the ledger row */
    inspectionRecordId?: number;
  },
): Promise<{ id: number; refNo: string }> {
  const { input, user } = opts;
  const self = user.roles.includes('enterprise');
  const byInspection = opts.inspectionRecordId !== undefined;
  if (self && !user.enterpriseId) throw new AppError('SAFETY_ACCOUNT_NOT_LINKED');
  if (!self && !byInspection && !isHazardHandler(user)) throw new AppError('FORBIDDEN');
  const enterpriseId = self ? user.enterpriseId! : (input as StaffHazardInput).enterpriseId;
  const verdict = assessHazardText({ description: input.description, checklistItem: input.checklistItem });
  if (!verdict.usable)
    throw new AppError(
      'HAZARD_TEXT_UNUSABLE',
      { message: verdict.message ?? '隐患描述不可用：请写明部位、问题和违反的要求' },
      { field: 'description', problems: verdict.problems },
    );
  if (input.dueOn < input.foundOn) throw new AppError('VALIDATION_FAILED', { detail: '整改期限：不能早于发现日期' }, { field: 'dueOn' });
  // inside a caller's transaction (an inspection record and the hazards it reveals are one write) or its own
  const inTransaction = <T>(fn: (trx: Transaction<DB>) => Promise<T>) => (db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn));
  return inTransaction(async (trx) => {
    const enterprise = await trx
      .selectFrom('safety_enterprises as e')
      .innerJoin('units as tu', 'tu.id', 'e.township_unit_id')
      .leftJoin('units as ru', 'ru.id', 'e.regulator_unit_id')
      .select(['e.id', 'e.name', 'e.township_unit_id', 'e.regulator_unit_id', 'tu.path as township_path', 'ru.path as regulator_path'])
      .where('e.id', '=', enterpriseId)
      .where('e.disabled', '=', false)
      .where(
        byInspection
          ? // the inspector named on the record's target of this enterprise, whichever unit they belong to
            sql<SqlBool>`exists (select 1 from safety_inspection_records r join safety_inspection_targets t on t.id = r.target_id
              where r.id = ${opts.inspectionRecordId!} and t.enterprise_id = e.id and ${user.id} = any(t.inspector_ids))`
          : enterpriseVisibleSql(user, 'e'),
      )
      .executeTakeFirst();
    if (!enterprise) throw new AppError('SAFETY_ENTERPRISE_INVALID', { detail: '企业不存在或不在本人的管辖范围内' }, { field: 'enterpriseId' });
    const description = input.description.trim();
    const title = `${enterprise.name}：${[...description].slice(0, 40).join('')}${[...description].length > 40 ? '…' : ''}`;
    const item = await createItem(trx, {
      module: HAZARD_MODULE,
      title,
      state: 'reported',
      ownerUnitId: Number(enterprise.township_unit_id),
      actor: opts.actor,
      now: opts.now,
      occurredOn: input.foundOn,
      backdateReason: input.backdateReason || undefined,
      // an inspector of another unit finds it but does not handle it: the 经办人 is named inside the responsible unit
      assigneeId: self || (byInspection && !user.unitPath.startsWith(enterprise.regulator_path ?? enterprise.township_path)) ? null : user.id,
    });
    const staff = self ? null : (input as StaffHazardInput);
    await trx
      .insertInto('hazards')
      .values({
        id: item.id,
        enterprise_id: Number(enterprise.id),
        source: staff ? staff.source : 'self',
        category: input.category,
        grade: input.grade,
        description,
        checklist_item: input.checklistItem || null,
        location: input.location || null,
        found_on: item.on,
        basis: input.basis || null,
        measures: input.measures || null,
        responsible_name: input.responsibleName || null,
        funds: input.funds ?? null,
        due_on: input.dueOn,
        temp_measures: input.tempMeasures || null,
        supervision_level: staff?.supervisionLevel ?? null,
        order_no: staff?.orderNo || null,
        reported_by: user.id,
        inspection_record_id: opts.inspectionRecordId ?? null,
      })
      .execute();
    const parties: PartyInput[] = [{ role: 'territorial', unitId: Number(enterprise.township_unit_id) }];
    if (enterprise.regulator_unit_id) parties.unshift({ role: 'lead', unitId: Number(enterprise.regulator_unit_id) });
    await assignParties(trx, { workItemId: item.id, parties, actor: opts.actor, at: opts.now });
    const basis = staff?.orderNo ? `责令限期整改指令书（${staff.orderNo}）` : self ? `${enterprise.name}自查自报确定的整改期限` : '隐患排查时确定的整改期限';
    await startRectifyClock(trx, { workItemId: item.id, dueOn: input.dueOn, basis, startedAt: new Date(`${item.on}T00:00:00+08:00`), actor: opts.actor });
    // a 重大事故隐患 is reported upward, on its clock from the moment it is registered
    if (input.grade === 'major') await requireUpwardReport(trx, { hazardId: item.id, kind: 'major', at: opts.now, actor: opts.actor });
    await appendAudit(trx, opts.actor, {
      action: 'hazard.record',
      entityType: 'work_item',
      entityId: item.id,
      after: {
        enterprise: enterprise.name,
        source: staff ? staff.source : 'self',
        grade: input.grade,
        category: input.category,
        dueOn: input.dueOn,
        occurredOn: item.on,
      },
    });
    return { id: item.id, refNo: item.refNo };
  });
}
