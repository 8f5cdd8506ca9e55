import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { isoDate, safeString, text } from '../../../core/http/input.ts';
import { checkBusinessDate, loadBackdateWindow } from '../../../kernel/actions/index.ts';
import { findRule } from '../../../core/clock/legal-rules.ts';
import { loadCalendar } from '../../../kernel/deadlines/index.ts';
import { isCampaignOffice, OBJECTION_DECISIONS, OBJECTION_RULE, type ObjectionDecision } from './fields.ts';
import { visibleTargets } from './scope.ts';
import { objectionWindow } from './objection.ts';

type Q = Kysely<DB> | Transaction<DB>;
const optionalText = (max: number) => text(max, { min: 0 }).optional();

export const recordInput = z.object({
  inspectedOn: isoDate.describe('督查日期（实际到该单位督查的日期；补录时填写当时的日期）'),
  backdateReason: safeString().trim().min(1, '不能为空').max(500).optional().describe('补录说明（超过补录期限时必填）'),
  heard: optionalText(4000).describe('一听：听取汇报的情况'),
  checked: optionalText(4000).describe('二查：查阅资料、台账的情况'),
  seen: optionalText(4000).describe('三看：实地查看的情况'),
  goodPractices: optionalText(4000).describe('好的做法'),
  problems: z
    .array(
      z.object({
        description: text(1000).describe('存在问题'),
        requirement: text(1000).describe('整改要求'),
        dueOn: isoDate.describe('整改期限'),
      }),
    )
    .max(50)
    .default([])
    .describe('存在问题（通报印发后各成为一项督办整改事项）'),
});
export type RecordInput = z.infer<typeof recordInput>;

async function loadCampaign(db: Q, id: number) {
  const c = await db
    .selectFrom('sv_campaigns')
    .select(['id', 'name', 'period_from', 'period_to', 'bulletin_issued_on', 'organiser_unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

/** Records what was heard, checked and seen at a target (a business date within the period, 补录 with a reason) and its problems. */
export async function addRecord(
  db: Kysely<DB>,
  opts: { user: SessionUser; actor: Actor; campaignId: number; targetId: number; input: RecordInput; today: string },
): Promise<{ id: number }> {
  const { user, input } = opts;
  if (!isCampaignOffice(user)) throw new AppError('FORBIDDEN');
  const c = await loadCampaign(db, opts.campaignId);
  if (c.bulletin_issued_on) throw new AppError('SV_CAMPAIGN_ISSUED', { name: c.name });
  const target = await db
    .selectFrom('sv_campaign_targets as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.id', 'u.name'])
    .where('t.id', '=', opts.targetId)
    .where('t.campaign_id', '=', c.id)
    .executeTakeFirst();
  if (!target) throw new AppError('NOT_FOUND');
  if (!input.heard && !input.checked && !input.seen && !input.goodPractices && input.problems.length === 0)
    throw new AppError('SV_CAMPAIGN_INVALID', { detail: '请至少填写听取汇报、查阅资料、实地查看、好的做法或存在问题中的一项' });
  const on = checkBusinessDate({
    occurredOn: input.inspectedOn,
    backdateReason: input.backdateReason,
    today: opts.today,
    lastEventOn: c.period_from,
    windowDays: await loadBackdateWindow(db),
  });
  if (on > c.period_to) throw new AppError('SV_CAMPAIGN_INVALID', { detail: `督查日期应在督查时段（${c.period_from} 至 ${c.period_to}）之内` });
  const late = input.problems.find((p) => p.dueOn <= on);
  if (late) throw new AppError('SV_CAMPAIGN_INVALID', { detail: `问题“${late.description.slice(0, 20)}”的整改期限应晚于督查日期（${on}）` });

  return db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('sv_campaign_records')
      .values({
        target_id: target.id,
        inspected_on: on,
        heard: input.heard || null,
        checked: input.checked || null,
        seen: input.seen || null,
        good_practices: input.goodPractices || null,
        backdate_reason: input.backdateReason ?? null,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.problems.length)
      await trx
        .insertInto('sv_campaign_problems')
        .values(
          input.problems.map((p) => ({
            target_id: target.id,
            record_id: r.id,
            description: p.description,
            requirement: p.requirement,
            due_on: p.dueOn,
            created_by: user.id,
          })),
        )
        .execute();
    await appendAudit(trx, opts.actor, {
      action: 'supervision.campaign.record',
      entityType: 'sv_campaign',
      entityId: c.id,
      after: { 被督查单位: target.name, ...input },
      reason: input.backdateReason ? `补录：${input.backdateReason}` : undefined,
    });
    return { id: Number(r.id) };
  });
}

export const responseInput = z.object({
  kind: z.enum(['answer', 'objection'], { error: '请选择情况说明或异议' }).describe('answer 情况说明；objection 对督查结论有异议，申请复核'),
  content: text(4000).describe('内容'),
});

/** A target unit answers its findings, or objects within the window of dc.objection (counted from the 通报). */
export async function addResponse(
  db: Kysely<DB>,
  opts: { user: SessionUser; actor: Actor; campaignId: number; targetId: number; input: z.infer<typeof responseInput>; today: string },
): Promise<{ id: number }> {
  const { user, input } = opts;
  const target = await visibleTargets(db, user)
    .select(['t.id', 't.unit_id', 'tu.name as unit_name', 'c.name', 'c.bulletin_issued_on'])
    .where('t.id', '=', opts.targetId)
    .where('t.campaign_id', '=', opts.campaignId)
    .executeTakeFirst();
  if (!target) throw new AppError('NOT_FOUND');
  if (isCampaignOffice(user) || user.roles.includes('county_leader') || user.roles.includes('auditor'))
    throw new AppError('SV_CAMPAIGN_RESPONSE_OWN', { unit: target.unit_name });
  if (!target.bulletin_issued_on) throw new AppError('NOT_FOUND');
  if (input.kind === 'objection') {
    const [rule, cal] = await Promise.all([findRule(db, OBJECTION_RULE), loadCalendar(db)]);
    const w = objectionWindow(cal, rule, target.bulletin_issued_on, opts.today);
    if (!w.open) throw new AppError('SV_OBJECTION_WINDOW_CLOSED', { due: w.dueDate, period: w.period, source: w.source });
  }
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('sv_campaign_responses')
      .values({ target_id: target.id, kind: input.kind, content: input.content, submitted_on: opts.today, submitted_by: user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, opts.actor, {
      action: input.kind === 'objection' ? 'supervision.campaign.objection' : 'supervision.campaign.answer',
      entityType: 'sv_campaign',
      entityId: opts.campaignId,
      after: { 被督查单位: target.unit_name, 内容: input.content },
    });
    return { id: Number(r.id) };
  });
}

const decisionCodes = Object.keys(OBJECTION_DECISIONS) as [ObjectionDecision, ...ObjectionDecision[]];
export const decisionInput = z.object({
  decision: z.enum(decisionCodes, { error: '请选择复核决定' }).describe('复核决定'),
  note: text(2000).describe('复核意见（理由）'),
});

/** The office records its decision on an objection, once. */
export async function decideObjection(
  db: Kysely<DB>,
  opts: { user: SessionUser; actor: Actor; campaignId: number; responseId: number; input: z.infer<typeof decisionInput>; today: string },
): Promise<void> {
  if (!isCampaignOffice(opts.user)) throw new AppError('FORBIDDEN');
  const r = await db
    .selectFrom('sv_campaign_responses as r')
    .innerJoin('sv_campaign_targets as t', 't.id', 'r.target_id')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['r.id', 'r.kind', 'r.decision', 'u.name as unit_name'])
    .where('r.id', '=', opts.responseId)
    .where('t.campaign_id', '=', opts.campaignId)
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  if (r.kind !== 'objection') throw new AppError('SV_CAMPAIGN_INVALID', { detail: '情况说明无需作复核决定，只有异议需要' });
  if (r.decision) throw new AppError('SV_OBJECTION_DECIDED', { unit: r.unit_name });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('sv_campaign_responses')
      .set({ decision: opts.input.decision, decision_note: opts.input.note, decided_on: opts.today, decided_by: opts.user.id })
      .where('id', '=', r.id)
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'supervision.campaign.objection.decide',
      entityType: 'sv_campaign',
      entityId: opts.campaignId,
      after: { 被督查单位: r.unit_name, 复核决定: OBJECTION_DECISIONS[opts.input.decision], 复核意见: opts.input.note },
    });
  });
}
