import { sql, type Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../core/audit/audit-chain.ts';
import { formatShanghaiMinute } from '../../core/clock/day-math.ts';
import { unitMaySee, type ModuleCatalog } from '../catalog/index.ts';

const LEVEL_WORDS: Record<string, string> = { approaching: '临期提醒', overdue: '超期提醒', severe: '严重超期提醒' };

/** One link of the 责任倒查 chain: a reminder, the 督办通知, the escalation itself — when, what, to whom. */
export interface ChainStep {
  at: string;
  kind: 'reminder' | 'notice' | 'escalation';
  text: string;
}

/** One 升级督办 with its 问责 record, as the item's page shows it. */
export interface EscalationView {
  id: number;
  escalatedAt: string;
  unitName: string | null;
  leaderNames: string[];
  responsibleUnitName: string | null;
  responsibleUserName: string | null;
  overdueText: string;
  text: string;
  chain: ChainStep[];
}

export interface EscalationResult {
  today: string;
  escalated: number;
}

/**
 * 升级督办: an automatic 督办通知 whose reply limit (its reply_due, from the rule of the notice) passed with no reply is
 * escalated to the leaders of the unit the item's module names (descriptor.escalationUnit): a notification to each
 * leader's account and to the unit, a record with the 问责 (责任倒查) chain — who was responsible, what was overdue, the
 * reminders and the 督办 before it — and an audit event on the item (its timeline reads 升级督办). Once per notice:
 * the unique notice_id makes a second sweep, a retry or a concurrent instance a no-op.
 */
export async function escalateUnansweredNotices(opts: { db: Kysely<DB>; modules: ModuleCatalog; today: string; now: Date }): Promise<EscalationResult> {
  const { db, today, now } = opts;
  const result: EscalationResult = { today, escalated: 0 };
  for (const m of opts.modules.modules) {
    const unitOf = m.escalationUnit;
    if (!unitOf) continue;
    const rows = await db
      .selectFrom('supervision_notices as n')
      .innerJoin('work_items as w', 'w.id', 'n.work_item_id')
      .select(['n.id', 'n.work_item_id', 'n.deadline_id', 'n.issued_at', 'n.reply_due', 'n.text'])
      .where('w.module', '=', m.kind)
      .where('w.open', '=', true)
      .where('n.deadline_id', 'is not', null)
      .where('n.replied_at', 'is', null)
      .where('n.reply_due', '<', today)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('supervision_escalations as e').select('e.id').whereRef('e.notice_id', '=', 'n.id'))))
      .orderBy('n.id')
      .limit(500)
      .execute();
    for (const r of rows) {
      if (await escalateOne(db, opts.modules, unitOf, { ...r, id: Number(r.id), workItemId: Number(r.work_item_id), deadlineId: Number(r.deadline_id), now }))
        result.escalated += 1;
    }
  }
  return result;
}

async function escalateOne(
  db: Kysely<DB>,
  modules: ModuleCatalog,
  unitOf: NonNullable<ModuleCatalog['modules'][number]['escalationUnit']>,
  n: { id: number; workItemId: number; deadlineId: number; issued_at: Date; reply_due: string; text: string; now: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('work_items as w')
      .leftJoin('case_parties as cp', (j) => j.onRef('cp.work_item_id', '=', 'w.id').on('cp.role', '=', 'lead').on('cp.active', '=', true))
      .select(['w.ref_no', 'w.title', 'w.owner_unit_id', 'w.assignee_id', 'cp.unit_id as lead_unit_id'])
      .where('w.id', '=', n.workItemId)
      .executeTakeFirstOrThrow();
    const deadline = await trx
      .selectFrom('deadlines')
      .select(['label', 'due_date', 'due_at', 'rule_key'])
      .where('id', '=', n.deadlineId)
      .executeTakeFirstOrThrow();
    const unitId = await unitOf(trx, n.workItemId);
    const unit = unitId === null ? undefined : await trx.selectFrom('units').select(['id', 'name', 'path']).where('id', '=', unitId).executeTakeFirst();
    // the unit's leaders: leader records of that unit or overseeing it, with an account that may open the item
    const leaders = unit
      ? await trx
          .selectFrom('leaders as l')
          .innerJoin('users as u', 'u.id', 'l.user_id')
          .select(['l.name', 'l.title', 'u.id as user_id'])
          .where('l.disabled', '=', false)
          .where('u.disabled', '=', false)
          .where((eb) => eb.or([eb('l.unit_id', '=', unit.id), sql<boolean>`${unit.id} = any(l.oversees_unit_ids)`]))
          .orderBy('l.sort')
          .execute()
      : [];
    const responsibleUnitId = Number(item.lead_unit_id ?? item.owner_unit_id);
    const responsibleUnit = await trx.selectFrom('units').select('name').where('id', '=', responsibleUnitId).executeTakeFirst();
    const overdueText = deadline.due_at
      ? `“${deadline.label}”期限为 ${formatShanghaiMinute(new Date(deadline.due_at))}，逾期未办结`
      : `“${deadline.label}”期限为 ${deadline.due_date}，逾期未办结`;
    const reminders = await trx
      .selectFrom('notifications as nt')
      .leftJoin('units as u', 'u.id', 'nt.unit_id')
      .select(['nt.level', 'nt.created_at', 'u.name as unit_name'])
      .where('nt.deadline_id', '=', n.deadlineId)
      .where('nt.kind', '=', 'deadline.warning')
      .orderBy('nt.created_at')
      .orderBy('nt.id')
      .execute();
    const chain: ChainStep[] = [
      ...reminders.map((r) => ({
        at: new Date(r.created_at).toISOString(),
        kind: 'reminder' as const,
        text: `${LEVEL_WORDS[r.level ?? ''] ?? '期限提醒'}${r.unit_name ? `：${r.unit_name}` : ''}`,
      })),
      {
        at: new Date(n.issued_at).toISOString(),
        kind: 'notice',
        text: `自动督办通知${responsibleUnit ? `：${responsibleUnit.name}` : ''}，限 ${n.reply_due} 前书面回复，逾期未回复`,
      },
    ];
    const to = unit ? `${unit.name}${leaders.length ? `（${leaders.map((l) => `${l.title}${l.name}`).join('、')}）` : '负责同志'}` : '（未指定主管单位）';
    const text = `${item.ref_no}${overdueText}；${n.reply_due} 督办回复期限届满仍未回复，升级督办至${to}。请督促${responsibleUnit?.name ?? '责任单位'}立即办理，并对超期原因倒查责任。`;
    chain.push({ at: n.now.toISOString(), kind: 'escalation', text: `升级督办：${to}` });
    const inserted = await trx
      .insertInto('supervision_escalations')
      .values({
        notice_id: n.id,
        work_item_id: n.workItemId,
        unit_id: unit ? Number(unit.id) : null,
        leader_user_ids: leaders.map((l) => Number(l.user_id)),
        responsible_unit_id: responsibleUnitId,
        responsible_user_id: item.assignee_id === null ? null : Number(item.assignee_id),
        overdue_text: overdueText,
        text,
        chain: JSON.stringify(chain),
        escalated_at: n.now,
      })
      .onConflict((oc) => oc.column('notice_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    // never to a unit the item is hidden from: the record stands, unaddressed
    const addressed = unit ? await unitMaySee(trx, modules, { id: n.workItemId, unitPath: unit.path }) : false;
    if (addressed && unit) {
      const title = `【升级督办】${item.title}`;
      await trx
        .insertInto('notifications')
        .values([
          {
            unit_id: Number(unit.id),
            kind: 'supervision.escalation',
            title,
            body: text,
            work_item_id: n.workItemId,
            deadline_id: n.deadlineId,
            created_at: n.now,
          },
          ...leaders.map((l) => ({
            user_id: Number(l.user_id),
            kind: 'supervision.escalation',
            title,
            body: text,
            work_item_id: n.workItemId,
            deadline_id: n.deadlineId,
            created_at: n.now,
          })),
        ])
        .execute();
    }
    await appendAudit(trx, SYSTEM_ACTOR, {
      action: 'supervision.escalate',
      entityType: 'work_item',
      entityId: n.workItemId,
      before: null,
      after: {
        escalationId: Number(inserted.id),
        noticeId: n.id,
        unitId: addressed && unit ? Number(unit.id) : null,
        leaders: leaders.map((l) => `${l.title}${l.name}`),
        responsibleUnitId,
        overdue: overdueText,
        text,
      },
    });
    return true;
  });
}

/** The 升级督办 records of one item (oldest first), with names, for its page. */
export async function itemEscalations(db: Kysely<DB>, workItemId: number): Promise<EscalationView[]> {
  const rows = await db
    .selectFrom('supervision_escalations as e')
    .leftJoin('units as u', 'u.id', 'e.unit_id')
    .leftJoin('units as ru', 'ru.id', 'e.responsible_unit_id')
    .leftJoin('users as rp', 'rp.id', 'e.responsible_user_id')
    .select([
      'e.id',
      'e.escalated_at',
      'u.name as unit_name',
      'e.leader_user_ids',
      'ru.name as responsible_unit_name',
      'rp.display_name as responsible_user_name',
      'e.overdue_text',
      'e.text',
      'e.chain',
    ])
    .where('e.work_item_id', '=', workItemId)
    .orderBy('e.id')
    .execute();
  const userIds = [...new Set(rows.flatMap((r) => r.leader_user_ids.map(Number)))];
  const names =
    userIds.length === 0
      ? new Map<number, string>()
      : new Map(
          (await db.selectFrom('leaders').select(['user_id', 'name', 'title']).where('user_id', 'in', userIds).execute()).map((l) => [
            Number(l.user_id),
            `${l.title}${l.name}`,
          ]),
        );
  return rows.map((r) => ({
    id: Number(r.id),
    escalatedAt: new Date(r.escalated_at).toISOString(),
    unitName: r.unit_name,
    leaderNames: r.leader_user_ids.map((id) => names.get(Number(id)) ?? '（已停用）'),
    responsibleUnitName: r.responsible_unit_name,
    responsibleUserName: r.responsible_user_name,
    overdueText: r.overdue_text,
    text: r.text,
    chain: r.chain as ChainStep[],
  }));
}
