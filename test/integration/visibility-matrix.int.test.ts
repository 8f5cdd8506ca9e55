import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../support/login.ts';
import { TEST_BACKEND } from '../support/test-db.ts';
import { ensureLegalClock } from '../../src/server/kernel/deadlines/seed-legal-clock.ts';
import { loadConfig } from '../../src/server/core/config.ts';
import { kernelJobs } from '../../src/server/kernel/jobs/kernel-jobs.ts';
import { createCatalog } from '../../src/server/kernel/catalog/index.ts';
import { MODULES } from '../../src/server/modules/registry.ts';

/**
 * One visibility rule per module, used by EVERY read path: a role × route × record matrix. Three cases —
 * an accusation against township 1 (交办'd to township 2), an accusation against the 信访局 itself, and a
 * plain case 交办'd to township 1 — read by six users through every route that lists, shows, exports,
 * drills down, looks up or notifies. Each cell is the expected rule, written out by hand below; a route
 * that shows more (a leak) or less (a unit not finding what is its own) fails.
 */
type Who = 'xfj' | 'town1' | 'village1' | 'town2' | 'leader' | 'auditor';
type Rec = 'accT1' | 'accXfj' | 'plainT1';

// the expected rule, by hand: owner scope or active party, and never the accused unit (or below it)
const SEES: Record<Who, Record<Rec, boolean>> = {
  xfj: { accT1: true, accXfj: false, plainT1: true }, // county-wide, but 信访局 is accused in accXfj
  town1: { accT1: false, accXfj: false, plainT1: true }, // accused in accT1; lead party of plainT1
  village1: { accT1: false, accXfj: false, plainT1: false }, // below the accused township; not below the lead
  town2: { accT1: true, accXfj: false, plainT1: false }, // lead party of accT1
  leader: { accT1: true, accXfj: true, plainT1: true }, // county-wide, in the county's root unit
  auditor: { accT1: true, accXfj: false, plainT1: true }, // county-wide, but sits in the 信访局
};
const WHO: Who[] = ['xfj', 'town1', 'village1', 'town2', 'leader', 'auditor'];
const RECS: Rec[] = ['accT1', 'accXfj', 'plainT1'];

describe(`one visibility rule on every read path (${TEST_BACKEND})`, () => {
  let current = new Date('2026-08-03T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  const users = {} as Record<Who, LoggedIn>;
  const ids = {} as Record<Rec, number>;
  const refs = {} as Record<Rec, string>;
  let catId: number;
  const ID_NUMBER = '11010519491231002X';

  const req = (who: Who, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: users[who].headers, ...(payload === undefined ? {} : { payload }) });
  const ok = async (who: Who, url: string) => {
    const res = await req(who, 'GET', url);
    expect(res.statusCode, `${who} GET ${url}: ${res.body}`).toBe(200);
    return res;
  };
  const signIn = async () => {
    users.xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id, username: `vm_xfj_${TEST_BACKEND}` });
    users.town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: `vm_t1_${TEST_BACKEND}` });
    users.village1 = await loginAs(t, { roles: ['village_staff'], unitId: tree.villages[0][0].id, username: `vm_v1_${TEST_BACKEND}` });
    users.town2 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id, username: `vm_t2_${TEST_BACKEND}` });
    users.leader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id, username: `vm_leader_${TEST_BACKEND}` });
    users.auditor = await loginAs(t, { roles: ['auditor'], unitId: tree.department.id, username: `vm_aud_${TEST_BACKEND}` });
  };
  const register = async (extra: Record<string, unknown>) => {
    const res = await req('xfj', 'POST', '/petitions', {
      channel: 'letter',
      petitioners: [{ name: '李四', idNumber: ID_NUMBER, phone: '13900139000' }],
      matterType: 'appeal',
      categoryId: catId,
      placeUnitId: tree.townships[0].id,
      title: '反映问题',
      content: '反映有关单位的问题，请依法处理。',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: number; caseNo: string };
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    await signIn();
    const cats = (await ok('xfj', '/petition-categories')).json() as { items: { children: { id: number }[] }[] };
    catId = cats.items[0]!.children[0]!.id;
    const a = await register({ matterType: 'accusation', accusedUnitId: tree.townships[0].id, title: '检举龙蚕镇某站所违规收费' });
    const b = await register({
      matterType: 'accusation',
      accusedUnitId: tree.department.id,
      placeUnitId: tree.townships[1].id,
      title: '控告信访局工作人员推诿',
    });
    const c = await register({ title: '道路积水影响出行' });
    [ids.accT1, refs.accT1, ids.accXfj, refs.accXfj, ids.plainT1, refs.plainT1] = [a.id, a.caseNo, b.id, b.caseNo, c.id, c.caseNo];
  });
  afterAll(async () => t?.close());

  it('refuses to 交办 an accusation to the accused unit or a unit below it (条例第三十条)', async () => {
    for (const unit of [tree.townships[0], tree.villages[0][1]]) {
      const res = await req('xfj', 'POST', `/petitions/${ids.accT1}/actions/assign`, { leadUnitId: unit.id });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'VALIDATION_FAILED', data: { field: 'leadUnitId' } });
      expect(res.json().message).toContain('第三十条');
    }
    const assist = await req('xfj', 'POST', `/petitions/${ids.accT1}/actions/assign`, {
      leadUnitId: tree.townships[1].id,
      assistUnitIds: [tree.townships[0].id],
    });
    expect(assist.statusCode).toBe(400);
    expect((await req('xfj', 'POST', `/petitions/${ids.accT1}/actions/assign`, { leadUnitId: tree.townships[1].id })).statusCode).toBe(200);
    expect((await req('xfj', 'POST', `/petitions/${ids.plainT1}/actions/assign`, { leadUnitId: tree.townships[0].id })).statusCode).toBe(200);
  });

  const listed = (body: unknown, key: 'id' | 'workItemId' = 'id') =>
    new Set(((body as { items: Record<string, number>[] }).items ?? []).map((i) => Number(i[key])));
  const xlsxText = async (buf: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const out: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text)))));
    return out.join('\n');
  };

  it.each(WHO)('%s: details, lists, 我的待办, exports and drill-downs follow the one rule', async (who) => {
    const workItems = listed((await ok(who, '/work-items?pageSize=100')).json());
    const petitions = listed((await ok(who, '/petitions?pageSize=100')).json());
    const todo = listed((await ok(who, '/my/todo?scope=unit&pageSize=100')).json(), 'workItemId');
    const drill = listed((await ok(who, '/stats/petition/items?from=2026-08-01&to=2026-08-31&pageSize=500')).json());
    const todoXlsx = await xlsxText((await ok(who, '/my/todo/export.xlsx?scope=unit')).rawPayload);
    const ledgerXlsx = await xlsxText((await ok(who, '/petitions/export.xlsx')).rawPayload);
    for (const rec of RECS) {
      const sees = SEES[who][rec];
      const cell = `${who} × ${rec}`;
      expect((await req(who, 'GET', `/work-items/${ids[rec]}`)).statusCode, `${cell}: GET /work-items/:id`).toBe(sees ? 200 : 404);
      expect((await req(who, 'GET', `/petitions/${ids[rec]}`)).statusCode, `${cell}: GET /petitions/:id`).toBe(sees ? 200 : 404);
      expect((await req(who, 'GET', `/work-items/${ids[rec]}/supervision`)).statusCode, `${cell}: GET 督办`).toBe(sees ? 200 : 404);
      expect(workItems.has(ids[rec]), `${cell}: /work-items`).toBe(sees);
      expect(petitions.has(ids[rec]), `${cell}: /petitions`).toBe(sees);
      expect(todo.has(ids[rec]), `${cell}: 本单位待办`).toBe(sees);
      expect(drill.has(ids[rec]), `${cell}: 统计穿透`).toBe(sees);
      expect(todoXlsx.includes(refs[rec]), `${cell}: 待办导出`).toBe(sees);
      expect(ledgerXlsx.includes(refs[rec]), `${cell}: 台账导出`).toBe(sees);
    }
  });

  it('the repeat look-up at registration never names a case the clerk may not see', async () => {
    const res = await ok('xfj', `/petitions/repeat-candidates?idNumber=${ID_NUMBER}`);
    const found = listed(res.json());
    expect(found.has(ids.accT1)).toBe(true);
    expect(found.has(ids.plainT1)).toBe(true);
    expect(found.has(ids.accXfj)).toBe(false);
  });

  it('督办 lists show a notice only to those who may see its item', async () => {
    for (const rec of ['accT1', 'plainT1'] as const) {
      const res = await req('xfj', 'POST', `/work-items/${ids[rec]}/supervision/notices`, { level: 'county', text: '请抓紧办理并书面回复。' });
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await req('leader', 'POST', `/work-items/${ids.accXfj}/supervision/listing`, { reason: '控告信访局，县领导挂牌督办' });
    expect([200, 403]).toContain(res.statusCode);
    for (const who of WHO) {
      const notices = new Set(
        ((await ok(who, '/supervision/notices?status=all&pageSize=100')).json() as { items: { item: { workItemId: number } }[] }).items.map(
          (i) => i.item.workItemId,
        ),
      );
      const listedItems = new Set(
        ((await ok(who, '/supervision/listed?pageSize=100')).json() as { items: { workItemId: number }[] }).items.map((i) => i.workItemId),
      );
      for (const rec of RECS) {
        if (notices.has(ids[rec])) expect(SEES[who][rec], `${who} × ${rec}: 督办通知`).toBe(true);
        if (listedItems.has(ids[rec])) expect(SEES[who][rec], `${who} × ${rec}: 挂牌督办`).toBe(true);
      }
    }
    expect(
      ((await ok('town2', '/supervision/notices?status=all')).json() as { items: { item: { workItemId: number } }[] }).items.map((i) => i.item.workItemId),
    ).toContain(ids.accT1);
  });

  it('reminders and automatic 督办 reach the responsible unit, never one the item is hidden from; the inbox shows only visible items', async () => {
    // 45 days on: the routing and objection clocks are long overdue
    current = new Date('2026-09-17T02:00:00Z');
    await signIn();
    const jobs = kernelJobs(createCatalog(MODULES));
    for (const job of jobs) await job.run({ slot: 'test' }, { database: t.database, config: loadConfig({}), clock: { now: () => current } });
    // defence in depth: a reminder addressed to the accused township by hand is still not shown to it
    await t.database.db
      .insertInto('notifications')
      .values({ unit_id: tree.townships[0].id, kind: 'deadline.warning', title: '【超期】手工提醒', body: '测试', work_item_id: ids.accT1, level: null })
      .execute();
    const inbox = {} as Record<Who, Set<number>>;
    for (const who of WHO) {
      inbox[who] = listed((await ok(who, '/my/notifications?pageSize=100')).json(), 'workItemId');
      for (const rec of RECS) if (inbox[who].has(ids[rec])) expect(SEES[who][rec], `${who} × ${rec}: 提醒`).toBe(true);
    }
    // the 交办'd units are reminded of what is theirs
    expect(inbox.town1.has(ids.plainT1)).toBe(true);
    expect(inbox.town2.has(ids.accT1)).toBe(true);
    // nothing was addressed to the accused 信访局 about the accusation against it
    const toXfj = await t.database.db
      .selectFrom('notifications')
      .select('id')
      .where('unit_id', '=', tree.department.id)
      .where('work_item_id', '=', ids.accXfj)
      .execute();
    expect(toXfj).toHaveLength(0);
    // the unread badge counts by the same rule as the list (the hand-made reminder is not counted)
    const unread = (await ok('town1', '/my/notifications/unread-count')).json() as { unread: number };
    const unreadListed = (await ok('town1', '/my/notifications?unread=true&pageSize=100')).json() as { total: number };
    expect(unread.unread).toBe(unreadListed.total);
  });
});
