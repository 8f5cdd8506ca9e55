import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { encryptValue, type PersonalDataKeys } from '../personal-data/index.ts';
import { maskRecipient, normalizeRecipient } from './recipients.ts';
import { renderTemplate, type MessageTemplate, type OutboxChannel, type TemplateParams } from './templates.ts';

/** A message ready for the outbox: recipient and body already encrypted, previews masked. */
export interface SealedMessage {
  channel: OutboxChannel;
  recipientEnc: string;
  recipientMasked: string;
  /** the template's key */
  template: string;
  subject: string | null;
  bodyEnc: string;
  preview: string;
  workItemId: number | null;
  /** the document the message tells about (it must exist: the column references it) */
  documentId: number | null;
}

export interface PlainMessage {
  channel: OutboxChannel;
  /** phone (sms) or e-mail address, in clear: encrypted here, never stored as is */
  to: string;
  template: MessageTemplate;
  params: TemplateParams;
  workItemId?: number | null;
  documentId?: number | null;
}

/** Renders and encrypts a message (in memory only: nothing readable leaves this function). */
export function sealMessage(keys: PersonalDataKeys, m: PlainMessage): SealedMessage {
  const to = normalizeRecipient(m.channel, m.to);
  return sealForRecipient(keys, m, { recipientEnc: encryptValue(keys, to), recipientMasked: maskRecipient(m.channel, to) });
}

/**
 * Same, for a recipient that is already encrypted with these keys (a petitioner's stored phone):
 * the ciphertext is copied, so the phone is never decrypted to write a message.
 */
export function sealForRecipient(
  keys: PersonalDataKeys,
  m: Omit<PlainMessage, 'to'>,
  recipient: { recipientEnc: string; recipientMasked: string },
): SealedMessage {
  const r = renderTemplate(m.template, m.params);
  return {
    channel: m.channel,
    ...recipient,
    template: m.template.key,
    subject: m.channel === 'email' ? r.subject : null,
    bodyEnc: encryptValue(keys, r.text),
    preview: r.preview,
    workItemId: m.workItemId ?? null,
    documentId: m.documentId ?? null,
  };
}

/** The outbox rows of sealed messages, pending from `now` (for a caller that writes them with other rows: insertAll). */
export function outboxRows(messages: readonly SealedMessage[], now: Date) {
  return messages.map((m) => ({
    channel: m.channel,
    recipient_enc: m.recipientEnc,
    recipient_masked: m.recipientMasked,
    template: m.template,
    subject: m.subject,
    body_enc: m.bodyEnc,
    preview: m.preview,
    work_item_id: m.workItemId,
    document_id: m.documentId,
    status: 'pending' as const,
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
  }));
}

/**
 * Writes messages in the caller's transaction (one INSERT for the batch): the message exists iff
 * the event that caused it committed. Delivery picks them up (job `outbox-delivery`).
 */
export async function enqueueOutboxMessages(trx: Transaction<DB>, messages: readonly SealedMessage[], now: Date): Promise<number[]> {
  if (messages.length === 0) return [];
  const rows = await trx.insertInto('outbox_messages').values(outboxRows(messages, now)).returning('id').execute();
  return rows.map((r) => Number(r.id));
}
