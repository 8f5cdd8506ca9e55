import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../core/db/database.ts';
import { loadConfig } from '../core/config.ts';
import { verifyAuditChain } from '../core/audit/audit-chain.ts';
import { buildApp } from '../app.ts';
import { demoEnabled, ensureInitialData } from './initial.ts';
import { ensureLegalClock } from '../kernel/deadlines/seed-legal-clock.ts';
import { fixedClock } from '../core/clock/clock.ts';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deriveKeys } from '../core/personal-data/index.ts';
import { docxEntryText } from '../core/documents/index.ts';

/** the demo writes attachment files (signatures, evidence): into a folder of this test, never the checkout's ./data */
const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-initial-'));

describe('initial data and the demo county', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(DATA_DIR, { recursive: true, force: true });
  });

  it('rejects a weak ANWEN_ADMIN_PASSWORD before creating anything', async () => {
    const config = { ...loadConfig({ ANWEN_DATA_DIR: DATA_DIR }), adminPassword: 'weakpass' };
    await expect(ensureInitialData({ database, config, demo: false })).rejects.toMatchObject({ code: 'PASSWORD_TOO_WEAK' });
    expect(await database.db.selectFrom('users').select('id').execute()).toHaveLength(0);
  });

  it('first start creates root + admin with a random password shown once; later starts are idempotent', async () => {
    const config = loadConfig({ ANWEN_DATA_DIR: DATA_DIR });
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
    const byKind = await db
      .selectFrom('units')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute();
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
    for (const r of [
      'sys_admin',
      'xfj_staff',
      'safety_staff',
      'wwb_staff',
      'dcb_staff',
      'dept_liaison',
      'township_staff',
      'village_staff',
      'mediator',
      'county_leader',
      'auditor',
    ]) {
      expect(roles, r).toContain(r);
    }
  });
});

describe('initial data with ANWEN_ADMIN_PASSWORD in the demo', () => {
  it('creates only the root and admin (demo: false), with the chosen password and no forced change', async () => {
    const database = await openTestDatabase();
    try {
      const config = { ...loadConfig({ ANWEN_DATA_DIR: DATA_DIR }), adminPassword: 'Chosen-pass-42' };
      const result = await ensureInitialData({ database, config, demo: false, outsideDemo: false });
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

describe('outside the demo (ANWEN_DEMO=0, or NODE_ENV=production) seeded passwords must be changed at first sign-in', () => {
  it('demoEnabled: ANWEN_DEMO decides; unset, production is not the demo', () => {
    expect(demoEnabled({})).toBe(true);
    expect(demoEnabled({ ANWEN_DEMO: '0' })).toBe(false);
    expect(demoEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(demoEnabled({ NODE_ENV: 'production', ANWEN_DEMO: '1' })).toBe(true);
  });

  const signIn = async (app: Awaited<ReturnType<typeof buildApp>>, username: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: `10.9.${username.length}.1` });
    expect(res.statusCode, username).toBe(200);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    return { user: res.json().user as { mustChangePassword: boolean }, headers: { cookie, 'x-csrf-token': res.json().csrfToken as string } };
  };

  it('admin with ANWEN_ADMIN_PASSWORD must change it; until then the API answers PASSWORD_CHANGE_REQUIRED', async () => {
    const database = await openTestDatabase();
    try {
      const config = { ...loadConfig({ ANWEN_DATA_DIR: DATA_DIR }), adminPassword: 'Chosen-pass-42' };
      await ensureInitialData({ database, config, demo: false, outsideDemo: true });
      const app = await buildApp({ database, config, logger: false });
      const admin = await signIn(app, 'admin', 'Chosen-pass-42');
      expect(admin.user.mustChangePassword).toBe(true);
      const refused = await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: 'PASSWORD_CHANGE_REQUIRED', message: '当前为临时密码，请先修改密码后再继续操作' });
      const changed = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: admin.headers,
        payload: { oldPassword: 'Chosen-pass-42', newPassword: 'Own-choice-2026' },
      });
      expect(changed.statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers })).statusCode).toBe(200);
      await app.close();
    } finally {
      await database.close();
    }
  });

  it('demo accounts (anwen seed on a real install, or a demo switched off) must replace the published demo password', async () => {
    const database = await openTestDatabase();
    try {
      const config = loadConfig({ ANWEN_DATA_DIR: DATA_DIR });
      const clock = fixedClock('2026-06-15T02:00:00Z');
      const keys = deriveKeys(randomBytes(32));
      await ensureLegalClock(database.db);
      // the county tried the demo first: no forced change there
      const demo = await ensureInitialData({ database, config, demo: true, outsideDemo: false, clock, keys });
      const app = await buildApp({ database, config, logger: false, clock, keys });
      const first = demo.demoLogins[0]!.username;
      expect((await signIn(app, first, demo.demoPassword!)).user.mustChangePassword).toBe(false);
      // then it runs for real (ANWEN_DEMO=0 / NODE_ENV=production): the next start flags every demo account
      const real = await ensureInitialData({ database, config, outsideDemo: true, demo: false, clock, keys });
      expect(real.demoPasswordChangeRequired).toBe(true);
      const flagged = await database.db
        .selectFrom('users')
        .select(['username', 'must_change_password'])
        .where(
          'username',
          'in',
          demo.demoLogins.map((d) => d.username),
        )
        .execute();
      expect(flagged.length).toBe(demo.demoLogins.length);
      expect(flagged.every((u) => u.must_change_password)).toBe(true);
      const user = await signIn(app, first, demo.demoPassword!);
      expect(user.user.mustChangePassword).toBe(true);
      expect((await app.inject({ method: 'GET', url: '/api/v1/my/notifications', headers: user.headers })).json().error).toBe('PASSWORD_CHANGE_REQUIRED');
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: user.headers,
        payload: { oldPassword: demo.demoPassword, newPassword: 'Own-choice-2026' },
      });
      expect((await app.inject({ method: 'GET', url: '/api/v1/my/notifications', headers: user.headers })).statusCode).toBe(200);
      // a later start leaves the changed password alone
      await ensureInitialData({ database, config, outsideDemo: true, demo: false, clock, keys });
      const again = await database.db.selectFrom('users').select('must_change_password').where('username', '=', first).executeTakeFirstOrThrow();
      expect(again.must_change_password).toBe(false);
      const audit = await database.db.selectFrom('audit_events').select('action').where('action', '=', 'user.requirePasswordChange').execute();
      expect(audit).toHaveLength(1);
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
      await app.close();
    } finally {
      await database.close();
    }
  }, 180_000); // the whole demo county is seeded, on a machine shared with other runs
});

describe('demo work items and demo petitions fill 我的待办 and 信访', () => {
  it('are seeded once through the modules, with running deadlines, and each demo user sees their own', async () => {
    const database = await openTestDatabase();
    try {
      const clock = fixedClock('2026-06-15T02:00:00Z');
      const config = loadConfig({ ANWEN_DATA_DIR: DATA_DIR });
      const keys = deriveKeys(randomBytes(32));
      await ensureLegalClock(database.db);
      await ensureInitialData({ database, config, demo: true, clock, keys });
      await ensureInitialData({ database, config, demo: true, clock, keys });
      const items = await database.db.selectFrom('work_items').select(['id', 'module', 'ref_no']).execute();
      expect(new Set(items.map((i) => i.module))).toEqual(new Set(['petition', 'accident', 'dispute', 'hazard', 'risk', 'supervision']));
      // every number names its module by its prefix, so no two items of the demo share a number
      const prefixes: Record<string, string> = { petition: 'XF', dispute: 'JF', risk: 'WP', supervision: 'DB', accident: 'SG', hazard: 'YH' };
      for (const i of items) expect(i.ref_no).toMatch(new RegExp(`^${prefixes[i.module]}-519901-\\d{4}-\\d{6}$`));
      expect(new Set(items.map((i) => i.ref_no)).size).toBe(items.length);
      // 督查督办's items are real 督办事项: one per unit of the demo 督办通知 (demo-supervision.ts) in four stages, and the
      // three the demo 督查 campaign's 通报 made of its problems (demo-supervision-campaigns.ts)
      const others = items.filter((i) => !['petition', 'accident', 'hazard', 'dispute', 'risk'].includes(i.module));
      expect(others.every((i) => i.module === 'supervision')).toBe(true);
      const tasks = await database.db
        .selectFrom('supervision_tasks as t')
        .innerJoin('work_items as w', 'w.id', 't.id')
        .select(['t.id', 't.source_kind', 'w.state'])
        .execute();
      expect(tasks.map((t) => Number(t.id)).sort()).toEqual(others.map((i) => Number(i.id)).sort());
      const fromNotice = tasks.filter((t) => t.source_kind === 'notice');
      expect(fromNotice).toHaveLength(4);
      expect(new Set(fromNotice.map((x) => x.state))).toEqual(new Set(['closed', 'reported', 'assigned']));
      expect(tasks.filter((t) => t.source_kind === 'campaign')).toHaveLength(3);
      // 矛盾纠纷's items are real disputes, mediated through the module (demo-disputes.ts), in many states
      const disputes = await database.db.selectFrom('disputes as d').innerJoin('work_items as w', 'w.id', 'd.id').select(['d.id', 'w.state']).execute();
      expect(disputes.map((d) => Number(d.id)).sort()).toEqual(
        items
          .filter((i) => i.module === 'dispute')
          .map((i) => Number(i.id))
          .sort(),
      );
      expect(new Set(disputes.map((d) => d.state))).toEqual(new Set(['registered', 'mediating', 'performing', 'performed', 'closed', 'failed']));
      expect(JSON.stringify(await database.db.selectFrom('dispute_parties').selectAll().execute())).not.toMatch(/邹德明|廖小琴/);
      // 稳评's are real assessments taken through their steps (demo-risk.ts)
      const assessments = await database.db.selectFrom('risk_assessments').select('id').execute();
      expect(assessments.map((a) => Number(a.id)).sort()).toEqual(
        items
          .filter((i) => i.module === 'risk')
          .map((i) => Number(i.id))
          .sort(),
      );
      expect(assessments.length).toBe(4);
      // 安全生产's accidents are real accident records, reported through the module (demo-accidents-duty.ts)
      const accidents = await database.db.selectFrom('safety_accidents').select(['id', 'grade']).execute();
      expect(accidents.map((a) => Number(a.id)).sort()).toEqual(
        items
          .filter((i) => i.module === 'accident')
          .map((i) => Number(i.id))
          .sort(),
      );
      expect(accidents.length).toBe(4);
      // those that happened at a registered enterprise are linked to it (its page lists them), the unit named as registered
      const linked = await database.db
        .selectFrom('safety_accidents as a')
        .innerJoin('safety_enterprises as e', 'e.id', 'a.enterprise_id')
        .select(['e.name', 'a.unit_name', 'a.township_unit_id', 'e.township_unit_id as enterprise_township'])
        .orderBy('e.name')
        .execute();
      expect(linked.map((l) => l.name)).toEqual(['青岚县滨江花园三期工地', '青岚县鑫达机械制造有限公司']);
      for (const l of linked) {
        expect(l.unit_name).toBe(l.name);
        expect(Number(l.township_unit_id)).toBe(Number(l.enterprise_township));
      }
      const roster = await database.db
        .selectFrom('safety_duty_days')
        .select('duty_date')
        .where('duty_date', '>=', '2026-06-01')
        .where('duty_date', '<=', '2026-06-30')
        .execute();
      expect(roster).toHaveLength(30);
      // every 安全隐患 item is a real hazard of the demo register, in every state of its machine
      const hazards = await database.db
        .selectFrom('hazards as h')
        .innerJoin('work_items as w', 'w.id', 'h.id')
        .select(['h.id', 'w.state', 'h.grade'])
        .execute();
      expect(hazards.map((h) => Number(h.id)).sort()).toEqual(
        items
          .filter((i) => i.module === 'hazard')
          .map((i) => Number(i.id))
          .sort(),
      );
      expect(new Set(hazards.map((h) => h.state))).toEqual(new Set(['reported', 'rectifying', 'verifying', 'closed']));
      expect(hazards.some((h) => h.grade === 'major')).toBe(true);
      expect(
        Number(
          (
            await database.db
              .selectFrom('safety_enterprises')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBeGreaterThanOrEqual(30);
      // every 信访 item is a real petition record (none of the bare kernel items of the old demo)
      const petitionItems = items.filter((i) => i.module === 'petition').map((i) => Number(i.id));
      const records = await database.db
        .selectFrom('petitions')
        .select(['id', 'case_no', 'stage', 'collective', 'is_repeat', 'anonymous', 'matter_type', 'accused_unit_id'])
        .execute();
      expect(records.map((r) => Number(r.id)).sort()).toEqual(petitionItems.sort());
      expect(records.length).toBeGreaterThanOrEqual(15);
      for (const r of records) expect(r.case_no).toMatch(/^XF-519901-2026-\d{6}$/);
      expect(records.some((r) => r.collective)).toBe(true);
      expect(records.some((r) => r.is_repeat)).toBe(true);
      expect(records.some((r) => r.anonymous && r.matter_type === 'suggestion')).toBe(true);
      expect(records.some((r) => r.matter_type === 'accusation' && r.accused_unit_id !== null)).toBe(true);
      expect(records.some((r) => r.stage === 'fucha')).toBe(true);
      // personal data is stored encrypted only
      const people = await database.db.selectFrom('petitioners').selectAll().execute();
      expect(people.length).toBeGreaterThan(10);
      expect(JSON.stringify(people)).not.toMatch(/刘国富|519901196203141315|13800000101/);

      const app = await buildApp({ database, config, clock, keys, logger: false });
      const login = async (username: string) => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Anwen@2026' } });
        return {
          cookie: `anwen_session=${res.cookies.find((c) => c.name === 'anwen_session')!.value}`,
          'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken,
        };
      };
      const xfjHeaders = await login('xfj01');
      const list = (await app.inject({ method: 'GET', url: '/api/v1/petitions?pageSize=50', headers: xfjHeaders })).json();
      expect(list.total).toBe(records.length);
      const states = new Set(list.items.map((i: { state: string }) => i.state));
      for (const s of ['registered', 'assigned', 'objected', 'handling', 'delivered', 'under_review', 'closed']) expect(states, s).toContain(s);
      const warnings = new Set(list.items.map((i: { warningLevel: string }) => i.warningLevel));
      for (const w of ['normal', 'approaching', 'overdue']) expect(warnings, w).toContain(w);

      // the responsible person of a case sees it in 我的待办, opening on the 信访 case page
      const town = await login('town_lc01');
      const mine = (await app.inject({ method: 'GET', url: '/api/v1/my/todo?scope=mine', headers: town })).json();
      const titles = mine.items.map((i: { title: string }) => i.title);
      // a hazard of its 属地 is in the township's 本单位待办 (the 行业主管部门 is its 主办)
      const unitTodo = (await app.inject({ method: 'GET', url: '/api/v1/my/todo?scope=unit&pageSize=100', headers: town })).json();
      expect(unitTodo.items.map((i: { title: string }) => i.title)).toContain('龙蚕镇永兴五金建材店：二楼库房安全出口被成捆钢管堵塞，疏散指示标志不亮');
      expect(titles).toContain('龙头村土地征收补偿款未足额发放');
      expect(
        mine.items.every(
          (i: { nearestDue: string | null; module: string; href: string; workItemId: number }) => i.module !== 'petition' || i.href === `/xf/${i.workItemId}`,
        ),
      ).toBe(true);
      const xfj = (await app.inject({ method: 'GET', url: '/api/v1/my/todo?scope=mine', headers: xfjHeaders })).json();
      expect(xfj.total).toBeGreaterThan(0);
      // the spread of dates produces more than one warning level
      const all = (await app.inject({ method: 'GET', url: '/api/v1/my/todo?scope=unit', headers: xfjHeaders })).json();
      expect(Object.values(all.counts).filter((n) => (n as number) > 0).length).toBeGreaterThan(1);

      // the case that went the whole way: replied, delivered, evaluated — with its dates in the past
      const evaluated = list.items.find((i: { title: string }) => i.title === '耕地地力保护补贴未到账');
      const record = (await app.inject({ method: 'GET', url: `/api/v1/petitions/${evaluated.id}`, headers: xfjHeaders })).json();
      expect(record.state).toBe('delivered');
      expect(record.decisions.evaluation.result).toBe('satisfied');
      expect(record.decisions.delivery.date < '2026-06-15').toBe(true);

      // the demo's decisions issued their notices: the case that went the whole way has its 受理告知书 and 处理意见书
      const docs = (await app.inject({ method: 'GET', url: `/api/v1/petitions/${evaluated.id}/documents`, headers: xfjHeaders })).json();
      expect(docs.items.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['受理告知书', '处理意见书']));
      // the demo's 信访局 issues under the 代字 the README shows (青信), headed by its full name, continuing its sequence
      const issued = await database.db
        .selectFrom('document_sequences')
        .select('last')
        .where('prefix', '=', '青信')
        .where('year', '=', 2026)
        .executeTakeFirstOrThrow();
      expect(issued.last).toBeGreaterThan(0);
      const assigned = list.items.find((i: { state: string }) => i.state === 'assigned');
      const slip = await app.inject({ method: 'POST', url: `/api/v1/petitions/${assigned.id}/documents/transfer_slip`, headers: xfjHeaders });
      expect(slip.statusCode, slip.body).toBe(200);
      expect(slip.json().number).toBe(`青信〔2026〕${issued.last + 1}号`);
      const docx = await app.inject({ method: 'GET', url: `/api/v1/petition-documents/${slip.json().id}/download`, headers: xfjHeaders });
      expect(await docxEntryText(docx.rawPayload, 'word/document.xml')).toContain('青岚县信访局');

      // the scripted past reads as entered on its own days: no event of a demo case shows as 补录
      const day = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      for (const title of ['龙头村土地征收补偿款未足额发放', '耕地地力保护补贴未到账']) {
        const id = list.items.find((i: { title: string }) => i.title === title).id;
        const timeline = (await app.inject({ method: 'GET', url: `/api/v1/petitions/${id}`, headers: xfjHeaders })).json().timeline as {
          at: string;
          recordedAt: string | null;
          label: string;
        }[];
        expect(timeline.length).toBeGreaterThan(3);
        const backdated = timeline.filter((e) => e.recordedAt !== null && day(e.recordedAt) !== day(e.at));
        expect(backdated.map((e) => `${e.label} ${e.at} ${e.recordedAt}`)).toEqual([]);
      }

      // 今日新登记 counts what was received today (two demo petitions), whatever day it was entered
      const bench = (await app.inject({ method: 'GET', url: '/api/v1/workbench', headers: xfjHeaders })).json();
      expect(bench.newToday.find((m: { module: string }) => m.module === 'petition').count).toBe(2);

      // no county leader's first screen opens on zeros: 包案, 接访日 ahead, 待我批示
      for (const [username, awaiting] of [
        ['leader01', 2],
        ['leader02', 1],
      ] as const) {
        const h = await login(username);
        const wb = (await app.inject({ method: 'GET', url: '/api/v1/workbench', headers: h })).json();
        expect(wb.persona).toBe('leader');
        expect(wb.leader.open, username).toBeGreaterThanOrEqual(2);
        expect(wb.leader.receptionDaysAhead, username).toBeGreaterThanOrEqual(1);
        expect(wb.leader.awaitingInstruction, username).toBe(awaiting);
        const requests = (await app.inject({ method: 'GET', url: '/api/v1/my/instruction-requests', headers: h })).json();
        expect(requests.total).toBe(awaiting);
        expect(requests.items[0].question).toContain('请批示');
        const mine = (await app.inject({ method: 'GET', url: '/api/v1/my/leader-cases?open=true', headers: h })).json();
        expect(mine.items.length, username).toBeGreaterThanOrEqual(2);
        const days = (await app.inject({ method: 'GET', url: `/api/v1/reception-days?from=2026-06-15&leaderId=${mine.leader.id}`, headers: h })).json();
        expect(days.items.length, username).toBeGreaterThanOrEqual(1);
        const receptions = (await app.inject({ method: 'GET', url: `/api/v1/reception-records?leaderId=${mine.leader.id}`, headers: h })).json();
        expect(receptions.items.length, username).toBeGreaterThanOrEqual(1);
      }
      await app.close();
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
      const audit = await database.db.selectFrom('audit_events').select('action').where('action', 'like', 'petition.%').execute();
      expect(audit.length).toBeGreaterThan(records.length);
    } finally {
      await database.close();
    }
  }, 180_000); // the whole demo county is seeded, on a machine shared with other runs
});
