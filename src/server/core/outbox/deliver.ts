import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { decryptValue, type PersonalDataKeys } from '../personal-data/index.ts';
import type { OutboxChannel } from './templates.ts';
import type { TransportMap } from './transports.ts';

/** After this many failed attempts a message is dead (an admin may retry it). */
export const MAX_ATTEMPTS = 8;

/** Wait before attempt n+1 after n failures: 1, 2, 4, 8, 16 … minutes. */
export function retryDelayMs(failedAttempts: number): number {
  return 60_000 * 2 ** Math.max(0, failedAttempts - 1);
}

export interface DeliveryResult {
  claimed: number;
  sent: number;
  failed: number;
  dead: number;
}

interface Claimed {
  id: number;
  channel: OutboxChannel;
  recipient_enc: string;
  recipient_masked: string;
  template: string;
  subject: string | null;
  body_enc: string;
  preview: string;
  attempts: number;
}

/**
 * Sends due messages. Claiming is one short statement (FOR UPDATE SKIP LOCKED → 'sending', a
 * lease in next_attempt_at, attempts + 1), so deliverers on several instances never take the same
 * row, and no transaction is held while a gateway answers (PGlite serialises transactions).
 * A sender that dies mid-send leaves a 'sending' row whose lease runs out: it is claimed again.
 * Results are written only if the row is still the one we claimed (same attempt number).
 */
export async function deliverDueMessages(opts: {
  db: Kysely<DB>;
  keys: PersonalDataKeys;
  transports: TransportMap;
  now: Date;
  limit?: number;
  leaseMs?: number;
}): Promise<DeliveryResult> {
  const { db, keys, transports, now } = opts;
  const lease = new Date(now.getTime() + (opts.leaseMs ?? 5 * 60_000));
  const result: DeliveryResult = { claimed: 0, sent: 0, failed: 0, dead: 0 };

  // an interrupted last attempt: nothing more to try
  const stale = await db
    .updateTable('outbox_messages')
    .set({ status: 'dead', last_error: '发送中断且已达最大尝试次数' })
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<=', now)
    .where('attempts', '>=', MAX_ATTEMPTS)
    .executeTakeFirst();
  result.dead += Number(stale.numUpdatedRows);

  const claimed = await sql<Claimed>`
    WITH due AS (
      SELECT id FROM outbox_messages
       WHERE status IN ('pending', 'failed', 'sending') AND next_attempt_at <= ${now}
       ORDER BY next_attempt_at, id
       LIMIT ${opts.limit ?? 50}
       FOR UPDATE SKIP LOCKED
    )
    UPDATE outbox_messages o
       SET status = 'sending', attempts = o.attempts + 1, next_attempt_at = ${lease}
      FROM due WHERE o.id = due.id
    RETURNING o.id, o.channel, o.recipient_enc, o.recipient_masked, o.template, o.subject, o.body_enc, o.preview, o.attempts`.execute(db);
  result.claimed = claimed.rows.length;

  for (const row of claimed.rows) {
    const id = Number(row.id);
    const transport = transports[row.channel];
    let to = '';
    try {
      if (!transport) throw new Error(`未配置${row.channel === 'sms' ? '短信' : '邮件'}发送方式`);
      to = decryptValue(keys, row.recipient_enc);
      const text = decryptValue(keys, row.body_enc);
      await transport.send({
        id,
        channel: row.channel,
        to,
        toMasked: row.recipient_masked,
        subject: row.subject,
        text,
        preview: row.preview,
        template: row.template,
      });
      await db
        .updateTable('outbox_messages')
        .set({ status: 'sent', sent_at: now, transport: transport.name, last_error: null })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .where('attempts', '=', row.attempts)
        .execute();
      result.sent++;
    } catch (error) {
      const dead = row.attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('outbox_messages')
        .set({
          status: dead ? 'dead' : 'failed',
          next_attempt_at: dead ? now : new Date(now.getTime() + retryDelayMs(row.attempts)),
          last_error: safeError(error, to, row.recipient_masked),
          transport: transport?.name ?? null,
        })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .where('attempts', '=', row.attempts)
        .execute();
      if (dead) result.dead++;
      else result.failed++;
    }
  }
  return result;
}

/** The reason kept for admins: short, and never the recipient in clear (gateways echo it). */
function safeError(error: unknown, to: string, masked: string): string {
  let text = error instanceof Error ? error.message : String(error);
  if (to) text = text.split(to).join(masked);
  return [...text].slice(0, 300).join('') || '发送失败';
}
