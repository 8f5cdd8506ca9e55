import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { appendAudit, type Actor } from '../audit/audit-chain.ts';
import { AppError } from '../errors.ts';
import { generatePassword, hashPassword } from './password.ts';

/**
 * Break-glass recovery from the server's shell (`anwen user reset-password <username>`): whoever
 * can run the CLI on the server already holds the data, so no web session is required. The user
 * gets a new temporary password (must change it at next sign-in), is unlocked and re-enabled,
 * loses every open session, and the act is audited as done from the command line.
 */
export async function emergencyResetPassword(opts: { db: Kysely<DB>; username: string; actor: Actor; now: Date }): Promise<{ password: string }> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await opts.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'disabled', 'failed_logins']).where('username', '=', opts.username).forUpdate().executeTakeFirst();
    if (!user) throw new AppError('USER_NOT_FOUND', { username: opts.username });
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: true, failed_logins: 0, locked_until: null, disabled: false, updated_at: opts.now })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await appendAudit(trx, opts.actor, {
      action: 'user.emergencyResetPassword',
      entityType: 'user',
      entityId: user.id,
      reason: '命令行应急重置密码',
      before: { disabled: user.disabled, failedLogins: user.failed_logins },
      after: { disabled: false, failedLogins: 0, mustChangePassword: true },
    });
  });
  return { password };
}
