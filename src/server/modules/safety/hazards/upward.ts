import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { moduleVisibleSql } from '../../../kernel/catalog/index.ts';
import { startDeadline, stopDeadline } from '../../../kernel/deadlines/index.ts';
import { HAZARD_VISIBILITY } from './visibility.ts';
import { isHazardHandler } from './machine.ts';
import { PLAN_ELEMENTS, type HazardPlan, type PlanElement } from './fields.ts';

import { UPWARD_KINDS, UPWARD_RULES, type UpwardKind } from './upward-rules.ts';
const CLOCK_LABELS: Record<UpwardKind, string> = { major: '重大隐患上报期限', closure: '重大隐患销号核销报告期限' };
/** The setting naming whom a 重大事故隐患 is reported to (the county 安委办 and the higher level's 应急管理部门). */
export const UPWARD_SETTING = 'safety.hazard_upward';

export interface UpwardReportView {
  id: number;
  kind: UpwardKind;
  kindName: string;
  requiredOn: string;
  /** the clock's due date (or instant, for an hour rule), null once the clock is gone */
  dueDate: string | null;
  dueAt: string | null;
  reported: boolean;
  late: boolean;
  recipients: string[];
  content: string | null;
  reportedOn: string | null;
  reportedByName: string | null;
  /** what a report made now would say (for the form), only while it is pending */
  draft: string | null;
}

/**
 * A 重大事故隐患 must be reported upward (at registration, or regraded to 重大), and its 销号 too: a pending record and
 * its clock from the rule. One pending record per hazard and kind (a second call is a no-op).
 */
export async function requireUpwardReport(trx: Transaction<DB>, o: { hazardId: number; kind: UpwardKind; at: Date; actor: Actor }): Promise<void> {
  const inserted = await trx
    .insertInto('hazard_upward_reports')
    .values({ hazard_id: o.hazardId, kind: o.kind, required_on: shanghaiDate(o.at), created_at: o.at })
    .onConflict((oc) => oc.columns(['hazard_id', 'kind']).where('reported_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return;
  const clock = await startDeadline(trx, {
    workItemId: o.hazardId,
    ruleKey: UPWARD_RULES[o.kind],
    label: CLOCK_LABELS[o.kind],
    startedAt: o.at,
    actor: o.actor,
  });
  await trx.updateTable('hazard_upward_reports').set({ deadline_id: clock.id }).where('id', '=', Number(inserted.id)).execute();
}

/** A hazard regraded to 一般 before it was reported: the pending 重大 report and its clock are withdrawn. */
export async function withdrawUpwardReport(trx: Transaction<DB>, o: { hazardId: number; kind: UpwardKind; at: Date; actor: Actor }): Promise<void> {
  const pending = await trx
    .deleteFrom('hazard_upward_reports')
    .where('hazard_id', '=', o.hazardId)
    .where('kind', '=', o.kind)
    .where('reported_at', 'is', null)
    .returning('deadline_id')
    .executeTakeFirst();
  if (pending?.deadline_id) await stopRunning(trx, Number(pending.deadline_id), o.at, o.actor);
}

async function stopRunning(trx: Transaction<DB>, deadlineId: number, at: Date, actor: Actor) {
  const d = await trx.selectFrom('deadlines').select('status').where('id', '=', deadlineId).executeTakeFirst();
  if (d && d.status !== 'stopped') await stopDeadline(trx, { deadlineId, at, actor });
}

async function recipients(db: Kysely<DB>): Promise<string[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', UPWARD_SETTING).executeTakeFirst();
  const list = (row?.value as { recipients?: unknown } | undefined)?.recipients;
  if (!Array.isArray(list) || list.length === 0 || !list.every((r) => typeof r === 'string' && r.trim()))
    throw new AppError('SETTING_INVALID', { key: UPWARD_SETTING });
  return list as string[];
}

/**
 * 报告内容 generated from the hazard, as 16号令 第十四条 asks of a 重大事故隐患 report: its present state and cause, the
 * harm and how hard it is to fix, and the 治理方案; for the 销号 report, the 验收 and 销号.
 */
export async function upwardContent(db: Kysely<DB>, hazardId: number, kind: UpwardKind): Promise<string> {
  const h = await db
    .selectFrom('hazards as h')
    .innerJoin('work_items as wi', 'wi.id', 'h.id')
    .innerJoin('safety_enterprises as e', 'e.id', 'h.enterprise_id')
    .leftJoin('units as t', 't.id', 'e.township_unit_id')
    .leftJoin('units as r', 'r.id', 'e.regulator_unit_id')
    .select([
      'wi.ref_no',
      'e.name as enterprise',
      't.name as township',
      'r.name as regulator',
      'h.category',
      'h.description',
      'h.location',
      'h.basis',
      sql<string>`h.found_on::text`.as('found_on'),
      sql<string>`h.due_on::text`.as('due_on'),
      'h.suspended',
      'h.temp_measures',
      'h.plan',
      'h.verify_conclusion',
      sql<string | null>`h.closed_on::text`.as('closed_on'),
      'h.funds',
    ])
    .where('h.id', '=', hazardId)
    .executeTakeFirstOrThrow();
  const where = [h.township, h.regulator ? `行业主管部门：${h.regulator}` : null].filter(Boolean).join('，');
  const head = `${h.ref_no} ${h.enterprise}（${where}）重大事故隐患`;
  if (kind === 'closure')
    return [
      `${head}已治理完毕。`,
      `一、隐患情况：${h.description}${h.location ? `（部位：${h.location}）` : ''}，${h.found_on}排查发现。`,
      `二、治理和验收情况：${h.verify_conclusion ?? '已复查验收'}${h.funds !== null ? `，投入整改资金${Number(h.funds)}元` : ''}。`,
      `三、销号：${h.closed_on ?? ''}经复查验收合格予以销号，现报请核销。`,
    ].join('\n');
  const plan = (h.plan ?? null) as HazardPlan | null;
  const planText = plan
    ? (Object.keys(PLAN_ELEMENTS) as PlanElement[])
        .filter((k) => plan[k])
        .map((k) => `${PLAN_ELEMENTS[k]}：${plan[k]}`)
        .join('；')
    : '';
  return [
    `${head}，${h.found_on}排查发现。`,
    `一、隐患的现状及其产生原因：${h.description}${h.location ? `（部位：${h.location}）` : ''}；类别：${h.category}${h.basis ? `；判定依据：${h.basis}` : ''}。`,
    `二、隐患的危害程度和整治难易程度分析：属重大事故隐患，${h.suspended ? '已责令停产停业整顿，' : ''}${h.temp_measures ? `已采取临时防范措施（${h.temp_measures}），` : ''}限${h.due_on}前整改完毕。`,
    `三、隐患的治理方案：${planText || '治理方案正在制定，制定后续报'}。`,
  ].join('\n');
}

/** The hazard's reports upward, oldest first, with their clocks. */
export async function listUpwardReports(db: Kysely<DB>, hazardId: number, now: Date): Promise<UpwardReportView[]> {
  const rows = await db
    .selectFrom('hazard_upward_reports as u')
    .leftJoin('deadlines as d', 'd.id', 'u.deadline_id')
    .leftJoin('users as p', 'p.id', 'u.reported_by')
    .select([
      'u.id',
      'u.kind',
      sql<string>`u.required_on::text`.as('required_on'),
      sql<string | null>`d.due_date::text`.as('due_date'),
      'd.due_at',
      'u.recipients',
      'u.content',
      sql<string | null>`u.reported_on::text`.as('reported_on'),
      'u.reported_at',
      'p.display_name as reporter',
    ])
    .where('u.hazard_id', '=', hazardId)
    .orderBy('u.id')
    .execute();
  const today = shanghaiDate(now);
  const out: UpwardReportView[] = [];
  for (const r of rows) {
    const reported = r.reported_at !== null;
    const at = reported ? new Date(r.reported_at!) : now;
    const late = r.due_at ? at.getTime() > new Date(r.due_at).getTime() : r.due_date !== null && (reported ? r.reported_on! : today) > r.due_date;
    out.push({
      id: Number(r.id),
      kind: r.kind,
      kindName: UPWARD_KINDS[r.kind],
      requiredOn: r.required_on,
      dueDate: r.due_date,
      dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
      reported,
      late,
      recipients: r.recipients,
      content: r.content,
      reportedOn: r.reported_on,
      reportedByName: r.reporter,
      draft: reported ? null : await upwardContent(db, hazardId, r.kind),
    });
  }
  return out;
}

/**
 * 上报: staff who handle the hazard record that its pending report went upward — to the recipients of the setting,
 * with the 报告内容 generated from the hazard (or as edited), on the day given (not in the future). The clock stops;
 * audited on the hazard.
 */
export async function recordUpwardReport(
  db: Kysely<DB>,
  o: { hazardId: number; reportId: number; user: SessionUser; actor: Actor; now: Date; content?: string; reportedOn?: string },
): Promise<UpwardReportView> {
  if (!isHazardHandler(o.user)) throw new AppError('FORBIDDEN');
  const today = shanghaiDate(o.now);
  const on = o.reportedOn ?? today;
  if (on > today) throw new AppError('VALIDATION_FAILED', { detail: '上报日期：不能晚于今天' }, { field: 'reportedOn' });
  await db.transaction().execute(async (trx) => {
    const seen = await trx
      .selectFrom('work_items as wi')
      .select('wi.id')
      .where('wi.id', '=', o.hazardId)
      .where('wi.module', '=', 'hazard')
      .where(moduleVisibleSql(HAZARD_VISIBILITY, o.user))
      .executeTakeFirst();
    if (!seen) throw new AppError('NOT_FOUND');
    const pending = await trx
      .selectFrom('hazard_upward_reports')
      .select(['id', 'kind', 'deadline_id', sql<string>`required_on::text`.as('required_on')])
      .where('id', '=', o.reportId)
      .where('hazard_id', '=', o.hazardId)
      .forUpdate()
      .executeTakeFirst();
    if (!pending) throw new AppError('NOT_FOUND');
    const done = await trx.selectFrom('hazard_upward_reports').select('reported_at').where('id', '=', o.reportId).executeTakeFirstOrThrow();
    if (done.reported_at !== null) throw new AppError('HAZARD_UPWARD_ALREADY');
    if (on < pending.required_on)
      throw new AppError('VALIDATION_FAILED', { detail: `上报日期：不能早于需要上报之日（${pending.required_on}）` }, { field: 'reportedOn' });
    const to = await recipients(trx);
    const content = o.content?.trim() || (await upwardContent(trx, o.hazardId, pending.kind));
    await trx
      .updateTable('hazard_upward_reports')
      .set({ recipients: to, content, reported_on: on, reported_by: o.user.id, reported_at: o.now })
      .where('id', '=', o.reportId)
      .execute();
    if (pending.deadline_id) await stopRunning(trx, Number(pending.deadline_id), o.now, o.actor);
    await appendAudit(trx, o.actor, {
      action: 'hazard.upward_report',
      entityType: 'work_item',
      entityId: o.hazardId,
      after: { kind: pending.kind, recipients: to, reportedOn: on },
    });
  });
  const views = await listUpwardReports(db, o.hazardId, o.now);
  return views.find((v) => v.id === o.reportId)!;
}
