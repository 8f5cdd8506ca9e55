import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { parseTrustProxy } from '../../src/server/core/config.ts';

/**
 * The client's address behind a reverse proxy. An attacker sends X-Forwarded-For of their own; nginx with
 * `$proxy_add_x_forwarded_for` appends the real peer on the right. Trusting the whole header took the forged left
 * entry: rotating it bypassed every rate limit and wrote a made-up address into the audit trail.
 */
describe('client address behind a proxy (ANWEN_TRUST_PROXY)', () => {
  const apps: TestApp[] = [];
  const appWith = async (trustProxy: string) => {
    const t = await createTestApp({ config: { trustProxy: parseTrustProxy(trustProxy) } });
    apps.push(t);
    // three captchas an hour per address, so a fourth shows whose address was counted
    await t.database.db
      .insertInto('settings')
      .values({ key: 'portal.rate_limits', value: JSON.stringify({ captchaPerIp: { max: 3, windowSeconds: 3600 } }) })
      .execute();
    return t;
  };
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  let byAddress: TestApp;
  let byHops: TestApp;
  beforeAll(async () => {
    byAddress = await appWith('127.0.0.1');
    byHops = await appWith('1'); // what docs/deploy.md said before: still one proxy hop, not "trust everything"
  });

  const captcha = (t: TestApp, forwardedFor: string, remoteAddress = '127.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/v1/portal/captcha', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });

  it.each([
    ['the proxy address', () => byAddress],
    ['one hop (ANWEN_TRUST_PROXY=1)', () => byHops],
  ])('with %s, a rotated X-Forwarded-For does not escape the per-address limit', async (_, app) => {
    const t = app();
    const statuses: number[] = [];
    // nginx appends the peer it saw (203.0.113.7) after whatever the client sent
    for (let i = 0; i < 5; i++) statuses.push((await captcha(t, `198.51.100.${i}, 203.0.113.7`)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // another real client behind the same proxy has its own count
    expect((await captcha(t, '198.51.100.1, 203.0.113.8')).statusCode).toBe(200);
  });

  it('the audit trail records the address the proxy saw, not the one the client claimed', async () => {
    const t = byAddress;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' },
      payload: { username: 'nobody', password: 'wrong-password-1' },
    });
    const row = await t.database.db
      .selectFrom('audit_events')
      .select('ip')
      .where('action', '=', 'auth.login.failed')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.ip).toBe('203.0.113.9');
  });

  it('a client reaching the app directly (not through the listed proxy) cannot name its address', async () => {
    const t = byAddress;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await captcha(t, `198.51.100.${i + 50}`, '192.0.2.44')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('refuses a setting that would trust every address', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8 ,loopback')).toEqual(['127.0.0.1', '10.0.0.0/8', 'loopback']);
    expect(() => parseTrustProxy('true')).toThrow(/ANWEN_TRUST_PROXY/);
    expect(() => parseTrustProxy('*')).toThrow(/ANWEN_TRUST_PROXY/);
  });
});
