import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import { appendAudit, type Actor } from '../core/audit/audit-chain.ts';
import { withAuditTime } from '../core/audit/audit-time.ts';
import { startDeadline } from '../kernel/deadlines/index.ts';
import { shanghaiDate } from '../core/clock/clock.ts';

export const DEMO_ITEMS_KEY = 'seed.demo.items';

interface DemoItem {
  module: 'supervision';
  prefix: string;
  title: string;
  /** owner unit by exact name */
  owner: string;
  assignee?: string;
  state: string;
  ruleKey: string;
  label: string;
  /** the clock started this many days before today, spreading items over every warning level */
  startedDaysAgo: number;
}

/**
 * A few open items of the modules that have no records yet (安全生产's are real hazards: see demo-safety.ts; 矛盾纠纷's real disputes: demo-disputes.ts; 稳评's real assessments: demo-risk.ts), so that 我的待办 of the demo accounts is
 * not empty. No personal data. (信访 cases are real petitions: see demo-petitions.ts.)
 */
// 督查督办's single demo item moved to the module's own records: the demo 督办通知 (demo-supervision.ts) assigns real
// 督办事项 in every stage. The list stays for a module that has no records of its own yet.
const DEMO_ITEMS: DemoItem[] = [];

/**
 * Registers the demo items and starts their deadline clocks through the kernel (so the due dates
 * follow the loaded calendar and rules). Idempotent on a settings marker; skipped when the legal
 * clock has not been seeded yet (ensureLegalClock runs first at start).
 */
export async function seedDemoWorkItems(opts: { db: Kysely<DB>; now: Date; actor: Actor }): Promise<{ seeded: boolean }> {
  const { now } = opts;
  // a clock started days ago is recorded on that day (the timeline shows no 补录 for it)
  let recordedAt = now;
  const db = withAuditTime(opts.db, () => recordedAt);
  if (await db.selectFrom('settings').select('key').where('key', '=', DEMO_ITEMS_KEY).executeTakeFirst()) return { seeded: false };
  if (DEMO_ITEMS.length === 0) return { seeded: false };
  const keys = [...new Set(DEMO_ITEMS.map((i) => i.ruleKey))];
  const rules = await db.selectFrom('legal_rules').select('key').where('key', 'in', keys).where('province', '=', '').execute();
  if (rules.length !== keys.length) return { seeded: false };

  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('audit_head').select('id').where('id', '=', 1).forUpdate().execute();
    if (await trx.selectFrom('settings').select('key').where('key', '=', DEMO_ITEMS_KEY).executeTakeFirst()) return { seeded: false };
    const year = shanghaiDate(now).slice(0, 4);
    let n = 0;
    for (const [i, item] of DEMO_ITEMS.entries()) {
      const owner = await trx.selectFrom('units').select(['id', 'path']).where('name', '=', item.owner).orderBy('id').executeTakeFirst();
      if (!owner) continue;
      const assignee = item.assignee ? await trx.selectFrom('users').select('id').where('username', '=', item.assignee).executeTakeFirst() : undefined;
      const started = new Date(now.getTime() - item.startedDaysAgo * 86_400_000);
      recordedAt = started;
      const { id } = await trx
        .insertInto('work_items')
        .values({
          module: item.module,
          ref_no: `${item.prefix}-${year}-DEMO${String(i + 1).padStart(3, '0')}`,
          title: item.title,
          state: item.state,
          owner_unit_id: owner.id,
          owner_unit_path: owner.path,
          assignee_id: assignee?.id ?? null,
          received_on: shanghaiDate(started),
          created_at: started,
          updated_at: started,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await startDeadline(trx, { workItemId: Number(id), ruleKey: item.ruleKey, label: item.label, startedAt: shanghaiDate(started), actor: opts.actor });
      n++;
    }
    recordedAt = now;
    await trx
      .insertInto('settings')
      .values({ key: DEMO_ITEMS_KEY, value: JSON.stringify({ version: 1, items: n }) })
      .execute();
    await appendAudit(trx, opts.actor, { action: 'seed.demo.items', entityType: 'work_item', after: { items: n } });
    return { seeded: true };
  });
}
