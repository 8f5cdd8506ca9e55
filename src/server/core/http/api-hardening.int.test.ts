import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn } from '../../../../test/support/login.ts';
import { redactSecrets } from './log-redaction.ts';

/** Issue 12: API answers are never cached, and Open311 partners' api_key never reaches the log. */
describe('API answers: not cached, credentials not logged', () => {
  let t: TestApp;
  let admin: LoggedIn;
  const lines: string[] = [];

  beforeAll(async () => {
    // the real request logging (info: incoming request / request completed), into memory
    t = await createTestApp({ logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } });
    const tree = await createUnitTree(t);
    admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id });
  });
  afterAll(() => t?.close());

  it('answers every API request with Cache-Control: no-store, errors included; downloads keep theirs', async () => {
    const answers = await Promise.all([
      t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: admin.headers }),
      t.app.inject({ method: 'GET', url: '/api/v1/units', headers: admin.headers }),
      t.app.inject({ method: 'GET', url: '/api/v1/auth/me' }), // 401
      t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' }), // 404
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x' } }), // 400
      t.app.inject({ method: 'GET', url: '/open311/v2/services.json' }),
    ]);
    for (const res of answers) expect(res.headers['cache-control'], `${res.statusCode} ${res.body.slice(0, 80)}`).toBe('no-store');
    const download = await t.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoint', headers: admin.headers });
    expect(download.statusCode).toBe(200);
    expect(download.headers['cache-control']).toBe('private, no-store');
    // not the API: left to its own rules
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).headers['cache-control']).toBeUndefined();
  });

  it('never writes an Open311 api_key to the log, wherever it appears', async () => {
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/open311/keys', headers: admin.headers, payload: { appName: '日志测试 App' } });
    expect(issued.statusCode, issued.body).toBe(201);
    const key = (issued.json() as { apiKey: string }).apiKey;
    const wrong = 'o311_not-a-real-key-but-still-secret-0123456789';
    lines.length = 0;
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    expect((await get(`/open311/v2/requests.json?api_key=${encodeURIComponent(key)}`)).statusCode).toBe(200);
    expect((await get(`/open311/v2/requests.json?status=open&api_key=${encodeURIComponent(wrong)}`)).statusCode).toBe(403);
    expect((await get(`/open311/v2/requests.json?api%5Fkey=${encodeURIComponent(key)}&status=open`)).statusCode).toBeLessThan(500);
    expect((await get(`/open311/v2/nothing-here.json?API_KEY=${encodeURIComponent(key)}`)).statusCode).toBe(404);
    const form = await t.app.inject({
      method: 'POST',
      url: `/open311/v2/requests.json?api_key=${encodeURIComponent(key)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `api_key=${encodeURIComponent(key)}&service_code=nope`,
    });
    expect(form.statusCode).toBeLessThan(500);
    // messages and errors that quote the URL (Fastify's own warnings do) are redacted too
    t.app.log.warn(`Reply was already sent in the "/open311/v2/requests.json?api_key=${key}" (GET) route`);
    t.app.log.error({ err: new Error(`boom at /open311/v2/requests.json?x=1&api_key=${key}`) }, 'failed');

    const log = lines.join('');
    expect(log).toContain('incoming request'); // the request log is on…
    expect(log).toContain('/open311/v2/requests.json?api_key=[已隐藏]'); // …and shows where the key was
    expect(log).toContain('status=open&api_key=[已隐藏]');
    expect(log).toContain('api%5Fkey=[已隐藏]');
    for (const secret of [key, encodeURIComponent(key), wrong, key.slice(5, 25)]) expect(log).not.toContain(secret);
  });

  it('redacts only the credential, keeping the rest of the URL', () => {
    expect(redactSecrets('/open311/v2/requests.json?status=open&api_key=abc&page=2#x')).toBe('/open311/v2/requests.json?status=open&api_key=[已隐藏]&page=2#x');
    expect(redactSecrets('/api/v1/petitions?q=api_key')).toBe('/api/v1/petitions?q=api_key');
    expect(redactSecrets('/x?my_api_key=1')).toBe('/x?my_api_key=1');
    expect(redactSecrets('/x?api_key=')).toBe('/x?api_key=[已隐藏]');
  });
});
