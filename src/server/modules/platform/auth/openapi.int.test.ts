import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { loginAs, TEST_PASSWORD } from '../../../../../test/support/login.ts';

describe('auth & org in OpenAPI; cookie Secure flag', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { secureCookies: true } });
  });
  afterAll(async () => t?.close());

  it('documents the auth, org and to-do routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/v1/auth/login',
      '/api/v1/auth/me',
      '/api/v1/units',
      '/api/v1/units/{id}/members',
      '/api/v1/users/{id}/reset-password',
      '/api/v1/leaders',
      '/api/v1/roles',
      '/api/v1/my/todo',
    ]) {
      expect(paths).toContain(p);
    }
    expect(res.json().paths['/api/v1/auth/login'].post.summary).toMatch(/登录/);
  });

  it('marks the session cookie Secure when secureCookies is on', async () => {
    await loginAs(t, { roles: ['auditor'], username: 'sec01' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'sec01', password: TEST_PASSWORD } });
    expect(String(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    expect(res.headers['strict-transport-security']).toBeDefined();
  });
});
