import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { bodyId, isoDate, text } from '../../../core/http/input.ts';
import { CAMPAIGN_METHODS, isCampaignOffice, type CampaignMethod } from './fields.ts';

const methodCodes = Object.keys(CAMPAIGN_METHODS) as [CampaignMethod, ...CampaignMethod[]];

export const planInput = z.object({
  name: text(100).describe('督查名称，如“2026年安全生产和信访稳定工作督查”'),
  method: z.enum(methodCodes, { error: '请选择督查方式' }).describe('督查方式'),
  periodFrom: isoDate.describe('督查开始日期'),
  periodTo: isoDate.describe('督查结束日期'),
  basis: text(500, { min: 0 }).optional().describe('督查依据（如县委县政府的工作安排）'),
  checklist: z.array(text(200)).min(1, '请至少列出一项督查内容').max(50).describe('督查内容清单（查什么）'),
  groups: z
    .array(
      z.object({
        name: text(40).describe('检查组名称，如“第一检查组”'),
        leaderName: text(40).describe('组长'),
        members: z.array(text(40)).max(20).default([]).describe('成员'),
        unitIds: z.array(bodyId).min(1, '每个检查组至少督查一个单位').max(100).describe('本组督查的单位'),
      }),
    )
    .min(1, '请至少组建一个检查组')
    .max(20),
});
export type PlanInput = z.infer<typeof planInput>;

/** Plans a campaign: its groups and the units each inspects (a unit by one group only), audited. */
export async function planCampaign(db: Kysely<DB>, opts: { user: SessionUser; actor: Actor; input: PlanInput }): Promise<{ id: number }> {
  const { user, input } = opts;
  if (!isCampaignOffice(user)) throw new AppError('FORBIDDEN');
  if (input.periodTo < input.periodFrom) throw new AppError('SV_CAMPAIGN_INVALID', { detail: '督查结束日期不能早于开始日期' });
  const all = input.groups.flatMap((g) => g.unitIds);
  const dup = all.find((u, i) => all.indexOf(u) !== i);
  const units = await db.selectFrom('units').select(['id', 'name', 'disabled']).where('id', 'in', all).execute();
  if (dup !== undefined) {
    const name = units.find((u) => Number(u.id) === dup)?.name ?? String(dup);
    throw new AppError('SV_CAMPAIGN_INVALID', { detail: `${name}被安排给了两个检查组，一个单位只由一个检查组督查` });
  }
  const missing = all.filter((u) => !units.some((x) => Number(x.id) === u && !x.disabled));
  if (missing.length) throw new AppError('SV_CAMPAIGN_INVALID', { detail: '所选的被督查单位不存在或已停用，请重新选择' });

  return db.transaction().execute(async (trx) => {
    const c = await trx
      .insertInto('sv_campaigns')
      .values({
        name: input.name,
        method: input.method,
        period_from: input.periodFrom,
        period_to: input.periodTo,
        basis: input.basis || null,
        checklist: input.checklist,
        organiser_unit_id: user.unitId,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(c.id);
    for (const [i, g] of input.groups.entries()) {
      const row = await trx
        .insertInto('sv_campaign_groups')
        .values({ campaign_id: id, seq: i + 1, name: g.name, leader_name: g.leaderName, members: g.members })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('sv_campaign_targets')
        .values(g.unitIds.map((u) => ({ campaign_id: id, group_id: Number(row.id), unit_id: u })))
        .execute();
    }
    await appendAudit(trx, opts.actor, {
      action: 'supervision.campaign.plan',
      entityType: 'sv_campaign',
      entityId: id,
      after: { ...input, method: CAMPAIGN_METHODS[input.method] },
    });
    return { id };
  });
}
