import { maskPhone, normalize } from '../personal-data/index.ts';
import type { OutboxChannel } from './templates.ts';

/** a***@example.com: enough to tell addresses apart, not to write to them. */
export function maskEmail(email: string): string {
  const v = email.trim();
  const at = v.lastIndexOf('@');
  if (at <= 0) return '*'.repeat(Math.min(v.length, 8));
  return `${v[0]}***${v.slice(at)}`;
}

export function maskRecipient(channel: OutboxChannel, to: string): string {
  return channel === 'sms' ? maskPhone(to) : maskEmail(to);
}

/** The canonical form written to the outbox (a phone without +86 and separators). */
export function normalizeRecipient(channel: OutboxChannel, to: string): string {
  return channel === 'sms' ? normalize('phone', to) : to.trim();
}
