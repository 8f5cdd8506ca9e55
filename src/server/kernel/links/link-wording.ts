import { linkPhrase, type LinkDirection, type LinkKindDef } from './kinds.ts';

/** What an item.link / item.unlink audit event keeps about the link, as seen from the audited item. */
export interface LinkAuditView {
  linkId: number;
  kind: string;
  direction: LinkDirection;
  otherId: number;
  otherRefNo: string;
  note?: string | null;
  occurredOn?: string;
}

export const LINK_AUDIT_ACTIONS = ['item.link', 'item.unlink'] as const;
export const isLinkAudit = (action: string): boolean => (LINK_AUDIT_ACTIONS as readonly string[]).includes(action);

const asView = (v: unknown): LinkAuditView | null => {
  const o = v as Partial<LinkAuditView> | null;
  return o && typeof o.kind === 'string' && (o.direction === 'out' || o.direction === 'in') && typeof o.otherRefNo === 'string' ? (o as LinkAuditView) : null;
};

/** The other item an item.link / item.unlink event names (for the timeline's visibility check), else null. */
export function linkAuditOtherId(action: string, before: unknown, after: unknown): number | null {
  if (!isLinkAudit(action)) return null;
  const v = asView(action === 'item.link' ? after : before);
  return v && Number.isSafeInteger(Number(v.otherId)) ? Number(v.otherId) : null;
}

/**
 * "关联：升级为 JF-519901-2026-000123；说明：…" / "解除关联：由 JF-519901-2026-000123 升级" — a link event in words
 * (the removal's reason is the audit event's reason, which the timeline adds). Null for other actions.
 */
export function describeLinkAudit(kind: (code: string) => LinkKindDef | undefined, action: string, before: unknown, after: unknown): string | null {
  if (!isLinkAudit(action)) return null;
  const v = asView(action === 'item.link' ? after : before);
  if (!v) return action === 'item.link' ? '关联' : '解除关联';
  const phrase = linkPhrase(kind(v.kind), v.direction, v.otherRefNo);
  if (action === 'item.unlink') return `解除关联：${phrase}`;
  return `关联：${phrase}${v.note ? `；说明：${v.note}` : ''}`;
}
