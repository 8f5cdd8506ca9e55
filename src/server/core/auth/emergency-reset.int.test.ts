import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, TEST_PASSWORD } from '../../../../test/support/login.ts';
import { cliActor } from '../audit/audit-chain.ts';
import { verifyAuditChain } from '../audit/audit-chain.ts';
import { emergencyResetPassword } from './emergency-reset.ts';
import { AppError } from '../errors.ts';

describe('break-glass password reset from the CLI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

  it('unlocks and re-enables the account, kills its sessions, and the temporary password works once changed', async () => {
    const tree = await createUnitTree(t);
    const admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id, username: 'boss' });
    await sql`UPDATE users SET disabled = true, failed_logins = 5, locked_until = now() + interval '1 hour' WHERE username = 'boss'`.execute(t.database.db);
    expect((await login('boss', TEST_PASSWORD)).statusCode).not.toBe(200);

    const { password } = await emergencyResetPassword({ db: t.database.db, username: 'boss', actor: cliActor(), now: new Date() });

    const old = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: admin.headers });
    expect(old.statusCode).toBe(401);
    expect((await login('boss', TEST_PASSWORD)).statusCode).toBe(401);
    const res = await login('boss', password);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);

    // the temporary password opens nothing but the password change (enforced by the API, not only the console)
    const session = { cookie: (res.headers['set-cookie'] as string).split(';')[0]!, 'x-csrf-token': res.json().csrfToken as string };
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: session });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session })).statusCode).toBe(200);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: session,
      payload: { oldPassword: password, newPassword: 'Brand-new-2026' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: session })).statusCode).toBe(200);

    const events = await t.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'user.emergencyResetPassword').execute();
    expect(events).toHaveLength(1);
    expect(events[0]?.actor_name).toContain('命令行');
    expect(JSON.stringify(events)).not.toContain(password);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });

  it('an unknown username is a clear error and changes nothing', async () => {
    const before = await verifyAuditChain(t.database.db);
    await expect(emergencyResetPassword({ db: t.database.db, username: 'nobody', actor: cliActor(), now: new Date() })).rejects.toSatisfy(
      (e: unknown) => e instanceof AppError && e.code === 'USER_NOT_FOUND' && e.message.includes('nobody'),
    );
    expect(await verifyAuditChain(t.database.db)).toEqual(before);
  });
});
