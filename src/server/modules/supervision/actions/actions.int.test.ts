import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { BACKDATE_WINDOW_SETTING } from '../../../kernel/actions/index.ts';

interface Item {
  id: number;
  taskId: number;
  title: string;
  unitName: string;
  leaderName: string | null;
  status: string;
  statusName: string;
  linked: { refNo: string; stateName: string } | null;
}
interface Detail {
  id: number;
  statusName: string;
  whole: boolean;
  items: Item[];
  dispatches: { dispatchedOn: string; total: number; closed: number; overdue: number; formName: string }[];
  slots: { from: string; to: string; state: string }[];
  mayManage: boolean;
}
type Body = Omit<Detail, 'items'> & {
  items: (Item & { name: string; items: number; done: number; late: number })[];
  message: string;
  ids: number[];
  mayCreate: boolean;
};

describe(`专项行动 through HTTP (${TEST_BACKEND})`, () => {
  // Beijing 2026-09-07 (a Monday) 10:00
  let now = new Date('2026-09-07T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let police: TestUnit;
  let xfj: LoggedIn;
  let town0: LoggedIn;
  let town1: LoggedIn;
  let village: LoggedIn;
  let member: LoggedIn;
  let outsider: LoggedIn;
  let leaderA = 0;
  let leaderB = 0;
  let id = 0;

  const api = async (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    const json = (res.headers['content-type'] ?? '').toString().includes('json');
    return { status: res.statusCode, body: (json ? res.json() : {}) as Body, raw: res.rawPayload, headers: res.headers };
  };
  const signIn = async () => {
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id, username: 'ac_xfj' });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'ac_town0' });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id, username: 'ac_town1' });
    village = await loginAs(t, { roles: ['village_staff'], unitId: tree.villages[0][0].id, username: 'ac_village' });
    member = await loginAs(t, { roles: ['dept_liaison'], unitId: police.id, username: 'ac_member' });
    outsider = await loginAs(t, { roles: ['dept_liaison'], unitId: police.id, username: 'ac_outsider' });
  };
  const count = async (table: 'sv_actions' | 'sv_action_items' | 'supervision_tasks' | 'sv_action_dispatches') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const action = (over: object = {}) => ({
    name: '“信访积案化解年”专项行动',
    category: 'petition_backlog',
    periodFrom: '2026-09-07',
    periodTo: '2026-12-31',
    goals: '全县信访积案化解率达到90%以上',
    measures: '领导包案、一案一策',
    steps: '9月动员部署，10—11月集中化解，12月总结',
    rhythm: 'weekly',
    leadUnitId: tree.department.id,
    members: [
      { role: 'head', leaderId: leaderA, name: '李明' },
      { role: 'member', leaderId: leaderB, name: '王强', post: '县公安局副局长' },
    ],
    groups: [{ name: '综合协调组', leadUnitId: tree.department.id, members: ['张华'] }],
    ...over,
  });
  const act = (who: LoggedIn, task: number, name: string, payload: object) => api(who, 'POST', `/supervision/tasks/${task}/actions/${name}`, payload);

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    police = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县公安局' });
    await signIn();
    const db = t.database.db;
    const leader = async (name: string, userId: number | null) =>
      Number(
        (
          await db
            .insertInto('leaders')
            .values({ name, title: '副县长', unit_id: tree.county.id, user_id: userId, portfolio: [], oversees_unit_ids: [] })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    leaderA = await leader('李明', null);
    // the 领导小组 member signs in: they see the whole action
    leaderB = await leader('王强', member.user.id);
    await db
      .insertInto('work_items')
      .values({
        module: 'petition',
        ref_no: 'XF-2024-0031',
        title: '某小区业主反映房产证办理问题',
        state: 'handling',
        owner_unit_id: tree.townships[0].id,
        owner_unit_path: tree.townships[0].path,
      })
      .execute();
  });
  afterAll(() => t?.close());

  it('refuses bad input in Chinese and writes nothing; a unit that does not lead cannot deploy', async () => {
    const backwards = await api(xfj, 'POST', '/supervision/actions', action({ periodTo: '2026-09-01' }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.message).toContain('结束日期不能早于开始日期');
    const noHead = await api(xfj, 'POST', '/supervision/actions', action({ members: [{ role: 'member', name: '王强' }] }));
    expect(noHead.status).toBe(400);
    expect(noHead.body.message).toContain('组长');
    expect((await api(xfj, 'POST', '/supervision/actions', action({ category: 'x' }))).body.message).toContain('请选择行动类别');
    expect((await api(town0, 'POST', '/supervision/actions', action())).status).toBe(403);
    expect(await count('sv_actions')).toBe(0);
  });

  it('deploys an action and its 问题清单; each row becomes a 督办事项 with its leader, the 积案 linked', async () => {
    const created = await api(xfj, 'POST', '/supervision/actions', action());
    expect(created.status).toBe(200);
    id = created.body.id;
    const list = await api(xfj, 'GET', '/supervision/actions');
    expect(list.body.items.map((i) => i.name)).toEqual(['“信访积案化解年”专项行动']);

    // one bad row refuses the whole list: nothing is written
    const tasksBefore = await count('supervision_tasks');
    const row = (over: object = {}) => ({
      title: '张某某反映征地补偿问题',
      unitId: tree.townships[0].id,
      leaderId: leaderA,
      dueDate: '2026-09-30',
      standard: '当事人签订息诉罢访协议',
      ...over,
    });
    const bad = await api(xfj, 'POST', `/supervision/actions/${id}/items`, {
      items: [row(), row({ unitId: tree.townships[1].id, linkedRefNo: 'XF-NONE' })],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('第 2 项关联的事项编号 XF-NONE 没有找到');
    expect(await count('supervision_tasks')).toBe(tasksBefore);
    expect(await count('sv_action_items')).toBe(0);
    const badDate = await api(xfj, 'POST', `/supervision/actions/${id}/items`, { items: [row({ dueDate: '2026-02-30' })] });
    expect(badDate.status).toBe(400);
    expect(await count('sv_action_items')).toBe(0);

    const ok = await api(xfj, 'POST', `/supervision/actions/${id}/items`, {
      items: [
        row({ linkedRefNo: 'XF-2024-0031', title: '某小区业主反映房产证办理问题' }),
        row({ title: '李某反映土地承包纠纷', unitId: tree.villages[0][0].id }),
        row({ title: '刘某反映拖欠工程款', unitId: tree.townships[1].id, leaderId: leaderB, dueDate: '2026-09-10' }),
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.ids).toHaveLength(3);
    const tasks = await t.database.db.selectFrom('supervision_tasks').select(['source_kind', 'source_id', 'leader_id']).execute();
    expect(tasks.map((x) => [x.source_kind, Number(x.source_id)])).toEqual([
      ['action', id],
      ['action', id],
      ['action', id],
    ]);
    const d = (await api(xfj, 'GET', `/supervision/actions/${id}`)).body;
    expect(d.whole).toBe(true);
    expect(d.items.map((i) => i.leaderName)).toEqual(['李明', '李明', '王强']);
    expect(d.items[0]!.linked).toMatchObject({ refNo: 'XF-2024-0031' });
    expect(d.items.every((i) => i.status === 'notStarted')).toBe(true);
  });

  it('a unit sees the action and only its own rows (a township its villages); a leading-group member sees all; others nothing', async () => {
    const t0 = (await api(town0, 'GET', `/supervision/actions/${id}`)).body;
    expect(t0.whole).toBe(false);
    expect(t0.items.map((i) => i.title)).toEqual(['某小区业主反映房产证办理问题', '李某反映土地承包纠纷']);
    expect(t0.dispatches).toEqual([]);
    const t1 = (await api(town1, 'GET', `/supervision/actions/${id}`)).body;
    expect(t1.items.map((i) => i.title)).toEqual(['刘某反映拖欠工程款']);
    expect(t1.mayManage).toBe(false);
    const v = (await api(village, 'GET', `/supervision/actions/${id}`)).body;
    expect(v.items.map((i) => i.title)).toEqual(['李某反映土地承包纠纷']);
    const list1 = (await api(town1, 'GET', '/supervision/actions')).body.items[0]!;
    expect(list1).toMatchObject({ items: 1 });
    const m = (await api(member, 'GET', `/supervision/actions/${id}`)).body;
    expect(m.whole).toBe(true);
    expect(m.items).toHaveLength(3);
    expect((await api(outsider, 'GET', `/supervision/actions/${id}`)).status).toBe(404);
    expect((await api(outsider, 'GET', '/supervision/actions')).body.items).toEqual([]);
    expect((await api(outsider, 'GET', `/supervision/actions/${id}/items.xlsx`)).status).toBe(404);
    // the export holds what the user sees
    const x = await api(town1, 'GET', `/supervision/actions/${id}/items.xlsx`);
    expect(x.status).toBe(200);
    expect(String(x.headers['content-type'])).toContain('spreadsheetml');
    // units may not keep the list or record 调度
    expect((await api(town0, 'POST', `/supervision/actions/${id}/status`, { status: 'running' })).status).toBe(403);
  });

  it('销号 of a row progresses the action; 调度 records take the figures of their date; a missed week shows as 未调度', async () => {
    expect(
      (await api(xfj, 'POST', `/supervision/actions/${id}/dispatches`, { dispatchedOn: '2026-09-07', form: 'meeting', reported: '各乡镇汇报' })).status,
    ).toBe(400);
    expect(await count('sv_action_dispatches')).toBe(0);
    expect((await api(xfj, 'POST', `/supervision/actions/${id}/status`, { status: 'ended' })).status).toBe(400);
    expect((await api(xfj, 'POST', `/supervision/actions/${id}/status`, { status: 'running' })).status).toBe(200);
    const first = await api(xfj, 'POST', `/supervision/actions/${id}/dispatches`, {
      dispatchedOn: '2026-09-07',
      form: 'meeting',
      reported: '动员部署，各乡镇汇报积案摸排情况',
    });
    expect(first.status).toBe(200);
    let d = (await api(xfj, 'GET', `/supervision/actions/${id}`)).body;
    expect(d.slots).toEqual([{ from: '2026-09-07', to: '2026-09-13', label: '9月7日至9月13日', state: 'done' }]);

    // Monday 2026-09-21: town0 settles its case; the week of 09-14 passed without a 调度
    now = new Date('2026-09-21T02:00:00Z');
    await signIn();
    const task = d.items[0]!.taskId;
    expect((await act(town0, task, 'start', {})).status).toBe(200);
    expect((await act(town0, task, 'report', { reportText: '当事人已签订息诉罢访协议' })).status).toBe(200);
    expect((await act(xfj, task, 'verify', { note: '核实属实，同意销号' })).status).toBe(200);
    d = (await api(xfj, 'GET', `/supervision/actions/${id}`)).body;
    expect(d.items.map((i) => i.status)).toEqual(['done', 'notStarted', 'late']);
    expect(d.slots.map((s) => [s.from, s.state])).toEqual([
      ['2026-09-07', 'done'],
      ['2026-09-14', 'missing'],
      ['2026-09-21', 'pending'],
    ]);
    const list = (await api(xfj, 'GET', '/supervision/actions')).body.items[0]!;
    expect(list).toMatchObject({ items: 3, done: 1, late: 1 });

    // today's 调度 counts 1 of 3 closed and the one past 09-10 overdue; a 补录 of the missed week's is dated then
    expect(
      (await api(xfj, 'POST', `/supervision/actions/${id}/dispatches`, { dispatchedOn: '2026-09-21', form: 'written', reported: '书面调度' })).status,
    ).toBe(200);
    // a 补录 past the county's back-dating window needs its reason
    await t.database.db
      .updateTable('settings')
      .set({ value: JSON.stringify(3) })
      .where('key', '=', BACKDATE_WINDOW_SETTING)
      .execute();
    const missed = { dispatchedOn: '2026-09-15', form: 'onsite', reported: '现场调度（补录）' };
    const noReason = await api(xfj, 'POST', `/supervision/actions/${id}/dispatches`, missed);
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('须说明理由');
    const back = await api(xfj, 'POST', `/supervision/actions/${id}/dispatches`, { ...missed, backdateReason: '现场调度记录当时未录入' });
    expect(back.status).toBe(200);
    d = (await api(xfj, 'GET', `/supervision/actions/${id}`)).body;
    const at21 = d.dispatches.find((x) => x.dispatchedOn === '2026-09-21')!;
    expect(at21).toMatchObject({ total: 3, closed: 1, overdue: 1, formName: '书面调度' });
    // on 09-15 nothing was closed yet, and the row due 09-10 was already overdue
    expect(d.dispatches.find((x) => x.dispatchedOn === '2026-09-15')).toMatchObject({ total: 3, closed: 0, overdue: 1 });
    expect(d.slots.map((s) => s.state)).toEqual(['done', 'done', 'done']);
  });

  it('a department leading an action opens the 督办事项 of its rows in townships (it is their 督办单位); other units do not', async () => {
    const led = await api(
      member,
      'POST',
      '/supervision/actions',
      action({ name: '道路交通安全专项整治', category: 'safety', leadUnitId: police.id, groups: [] }),
    );
    expect(led.status, JSON.stringify(led.body)).toBe(200);
    const rows = await api(member, 'POST', `/supervision/actions/${led.body.id}/items`, {
      items: [{ title: '国道临水临崖路段护栏缺失', unitId: tree.townships[1].id, leaderId: leaderB, dueDate: '2026-10-30', standard: '护栏安装到位' }],
    });
    expect(rows.status, JSON.stringify(rows.body)).toBe(200);
    const task = Number(
      (await t.database.db.selectFrom('sv_action_items').select('task_id').where('id', '=', rows.body.ids[0]!).executeTakeFirstOrThrow()).task_id,
    );
    expect((await api(member, 'GET', `/supervision/tasks/${task}`)).status).toBe(200);
    expect((await api(member, 'GET', '/supervision/tasks')).body.items.map((i: { id: number }) => i.id)).toContain(task);
    expect((await api(town0, 'GET', `/supervision/tasks/${task}`)).status).toBe(404);
  });
});
