import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxListQuery {
  status?: OutboxStatus;
  channel?: 'sms' | 'email';
  page: number;
  pageSize: number;
}

/**
 * The outbox for administrators: masked recipient, template, masked preview, delivery state.
 * Never the encrypted columns (they are not selected at all).
 */
export async function listOutbox(opts: { db: Kysely<DB>; modules: ModuleCatalog; query: OutboxListQuery }) {
  const { db, query } = opts;
  let base = db.selectFrom('outbox_messages as o');
  if (query.status) base = base.where('o.status', '=', query.status);
  if (query.channel) base = base.where('o.channel', '=', query.channel);
  const [rows, total, counts] = await Promise.all([
    base
      .leftJoin('work_items as wi', 'wi.id', 'o.work_item_id')
      .select([
        'o.id',
        'o.channel',
        'o.recipient_masked',
        'o.template',
        'o.subject',
        'o.preview',
        'o.work_item_id',
        'wi.ref_no as case_no',
        'o.status',
        'o.attempts',
        'o.next_attempt_at',
        'o.last_error',
        'o.transport',
        'o.created_at',
        'o.sent_at',
      ])
      .orderBy('o.created_at', 'desc')
      .orderBy('o.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('outbox_messages')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute(),
  ]);
  const byStatus = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const c of counts) byStatus[c.status] = Number(c.n);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      channel: r.channel,
      recipient: r.recipient_masked,
      template: r.template,
      templateName: opts.modules.message(r.template)?.name ?? '消息',
      subject: r.subject,
      preview: r.preview,
      workItemId: r.work_item_id === null ? null : Number(r.work_item_id),
      caseNo: r.case_no ?? null,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' || r.status === 'failed' || r.status === 'sending' ? new Date(r.next_attempt_at).toISOString() : null,
      lastError: r.last_error,
      transport: r.transport,
      createdAt: new Date(r.created_at).toISOString(),
      sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
    })),
    total: Number(total.n),
    counts: byStatus,
  };
}
