import { z } from 'zod';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../../core/db/schema.ts';
import { defineJob } from '../../../../core/jobs/job-definition.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../../../core/audit/audit-chain.ts';
import { shanghaiDate } from '../../../../core/clock/clock.ts';
import { findRule } from '../../../../core/clock/legal-rules.ts';
import { loadCalendar } from '../../../../kernel/deadlines/index.ts';
import { endedPeriods, REPORT_REMIND_RULE, REPORT_RULES, reportDue } from './periods.ts';
import { daysUntil, TABLE_TITLE } from './stat-reports.ts';

const KIND = 'hazard.report.due';

/**
 * 统计表报送提醒: every reporting unit (the units of the staff who make the tables: 安委办/应急, townships, 行业主管部门)
 * whose table of an ended period is not yet signed is told once when the due date comes within the rule's lead time
 * (hz.report.remind) and once when it has passed. A notification of the same title to the same unit is never repeated.
 */
export async function remindStatReports(opts: { db: Kysely<DB>; now: Date }): Promise<{ reminded: number }> {
  const today = shanghaiDate(opts.now);
  const [remind, qRule, yRule, calendar] = await Promise.all([
    findRule(opts.db, REPORT_REMIND_RULE),
    findRule(opts.db, REPORT_RULES.quarter),
    findRule(opts.db, REPORT_RULES.year),
    loadCalendar(opts.db),
  ]);
  // the periods whose due date is near or just past: the last two quarters and the last year
  const periods = endedPeriods(today, 2, 1)
    .map((p) => ({ p, due: reportDue(calendar, p.kind === 'year' ? yRule : qRule, p).dueDate! }))
    .filter(({ due }) => daysUntil(today, due) <= remind.amount && daysUntil(due, today) <= 31);
  if (periods.length === 0) return { reminded: 0 };
  const units = await opts.db
    .selectFrom('users')
    .select('unit_id')
    .distinct()
    .where('disabled', '=', false)
    .where(sql<boolean>`roles && array['safety_staff', 'township_staff', 'dept_liaison']::text[]`)
    .execute();
  let reminded = 0;
  await opts.db.transaction().execute(async (trx) => {
    for (const { p, due } of periods) {
      const late = today > due;
      const title = `${late ? '【逾期未报】' : '【报送提醒】'}${p.name}${TABLE_TITLE}`;
      const body = late
        ? `${p.name}${TABLE_TITLE}应于 ${due} 前签发报送，现已逾期，请尽快生成并签发（${qRule.source}）。`
        : `${p.name}${TABLE_TITLE}应于 ${due} 前签发报送（还有${daysUntil(today, due)}日），请及时生成并审核签发（${qRule.source}）。`;
      for (const u of units) {
        const unitId = Number(u.unit_id);
        const signed = await trx
          .selectFrom('hazard_stat_reports')
          .select('id')
          .where('unit_id', '=', unitId)
          .where('period_kind', '=', p.kind)
          .where('year', '=', p.year)
          .where(sql<boolean>`coalesce(quarter, 0) = ${p.quarter ?? 0}`)
          .where('status', '=', 'signed')
          .executeTakeFirst();
        if (signed) continue;
        const told = await trx
          .selectFrom('notifications')
          .select('id')
          .where('unit_id', '=', unitId)
          .where('kind', '=', KIND)
          .where('title', '=', title)
          .executeTakeFirst();
        if (told) continue;
        await trx.insertInto('notifications').values({ unit_id: unitId, kind: KIND, title, body, created_at: opts.now }).execute();
        reminded += 1;
      }
    }
    if (reminded > 0)
      await appendAudit(trx, SYSTEM_ACTOR, { action: 'hazard.stat_report.remind', entityType: 'hazard_stat_report', after: { reminded, on: today } });
  });
  return { reminded };
}

/** Daily at 08:00 (Shanghai). */
export const statReportReminderJob = defineJob({
  id: 'hazard-stat-report-reminders',
  payload: z.object({ slot: z.string() }),
  handler: async (_payload, { database, clock }) => remindStatReports({ db: database.db, now: clock.now() }),
  retryLimit: 2,
  retryDelaySeconds: 300,
  retryBackoff: false,
  expireInSeconds: 10 * 60,
  timer: { everyMs: 24 * 3_600_000, phaseMs: 8 * 3_600_000, windowMs: 3 * 3_600_000 },
});
