import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn } from '../../../../../test/support/login.ts';

describe('Open311 接入密钥 (admin API)', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let xfj: LoggedIn;
  const call = (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    const tree = await createUnitTree(t);
    admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
  });
  afterAll(() => t.close());

  it('only system administrators issue, list and revoke keys', async () => {
    expect((await call(xfj, 'GET', '/open311/keys')).statusCode).toBe(403);
    expect((await call(xfj, 'POST', '/open311/keys', { appName: '便民 App' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/open311/keys' })).statusCode).toBe(401);
  });

  it('a key is shown once: stored as a hash, listed by its prefix, audited; it works at /open311/v2 until revoked', async () => {
    const res = await call(admin, 'POST', '/open311/keys', { appName: '县便民服务 App', ratePerMinute: 30 });
    expect(res.statusCode).toBe(201);
    const issued = res.json() as { id: number; apiKey: string; keyPrefix: string };
    expect(issued.apiKey).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
    expect(issued.apiKey.startsWith(issued.keyPrefix)).toBe(true);

    const row = await t.database.db.selectFrom('open311_api_keys').selectAll().where('id', '=', issued.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(issued.apiKey);
    expect(row).toMatchObject({ app_name: '县便民服务 App', enabled: true, rate_per_minute: 30 });

    const list = await call(admin, 'GET', '/open311/keys');
    expect(list.body).not.toContain(issued.apiKey);
    expect((list.json() as { items: { id: number; keyPrefix: string; enabled: boolean; createdBy: string }[] }).items).toContainEqual(
      expect.objectContaining({ id: issued.id, keyPrefix: issued.keyPrefix, enabled: true, createdBy: admin.user.displayName }),
    );

    // the key opens a key-only resource (a 检举控告-scoped read) at /open311/v2
    expect((await t.app.inject({ method: 'GET', url: `/open311/v2/requests.json?api_key=${encodeURIComponent(issued.apiKey)}` })).statusCode).toBe(200);
    expect((await call(admin, 'POST', `/open311/keys/${issued.id}/revoke`, { reason: '' })).statusCode).toBe(400);
    expect((await call(admin, 'POST', `/open311/keys/${issued.id}/revoke`, { reason: '合作协议到期' })).statusCode).toBe(200);
    expect((await call(admin, 'POST', `/open311/keys/${issued.id}/revoke`, { reason: '再次吊销' })).statusCode).toBe(409);
    const after = await t.app.inject({ method: 'GET', url: `/open311/v2/requests.json?api_key=${encodeURIComponent(issued.apiKey)}` });
    expect(after.statusCode).toBe(403);

    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'reason', 'after'])
      .where('entity_type', '=', 'open311_api_key')
      .where('entity_id', '=', String(issued.id))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['open311.key.issue', 'open311.key.revoke']);
    expect(audit[1]!.reason).toBe('合作协议到期');
    expect(JSON.stringify(audit)).not.toContain(issued.apiKey);
  });

  it('validation names the field in zh-CN', async () => {
    const res = await call(admin, 'POST', '/open311/keys', { appName: 'x', ratePerMinute: 0 });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { message: string }).message).toMatch(/应用名称|每分钟/);
    expect((await call(admin, 'POST', '/open311/keys/999999/revoke', { reason: '不存在的密钥' })).statusCode).toBe(404);
  });
});
