import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../core/audit/audit-chain.ts';
import { previewDeadline } from '../deadlines/index.ts';
import { formatShanghaiMinute } from '../../core/clock/day-math.ts';
import { NOTICE_REPLY_RULE } from './write-supervision.ts';
import { unitMaySee, type ModuleCatalog } from '../catalog/index.ts';

export interface AutoNoticeResult {
  today: string;
  issued: number;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * 自动督办: for every running clock of a declared rule that is past its due date on an open item,
 * issue one 督办通知 (issuer 系统, reply limit from `xf.supervise.reply`) to the responsible unit
 * — the active 主办 (lead) party, else the item's owner unit — and remind that unit.
 * Exactly once per deadline: the unique index on supervision_notices(deadline_id) makes a second
 * sweep, a retry or a concurrent instance a no-op (ON CONFLICT DO NOTHING), and the audit event
 * and reminder are written only by the insert that won, in the same transaction.
 */
export async function issueOverdueNotices(opts: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  today: string;
  now: Date;
  batchSize?: number;
}): Promise<AutoNoticeResult> {
  const { db, today, now } = opts;
  const result: AutoNoticeResult = { today, issued: 0 };
  const batchSize = opts.batchSize ?? 500;
  // each module declares which of its clocks bring a 督办通知 when overdue (descriptor.overdueRuleKeys)
  for (const policy of opts.modules.modules.map((m) => ({ module: m.kind, ruleKeys: m.overdueRuleKeys }))) {
    if (policy.ruleKeys.length === 0) continue;
    let afterId = 0;
    for (;;) {
      const rows = await db
        .selectFrom('deadlines as d')
        .innerJoin('work_items as w', 'w.id', 'd.work_item_id')
        .leftJoin('case_parties as cp', (j) => j.onRef('cp.work_item_id', '=', 'w.id').on('cp.role', '=', 'lead').on('cp.active', '=', true))
        .leftJoin('units as lu', 'lu.id', 'cp.unit_id')
        .innerJoin('units as ou', 'ou.id', 'w.owner_unit_id')
        .select([
          'd.id',
          'd.label',
          'd.rule_key',
          'd.due_date',
          'd.due_at',
          'w.id as work_item_id',
          'w.ref_no',
          'w.title',
          'w.owner_unit_id',
          'cp.unit_id as lead_unit_id',
          'lu.path as lead_unit_path',
          'ou.path as owner_unit_path',
        ])
        .where('w.module', '=', policy.module)
        .where('w.open', '=', true)
        .where('d.status', '=', 'running')
        .where('d.kind', '=', 'deadline')
        .where('d.rule_key', 'in', [...policy.ruleKeys])
        .where('d.due_date', 'is not', null)
        // a day clock is overdue from the day after its due date; an hour clock (due_at) as soon as its instant passes
        .where((eb) => eb.or([eb.and([eb('d.due_at', 'is', null), eb('d.due_date', '<', today)]), eb('d.due_at', '<', now)]))
        .where('d.id', '>', afterId)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('supervision_notices as n').select('n.id').whereRef('n.deadline_id', '=', 'd.id'))))
        .orderBy('d.id')
        .limit(batchSize)
        .execute();
      if (rows.length === 0) break;
      afterId = Number(rows.at(-1)!.id);
      // several lead parties would repeat a deadline: one notice per deadline, to the first lead unit
      const seen = new Set<number>();
      for (const r of rows) {
        const deadlineId = Number(r.id);
        if (seen.has(deadlineId)) continue;
        seen.add(deadlineId);
        if (await issueOne(db, opts.modules, { ...r, deadlineId, today, now })) result.issued += 1;
      }
    }
  }
  return result;
}

async function issueOne(
  db: Kysely<DB>,
  modules: ModuleCatalog,
  r: {
    deadlineId: number;
    label: string;
    rule_key: string;
    due_date: string | null;
    due_at: Date | null;
    work_item_id: number;
    ref_no: string;
    title: string;
    owner_unit_id: number;
    owner_unit_path: string;
    lead_unit_id: number | null;
    lead_unit_path: string | null;
    today: string;
    now: Date;
  },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const reply = await previewDeadline(trx, { ruleKey: NOTICE_REPLY_RULE, from: r.today });
    if (!reply.dueDate) return false;
    const unitId = Number(r.lead_unit_id ?? r.owner_unit_id);
    const late = r.due_at
      ? `期限为 ${formatShanghaiMinute(new Date(r.due_at))}，已超期 ${Math.max(1, Math.ceil((r.now.getTime() - new Date(r.due_at).getTime()) / 3600_000))} 小时`
      : `期限为 ${r.due_date}，已超期 ${daysBetween(r.due_date!, r.today)} 天`;
    const text = `${r.ref_no}“${r.label}”${late}未办结。请责任单位抓紧办理，并于 ${reply.dueDate} 前书面回复办理情况和超期原因。`;
    const inserted = await trx
      .insertInto('supervision_notices')
      .values({
        work_item_id: Number(r.work_item_id),
        level: 'county',
        text,
        issued_by: null,
        issued_at: r.now,
        rule_key: NOTICE_REPLY_RULE,
        reply_due: reply.dueDate,
        deadline_id: r.deadlineId,
      })
      .onConflict((oc) => oc.column('deadline_id').where('deadline_id', 'is not', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    // never to a unit the item is hidden from (the accused unit of a 检举控告): the notice stands, unaddressed
    const addressed = await unitMaySee(trx, modules, { id: Number(r.work_item_id), unitPath: r.lead_unit_path ?? r.owner_unit_path });
    if (addressed)
      await trx
        .insertInto('notifications')
        .values({
          unit_id: unitId,
          kind: 'supervision.notice',
          title: `【督办】${r.title}`,
          body: text,
          work_item_id: Number(r.work_item_id),
          deadline_id: r.deadlineId,
          level: null,
        })
        .execute();
    await appendAudit(trx, SYSTEM_ACTOR, {
      action: 'supervision.notice',
      entityType: 'work_item',
      entityId: Number(r.work_item_id),
      before: null,
      after: {
        noticeId: Number(inserted.id),
        level: 'county',
        text,
        replyDue: reply.dueDate,
        automatic: true,
        deadlineId: r.deadlineId,
        ruleKey: r.rule_key,
        unitId: addressed ? unitId : null,
      },
    });
    return true;
  });
}
