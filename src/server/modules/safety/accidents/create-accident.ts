import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { can } from '../../../core/access/policy.ts';
import { inScope, isCountyWide } from '../../../core/access/scope.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { findRule } from '../../../core/clock/legal-rules.ts';
import { formatShanghaiMinute } from '../../../core/clock/day-math.ts';
import { isoDateTime, text } from '../../../core/http/input.ts';
import { createItem } from '../../../kernel/actions/index.ts';
import { assignParties } from '../../../kernel/parties/index.ts';
import { startDeadline, stopDeadline } from '../../../kernel/deadlines/index.ts';
import { enterpriseVisibleSql } from '../register/scope.ts';
import { casualtyFields } from './machine.ts';
import { gradeAccident, loadGradeScale } from './grading.ts';
import { ACCIDENT_MODULE } from './descriptor.ts';
import { ACCIDENT_TYPE_CODES, ACCIDENT_TYPES, casualtyWindowRule, CLOCK_LABELS } from './vocabulary.ts';

export const accidentReportBody = z.object({
  unitName: text(100, { min: 2 }).describe('事故单位'),
  unitAddress: text(200, { min: 0 }).default('').describe('单位地址'),
  enterpriseId: z.number().int().positive().nullable().default(null).describe('登记在册的企业（可空）'),
  townshipUnitId: z.number().int().positive().describe('属地乡镇'),
  accidentType: z.enum(ACCIDENT_TYPE_CODES, { error: '请选择事故类别' }).describe('事故类别'),
  place: text(200, { min: 2 }).describe('事故地点'),
  summary: text(2000, { min: 5 }).describe('事故简要经过'),
  occurredAt: isoDateTime.describe('事故发生时间'),
  reportedAt: isoDateTime.describe('接报时间，县应急管理部门接到事故单位报告的时间'),
  ...casualtyFields,
  entryReason: text(500, { min: 0 }).optional().describe('补录说明，事后补录时填写'),
});
export type AccidentReportInput = z.output<typeof accidentReportBody>;

/**
 * 事故快报: the work item (kind 'accident', owned by the reporting unit, the 属地 township as 属地单位), its row with
 * the grade, and the statutory clocks — the unit's 1 hour (started at the accident, stopped when the county got the
 * report: on time or 迟报 shows on the clock), the county's report upward (2 hours from receipt), the casualty window
 * (30 days; road and fire 7) and the investigation report (60 days from the accident). Entered after the county's
 * own reporting hours have passed, it is a 补录 and needs its reason.
 */
export async function reportAccident(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  actor: Actor;
  now: Date;
  input: AccidentReportInput;
}): Promise<{ id: number; refNo: string }> {
  const { db, user, actor, now, input } = opts;
  if (!can(user, 'workitem.handle')) throw new AppError('FORBIDDEN');
  const occurredAt = new Date(input.occurredAt);
  const reportedAt = new Date(input.reportedAt);
  if (occurredAt > now) throw new AppError('VALIDATION_FAILED', { detail: 'occurredAt：事故发生时间不能晚于当前时间' }, { field: 'occurredAt' });
  if (reportedAt > now) throw new AppError('VALIDATION_FAILED', { detail: 'reportedAt：接报时间不能晚于当前时间' }, { field: 'reportedAt' });
  if (reportedAt < occurredAt) throw new AppError('VALIDATION_FAILED', { detail: 'reportedAt：接报时间不能早于事故发生时间' }, { field: 'reportedAt' });
  const township = await db
    .selectFrom('units')
    .select(['id', 'name', 'path', 'kind'])
    .where('id', '=', input.townshipUnitId)
    .where('disabled', '=', false)
    .executeTakeFirst();
  if (!township || !['township', 'street'].includes(township.kind))
    throw new AppError('UNIT_INVALID', { detail: '属地应为本县的乡镇（街道）' }, { field: 'townshipUnitId' });
  // an accident at a registered enterprise is linked to it (its page lists its accidents): one the reporter may see
  if (input.enterpriseId !== null) {
    const enterprise = await db
      .selectFrom('safety_enterprises as e')
      .select('e.id')
      .where('e.id', '=', input.enterpriseId)
      .where('e.disabled', '=', false)
      .where(enterpriseVisibleSql(user, 'e'))
      .executeTakeFirst();
    if (!enterprise) throw new AppError('SAFETY_ENTERPRISE_INVALID', { detail: '企业不存在或不在本人的管辖范围内' }, { field: 'enterpriseId' });
  }
  // a township (or a village in it) reports accidents in its own territory; county-wide staff for any township
  if (!isCountyWide(user) && !inScope(user, township.path) && !user.unitPath.startsWith(township.path))
    throw new AppError('UNIT_INVALID', { detail: '只能报告本乡镇属地内的事故' }, { field: 'townshipUnitId' });

  // 补录: entered after the county itself should have reported upward (acc.level hours after receipt)
  const level = await findRule(db, 'acc.level');
  const lateEntry = now.getTime() - reportedAt.getTime() > level.amount * 3600_000;
  const entryReason = input.entryReason?.trim() || null;
  if (lateEntry && !entryReason)
    throw new AppError('ACCIDENT_ENTRY_REASON_REQUIRED', { received: formatShanghaiMinute(reportedAt), hours: level.amount }, { field: 'entryReason' });

  const directLossYuan = Math.round(input.directLossWan * 10_000);
  const { grade } = gradeAccident({ deaths: input.deaths, seriousInjuries: input.seriousInjuries, directLossYuan }, await loadGradeScale(db));
  const occurredOn = shanghaiDate(occurredAt);
  const title = `${township.name}${input.place.startsWith(township.name) ? input.place.slice(township.name.length) : input.place}${ACCIDENT_TYPES[input.accidentType]}事故`;
  return db.transaction().execute(async (trx) => {
    const item = await createItem(trx, {
      module: ACCIDENT_MODULE,
      title: title.slice(0, 200),
      state: 'reported',
      ownerUnitId: user.unitId,
      actor,
      now,
      occurredOn,
      // older than the kernel's back-dating window: the same 补录 reason stands for the business date
      backdateReason: entryReason ?? undefined,
    });
    await trx
      .insertInto('safety_accidents')
      .values({
        id: item.id,
        enterprise_id: input.enterpriseId,
        unit_name: input.unitName,
        unit_address: input.unitAddress,
        township_unit_id: Number(township.id),
        accident_type: input.accidentType,
        place: input.place,
        summary: input.summary,
        occurred_at: occurredAt,
        reported_at: reportedAt,
        entered_at: now,
        entry_reason: entryReason,
        deaths: input.deaths,
        serious_injuries: input.seriousInjuries,
        minor_injuries: input.minorInjuries,
        direct_loss_yuan: directLossYuan,
        grade,
      })
      .execute();
    if (user.unitPath !== township.path) {
      await assignParties(trx, { workItemId: item.id, parties: [{ role: 'territorial', unitId: Number(township.id) }], actor, at: now });
    }
    const unitClock = await startDeadline(trx, { workItemId: item.id, ruleKey: 'acc.unit', label: CLOCK_LABELS.unit, startedAt: occurredAt, actor });
    await stopDeadline(trx, { deadlineId: unitClock.id, at: reportedAt, actor });
    await startDeadline(trx, { workItemId: item.id, ruleKey: 'acc.level', label: CLOCK_LABELS.level, startedAt: reportedAt, actor });
    await startDeadline(trx, {
      workItemId: item.id,
      ruleKey: casualtyWindowRule(input.accidentType),
      label: CLOCK_LABELS.window,
      startedAt: occurredOn,
      actor,
    });
    await startDeadline(trx, { workItemId: item.id, ruleKey: 'acc.report', label: CLOCK_LABELS.report, startedAt: occurredOn, actor });
    return { id: item.id, refNo: item.refNo };
  });
}
