import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { isCalendarDate, text } from '../../core/http/input.ts';
import { inScope } from '../../core/access/scope.ts';
import { encryptValue, isValidIdNumber, isValidPhone, maskIdNumber, maskName, maskPhone, type PersonalDataKeys } from '../../core/personal-data/index.ts';
import { createItem } from '../../kernel/actions/index.ts';
import { assignParties, type PartyInput } from '../../kernel/parties/index.ts';
import type { ModuleCatalog } from '../../kernel/catalog/index.ts';
import { findVisibleByRef, linkItems } from '../../kernel/links/index.ts';
import { isDisputeHandler } from './machine.ts';
import { DISPUTE_MODULE, MEDIATES_LINK } from './descriptor.ts';
import { RISK_KINDS } from './fields.ts';
import { protectionRoutes } from './settings.ts';

const day = z.string().refine(isCalendarDate, '应为真实存在的日期（YYYY-MM-DD）');
const optionalText = (max: number) => text(max, { min: 0 }).optional();
const unitId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const party = z.object({
  role: z.enum(['applicant', 'respondent', 'third']).describe('当事人类别'),
  name: text(50).describe('姓名或名称'),
  idNumber: z
    .string()
    .trim()
    .max(30)
    .optional()
    .refine((v) => !v || isValidIdNumber(v), '无效（应为18位，出生日期和末位校验码须正确）')
    .describe('身份证号码'),
  phone: z
    .string()
    .trim()
    .max(30)
    .optional()
    .refine((v) => !v || isValidPhone(v), '无效（应为11位手机号或带区号的固定电话）')
    .describe('联系电话'),
});

/** What a dispute is registered with. */
export const disputeInput = z.object({
  source: z.enum(['screening', 'visit', 'grid', 'petition', 'hotline']).describe('纠纷来源'),
  typeId: unitId.describe('纠纷类型'),
  campaignId: unitId.optional().describe('排查活动'),
  placeUnitId: unitId.describe('发生地（村、社区）'),
  place: optionalText(200).describe('具体地点'),
  responsibleUnitId: unitId.optional().describe('调处单位'),
  facts: text(4000, { min: 4 }).describe('纠纷简要情况'),
  amount: z.number().min(0).max(1e12).optional().describe('涉及金额（元）'),
  peopleCount: z.number().int().min(1).max(100000).describe('涉及人数'),
  foundOn: day.describe('发现（受理登记）日期'),
  backdateReason: optionalText(200).describe('补录说明'),
  parties: z.array(party).min(1, '请至少登记一方当事人').max(30).describe('当事人'),
  riskKind: z.enum(['domestic_violence', 'violence', 'group']).optional().describe('激化风险'),
  riskNote: optionalText(1000).describe('风险情况'),
  urgentUnitIds: z.array(unitId).max(5).optional().describe('紧急移交单位（派出所、妇联等）'),
  petitionRefNo: optionalText(40).describe('信访事项编号'),
});
export type DisputeInput = z.output<typeof disputeInput>;

/**
 * Registers one dispute: the work item (owner = the unit that mediates it, business date = the day it was found),
 * its record, its parties (names, ID numbers and phones encrypted, only masks stored in clear), the owner as 主办;
 * an urgent case (a risk of violence) is routed at once to the units named (派出所, 妇联) as 协办 and each is told,
 * with the legal protection routes; a petition handed to mediation is linked both ways (kernel links). One
 * transaction, audited.
 */
export async function createDispute(
  db: Kysely<DB>,
  opts: { input: DisputeInput; user: SessionUser; actor: Actor; now: Date; keys: PersonalDataKeys; modules: ModuleCatalog },
): Promise<{ id: number; refNo: string }> {
  const { input, user } = opts;
  if (!isDisputeHandler(user)) throw new AppError('FORBIDDEN');
  if (input.riskKind && !(input.urgentUnitIds && input.urgentUnitIds.length > 0))
    throw new AppError(
      'VALIDATION_FAILED',
      { detail: '紧急移交单位：有激化风险的纠纷须立即移交派出所、妇联等单位，请至少选择一个' },
      { field: 'urgentUnitIds' },
    );
  if (input.source === 'petition' && !input.petitionRefNo)
    throw new AppError('VALIDATION_FAILED', { detail: '信访事项编号：信访转调的纠纷须写明原信访事项的编号' }, { field: 'petitionRefNo' });
  return db.transaction().execute(async (trx) => {
    const type = await trx.selectFrom('dispute_types').select(['id', 'name']).where('id', '=', input.typeId).where('disabled', '=', false).executeTakeFirst();
    if (!type) throw new AppError('VALIDATION_FAILED', { detail: '纠纷类型：不存在或已停用' }, { field: 'typeId' });
    const unitIds = [input.placeUnitId, input.responsibleUnitId ?? input.placeUnitId, ...(input.urgentUnitIds ?? [])];
    const units = await trx.selectFrom('units').select(['id', 'name', 'path', 'kind']).where('id', 'in', unitIds).where('disabled', '=', false).execute();
    const unit = (id: number) => units.find((u) => Number(u.id) === id);
    const place = unit(input.placeUnitId);
    if (!place) throw new AppError('UNIT_INVALID', { detail: '发生地不存在或已停用' }, { field: 'placeUnitId' });
    const owner = unit(input.responsibleUnitId ?? input.placeUnitId);
    if (!owner || !inScope(user, owner.path))
      throw new AppError('UNIT_INVALID', { detail: '调处单位不存在，或不在本人的管辖范围内' }, { field: 'responsibleUnitId' });
    const urgentUnits = (input.riskKind ? (input.urgentUnitIds ?? []) : []).map((id) => {
      const u = unit(id);
      if (!u) throw new AppError('UNIT_INVALID', { detail: '紧急移交单位不存在或已停用' }, { field: 'urgentUnitIds' });
      return u;
    });
    if (input.campaignId) {
      const c = await trx.selectFrom('dispute_campaigns').select('id').where('id', '=', input.campaignId).executeTakeFirst();
      if (!c) throw new AppError('VALIDATION_FAILED', { detail: '排查活动：不存在' }, { field: 'campaignId' });
    }
    const facts = input.facts.trim();
    const short = [...facts].slice(0, 30).join('') + ([...facts].length > 30 ? '…' : '');
    const item = await createItem(trx, {
      module: DISPUTE_MODULE,
      title: `${place.name}${type.name}：${short}`,
      state: 'registered',
      ownerUnitId: Number(owner.id),
      actor: opts.actor,
      now: opts.now,
      occurredOn: input.foundOn,
      backdateReason: input.backdateReason || undefined,
      assigneeId: user.id,
    });
    await trx
      .insertInto('disputes')
      .values({
        id: item.id,
        source: input.source,
        type_id: Number(type.id),
        campaign_id: input.campaignId ?? null,
        place_unit_id: Number(place.id),
        place: input.place || null,
        facts,
        amount: input.amount ?? null,
        people_count: input.peopleCount,
        found_on: item.on,
        urgent: !!input.riskKind,
        risk_kind: input.riskKind ?? null,
        risk_note: input.riskNote || null,
        registered_by: user.id,
      })
      .execute();
    await trx
      .insertInto('dispute_parties')
      .values(
        input.parties.map((p, i) => ({
          dispute_id: item.id,
          role: p.role,
          name_enc: encryptValue(opts.keys, p.name),
          name_masked: maskName(p.name),
          id_number_enc: p.idNumber ? encryptValue(opts.keys, p.idNumber) : null,
          id_number_masked: p.idNumber ? maskIdNumber(p.idNumber) : null,
          phone_enc: p.phone ? encryptValue(opts.keys, p.phone) : null,
          phone_masked: p.phone ? maskPhone(p.phone) : null,
          sort: i,
        })),
      )
      .execute();
    const parties: PartyInput[] = [{ role: 'lead', unitId: Number(owner.id) }, ...urgentUnits.map((u) => ({ role: 'assist' as const, unitId: Number(u.id) }))];
    await assignParties(trx, { workItemId: item.id, parties, actor: opts.actor, at: opts.now });
    if (input.riskKind) {
      const routes = await protectionRoutes(trx);
      const body = [
        `${place.name}${type.name}（${item.refNo}）${RISK_KINDS[input.riskKind]}，请立即介入处置。`,
        input.riskNote ? `风险情况：${input.riskNote}` : '',
        `法定保护途径：${routes.map((r) => `${r.name}（${r.source}）`).join('；')}`,
      ]
        .filter(Boolean)
        .join('\n');
      await trx
        .insertInto('notifications')
        .values(
          urgentUnits.map((u) => ({
            unit_id: Number(u.id),
            kind: 'dispute.urgent',
            title: `紧急矛盾纠纷：${place.name}${type.name}`,
            body,
            work_item_id: item.id,
            created_at: opts.now,
          })),
        )
        .execute();
    }
    await appendAudit(trx, opts.actor, {
      action: 'dispute.record',
      entityType: 'work_item',
      entityId: item.id,
      after: {
        source: input.source,
        type: type.name,
        place: place.name,
        owner: owner.name,
        peopleCount: input.peopleCount,
        parties: input.parties.length,
        urgent: !!input.riskKind,
        routedTo: urgentUnits.map((u) => u.name),
        occurredOn: item.on,
      },
    });
    if (input.petitionRefNo) {
      const petitionId = await findVisibleByRef(trx, opts.modules, user, { refNo: input.petitionRefNo, module: 'petition' });
      await linkItems(trx, {
        modules: opts.modules,
        user,
        actor: opts.actor,
        now: opts.now,
        fromId: petitionId,
        toId: item.id,
        kind: MEDIATES_LINK.code,
        note: '信访事项属民间纠纷，转人民调解',
        occurredOn: item.on,
        backdateReason: input.backdateReason || undefined,
      });
    }
    return { id: item.id, refNo: item.refNo };
  });
}
