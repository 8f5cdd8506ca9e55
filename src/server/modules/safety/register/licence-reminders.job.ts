import { z } from 'zod';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { defineJob } from '../../../core/jobs/job-definition.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../../core/audit/audit-chain.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { findRule } from '../../../core/clock/legal-rules.ts';

/**
 * 证照到期提醒: every licence expiring within the rule's lead time (haz.licence.remind) is reminded once to the
 * enterprise's 行业主管部门 (else its township) and to the enterprise's own accounts; reminded_on keeps it from
 * repeating. One audit event per run that reminded anything.
 */
export async function remindExpiringLicences(opts: { db: Kysely<DB>; now: Date }): Promise<{ reminded: number }> {
  const today = shanghaiDate(opts.now);
  const rule = await findRule(opts.db, 'haz.licence.remind');
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + rule.amount * 86_400_000).toISOString().slice(0, 10);
  return opts.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('safety_licences as l')
      .innerJoin('safety_enterprises as e', 'e.id', 'l.enterprise_id')
      .select([
        'l.id',
        'l.name',
        sql<string>`l.expires_on::text`.as('expires_on'),
        'e.id as enterprise_id',
        'e.name as enterprise_name',
        'e.township_unit_id',
        'e.regulator_unit_id',
      ])
      .where('e.disabled', '=', false)
      .where('l.reminded_on', 'is', null)
      .where('l.expires_on', '<=', horizon)
      .forUpdate()
      .execute();
    if (due.length === 0) return { reminded: 0 };
    for (const l of due) {
      const expired = l.expires_on < today;
      const title = `${expired ? '证照已过期' : '证照即将到期'}：${l.enterprise_name}`;
      const body = `${l.enterprise_name}的${l.name}${expired ? '已于' : '将于'} ${l.expires_on} 到期，请督促其及时办理延续（${rule.source}：提前${rule.amount}日提醒）`;
      const accounts = await trx.selectFrom('users').select('id').where('enterprise_id', '=', l.enterprise_id).where('disabled', '=', false).execute();
      await trx
        .insertInto('notifications')
        .values([
          { unit_id: l.regulator_unit_id ?? l.township_unit_id, kind: 'hazard.licence', title, body, created_at: opts.now },
          ...accounts.map((a) => ({ user_id: a.id, kind: 'hazard.licence', title, body, created_at: opts.now })),
        ])
        .execute();
    }
    await trx
      .updateTable('safety_licences')
      .set({ reminded_on: today })
      .where(
        'id',
        'in',
        due.map((l) => l.id),
      )
      .execute();
    await appendAudit(trx, SYSTEM_ACTOR, { action: 'hazard.licence.remind', entityType: 'safety_licence', after: { licences: due.length, on: today } });
    return { reminded: due.length };
  });
}

/** Daily at 08:00: licences nearing expiry are reminded. */
export const licenceReminderJob = defineJob({
  id: 'safety-licence-reminders',
  payload: z.object({ slot: z.string() }),
  handler: async (_payload, { database, clock }) => remindExpiringLicences({ db: database.db, now: clock.now() }),
  retryLimit: 2,
  retryDelaySeconds: 300,
  retryBackoff: false,
  expireInSeconds: 10 * 60,
  timer: { everyMs: 24 * 3_600_000, phaseMs: 8 * 3_600_000, windowMs: 3 * 3_600_000 },
});
