import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';

const STATUS_NAMES: Record<string, string> = { pending: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败', dead: '已放弃' };

/**
 * An administrator sends a failed or dead message again: it becomes due now with a fresh count
 * of attempts (the next delivery run takes it). Audited; the last error is kept until it succeeds.
 */
export async function retryOutboxMessage(opts: { db: Kysely<DB>; id: number; actor: Actor; now: Date; reason?: string }): Promise<void> {
  await opts.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('outbox_messages').select(['id', 'status', 'attempts']).where('id', '=', opts.id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    if (row.status !== 'failed' && row.status !== 'dead') throw new AppError('OUTBOX_NOT_RETRYABLE', { status: STATUS_NAMES[row.status] ?? row.status });
    await trx.updateTable('outbox_messages').set({ status: 'pending', attempts: 0, next_attempt_at: opts.now }).where('id', '=', opts.id).execute();
    await appendAudit(trx, opts.actor, {
      action: 'outbox.retry',
      entityType: 'outbox_message',
      entityId: opts.id,
      before: { status: row.status, attempts: row.attempts },
      after: { status: 'pending', attempts: 0 },
      reason: opts.reason,
    });
  });
}
