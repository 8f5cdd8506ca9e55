import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../support/login.ts';
import { TEST_BACKEND } from '../support/test-db.ts';
import { ensureLegalClock } from '../../src/server/kernel/deadlines/seed-legal-clock.ts';

type Who = 'xfj' | 'town1' | 'town1b' | 'village1' | 'town2' | 'leader';
interface TodoBody {
  items: { workItemId: number; handlingUnitName: string; ownerUnitName: string; assigneeName: string | null; countdown: string | null }[];
  total: number;
}
interface WorkbenchBody {
  persona: string;
  mine: { total: number };
  unit: { total: number; approaching: number; overdue: number; severe: number };
  newToday: { module: string; count: number }[];
  dueByUnit: { unitId: number; unitName: string; approaching: number; overdue: number; severe: number }[];
}

/**
 * A case 交办'd to a township, seen from the township: it is on 本单位 with the township as 承办单位 and a
 * working-day countdown, the township names a 经办人 of its own who then finds it under 分配给我 and accepts it,
 * and the 工作台 counts it — never counting a 检举控告 for the unit it accuses.
 */
describe(`the receiving unit's 待办 and every role's 工作台 (${TEST_BACKEND})`, () => {
  // Monday 2026-08-03, 10:00 in Shanghai (no holiday in August)
  let current = new Date('2026-08-03T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  const users = {} as Record<Who, LoggedIn>;
  let plain: number;
  let accusation: number;

  const req = (who: Who, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: users[who].headers, ...(payload === undefined ? {} : { payload }) });
  const ok = async <T>(who: Who, url: string): Promise<T> => {
    const res = await req(who, 'GET', url);
    expect(res.statusCode, `${who} GET ${url}: ${res.body}`).toBe(200);
    return res.json() as T;
  };
  const ids = (body: TodoBody) => body.items.map((i) => i.workItemId);

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    const tag = TEST_BACKEND;
    users.xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id, username: `wb_xfj_${tag}` });
    users.town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: `wb_t1_${tag}` });
    users.town1b = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: `wb_t1b_${tag}` });
    users.village1 = await loginAs(t, { roles: ['village_staff'], unitId: tree.villages[0][0].id, username: `wb_v1_${tag}` });
    users.town2 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id, username: `wb_t2_${tag}` });
    users.leader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id, username: `wb_leader_${tag}` });
    const cats = await ok<{ items: { children: { id: number }[] }[] }>('xfj', '/petition-categories');
    const register = async (extra: Record<string, unknown>) => {
      const res = await req('xfj', 'POST', '/petitions', {
        channel: 'letter',
        petitioners: [{ name: '李四', phone: '13900139000' }],
        matterType: 'appeal',
        categoryId: cats.items[0]!.children[0]!.id,
        placeUnitId: tree.townships[0].id,
        title: '反映问题',
        content: '反映有关单位的问题，请依法处理。',
        ...extra,
      });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { id: number }).id;
    };
    plain = await register({ title: '村道积水影响出行' });
    accusation = await register({ matterType: 'accusation', accusedUnitId: tree.townships[0].id, title: '检举某站所违规收费' });
    // the clerk who registered a case handles it until it is 交办'd; both were entered "today" (the test clock's day)
    await t.database.db.updateTable('work_items').set({ assignee_id: users.xfj.user.id, created_at: current }).where('id', 'in', [plain, accusation]).execute();
    expect((await req('xfj', 'POST', `/petitions/${plain}/actions/assign`, { leadUnitId: tree.townships[0].id })).statusCode).toBe(200);
    expect((await req('xfj', 'POST', `/petitions/${accusation}/actions/assign`, { leadUnitId: tree.townships[1].id })).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  it("shows a case 交办'd to the township on its 本单位 list, with the township as 承办单位 and a working-day countdown", async () => {
    const unit = await ok<TodoBody>('town1', '/my/todo?scope=unit');
    const row = unit.items.find((i) => i.workItemId === plain);
    expect(row).toMatchObject({ handlingUnitName: tree.townships[0].name, ownerUnitName: tree.department.name, assigneeName: null });
    // 交办 on Monday 08-03: the 5-working-day objection period ends Monday 08-10
    expect(row!.countdown).toBe('剩5个工作日');
    // the 信访局 clerk no longer holds it as 经办人; the accusation against the township never reaches it
    expect(ids(await ok<TodoBody>('xfj', '/my/todo?scope=mine'))).not.toContain(plain);
    expect(ids(unit)).not.toContain(accusation);
    // filtered by handling unit: the township's case is the township's, not the 信访局's
    expect(ids(await ok<TodoBody>('xfj', `/my/todo?scope=unit&unitId=${tree.townships[0].id}`))).toEqual([plain]);
    expect(ids(await ok<TodoBody>('xfj', `/my/todo?scope=unit&unitId=${tree.townships[1].id}`))).toEqual([accusation]);
  });

  it('lets the township name a 经办人 of its own, audited, who finds it under 分配给我 and accepts it', async () => {
    const candidates = await ok<{ items: { id: number; name: string }[] }>('town1', `/work-items/${plain}/assignee-candidates`);
    // the two township staff; not the village below (the case is not visible there), not other units
    expect(candidates.items.map((c) => c.id).sort()).toEqual([users.town1.user.id, users.town1b.user.id].sort());
    // someone outside the unit is refused; a unit without the case does not find it
    expect((await req('town1', 'POST', `/work-items/${plain}/assignee`, { assigneeId: users.xfj.user.id })).statusCode).toBe(400);
    expect((await req('town2', 'POST', `/work-items/${plain}/assignee`, { assigneeId: users.town2.user.id })).statusCode).toBe(404);
    // the accused township cannot even ask who could take the accusation
    expect((await req('town1', 'GET', `/work-items/${accusation}/assignee-candidates`)).statusCode).toBe(404);
    const res = await req('town1', 'POST', `/work-items/${plain}/assignee`, { assigneeId: users.town1b.user.id, note: '请周一前核实' });
    expect(res.statusCode, res.body).toBe(200);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['actor_id', 'after'])
      .where('action', '=', 'work_item.assignee')
      .where('entity_id', '=', String(plain))
      .executeTakeFirstOrThrow();
    expect(Number(audit.actor_id)).toBe(users.town1.user.id);
    expect(audit.after).toMatchObject({ assignee: users.town1b.user.displayName });

    const mine = await ok<TodoBody>('town1b', '/my/todo?scope=mine');
    expect(mine.items.find((i) => i.workItemId === plain)?.assigneeName).toBe(users.town1b.user.displayName);
    expect((await req('town1b', 'POST', `/petitions/${plain}/actions/accept`, {})).statusCode).toBe(200);
    expect(ids(await ok<TodoBody>('town1b', '/my/todo?scope=mine'))).toContain(plain);
  });

  it('gives each role a 工作台 under the one visibility rule, a 检举控告 never counted for the accused unit', async () => {
    const town = await ok<WorkbenchBody>('town1', '/workbench');
    expect(town.persona).toBe('unit');
    expect(town.unit.total).toBe(1);
    expect(town.newToday).toEqual([{ module: 'petition', moduleName: '信访', count: 1 }]);
    expect(town.dueByUnit.map((u) => u.unitId)).not.toContain(tree.townships[1].id);
    const mine = await ok<WorkbenchBody>('town1b', '/workbench');
    expect(mine.mine.total).toBe(1);

    const xfj = await ok<WorkbenchBody>('xfj', '/workbench');
    expect(xfj.persona).toBe('clerk');
    expect(xfj.newToday).toEqual([{ module: 'petition', moduleName: '信访', count: 2 }]);
  });

  it("drills a leader's 工作台 down to the overdue item", async () => {
    // 70 days on: the 60-day handling period of the accepted case has run out
    current = new Date('2026-10-12T02:00:00Z');
    users.leader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id, username: `wb_leader2_${TEST_BACKEND}` });
    const leader = await ok<WorkbenchBody>('leader', '/workbench');
    expect(leader.persona).toBe('leader');
    const row = leader.dueByUnit.find((u) => u.unitId === tree.townships[0].id);
    expect(row!.overdue + row!.severe).toBeGreaterThan(0);
    const level = row!.overdue > 0 ? 'overdue' : 'severe';
    const drill = await ok<TodoBody>('leader', `/my/todo?scope=unit&warning=${level}&unitId=${tree.townships[0].id}`);
    expect(ids(drill)).toEqual([plain]);
    expect(drill.items[0]!.countdown).toMatch(/^超期\d+天$/);
    expect(drill.total).toBe(row![level]);
    // the accusation (handled by the other township) is overdue too: the leader sees it, the accused township never
    expect(leader.dueByUnit.map((u) => u.unitId)).toContain(tree.townships[1].id);
    users.town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: `wb_t1c_${TEST_BACKEND}` });
    const town = await ok<WorkbenchBody>('town1', '/workbench');
    expect(town.dueByUnit.map((u) => u.unitId)).toEqual([tree.townships[0].id]);
    expect(town.unit.overdue + town.unit.severe).toBe(1);
  });
});
