import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { previewDeadline } from '../deadlines/index.ts';
import { loadVisibleItem, lockItem, type ModuleCatalog } from '../catalog/index.ts';
import { ensure, isCountySupervisor, mayHandle, mayInstruct, mayIssueNotice } from './supervision-policy.ts';

/** The rule giving the 督办通知 reply limit (seeded by migration 0009, admins may change it). */
export const NOTICE_REPLY_RULE = 'xf.supervise.reply';

interface Base {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  user: SessionUser;
  actor: Actor;
  workItemId: number;
  now: Date;
}

const audit = (trx: Parameters<typeof appendAudit>[0], o: Base, action: string, before: unknown, after: unknown, reason?: string) =>
  appendAudit(trx, o.actor, { action, entityType: 'work_item', entityId: o.workItemId, before, after, reason });

/** 发督办通知: the reply is due by the rule's limit from today (working days around holidays/调休). */
export async function issueNotice(o: Base & { level: 'county' | 'township'; text: string }): Promise<{ id: number; replyDue: string }> {
  ensure(mayIssueNotice(o.user, o.level));
  return o.db.transaction().execute(async (trx) => {
    await loadVisibleItem(trx, o.modules, o.user, o.workItemId);
    return recordItemNotice(trx, { ...o, issuedBy: o.user.id });
  });
}

/**
 * Records one single-item 督办通知 inside the caller's transaction (the caller checked who may issue it and that the
 * item is visible): the reply due by the rule's limit from today, or by `replyDue` when a numbered 督办通知 (发文) set
 * its own limit, tied to that notice by `dispatchId`. Audited on the item as supervision.notice. One mechanism for
 * a notice on one item and for the items a 发文 names.
 */
export async function recordItemNotice(
  trx: Transaction<DB>,
  o: { workItemId: number; level: 'county' | 'township'; text: string; issuedBy: number; actor: Actor; now: Date; replyDue?: string; dispatchId?: number },
): Promise<{ id: number; replyDue: string }> {
  let replyDue = o.replyDue;
  if (!replyDue) {
    const due = await previewDeadline(trx, { ruleKey: NOTICE_REPLY_RULE, from: shanghaiDate(o.now) });
    if (!due.dueDate) throw new AppError('CONFLICT', { detail: '无法计算督办回复期限' });
    replyDue = due.dueDate;
  }
  const row = await trx
    .insertInto('supervision_notices')
    .values({
      work_item_id: o.workItemId,
      level: o.level,
      text: o.text,
      issued_by: o.issuedBy,
      issued_at: o.now,
      rule_key: NOTICE_REPLY_RULE,
      reply_due: replyDue,
      ...(o.dispatchId ? { dispatch_id: o.dispatchId } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, o.actor, {
    action: 'supervision.notice',
    entityType: 'work_item',
    entityId: o.workItemId,
    after: { noticeId: Number(row.id), level: o.level, text: o.text, replyDue, ...(o.dispatchId ? { dispatchId: o.dispatchId } : {}) },
  });
  return { id: Number(row.id), replyDue };
}

/** The handling side answers a 督办通知 (once). */
export async function replyNotice(o: Base & { noticeId: number; text: string }): Promise<void> {
  ensure(mayHandle(o.user));
  await o.db.transaction().execute(async (trx) => {
    await loadVisibleItem(trx, o.modules, o.user, o.workItemId);
    await lockItem(trx, o.workItemId);
    const n = await trx.selectFrom('supervision_notices').selectAll().where('id', '=', o.noticeId).where('work_item_id', '=', o.workItemId).executeTakeFirst();
    if (!n) throw new AppError('NOT_FOUND');
    if (n.replied_at) throw new AppError('SUPERVISION_NOTICE_REPLIED', { at: shanghaiDate(new Date(n.replied_at)) });
    await trx.updateTable('supervision_notices').set({ reply_text: o.text, replied_by: o.user.id, replied_at: o.now }).where('id', '=', o.noticeId).execute();
    await audit(trx, o, 'supervision.notice_reply', { noticeId: o.noticeId, replied: false }, { noticeId: o.noticeId, replied: true, replyText: o.text });
  });
}

/** 挂牌督办 by the county, with the reason. */
export async function listItem(o: Base & { reason: string }): Promise<void> {
  ensure(isCountySupervisor(o.user));
  await o.db.transaction().execute(async (trx) => {
    await loadVisibleItem(trx, o.modules, o.user, o.workItemId);
    await lockItem(trx, o.workItemId);
    const active = await trx
      .selectFrom('supervision_listings')
      .select('id')
      .where('work_item_id', '=', o.workItemId)
      .where('delisted_at', 'is', null)
      .executeTakeFirst();
    if (active) throw new AppError('SUPERVISION_ALREADY_LISTED');
    await trx.insertInto('supervision_listings').values({ work_item_id: o.workItemId, reason: o.reason, listed_by: o.user.id, listed_at: o.now }).execute();
    // dated by the injected clock, as every business event: the timeline places it on that day
    await audit(trx, o, 'supervision.list', { listed: false }, { listed: true, reason: o.reason, occurredOn: shanghaiDate(o.now) });
  });
}

/** 摘牌 when the matter is resolved: the listing is kept, closed, with who and why. */
export async function delistItem(o: Base & { reason: string }): Promise<void> {
  ensure(isCountySupervisor(o.user));
  await o.db.transaction().execute(async (trx) => {
    await loadVisibleItem(trx, o.modules, o.user, o.workItemId);
    await lockItem(trx, o.workItemId);
    const active = await trx
      .selectFrom('supervision_listings')
      .select(['id', 'reason'])
      .where('work_item_id', '=', o.workItemId)
      .where('delisted_at', 'is', null)
      .executeTakeFirst();
    if (!active) throw new AppError('SUPERVISION_NOT_LISTED');
    await trx
      .updateTable('supervision_listings')
      .set({ delisted_at: o.now, delisted_by: o.user.id, delist_reason: o.reason })
      .where('id', '=', active.id)
      .execute();
    await audit(trx, o, 'supervision.delist', { listed: true, reason: active.reason }, { listed: false }, o.reason);
  });
}

/** 列入积案: 化解方案, 责任领导, 责任单位, 化解时限. */
export async function openBacklog(o: Base & { plan: string; leaderId: number | null; unitId: number; dueDate: string }): Promise<{ id: number }> {
  ensure(isCountySupervisor(o.user));
  return o.db.transaction().execute(async (trx) => {
    await loadVisibleItem(trx, o.modules, o.user, o.workItemId);
    await lockItem(trx, o.workItemId);
    const open = await trx
      .selectFrom('backlog_entries')
      .select('id')
      .where('work_item_id', '=', o.workItemId)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    if (open) throw new AppError('BACKLOG_ALREADY_OPEN');
    const unit = await trx.selectFrom('units').select('id').where('id', '=', o.unitId).where('disabled', '=', false).executeTakeFirst();
    if (!unit) throw new AppError('VALIDATION_FAILED', { detail: `责任单位 ${o.unitId} 不存在或已停用` });
    if (o.leaderId !== null) {
      const leader = await trx.selectFrom('leaders').select('id').where('id', '=', o.leaderId).where('disabled', '=', false).executeTakeFirst();
      if (!leader) throw new AppError('VALIDATION_FAILED', { detail: `责任领导 ${o.leaderId} 不存在或已停用` });
    }
    const row = await trx
      .insertInto('backlog_entries')
      .values({
        work_item_id: o.workItemId,
        plan: o.plan,
        leader_id: o.leaderId,
        unit_id: o.unitId,
        due_date: o.dueDate,
        created_by: o.user.id,
        created_at: o.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, o, 'supervision.backlog_open', null, {
      backlogId: Number(row.id),
      plan: o.plan,
      leaderId: o.leaderId,
      unitId: o.unitId,
      dueDate: o.dueDate,
    });
    return { id: Number(row.id) };
  });
}

/** The responsible side reports the 化解结果; this person is the "handler" who may not verify it. */
export async function reportBacklogResult(o: Base & { result: string }): Promise<void> {
  ensure(mayHandle(o.user));
  await o.db.transaction().execute(async (trx) => {
    await loadVisibleItem(trx, o.modules, o.user, o.workItemId);
    await lockItem(trx, o.workItemId);
    const open = await trx
      .selectFrom('backlog_entries')
      .select(['id', 'result_text'])
      .where('work_item_id', '=', o.workItemId)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    if (!open) throw new AppError('BACKLOG_NOT_OPEN');
    await trx.updateTable('backlog_entries').set({ result_text: o.result, result_by: o.user.id, result_at: o.now }).where('id', '=', open.id).execute();
    await audit(
      trx,
      o,
      'supervision.backlog_result',
      { backlogId: Number(open.id), result: open.result_text },
      { backlogId: Number(open.id), result: o.result },
    );
  });
}

/** 销号: a county supervisor other than the one who reported the result confirms it (四眼原则). */
export async function closeBacklog(o: Base & { note: string }): Promise<void> {
  ensure(isCountySupervisor(o.user));
  await o.db.transaction().execute(async (trx) => {
    await loadVisibleItem(trx, o.modules, o.user, o.workItemId);
    await lockItem(trx, o.workItemId);
    const open = await trx
      .selectFrom('backlog_entries')
      .select(['id', 'result_text', 'result_by'])
      .where('work_item_id', '=', o.workItemId)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    if (!open) throw new AppError('BACKLOG_NOT_OPEN');
    if (open.result_by === null || !open.result_text) throw new AppError('BACKLOG_NO_RESULT');
    if (Number(open.result_by) === o.user.id) throw new AppError('BACKLOG_VERIFIER_IS_HANDLER');
    await trx.updateTable('backlog_entries').set({ closed_at: o.now, closed_by: o.user.id, close_note: o.note }).where('id', '=', open.id).execute();
    await audit(
      trx,
      o,
      'supervision.backlog_close',
      { backlogId: Number(open.id), closed: false },
      { backlogId: Number(open.id), closed: true, verifiedBy: o.user.id, note: o.note },
    );
  });
}

/**
 * A county leader's 批示 on the item (linked to the leader row of the account when there is one). It answers and
 * closes that leader's open 报请批示 on the item, if any (the same audited event names it).
 */
export async function addInstruction(o: Base & { text: string }): Promise<{ id: number }> {
  ensure(mayInstruct(o.user));
  return o.db.transaction().execute(async (trx) => {
    await loadVisibleItem(trx, o.modules, o.user, o.workItemId);
    const leader = await trx.selectFrom('leaders').select('id').where('user_id', '=', o.user.id).where('disabled', '=', false).executeTakeFirst();
    const row = await trx
      .insertInto('leader_instructions')
      .values({ work_item_id: o.workItemId, leader_id: leader ? Number(leader.id) : null, author_id: o.user.id, text: o.text, at: o.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const answered = leader
      ? await trx
          .updateTable('instruction_requests')
          .set({ instruction_id: Number(row.id), answered_at: o.now })
          .where('work_item_id', '=', o.workItemId)
          .where('leader_id', '=', Number(leader.id))
          .where('answered_at', 'is', null)
          .returning(['id', 'question'])
          .executeTakeFirst()
      : undefined;
    await audit(trx, o, 'supervision.instruction', null, {
      instructionId: Number(row.id),
      text: o.text,
      ...(answered ? { requestId: Number(answered.id), question: answered.question } : {}),
    });
    return { id: Number(row.id) };
  });
}
