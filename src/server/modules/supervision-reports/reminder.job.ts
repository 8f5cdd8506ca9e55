import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { defineJob } from '../../core/jobs/job-definition.ts';
import { SYSTEM_ACTOR } from '../../core/audit/audit-chain.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { loadCalendar } from '../../kernel/deadlines/index.ts';
import { loadDefinition } from './store.ts';
import { recentSlots } from './schedule.ts';
import { sendReminders } from './reminders.ts';

const SYSTEM_VIEWER = { id: 0, unitId: 0, unitPath: '/', roles: ['auditor' as const] };

/**
 * 自动提醒: within the report's own lead time before a cut-off (its setting, 60 minutes unless changed; 0 = no automatic
 * reminder), every reporting unit that has not yet reported that period is told once
 * (periodic_report_reminders' unique index on the automatic reminder makes "once" hold across runs and instances).
 */
export async function remindBeforeCutOff(opts: { db: Kysely<DB>; now: Date }): Promise<{ reminded: number }> {
  const { db, now } = opts;
  const defs = await db.selectFrom('periodic_report_defs').select('id').where('stopped', '=', false).where('remind_before_minutes', '>', 0).execute();
  if (defs.length === 0) return { reminded: 0 };
  const calendar = await loadCalendar(db);
  const isWorkday = (d: string) => calendar.isWorkday(d).workday;
  let reminded = 0;
  for (const r of defs) {
    const def = await loadDefinition(db, SYSTEM_VIEWER, Number(r.id));
    const lead = def.remindBeforeMinutes * 60_000;
    const due = recentSlots(def.schedule, shanghaiDate(new Date(now.getTime() + lead)), isWorkday).filter(
      (s) => s.dueAt.getTime() > now.getTime() && s.dueAt.getTime() - now.getTime() <= lead,
    );
    if (due.length === 0) continue;
    const units = (await db.selectFrom('periodic_report_units').select('unit_id').where('def_id', '=', def.id).execute()).map((u) => Number(u.unit_id));
    for (const slot of due)
      reminded += await db
        .transaction()
        .execute((trx) => sendReminders(trx, { def, slot, unitIds: units, automatic: true, actor: SYSTEM_ACTOR, userId: null, now }));
  }
  return { reminded };
}

/** Every 10 minutes: a cut-off within a report's lead time is seen in time whatever minute it falls on. */
export const periodicReportReminderJob = defineJob({
  id: 'periodic-report-reminders',
  payload: z.object({ slot: z.string() }),
  handler: async (_payload, { database, clock }) => remindBeforeCutOff({ db: database.db, now: clock.now() }),
  retryLimit: 1,
  retryDelaySeconds: 60,
  retryBackoff: false,
  expireInSeconds: 5 * 60,
  timer: { everyMs: 10 * 60_000 },
});
