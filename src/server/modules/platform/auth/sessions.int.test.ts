import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../app.ts';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { loginAs } from '../../../../../test/support/login.ts';
import type { Clock } from '../../../core/clock/clock.ts';
import { verifyAuditChain } from '../../../core/audit/audit-chain.ts';

describe('sessions live in the database', () => {
  let now = new Date('2026-08-10T02:00:00Z');
  const clock: Clock = { now: () => now };
  let t: TestApp;
  let second: App;
  beforeAll(async () => {
    t = await createTestApp({ clock, config: { sessionHours: 2 } });
    // a second instance on the same database, as behind a load balancer
    second = await buildApp({ database: t.database, config: t.config, clock, logger: false });
    await second.ready();
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('a session opened on one instance is valid on the other, and logout there ends it everywhere', async () => {
    const me = await loginAs(t, { roles: ['xfj_staff'], username: 'shared01' });
    const onSecond = await second.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: me.cookie } });
    expect(onSecond.statusCode).toBe(200);
    expect(onSecond.json().user.username).toBe('shared01');
    // CSRF token is per session, so it also works across instances
    const out = await second.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: me.headers });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: me.cookie } })).statusCode).toBe(401);
  });

  it('expiry slides with use and a session idle longer than sessionHours dies', async () => {
    const me = await loginAs(t, { roles: ['dcb_staff'], username: 'slide01' });
    now = new Date(now.getTime() + 90 * 60_000); // 1.5 h: still valid, and extended
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: me.cookie } })).statusCode).toBe(200);
    now = new Date(now.getTime() + 90 * 60_000); // 3 h after login, 1.5 h after last use
    expect((await second.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: me.cookie } })).statusCode).toBe(200);
    now = new Date(now.getTime() + 121 * 60_000); // idle > 2 h
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: me.cookie } })).statusCode).toBe(401);
  });

  it('a sign-in wait written by one instance holds on the other, and ends when it says', async () => {
    await loginAs(t, { roles: ['mediator'], username: 'lock01' });
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'lock01', password: `nope${i}nope` } });
    const { TEST_PASSWORD } = await import('../../../../../test/support/login.ts');
    const waiting = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'lock01', password: TEST_PASSWORD } });
    expect(waiting.statusCode).toBe(429);
    expect((await second.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'lock01', password: TEST_PASSWORD } })).statusCode).toBe(429);
    now = new Date(now.getTime() + Number(waiting.headers['retry-after']) * 1000);
    expect((await second.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'lock01', password: TEST_PASSWORD } })).statusCode).toBe(200);
  });

  it('the audit chain written by logins, failures and logouts verifies', async () => {
    const result = await verifyAuditChain(t.database.db);
    expect(result.ok).toBe(true);
    const actions = new Set((await t.database.db.selectFrom('audit_events').select('action').execute()).map((a) => a.action));
    for (const a of ['auth.login', 'auth.logout', 'auth.login.failed']) expect(actions).toContain(a);
  });
});
