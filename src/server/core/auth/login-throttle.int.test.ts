import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, TEST_PASSWORD, type TestUnitTree } from '../../../../test/support/login.ts';
import { ALERT_FAILURES, delayAfter, FREE_FAILURES, MAX_FAILURES_PER_IP } from './login.ts';

/**
 * Sign-in answers and delays (issue 12): an unknown name and a real one answer alike; no one can lock an account by
 * failing on purpose; each (name, address) waits longer after each failure; administrators hear of sustained attacks.
 */
describe('login: no enumeration, no lockout by strangers, growing delays, admin alert', () => {
  let t: TestApp;
  let tree: TestUnitTree;
  let now = new Date('2026-09-01T02:00:00Z');
  const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    tree = await createUnitTree(t);
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

  /** What a caller sees of an answer: status, body, Retry-After. */
  const seen = async (username: string, password: string, ip: string) => {
    const res = await login(username, password, ip);
    return { status: res.statusCode, body: res.json() as unknown, retryAfter: res.headers['retry-after'] ?? null };
  };

  it('an unknown name and a real account answer identically, failure after failure (no 423, no lock)', async () => {
    await loginAs(t, { roles: ['xfj_staff'], unitId: tree.county.id, username: 'real_one' });
    const unknown = [];
    const real = [];
    for (let i = 0; i < 8; i++) {
      unknown.push(await seen('nobody_here', `wrong-pass-${i}`, '10.1.0.1'));
      real.push(await seen('real_one', `wrong-pass-${i}`, '10.1.0.2'));
      // one attempt straight away (refused: waiting), then wait the time asked
      unknown.push(await seen('nobody_here', `wrong-pass-${i}`, '10.1.0.1'));
      real.push(await seen('real_one', `wrong-pass-${i}`, '10.1.0.2'));
      advance(delayAfter(i + 1));
    }
    expect(real).toEqual(unknown);
    expect(new Set(real.map((r) => r.status))).toEqual(new Set([401, 429]));
    expect(real[0]!.body).toMatchObject({ error: 'LOGIN_FAILED', message: '用户名或密码错误' });
    // after waiting, the right password still signs the owner in from that same address
    advance(900);
    expect((await login('real_one', TEST_PASSWORD, '10.1.0.2')).statusCode).toBe(200);
  });

  it('waits grow with each failure of one name at one address (429, Retry-After, zh-CN)', async () => {
    await loginAs(t, { roles: ['xfj_staff'], unitId: tree.county.id, username: 'slow_me' });
    const statuses: number[] = [];
    const waits: number[] = [];
    while (waits.length < 5) {
      const res = await login('slow_me', 'wrong-pass-9', '10.2.0.1');
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json()).toMatchObject({ error: 'LOGIN_THROTTLED' });
        expect(res.json().message).toMatch(/^登录失败次数较多，请 \d+ (秒|分钟)后再试/);
        const wait = Number(res.headers['retry-after']);
        waits.push(wait);
        // one second early is still too early; then the wait is over
        advance(wait - 1);
        expect((await login('slow_me', TEST_PASSWORD, '10.2.0.1')).statusCode).toBe(429);
        advance(1);
      }
    }
    // FREE_FAILURES failures cost nothing; from the next one each failure doubles the wait
    expect(statuses.slice(0, FREE_FAILURES + 2)).toEqual([...Array<number>(FREE_FAILURES + 1).fill(401), 429]);
    expect(waits).toEqual([2, 4, 8, 16, 32]);
  });

  it('a stranger failing at address A for hours does not keep the owner out at address B', async () => {
    await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id, username: 'admin2' });
    for (let i = 0; i < 40; i++) {
      const res = await login('admin2', `guess-${i}`, '10.3.0.66');
      expect([401, 429]).toContain(res.statusCode);
      advance(30);
    }
    // the attacker is slowed …
    expect((await login('admin2', 'guess-x', '10.3.0.66')).statusCode).toBe(429);
    // … the owner is not
    const owner = await login('admin2', TEST_PASSWORD, '10.3.0.7');
    expect(owner.statusCode).toBe(200);
  });

  it('an address spraying many names is slowed, but not for accounts that signed in from it before', async () => {
    await loginAs(t, { roles: ['xfj_staff'], unitId: tree.county.id, username: 'office_user' });
    await loginAs(t, { roles: ['xfj_staff'], unitId: tree.county.id, username: 'office_new' });
    expect((await login('office_user', TEST_PASSWORD, '10.4.0.1')).statusCode).toBe(200); // signs in there every day
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) expect((await login(`spray${i}`, 'Summer2026', '10.4.0.1')).statusCode).toBe(401);
    expect((await login('spray-more', 'Summer2026', '10.4.0.1')).statusCode).toBe(429);
    expect((await login('office_new', TEST_PASSWORD, '10.4.0.1')).statusCode).toBe(429);
    expect((await login('office_user', TEST_PASSWORD, '10.4.0.1')).statusCode).toBe(200);
    expect((await login('office_new', TEST_PASSWORD, '10.4.0.2')).statusCode).toBe(200);
  });

  it('sustained failures of one account from many addresses alert every administrator once an hour', async () => {
    const admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id, username: 'watchful' });
    await loginAs(t, { roles: ['xfj_staff'], unitId: tree.county.id, username: 'target_user' });
    const alerts = () =>
      t.database.db
        .selectFrom('notifications')
        .select(['user_id', 'title', 'body'])
        .where('kind', '=', 'auth.attack')
        .where('title', 'like', '%target_user%')
        .execute();
    for (let i = 0; i < ALERT_FAILURES - 1; i++) await login('target_user', 'wrong-pass-1', `10.5.${i}.1`);
    expect(await alerts()).toHaveLength(0);
    await login('target_user', 'wrong-pass-1', '10.5.200.1');
    const sent = await alerts();
    expect(sent.map((a) => a.user_id)).toContain(admin.user.id);
    expect(sent[0]!.body).toContain(`登录失败 ${ALERT_FAILURES} 次`);
    const n = sent.length;
    for (let i = 0; i < 5; i++) await login('target_user', 'wrong-pass-1', `10.6.${i}.1`);
    expect(await alerts()).toHaveLength(n); // not again within the hour
    const audited = await t.database.db.selectFrom('audit_events').select('action').where('action', '=', 'auth.attack.alert').execute();
    expect(audited).toHaveLength(1);
    // the administrator sees it in 我的提醒
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/my/notifications', headers: admin.headers });
    expect(JSON.stringify(mine.json())).toContain('target_user');
  });

  it('an administrator can lift the waits of an account', async () => {
    const admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id });
    const u = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.county.id, username: 'lift_me' });
    for (let i = 0; i < FREE_FAILURES + 1; i++) await login('lift_me', 'wrong-pass-1', '10.7.0.1');
    expect((await login('lift_me', TEST_PASSWORD, '10.7.0.1')).statusCode).toBe(429);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/users/${u.user.id}/unlock`, headers: admin.headers });
    expect(res.statusCode).toBe(204);
    expect((await login('lift_me', TEST_PASSWORD, '10.7.0.1')).statusCode).toBe(200);
  });
});
