import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { assertPasswordStrength, generatePassword, hashPassword } from '../../../core/auth/password.ts';
import { enterpriseVisibleSql, mayManageAccounts } from './scope.ts';

const USERNAME_RE = /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/;

/**
 * Opens an account for an enterprise (企业账户): role `enterprise`, linked to that one enterprise, sitting in its
 * 属地 township's unit for the record — the role has no unit scope, it sees only its own enterprise and hazards.
 * The person must choose their own password at first login. Audited.
 */
export async function createEnterpriseAccount(
  db: Kysely<DB>,
  opts: { enterpriseId: number; username: string; displayName: string; password?: string; user: SessionUser; actor: Actor; now: Date },
): Promise<{ id: number; username: string; initialPassword?: string }> {
  if (!mayManageAccounts(opts.user)) throw new AppError('FORBIDDEN');
  if (!USERNAME_RE.test(opts.username))
    throw new AppError('VALIDATION_FAILED', { detail: '账户名：以字母开头，3–32 位字母、数字或 _ . -' }, { field: 'username' });
  if (opts.password !== undefined) assertPasswordStrength(opts.password);
  const initialPassword = opts.password === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(opts.password ?? initialPassword!);
  const id = await db.transaction().execute(async (trx) => {
    const enterprise = await trx
      .selectFrom('safety_enterprises as e')
      .select(['e.id', 'e.township_unit_id', 'e.name'])
      .where('e.id', '=', opts.enterpriseId)
      .where('e.disabled', '=', false)
      .where(enterpriseVisibleSql(opts.user, 'e'))
      .executeTakeFirst();
    if (!enterprise) throw new AppError('NOT_FOUND');
    const taken = await trx.selectFrom('users').select('id').where('username', '=', opts.username).executeTakeFirst();
    if (taken) throw new AppError('USERNAME_TAKEN', { username: opts.username }, { field: 'username' });
    const row = await trx
      .insertInto('users')
      .values({
        username: opts.username,
        display_name: opts.displayName,
        unit_id: enterprise.township_unit_id,
        roles: ['enterprise'],
        enterprise_id: enterprise.id,
        password_hash: passwordHash,
        must_change_password: true,
        created_at: opts.now,
        updated_at: opts.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, opts.actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: Number(row.id),
      after: { username: opts.username, roles: ['enterprise'], enterpriseId: Number(enterprise.id), enterpriseName: enterprise.name },
    });
    return Number(row.id);
  });
  return { id, username: opts.username, ...(initialPassword ? { initialPassword } : {}) };
}
