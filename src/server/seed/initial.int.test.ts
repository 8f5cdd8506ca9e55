import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../core/db/database.ts';
import { loadConfig } from '../core/config.ts';
import { verifyAuditChain } from '../core/audit/audit-chain.ts';
import { buildApp } from '../app.ts';
import { ensureInitialData } from './initial.ts';
import { ensureLegalClock } from '../core/clock/seed-legal-clock.ts';
import { fixedClock } from '../core/clock/clock.ts';

describe('initial data and the demo county', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database?.close());

  it('rejects a weak ANWEN_ADMIN_PASSWORD before creating anything', async () => {
    const config = { ...loadConfig({}), adminPassword: 'weakpass' };
    await expect(ensureInitialData({ database, config, demo: false })).rejects.toMatchObject({ code: 'PASSWORD_TOO_WEAK' });
    expect(await database.db.selectFrom('users').select('id').execute()).toHaveLength(0);
  });

  it('first start creates root + admin with a random password shown once; later starts are idempotent', async () => {
    const config = loadConfig({});
    const first = await ensureInitialData({ database, config, demo: true });
    expect(first.adminPasswordGenerated).toBe(true);
    expect(first.adminPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{8,}$/);
    expect(first.demoPassword).toBe('Anwen@2026');
    const countsAfterFirst = {
      units: (await database.db.selectFrom('units').select('id').execute()).length,
      users: (await database.db.selectFrom('users').select('id').execute()).length,
    };
    const second = await ensureInitialData({ database, config, demo: true });
    expect(second.adminPassword).toBeUndefined();
    expect(second.adminPasswordGenerated).toBe(false);
    expect(second.demoLogins).toEqual(first.demoLogins);
    expect((await database.db.selectFrom('units').select('id').execute()).length).toBe(countsAfterFirst.units);
    expect((await database.db.selectFrom('users').select('id').execute()).length).toBe(countsAfterFirst.users);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);

    // the admin logs in with the printed password and must change it
    const app = await buildApp({ database, config, logger: false });
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: first.adminPassword } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ roles: ['sys_admin'], mustChangePassword: true, unitName: '青岚县' });
    // every demo login works with the demo password
    for (const d of first.demoLogins) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: d.username, password: first.demoPassword } });
      expect(r.statusCode, d.username).toBe(200);
    }
    await app.close();
  });

  it('the demo county is rich enough to look real', async () => {
    const db = database.db;
    const byKind = await db.selectFrom('units').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
    const n = (kinds: string[]) => byKind.filter((k) => kinds.includes(k.kind)).reduce((s, k) => s + Number(k.n), 0);
    expect(n(['township', 'street'])).toBeGreaterThanOrEqual(10);
    expect(n(['village', 'community'])).toBeGreaterThanOrEqual(60);
    expect(n(['department'])).toBeGreaterThanOrEqual(20);
    expect(n(['leading_group'])).toBeGreaterThanOrEqual(1);
    expect(n(['joint_meeting'])).toBeGreaterThanOrEqual(1);
    const names = (await db.selectFrom('units').select('name').execute()).map((u) => u.name);
    for (const expected of ['龙蚕镇', '碧溪乡', '银汉镇', '金甲乡', '青岚县信访局', '青岚县应急管理局', '青岚县安全生产委员会', '青岚县信访工作联席会议']) {
      expect(names).toContain(expected);
    }
    // villages hang under townships, paths are consistent with parents
    const units = await db.selectFrom('units').selectAll().execute();
    const byId = new Map(units.map((u) => [Number(u.id), u]));
    for (const u of units) {
      if (u.parent_id === null) continue;
      expect(u.path).toBe(`${byId.get(Number(u.parent_id))!.path}${u.id}/`);
      if (u.kind === 'village') expect(['township', 'street']).toContain(byId.get(Number(u.parent_id))!.kind);
    }
    const members = await db.selectFrom('unit_members').select('group_id').execute();
    expect(members.length).toBeGreaterThan(20);
    const leaders = await db.selectFrom('leaders').selectAll().execute();
    expect(leaders.length).toBeGreaterThanOrEqual(5);
    expect(leaders.some((l) => l.portfolio.includes('安全生产'))).toBe(true);
    expect(leaders.some((l) => l.portfolio.includes('信访') && l.user_id !== null)).toBe(true);
    const roles = new Set((await db.selectFrom('users').select('roles').execute()).flatMap((u) => u.roles));
    for (const r of ['sys_admin', 'xfj_staff', 'safety_staff', 'wwb_staff', 'dcb_staff', 'dept_liaison', 'township_staff', 'village_staff', 'mediator', 'county_leader', 'auditor']) {
      expect(roles, r).toContain(r);
    }
  });
});

describe('initial data with ANWEN_DEMO=0 and ANWEN_ADMIN_PASSWORD', () => {
  it('creates only the root and admin, with the chosen password and no forced change', async () => {
    const database = await openTestDatabase();
    try {
      const config = { ...loadConfig({}), adminPassword: 'Chosen-pass-42' };
      const result = await ensureInitialData({ database, config, demo: false });
      expect(result).toEqual({ adminPasswordGenerated: false, demoLogins: [] });
      expect((await database.db.selectFrom('units').select('id').execute()).length).toBe(1);
      const app = await buildApp({ database, config, logger: false });
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'Chosen-pass-42' } });
      expect(res.json().user.mustChangePassword).toBe(false);
      await app.close();
    } finally {
      await database.close();
    }
  });
});

describe('demo work items fill 我的待办', () => {
  it('are seeded once with running deadlines, and each demo user sees their own and their unit\'s', async () => {
    const database = await openTestDatabase();
    try {
      const clock = fixedClock('2026-06-15T02:00:00Z');
      const config = loadConfig({});
      await ensureLegalClock(database.db);
      await ensureInitialData({ database, config, demo: true, clock });
      await ensureInitialData({ database, config, demo: true, clock });
      const items = await database.db.selectFrom('work_items').select(['id', 'module']).execute();
      expect(items.length).toBe(12);
      expect(new Set(items.map((i) => i.module))).toEqual(new Set(['petition', 'dispute', 'hazard', 'risk', 'supervision']));
      const app = await buildApp({ database, config, clock, logger: false });
      const login = async (username: string) => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Anwen@2026' } });
        return { cookie: `anwen_session=${res.cookies.find((c) => c.name === 'anwen_session')!.value}` };
      };
      const town = await login('town_lc01');
      const mine = (await app.inject({ method: 'GET', url: '/api/v1/my/todo?scope=mine', headers: town })).json();
      expect(mine.items.map((i: { title: string }) => i.title).sort()).toEqual(['龙蚕镇集贸市场消防通道堵塞', '龙头村土地征收补偿款发放进度问题'].sort());
      expect(mine.items.every((i: { nearestDue: string | null }) => i.nearestDue !== null)).toBe(true);
      const unit = (await app.inject({ method: 'GET', url: '/api/v1/my/todo?scope=unit', headers: town })).json();
      expect(unit.total).toBe(4); // the two of the town + the disputes of 龙蚕村 and 桑园村
      const xfj = (await app.inject({ method: 'GET', url: '/api/v1/my/todo?scope=unit', headers: await login('xfj01') })).json();
      expect(xfj.total).toBe(12);
      // the spread of start dates produces more than one warning level
      expect(Object.values(xfj.counts).filter((n) => (n as number) > 0).length).toBeGreaterThan(1);
      await app.close();
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    } finally {
      await database.close();
    }
  });
});
