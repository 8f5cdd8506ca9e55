import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, TEST_PASSWORD, type TestUnitTree } from '../../../../../test/support/login.ts';

describe('auth: login, sessions, CSRF, lockout', () => {
  let t: TestApp;
  let tree: TestUnitTree;
  beforeAll(async () => {
    t = await createTestApp();
    tree = await createUnitTree(t);
  });
  afterAll(async () => t?.close());

  it('logs in, sets a hardened cookie, and /auth/me answers the user', async () => {
    const me = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'town01' });
    expect(me.user).toMatchObject({
      username: 'town01',
      unitId: tree.townships[0].id,
      unitName: tree.townships[0].name,
      unitPath: tree.townships[0].path,
      roles: ['township_staff'],
    });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'town01', password: TEST_PASSWORD } });
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/anwen_session=/);
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);
    expect(raw).toMatch(/Path=\//);
    const meRes = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: me.cookie } });
    expect(meRes.statusCode).toBe(200);
    expect(meRes.json().user.username).toBe('town01');
    expect(meRes.json().csrfToken).toBe(me.csrfToken);
    expect(meRes.json().capabilities).toContain('workitem.handle');
    expect(meRes.json().capabilities).not.toContain('user.create');
    // only the hash of the token is stored
    const token = me.cookie.split('=')[1]!;
    const stored = await t.database.db.selectFrom('sessions').select('id_hash').execute();
    expect(stored.some((s) => s.id_hash === token)).toBe(false);
  });

  it('answers 401 for anonymous /auth/me', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('UNAUTHENTICATED');
  });

  it('answers the same LOGIN_FAILED for an unknown user and a wrong password', async () => {
    await loginAs(t, { roles: ['mediator'], username: 'med01' });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x1234567' } });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'med01', password: 'x1234567' } });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.json().error).toBe('LOGIN_FAILED');
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'after']).where('action', '=', 'auth.login.failed').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).not.toContain('x1234567');
  });

  it('slows, never locks: after repeated failures the same name at the same address waits (429), the account is not locked', async () => {
    await loginAs(t, { roles: ['village_staff'], username: 'vil01' });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'vil01', password: `wrong${i}abc` } })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'vil01', password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(429);
    expect(right.json().error).toBe('LOGIN_THROTTLED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    // from another address the owner signs in at once
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'vil01', password: TEST_PASSWORD },
      remoteAddress: '10.20.30.40',
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('rejects a state-changing request without the CSRF header, accepts it with the header', async () => {
    const me = await loginAs(t, { roles: ['xfj_staff'] });
    const without = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: me.cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error).toBe('CSRF_INVALID');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: me.cookie, 'x-csrf-token': 'forged' } });
    expect(wrong.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: me.headers });
    expect(ok.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: me.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('a disabled user cannot log in and their sessions die', async () => {
    const me = await loginAs(t, { roles: ['dept_liaison'], username: 'liaison01' });
    await t.database.db.updateTable('users').set({ disabled: true }).where('username', '=', 'liaison01').execute();
    const meRes = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: me.cookie } });
    expect(meRes.statusCode).toBe(401);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'liaison01', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('ACCOUNT_DISABLED');
  });

  it('changes the own password: weak rejected, old one must match, then the new one logs in', async () => {
    const me = await loginAs(t, { roles: ['wwb_staff'], username: 'wwb01' });
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: me.headers,
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'short1' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toBe('PASSWORD_TOO_WEAK');
    const lettersOnly = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: me.headers,
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'abcdefghij' },
    });
    expect(lettersOnly.json().error).toBe('PASSWORD_TOO_WEAK');
    const badOld = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: me.headers,
      payload: { oldPassword: 'nope12345', newPassword: 'Brand-new-99' },
    });
    expect(badOld.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: me.headers,
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'Brand-new-99' },
    });
    expect(ok.statusCode).toBe(204);
    const oldLogin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'wwb01', password: TEST_PASSWORD } });
    expect(oldLogin.statusCode).toBe(401);
    const newLogin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'wwb01', password: 'Brand-new-99' } });
    expect(newLogin.statusCode).toBe(200);
    const audit = await t.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'auth.password.change').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toMatch(/Brand-new-99|argon2/);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });
});
