import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';
import { issueOverdueNotices } from '../../kernel/supervision/index.ts';
import { openDatabase } from '../../core/db/database.ts';
import { buildApp } from '../../app.ts';
import { createCatalog } from '../../kernel/catalog/index.ts';
import { MODULES } from '../registry.ts';

interface Counts {
  total: number;
  done: number;
  reported: number;
  late: number;
  inProgress: number;
  notStarted: number;
}
interface Task {
  id: number;
  unitId: number;
  unitName: string;
  status: string;
  statusName: string;
  state: string;
  source: { kind: string; label: string; href: string | null };
  allowedActions?: { code: string }[];
  deadlines?: { dueDate: string | null; status: string }[];
}
type Body = {
  id: number;
  docNo: string;
  taskIds: number[];
  counts: Counts;
  tasks: Task[];
  items: { workItemId: number; replyDue: string; replied: boolean }[];
  total: number;
  message: string;
  error: string;
  voided: boolean;
  mayVoid: boolean;
} & Task & { returnReason: string | null; stateName: string };

describe(`督办通知 and 督办事项 through HTTP (${TEST_BACKEND})`, () => {
  // Beijing 2026-06-01 10:00 (a Monday)
  let now = new Date('2026-06-01T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let office: TestUnit;
  let dcb: LoggedIn;
  let dcb2: LoggedIn;
  let town0: LoggedIn;
  let town1: LoggedIn;
  let dept: LoggedIn;
  let dcbInTown: LoggedIn;
  let dispatchId = 0;
  const taskOf: Record<string, number> = {};

  const api = async (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: object, app = t.app) => {
    const res = await app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Body };
  };
  const act = (who: LoggedIn, id: number, action: string, payload: object = {}) => api(who, 'POST', `/supervision/tasks/${id}/actions/${action}`, payload);
  const issue = (who: LoggedIn, over: object = {}, app = t.app) =>
    api(
      who,
      'POST',
      '/supervision/dispatches',
      {
        subject: '关于限期整改安全隐患的督办通知',
        body: '县安委会第二次全体会议部署的隐患整改事项，部分单位进展缓慢。现就有关事项督办如下。',
        feedbackRequired: '整改完成情况及佐证材料（照片、验收记录）',
        tasks: [
          { unitId: tree.townships[0].id, title: '完成辖区农村公路安全防护栏修复', dueDate: '2026-06-10' },
          { unitId: tree.townships[1].id, title: '完成集镇燃气管道隐患整改', dueDate: '2026-06-05' },
          { unitId: tree.department.id, title: '完成在建工地脚手架隐患整改', dueDate: '2026-06-12' },
        ],
        ...over,
      },
      app,
    );

  const signIn = async () => {
    dcb = await loginAs(t, { roles: ['dcb_staff'], unitId: office.id, username: 'sv_dcb' });
    dcb2 = await loginAs(t, { roles: ['dcb_staff'], unitId: office.id, username: 'sv_dcb2' });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'sv_town0' });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id, username: 'sv_town1' });
    dept = await loginAs(t, { roles: ['dept_liaison'], unitId: tree.department.id, username: 'sv_dept' });
    // a 督查 role held by someone of a township: may report for the township, never 销号 its own unit's task
    dcbInTown = await loginAs(t, { roles: ['dcb_staff'], unitId: tree.townships[0].id, username: 'sv_dcb_town' });
  };
  const moveTo = async (iso: string) => {
    now = new Date(iso);
    await signIn();
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    office = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县委县政府督查室' });
    await t.database.db
      .insertInto('document_issuers')
      .values({ unit_id: office.id, prefix: '青督查', mark: '青岚县委县政府督查室' })
      .onConflict((oc) => oc.column('unit_id').doUpdateSet({ prefix: '青督查', mark: '青岚县委县政府督查室' }))
      .execute();
    await signIn();
  });
  afterAll(() => t?.close());

  it('issues a numbered notice to three units; bad input changes nothing', async () => {
    const bad = await issue(dcb, { tasks: [{ unitId: tree.townships[0].id, title: '整改', dueDate: '2026-05-01' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('早于交办日期');
    // a township issues only within its own area (乡级督办): naming another township's unit is refused in words
    const outside = await issue(town0);
    expect(outside.status).toBe(400);
    expect(outside.body.message).toContain('不在本乡镇（街道）辖区内');
    // the form offers a township only its own area; the county any unit
    expect((await api(town0, 'GET', '/supervision/dispatches/issuer')).body).toEqual({
      mayIssue: true,
      level: 'township',
      areaUnitId: tree.townships[0].id,
      areaName: tree.townships[0].name,
    });
    expect((await api(dcb, 'GET', '/supervision/dispatches/issuer')).body).toMatchObject({ mayIssue: true, level: 'county', areaUnitId: null });
    expect((await api(dept, 'GET', '/supervision/dispatches/issuer')).body).toMatchObject({ mayIssue: false });
    expect((await issue(dept)).status).toBe(403);
    const ok = await issue(dcb);
    expect(ok.status).toBe(200);
    // the refused notice above rolled its number back: the first one issued is 1号
    expect(ok.body.docNo).toBe('青督查〔2026〕1号');
    expect(ok.body.taskIds).toHaveLength(3);
    dispatchId = ok.body.id;
    const d = (await api(dcb, 'GET', `/supervision/dispatches/${dispatchId}`)).body;
    expect(d.counts).toMatchObject({ total: 3, notStarted: 3, done: 0, late: 0 });
    for (const task of d.tasks) taskOf[task.unitId] = task.id;
    expect(d.tasks[0]!.source).toMatchObject({
      kind: 'notice',
      label: '青督查〔2026〕1号《关于限期整改安全隐患的督办通知》',
      href: `/supervision/dispatches/${dispatchId}`,
    });
    const docx = await t.app.inject({ method: 'GET', url: `/api/v1/supervision/dispatches/${dispatchId}/document.docx`, headers: dcb.headers });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('a unit sees only its own task of a notice; the office sees all', async () => {
    const seen = (await api(town0, 'GET', `/supervision/dispatches/${dispatchId}`)).body;
    expect(seen.tasks.map((x) => x.unitId)).toEqual([tree.townships[0].id]);
    expect(seen.counts.total).toBe(1);
    expect((await api(town0, 'GET', `/supervision/tasks/${taskOf[tree.townships[1].id]}`)).status).toBe(404);
    expect((await api(town1, 'GET', `/supervision/tasks/${taskOf[tree.townships[1].id]}`)).status).toBe(200);
    expect((await api(town0, 'GET', '/supervision/tasks')).body.total).toBe(1);
    expect((await api(dcb, 'GET', '/supervision/tasks')).body.total).toBe(3);
    const list = (await api(town1, 'GET', '/supervision/dispatches')).body as unknown as { items: { counts: Counts }[] };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.counts.total).toBe(1);
  });

  it('the unit reports back; the office 退回s, then 销号s — never the unit that did it', async () => {
    const task = taskOf[tree.townships[0].id]!;
    // the office cannot report for the unit; the unit cannot verify its own work
    expect((await act(dcb, task, 'report', { reportText: '已修复' })).status).toBe(403);
    expect((await act(town0, task, 'start')).status).toBe(200);
    expect((await act(dcbInTown, task, 'report', { reportText: '护栏已全部修复，共计1.2公里' })).status).toBe(200);
    const self = await act(dcbInTown, task, 'verify', { note: '同意销号' });
    expect(self.status).toBe(403);
    expect((await act(town0, task, 'verify', { note: '同意销号' })).status).toBe(403);
    const back = await act(dcb, task, 'sendBack', { reason: '缺少修复后的照片' });
    expect(back.body.state).toBe('in_progress');
    const again = await api(town0, 'GET', `/supervision/tasks/${task}`);
    expect(again.body.returnReason).toBe('缺少修复后的照片');
    expect(again.body.allowedActions!.map((a) => a.code)).toContain('report');
    expect((await act(town0, task, 'report', { reportText: '已补充修复后照片' })).status).toBe(200);
    const done = await act(dcb2, task, 'verify', { note: '现场核查属实，同意销号' });
    expect(done.status).toBe(200);
    expect(done.body.stateName).toBe('已销号');
    expect((await act(dept, taskOf[tree.department.id]!, 'report', { reportText: '脚手架已按规范加固' })).status).toBe(200);
    const d = (await api(dcb, 'GET', `/supervision/dispatches/${dispatchId}`)).body;
    expect(d.counts).toMatchObject({ total: 3, done: 1, reported: 1, notStarted: 1, late: 0 });
    const reported = (await api(dcb, 'GET', `/supervision/dispatches/${dispatchId}?status=reported`)).body;
    expect(reported.tasks.map((x) => x.unitId)).toEqual([tree.department.id]);
  });

  it('an overdue task shows as late, is reminded by the kernel automatic 督办 once, and drills down', async () => {
    await moveTo('2026-06-08T02:00:00Z');
    const d = (await api(dcb, 'GET', `/supervision/dispatches/${dispatchId}`)).body;
    expect(d.counts).toMatchObject({ late: 1, done: 1, reported: 1 });
    const late = (await api(dcb, 'GET', `/supervision/dispatches/${dispatchId}?status=late`)).body.tasks;
    expect(late.map((x) => x.unitId)).toEqual([tree.townships[1].id]);
    const r1 = await issueOverdueNotices({ db: t.database.db, modules: createCatalog(MODULES), today: '2026-06-08', now });
    expect(r1.issued).toBeGreaterThanOrEqual(1);
    const notices = await t.database.db
      .selectFrom('supervision_notices')
      .select(['work_item_id'])
      .where('work_item_id', '=', taskOf[tree.townships[1].id]!)
      .execute();
    expect(notices).toHaveLength(1);
    await issueOverdueNotices({ db: t.database.db, modules: createCatalog(MODULES), today: '2026-06-08', now });
    expect(await t.database.db.selectFrom('supervision_notices').select('id').where('work_item_id', '=', taskOf[tree.townships[1].id]!).execute()).toHaveLength(
      1,
    );
    const overdueList = (await api(dcb, 'GET', '/supervision/dispatches?overdue=true')).body;
    expect(overdueList.total).toBe(1);
    await moveTo('2026-06-01T02:00:00Z');
  });

  it('numbers: void with a reason keeps the number; the next is n+1; a notice a unit acted on cannot be voided', async () => {
    const second = await issue(dcb, { tasks: [{ unitId: tree.townships[1].id, title: '报送燃气隐患排查台账', dueDate: '2026-06-20' }] });
    expect(second.body.docNo).toBe('青督查〔2026〕2号');
    expect((await api(dcb, 'POST', `/supervision/dispatches/${second.body.id}/void`, { reason: 'x' })).status).toBe(400);
    const v = await api(dcb, 'POST', `/supervision/dispatches/${second.body.id}/void`, { reason: '与1号通知内容重复' });
    expect(v.status).toBe(200);
    const voided = (await api(dcb, 'GET', `/supervision/dispatches/${second.body.id}`)).body;
    expect(voided.voided).toBe(true);
    expect(voided.counts.total).toBe(0);
    // only the task of 1号 is left waiting for the township: the voided notice's task was withdrawn
    expect((await api(town1, 'GET', '/supervision/tasks?status=notStarted')).body.total).toBe(1);
    const third = await issue(dcb, { tasks: [{ unitId: tree.townships[1].id, title: '报送燃气隐患排查台账', dueDate: '2026-06-20' }] });
    expect(third.body.docNo).toBe('青督查〔2026〕3号');
    const refused = await api(dcb, 'POST', `/supervision/dispatches/${dispatchId}/void`, { reason: '发错了单位' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('已签收或反馈');
  });

  it('a notice may name existing items: the kernel single-item 督办通知 records them, tied to the notice', async () => {
    const existing = taskOf[tree.department.id]!;
    const r = await issue(dcb, { tasks: [], items: [{ workItemId: existing, dueDate: '2026-06-15' }] });
    expect(r.status).toBe(200);
    const d = (await api(dcb, 'GET', `/supervision/dispatches/${r.body.id}`)).body;
    expect(d.items).toEqual([expect.objectContaining({ workItemId: existing, replyDue: '2026-06-15', replied: false })]);
    const single = (await api(dept, 'GET', `/work-items/${existing}/supervision`)).body as unknown as { notices: { text: string }[] };
    expect(single.notices.some((n) => n.text.includes(r.body.docNo))).toBe(true);
  });

  it('a township issues to its village and 站所, sees and 销号s their tasks; a neighbour never verifies; another township sees nothing', async () => {
    const [village, neighbour] = tree.villages[0];
    const station = await insertUnit(t, { parentId: tree.townships[0].id, kind: 'station', name: '龙蚕镇农业综合服务站', issuer: false });
    const inVillage = await loginAs(t, { roles: ['village_staff'], unitId: village.id, username: 'sv_village' });
    const inNeighbour = await loginAs(t, { roles: ['village_staff'], unitId: neighbour.id, username: 'sv_neighbour' });
    const inStation = await loginAs(t, { roles: ['township_staff'], unitId: station.id, username: 'sv_station' });
    const countyLeader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id, username: 'sv_leader' });
    const list = (await api(town0, 'GET', '/supervision/dispatches')).body as unknown as { mayIssue: boolean };
    expect(list.mayIssue).toBe(true);
    const r = await issue(town0, {
      subject: '关于开展汛前地质灾害隐患排查的督办通知',
      tasks: [
        { unitId: village.id, title: '排查村内地质灾害隐患点并落实监测人', dueDate: '2026-12-31' },
        { unitId: station.id, title: '汇总全镇农房安全排查台账', dueDate: '2026-12-31' },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.taskIds).toHaveLength(2);
    const [villageTask, stationTask] = r.body.taskIds as [number, number];
    // the township sees every task of its notice; each doing unit only its own
    const seen = (await api(town0, 'GET', `/supervision/dispatches/${r.body.id}`)).body;
    expect(seen.counts.total).toBe(2);
    expect(seen.tasks.map((x) => x.unitId).sort()).toEqual([village.id, station.id].sort());
    expect((await api(inVillage, 'GET', `/supervision/dispatches/${r.body.id}`)).body.tasks.map((x) => x.id)).toEqual([villageTask]);
    expect((await api(inVillage, 'GET', `/supervision/tasks/${stationTask}`)).status).toBe(404);
    // the village reports; neither it nor its neighbour village 销号s; the township does
    expect((await act(inVillage, villageTask, 'start')).status).toBe(200);
    expect((await act(inVillage, villageTask, 'report', { reportText: '已排查隐患点3处，均落实监测人' })).status).toBe(200);
    expect((await act(inVillage, villageTask, 'verify', { note: '同意销号' })).status).toBe(403);
    expect((await act(inNeighbour, villageTask, 'verify', { note: '同意销号' })).status).toBe(404);
    const detail = (await api(town0, 'GET', `/supervision/tasks/${villageTask}`)).body;
    expect(detail.allowedActions!.map((a) => a.code)).toEqual(expect.arrayContaining(['verify', 'sendBack']));
    const done = await act(town0, villageTask, 'verify', { note: '现场核查属实，同意销号' });
    expect(done.status).toBe(200);
    expect(done.body.stateName).toBe('已销号');
    // the township's superior (the county) verifies too; the 站所 never its own
    expect((await act(inStation, stationTask, 'report', { reportText: '台账已汇总报送' })).status).toBe(200);
    expect((await act(inStation, stationTask, 'verify', { note: '同意销号' })).status).toBe(403);
    expect((await act(countyLeader, stationTask, 'verify', { note: '核查属实，同意销号' })).status).toBe(200);
    // another township sees nothing of it
    expect((await api(town1, 'GET', `/supervision/dispatches/${r.body.id}`)).status).toBe(404);
    expect((await api(town1, 'GET', `/supervision/tasks/${villageTask}`)).status).toBe(404);
    expect((await act(town1, stationTask, 'sendBack', { reason: '材料不全' })).status).toBe(404);
    const others = (await api(town1, 'GET', '/supervision/dispatches')).body as unknown as { items: { id: number }[] };
    expect(others.items.map((x) => x.id)).not.toContain(r.body.id);
  });

  it.runIf(TEST_BACKEND === 'postgres')('two app instances issuing concurrently never repeat or skip a number', async () => {
    const name = (await sql<{ db: string }>`select current_database() as db`.execute(t.database.db)).rows[0]!.db;
    const url = new URL(process.env.ANWEN_TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const database2 = await openDatabase({ databaseUrl: url.toString(), poolMax: 10 });
    const app2 = await buildApp({ database: database2, config: t.config, clock: { now: () => now }, logger: false });
    await app2.ready();
    try {
      const before = await t.database.db.selectFrom('supervision_dispatches').select('seq').where('year', '=', 2026).execute();
      const start = Math.max(...before.map((b) => b.seq));
      const task = (i: number) => ({ tasks: [{ unitId: tree.townships[i % 2 === 0 ? 0 : 1].id, title: `并发交办事项${i}`, dueDate: '2026-06-30' }] });
      const results = await Promise.all(Array.from({ length: 16 }, (_, i) => issue(dcb, task(i), i % 2 === 0 ? t.app : app2)));
      expect(results.every((r) => r.status === 200)).toBe(true);
      const seqs = results.map((r) => Number(/〔2026〕(\d+)号/.exec(r.body.docNo)?.[1])).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 16 }, (_, i) => start + 1 + i));
    } finally {
      await app2.close();
      await database2.close();
    }
  });
});
