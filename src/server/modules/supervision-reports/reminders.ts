import type { Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import type { Definition } from './store.ts';
import type { Slot } from './schedule.ts';

export const REMINDER_KIND = 'periodic_report.remind';

const hm = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

/**
 * Tells each unit (its inbox, through the kernel's notifications) that its report of a period is awaited: before the
 * cut-off "请于…前报送", after it "已过截止时间，请尽快补报". The automatic reminder goes once per unit and period
 * (a unique index guards it across app instances); the office's button may remind again. Returns the units told.
 */
export async function sendReminders(
  trx: Transaction<DB>,
  opts: { def: Definition; slot: Slot; unitIds: number[]; automatic: boolean; actor: Actor; userId: number | null; now: Date },
): Promise<number> {
  const { def, slot, now } = opts;
  if (opts.unitIds.length === 0) return 0;
  const submitted = new Set(
    (
      await trx
        .selectFrom('periodic_report_submissions')
        .select('unit_id')
        .where('def_id', '=', def.id)
        .where('period_start', '=', slot.periodStart)
        .where('unit_id', 'in', opts.unitIds)
        .execute()
    ).map((r) => Number(r.unit_id)),
  );
  const passed = now.getTime() > slot.dueAt.getTime();
  const title = `【${passed ? '缺报提醒' : '报送提醒'}】${def.name}（${slot.label}）`;
  const body = passed
    ? `${def.name}（${slot.label}）应于 ${slot.dueDate} ${hm(slot.dueAt)} 前报送，贵单位尚未报送，已过截止时间，请尽快补报（补报计为迟报）。发起单位：${def.issuerName}。`
    : `${def.name}（${slot.label}）请于 ${slot.dueDate} ${hm(slot.dueAt)} 前报送${def.zeroPolicy === 'none' ? '' : '，无情况的如实作零报告'}。发起单位：${def.issuerName}。`;
  const told: number[] = [];
  for (const unitId of opts.unitIds) {
    if (submitted.has(unitId)) continue;
    const row = await trx
      .insertInto('periodic_report_reminders')
      .values({ def_id: def.id, unit_id: unitId, period_start: slot.periodStart, automatic: opts.automatic, sent_at: now, sent_by: opts.userId })
      .$if(opts.automatic, (q) => q.onConflict((oc) => oc.columns(['def_id', 'unit_id', 'period_start']).where('automatic', '=', true).doNothing()))
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    await trx.insertInto('notifications').values({ unit_id: unitId, kind: REMINDER_KIND, title, body, created_at: now }).execute();
    told.push(unitId);
  }
  if (told.length > 0)
    await appendAudit(trx, opts.actor, {
      action: opts.automatic ? 'periodic_report.remind.auto' : 'periodic_report.remind',
      entityType: 'periodic_report',
      entityId: def.id,
      after: { name: def.name, period: slot.label, units: told.length },
    });
  return told.length;
}
