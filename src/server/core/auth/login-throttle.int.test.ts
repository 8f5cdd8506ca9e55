import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, TEST_PASSWORD } from '../../../../test/support/login.ts';
import { MAX_FAILURES_PER_IP } from './login.ts';

describe('per-IP login throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

  it('throttles an address that keeps failing across many usernames, not other addresses', async () => {
    const tree = await createUnitTree(t);
    await loginAs(t, { roles: ['xfj_staff'], unitId: tree.county.id, username: 'real_user' });
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      const res = await login(`guess${i}`, 'wrong-password-1', '10.9.8.7');
      expect(res.statusCode).toBe(401);
    }
    const blocked = await login('real_user', TEST_PASSWORD, '10.9.8.7');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ error: 'RATE_LIMITED' });
    expect(blocked.headers['set-cookie']).toBeUndefined();

    const elsewhere = await login('real_user', TEST_PASSWORD, '10.9.8.8');
    expect(elsewhere.statusCode).toBe(200);
  });
});
