import { sql, type Kysely } from 'kysely';
import type { AccountabilityMeasure, DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { inScope, isCountyWide } from '../../core/access/scope.ts';
import { AppError } from '../../core/errors.ts';
import { loadVisibleItem, type ModuleCatalog, type VisibleItem } from '../catalog/index.ts';
import type { ChainStep } from './escalations.ts';

/** 问责 measures decided by people, in the words of the county's 问责 rules. */
export const MEASURE_NAMES: Record<AccountabilityMeasure, string> = {
  talk: '约谈',
  criticism: '通报批评',
  listed: '挂牌整治',
  admonish: '诫勉',
  other: '其他问责',
};

/**
 * A 问责 record decided by people (约谈, 通报批评 …) over overdue or failed items: kept in THE accountability table of
 * the 督办 chain (supervision_escalations, beside the automatic 升级督办), linked to every item that caused it, with the
 * 责任倒查 chain built from those items (their overdue clocks and earlier 督办) and an audit event on each item, so the
 * record is followed from the item and the item from the record. The items must be ones the author may open.
 */
export async function recordAccountability(opts: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  user: SessionUser;
  actor: Actor;
  today: string;
  now: Date;
  input: { measure: AccountabilityMeasure; decidedOn: string; responsibleUnitId: number; responsibleUserId?: number | null; itemIds: number[]; text: string };
}): Promise<number> {
  const { db, input } = opts;
  if (input.decidedOn > opts.today) throw new AppError('ACCOUNTABILITY_INVALID', { detail: `问责决定日期 ${input.decidedOn} 晚于今天` });
  const ids = [...new Set(input.itemIds)];
  if (ids.length === 0) throw new AppError('ACCOUNTABILITY_INVALID', { detail: '请关联引起问责的事项' });
  const items: VisibleItem[] = [];
  for (const id of ids) items.push(await loadVisibleItem(db, opts.modules, opts.user, id));
  const unit = await db.selectFrom('units').select(['id', 'name']).where('id', '=', input.responsibleUnitId).where('disabled', '=', false).executeTakeFirst();
  if (!unit) throw new AppError('ACCOUNTABILITY_INVALID', { detail: '被问责单位不存在或已停用' });
  if (input.responsibleUserId) {
    const u = await db.selectFrom('users').select('id').where('id', '=', input.responsibleUserId).executeTakeFirst();
    if (!u) throw new AppError('ACCOUNTABILITY_INVALID', { detail: '被问责人员不存在' });
  }
  // what was overdue on each item: its clocks past due on the day of the decision, and the 督办 it already had
  const overdue = await db
    .selectFrom('deadlines as d')
    .innerJoin('work_items as wi', 'wi.id', 'd.work_item_id')
    .select(['wi.ref_no', 'd.label', 'd.due_date', 'd.stopped_at'])
    .where('d.work_item_id', 'in', ids)
    .where('d.due_date', '<', input.decidedOn)
    .where((eb) => eb.or([eb('d.stopped_at', 'is', null), eb(sql`d.stopped_at::date`, '>', sql`d.due_date`)]))
    .orderBy('d.due_date')
    .execute();
  const notices = await db
    .selectFrom('supervision_notices as n')
    .innerJoin('work_items as wi', 'wi.id', 'n.work_item_id')
    .select(['wi.ref_no', 'n.issued_at', 'n.reply_due', 'n.replied_at'])
    .where('n.work_item_id', 'in', ids)
    .orderBy('n.issued_at')
    .execute();
  const overdueText = overdue.length
    ? overdue.map((d) => `${d.ref_no}“${d.label}”期限 ${d.due_date}${d.stopped_at ? '，逾期办结' : '，逾期未办结'}`).join('；')
    : `关联事项：${items.map((i) => i.refNo).join('、')}`;
  const chain: ChainStep[] = [
    ...notices.map((n) => ({
      at: new Date(n.issued_at).toISOString(),
      kind: 'notice' as const,
      text: `${n.ref_no} 督办通知，限 ${n.reply_due} 前回复${n.replied_at ? '' : '，未回复'}`,
    })),
    { at: opts.now.toISOString(), kind: 'escalation', text: `${MEASURE_NAMES[input.measure]}：${unit.name}` },
  ];
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('supervision_escalations')
      .values({
        notice_id: null,
        work_item_id: ids[0]!,
        unit_id: null,
        leader_user_ids: [],
        responsible_unit_id: Number(unit.id),
        responsible_user_id: input.responsibleUserId ?? null,
        overdue_text: overdueText,
        text: input.text,
        chain: JSON.stringify(chain),
        escalated_at: opts.now,
        measure: input.measure,
        decided_on: input.decidedOn,
        created_by: opts.user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const recordId = Number(row.id);
    await trx
      .insertInto('supervision_escalation_items')
      .values(ids.map((id) => ({ escalation_id: recordId, work_item_id: id })))
      .execute();
    for (const item of items)
      await appendAudit(trx, opts.actor, {
        action: 'supervision.accountability',
        entityType: 'work_item',
        entityId: item.id,
        before: null,
        after: {
          accountabilityId: recordId,
          measure: input.measure,
          decidedOn: input.decidedOn,
          responsibleUnitId: Number(unit.id),
          text: `${MEASURE_NAMES[input.measure]}${unit.name}（${input.decidedOn}）：${input.text}`,
        },
      });
    return recordId;
  });
}

/** One 问责 record as lists show it. */
export interface AccountabilityView {
  id: number;
  /** 升级督办 for an automatic escalation, else the measure's name */
  measureName: string;
  automatic: boolean;
  decidedOn: string;
  responsibleUnitName: string | null;
  responsibleUserName: string | null;
  overdueText: string;
  text: string;
  chain: ChainStep[];
  /** the items behind it the reader may open */
  items: { id: number; refNo: string; title: string; href: string }[];
  /** how many linked items the reader may not open */
  hiddenItems: number;
}

/**
 * 问责 records a user may read — the county-wide see all, a unit the records against itself and its sub-units — newest
 * first, each with the items behind it that the one visibility rule lets the reader open.
 */
export async function listAccountability(
  db: Kysely<DB>,
  modules: ModuleCatalog,
  user: SessionUser,
  q: { id?: number; from?: string; to?: string; unitId?: number; measure?: AccountabilityMeasure; workItemId?: number; limit: number; offset: number },
): Promise<{ total: number; rows: AccountabilityView[] }> {
  let base = db
    .selectFrom('supervision_escalations as e')
    .leftJoin('units as ru', 'ru.id', 'e.responsible_unit_id')
    .leftJoin('users as rp', 'rp.id', 'e.responsible_user_id');
  if (!isCountyWide(user)) base = base.where('ru.path', 'like', `${user.unitPath}%`);
  if (q.from) base = base.where(sql`coalesce(e.decided_on, (e.escalated_at at time zone 'Asia/Shanghai')::date)`, '>=', q.from);
  if (q.to) base = base.where(sql`coalesce(e.decided_on, (e.escalated_at at time zone 'Asia/Shanghai')::date)`, '<=', q.to);
  if (q.id) base = base.where('e.id', '=', q.id);
  if (q.unitId) base = base.where('e.responsible_unit_id', '=', q.unitId);
  if (q.measure) base = base.where('e.measure', '=', q.measure);
  if (q.workItemId) {
    const wid = q.workItemId;
    base = base.where((eb) =>
      eb.or([
        eb('e.work_item_id', '=', wid),
        eb.exists(
          eb
            .selectFrom('supervision_escalation_items as x')
            .select('x.work_item_id')
            .whereRef('x.escalation_id', '=', 'e.id')
            .where('x.work_item_id', '=', wid),
        ),
      ]),
    );
  }
  const [count, rows] = await Promise.all([
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    base
      .select([
        'e.id',
        'e.measure',
        sql<string>`coalesce(e.decided_on, (e.escalated_at at time zone 'Asia/Shanghai')::date)::text`.as('on'),
        'ru.name as unit_name',
        'rp.display_name as user_name',
        'e.overdue_text',
        'e.text',
        'e.chain',
        'e.work_item_id',
      ])
      .orderBy(sql`coalesce(e.decided_on, (e.escalated_at at time zone 'Asia/Shanghai')::date)`, 'desc')
      .orderBy('e.id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
  ]);
  const ids = rows.map((r) => Number(r.id));
  const links = ids.length
    ? await db.selectFrom('supervision_escalation_items').select(['escalation_id', 'work_item_id']).where('escalation_id', 'in', ids).execute()
    : [];
  const itemsOf = new Map<number, Set<number>>();
  for (const r of rows) itemsOf.set(Number(r.id), new Set([Number(r.work_item_id)]));
  for (const l of links) itemsOf.get(Number(l.escalation_id))!.add(Number(l.work_item_id));
  const all = [...new Set([...itemsOf.values()].flatMap((s) => [...s]))];
  const visible = all.length
    ? await db
        .selectFrom('work_items as wi')
        .select(['wi.id', 'wi.module', 'wi.ref_no', 'wi.title'])
        .where('wi.id', 'in', all)
        .where(modules.visibleSql(user, 'wi'))
        .execute()
    : [];
  const seen = new Map(visible.map((v) => [Number(v.id), v]));
  return {
    total: Number(count.n),
    rows: rows.map((r) => {
      const linked = [...itemsOf.get(Number(r.id))!];
      const open = linked.flatMap((id) => {
        const v = seen.get(id);
        return v ? [{ id, refNo: v.ref_no, title: v.title, href: modules.href(v.module, id) }] : [];
      });
      return {
        id: Number(r.id),
        measureName: r.measure ? MEASURE_NAMES[r.measure] : '升级督办',
        automatic: r.measure === null,
        decidedOn: r.on,
        responsibleUnitName: r.unit_name,
        responsibleUserName: r.user_name,
        overdueText: r.overdue_text,
        text: r.text,
        chain: r.chain as ChainStep[],
        items: open,
        hiddenItems: linked.length - open.length,
      };
    }),
  };
}

/** Whether the reader may see records against a unit (their own scope) — for the 问责 list's unit filter. */
export const mayReadUnitRecords = (user: SessionUser, unitPath: string) => isCountyWide(user) || inScope(user, unitPath);
