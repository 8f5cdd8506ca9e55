import { sql, type Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../core/audit/audit-chain.ts';
import { loadWarningThresholds, warningLevel, type WarningLevel } from '../../core/clock/warning-levels.ts';
import type { ModuleCatalog } from '../catalog/index.ts';

const LEVEL_LABEL: Record<Exclude<WarningLevel, 'normal'>, string> = { approaching: '临期', overdue: '超期', severe: '严重超期' };

export interface SweepResult {
  today: string;
  examined: number;
  written: number;
  byLevel: Record<string, number>;
}

/**
 * Writes one reminder per running deadline per warning level it has reached (临期 / 超期 /
 * 严重超期) into the notifications outbox. Idempotent: the (deadline_id, level) key turns a
 * second sweep of the same state into a no-op, so retries and overlapping runs are safe.
 * Only the current level is reminded (a deadline found already 严重超期 gets one reminder, not three).
 * A reminder goes to the responsible unit — the active 主办 (lead) party, else the owner — and the item's
 * assignee, and never to a unit the item is hidden from (the item's module rule, e.g. a 检举控告's accused).
 */
export async function sweepDeadlines(options: { db: Kysely<DB>; modules: ModuleCatalog; today: string; batchSize?: number }): Promise<SweepResult> {
  const { db, today } = options;
  const batchSize = options.batchSize ?? 2000;
  const thresholds = await loadWarningThresholds(db);
  // Only deadlines due on or before today + approachingDays can be above 'normal'.
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + thresholds.approachingDays * 86_400_000).toISOString().slice(0, 10);
  const result: SweepResult = { today, examined: 0, written: 0, byLevel: {} };
  let afterId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('deadlines as d')
      .innerJoin('work_items as w', 'w.id', 'd.work_item_id')
      .innerJoin('units as ou', 'ou.id', 'w.owner_unit_id')
      .select((eb) => [
        'd.id',
        'd.label',
        'd.due_date',
        'd.provisional',
        'w.id as work_item_id',
        'w.title',
        'w.ref_no',
        'w.owner_unit_id',
        'ou.path as owner_unit_path',
        'w.assignee_id',
        // the first active 主办 unit, if any (several would repeat the reminder)
        eb
          .selectFrom('case_parties as cp')
          .innerJoin('units as lu', 'lu.id', 'cp.unit_id')
          .select(sql<string>`lu.id || ':' || lu.path`.as('lead'))
          .whereRef('cp.work_item_id', '=', 'w.id')
          .where('cp.role', '=', 'lead')
          .where('cp.active', '=', true)
          .orderBy('cp.id')
          .limit(1)
          .as('lead'),
      ])
      .where('d.status', '=', 'running')
      // a minimum period (公示期) is never reminded: nothing falls due when it runs out
      .where('d.kind', '=', 'deadline')
      .where('w.open', '=', true)
      .where('d.due_date', 'is not', null)
      .where('d.due_date', '<=', horizon)
      .where('d.id', '>', afterId)
      // once the top level is reminded there is nothing left to say about this deadline
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('notifications as n').select('n.id').whereRef('n.deadline_id', '=', 'd.id').where('n.level', '=', 'severe'))),
      )
      .orderBy('d.id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    afterId = Number(rows.at(-1)!.id);
    result.examined += rows.length;
    const addressee = (r: (typeof rows)[number]) => {
      if (!r.lead) return { unitId: Number(r.owner_unit_id), unitPath: r.owner_unit_path };
      const [id, path] = r.lead.split(':');
      return { unitId: Number(id), unitPath: path! };
    };
    const hidden = await hiddenFrom(
      options.db,
      options.modules,
      rows.map((r) => ({ id: Number(r.work_item_id), unitPath: addressee(r).unitPath })),
    );
    const reminders = rows.flatMap((r) => {
      const level = warningLevel(r.due_date!, today, thresholds);
      if (level === 'normal') return [];
      if (r.assignee_id === null && hidden.has(`${r.work_item_id}:${addressee(r).unitPath}`)) return [];
      const label = LEVEL_LABEL[level];
      const days = Math.round((Date.parse(`${r.due_date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
      const when = days >= 0 ? `还剩 ${days} 天` : `已超期 ${-days} 天`;
      return [
        {
          user_id: r.assignee_id,
          unit_id: hidden.has(`${r.work_item_id}:${addressee(r).unitPath}`) ? null : addressee(r).unitId,
          kind: 'deadline.warning',
          title: `【${label}】${r.title}`,
          body: `${r.ref_no}“${r.label}”期限为 ${r.due_date}${r.provisional ? '（暂定）' : ''}，${when}。`,
          work_item_id: Number(r.work_item_id),
          deadline_id: Number(r.id),
          level,
        },
      ];
    });
    if (reminders.length === 0) continue;
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('notifications')
        .values(reminders)
        .onConflict((oc) => oc.columns(['deadline_id', 'level']).doNothing())
        .returning(['level'])
        .execute();
      if (inserted.length === 0) return;
      const counts: Record<string, number> = {};
      for (const { level } of inserted) counts[level!] = (counts[level!] ?? 0) + 1;
      for (const [level, n] of Object.entries(counts)) result.byLevel[level] = (result.byLevel[level] ?? 0) + n;
      result.written += inserted.length;
      // one audit event per batch, not per reminder: the outbox rows carry the detail
      await appendAudit(trx, SYSTEM_ACTOR, {
        action: 'deadline.remind',
        entityType: 'notifications',
        after: { today, written: inserted.length, byLevel: counts },
      });
    });
  }
  return result;
}

/**
 * The (item, unit path) pairs where the unit may not see the item under its module's rule: one query
 * per distinct unit of the batch (a batch touches few units), through the one visibility rule.
 */
async function hiddenFrom(db: Kysely<DB>, modules: ModuleCatalog, pairs: { id: number; unitPath: string }[]): Promise<Set<string>> {
  const byUnit = new Map<string, number[]>();
  for (const p of pairs) byUnit.set(p.unitPath, [...(byUnit.get(p.unitPath) ?? []), p.id]);
  const hidden = new Set<string>();
  for (const [unitPath, ids] of byUnit) {
    const seen = await db
      .selectFrom('work_items as wi')
      .select('wi.id')
      .where('wi.id', 'in', ids)
      .where(modules.moduleRulesSql({ roles: [], unitPath }))
      .execute();
    const visible = new Set(seen.map((r) => Number(r.id)));
    for (const id of ids) if (!visible.has(id)) hidden.add(`${id}:${unitPath}`);
  }
  return hidden;
}
