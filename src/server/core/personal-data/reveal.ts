import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { appendAudit, type Actor } from '../audit/audit-chain.ts';
import { AppError } from '../errors.ts';
import type { PersonalDataKeys } from './keys.ts';
import { decryptValue, type PersonalField } from './protect.ts';

export const MIN_REVEAL_REASON_LENGTH = 4;

/**
 * Shows one protected value in full. The caller has already checked scope and policy; this
 * requires a stated reason and writes the reveal into the audit trail (who, what, why — never
 * the value itself) in the same transaction, so no reveal goes unrecorded.
 */
export async function revealPersonalValue(
  trx: Transaction<DB>,
  opts: { keys: PersonalDataKeys; actor: Actor; entityType: string; entityId: number | string; field: PersonalField; stored: string; reason: string },
): Promise<string> {
  const reason = opts.reason.trim();
  if ([...reason].length < MIN_REVEAL_REASON_LENGTH) throw new AppError('REVEAL_REASON_REQUIRED', { min: MIN_REVEAL_REASON_LENGTH });
  const value = decryptValue(opts.keys, opts.stored);
  await appendAudit(trx, opts.actor, {
    action: 'personal.reveal',
    entityType: opts.entityType,
    entityId: opts.entityId,
    reason,
    after: { field: opts.field },
  });
  return value;
}
