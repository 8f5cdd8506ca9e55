import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../audit/audit-chain.ts';
import { assertPasswordStrength, hashPassword, verifyPassword } from './password.ts';

/**
 * A user changes their own password: the old one must match, the new one meet the policy.
 * Clears must_change_password and ends the user's other sessions (a stolen session dies).
 */
export async function changeOwnPassword(opts: {
  db: Kysely<DB>;
  actor: Actor;
  userId: number;
  currentSessionIdHash: string;
  oldPassword: string;
  newPassword: string;
  now: Date;
}): Promise<void> {
  const row = await opts.db.selectFrom('users').select(['password_hash']).where('id', '=', opts.userId).executeTakeFirst();
  if (!row || !(await verifyPassword(row.password_hash, opts.oldPassword))) {
    throw new AppError('VALIDATION_FAILED', { detail: 'oldPassword：原密码不正确' }, { field: 'oldPassword' });
  }
  assertPasswordStrength(opts.newPassword);
  if (opts.newPassword === opts.oldPassword) {
    throw new AppError('VALIDATION_FAILED', { detail: 'newPassword：新密码不能与原密码相同' }, { field: 'newPassword' });
  }
  const passwordHash = await hashPassword(opts.newPassword);
  await opts.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: false, updated_at: opts.now })
      .where('id', '=', opts.userId)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', opts.userId).where('id_hash', '<>', opts.currentSessionIdHash).execute();
    await appendAudit(trx, opts.actor, { action: 'auth.password.change', entityType: 'user', entityId: opts.userId, after: { mustChangePassword: false } });
  });
}
