import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { SYSTEM_ACTOR } from '../../../core/audit/audit-chain.ts';
import { defineJob } from '../../../core/jobs/job-definition.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { stopDeadline } from '../../../kernel/deadlines/index.ts';

const WINDOW_RULES = ['acc.casualty_update', 'acc.casualty_update.road_fire'];

/**
 * The casualty-change window (补报期) is a period that closes, not a task that can be late: once its last day has
 * passed its clock is stopped (audited as every clock event), so no 超期 reminder is ever written for it.
 */
export async function closeCasualtyWindows(opts: { db: Kysely<DB>; now: Date }): Promise<{ closed: number }> {
  const today = shanghaiDate(opts.now);
  const open = await opts.db
    .selectFrom('deadlines as d')
    .innerJoin('work_items as w', 'w.id', 'd.work_item_id')
    .select('d.id')
    .where('w.module', '=', 'accident')
    .where('d.status', '=', 'running')
    .where('d.rule_key', 'in', WINDOW_RULES)
    .where('d.due_date', '<', today)
    .limit(500)
    .execute();
  for (const d of open) {
    await opts.db.transaction().execute((trx) => stopDeadline(trx, { deadlineId: Number(d.id), at: opts.now, reason: '补报期届满', actor: SYSTEM_ACTOR }));
  }
  return { closed: open.length };
}

export const casualtyWindowJob = defineJob({
  id: 'safety-accident-windows',
  payload: z.object({ slot: z.string() }),
  handler: async (_payload, { database, clock }) => closeCasualtyWindows({ db: database.db, now: clock.now() }),
  retryLimit: 2,
  retryDelaySeconds: 60,
  retryBackoff: false,
  expireInSeconds: 10 * 60,
  timer: { everyMs: 10 * 60_000 },
});
