import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { docxParagraphs } from '../../../core/documents/index.ts';

interface Detail {
  id: number;
  stageName: string;
  bulletin: { number: string; issuedOn: string } | null;
  objection: { period: string; source: string; dueDate: string | null; open: boolean; explanation: string | null };
  groups: { name: string }[];
  targets: {
    id: number;
    unitName: string;
    records: { inspectedOn: string; heard: string | null }[];
    problems: { id: number; description: string; taskId: number | null; taskStatusName: string }[];
    responses: { id: number; kind: string; decisionName: string | null }[];
    mayRespond: boolean;
  }[];
}
type Body = Detail & { items: { id: number; name: string; targets: number; problems: number }[]; message: string; error: string; number: string };

describe(`督查 campaigns through HTTP (${TEST_BACKEND})`, () => {
  // Beijing 2026-08-28 10:00
  let now = new Date('2026-08-28T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let office: TestUnit;
  let dcb: LoggedIn;
  let town0: LoggedIn;
  let town1: LoggedIn;
  let dept: LoggedIn;
  let leader: LoggedIn;
  let id = 0;
  let town0Target = 0;
  let deptTarget = 0;

  const api = async (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    const json = (res.headers['content-type'] ?? '').toString().includes('json');
    return { status: res.statusCode, body: (json ? res.json() : {}) as Body, raw: res.rawPayload };
  };
  const signIn = async () => {
    dcb = await loginAs(t, { roles: ['dcb_staff'], unitId: office.id, username: 'dc_office' });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'dc_town0' });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id, username: 'dc_town1' });
    dept = await loginAs(t, { roles: ['dept_liaison'], unitId: tree.department.id, username: 'dc_dept' });
    leader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id, username: 'dc_leader' });
  };
  const moveTo = async (iso: string) => {
    now = new Date(iso);
    await signIn();
  };
  const plan = (over: object = {}) =>
    api(dcb, 'POST', '/supervision/campaigns', {
      name: '2026年第三季度安全生产和信访稳定工作督查',
      method: 'listen_check_see',
      periodFrom: '2026-08-28',
      periodTo: '2026-08-31',
      basis: '县委县政府2026年第三季度督查工作安排',
      checklist: ['安全生产隐患排查整治台账', '信访积案化解进度'],
      groups: [
        { name: '第一检查组', leaderName: '王建国', members: ['李明', '张华'], unitIds: [tree.townships[0].id] },
        { name: '第二检查组', leaderName: '赵强', members: ['陈静'], unitIds: [tree.department.id] },
      ],
      ...over,
    });

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    office = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县委县政府督查室' });
    await signIn();
  });
  afterAll(() => t?.close());

  it('refuses a plan with a unit in two groups, in Chinese, writing nothing; only the office plans', async () => {
    const bad = await plan({
      groups: [
        { name: '第一检查组', leaderName: '王建国', members: [], unitIds: [tree.townships[0].id] },
        { name: '第二检查组', leaderName: '赵强', members: [], unitIds: [tree.townships[0].id] },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('被安排给了两个检查组');
    expect((await api(town0, 'POST', '/supervision/campaigns', {})).status).toBe(400);
    expect((await api(dcb, 'GET', '/supervision/campaigns')).body.items).toHaveLength(0);
  });

  it('plans a campaign; before the 通报 the target units see nothing of it', async () => {
    const created = await plan();
    expect(created.status).toBe(200);
    id = created.body.id;
    const d = (await api(dcb, 'GET', `/supervision/campaigns/${id}`)).body;
    expect(d.stageName).toBe('督查中');
    expect(d.groups.map((g) => g.name)).toEqual(['第一检查组', '第二检查组']);
    town0Target = d.targets.find((x) => x.unitName === tree.townships[0].name)!.id;
    deptTarget = d.targets.find((x) => x.unitName === tree.department.name)!.id;
    expect((await api(town0, 'GET', '/supervision/campaigns')).body.items).toHaveLength(0);
    expect((await api(town0, 'GET', `/supervision/campaigns/${id}`)).status).toBe(404);
    expect((await api(leader, 'GET', `/supervision/campaigns/${id}`)).status).toBe(200);
  });

  it('records what was heard, checked and seen with problems; a date outside the period is refused', async () => {
    const outside = await api(dcb, 'POST', `/supervision/campaigns/${id}/targets/${town0Target}/records`, {
      inspectedOn: '2026-08-27',
      heard: '镇党委汇报',
    });
    expect(outside.status).toBe(400);
    const ok = await api(dcb, 'POST', `/supervision/campaigns/${id}/targets/${town0Target}/records`, {
      inspectedOn: '2026-08-28',
      heard: '听取镇党委关于隐患排查整治的汇报',
      checked: '查阅隐患台账12册，整改销号资料齐全',
      seen: '实地查看龙头村加油站',
      goodPractices: '建立了隐患“清单制”管理',
      problems: [{ description: '龙头村加油站消防器材过期未更换', requirement: '立即更换过期灭火器并建立检查记录', dueOn: '2026-09-30' }],
    });
    expect(ok.status).toBe(200);
    // the bulletin waits for every target
    await moveTo('2026-09-01T02:00:00Z');
    const early = await api(dcb, 'POST', `/supervision/campaigns/${id}/bulletin`, {});
    expect(early.status).toBe(409);
    expect(early.body.message).toContain(tree.department.name);
    // 补录 of the department's visit on the last day of the period
    const late = await api(dcb, 'POST', `/supervision/campaigns/${id}/targets/${deptTarget}/records`, {
      inspectedOn: '2026-08-31',
      heard: '听取信访局关于积案化解的汇报',
      problems: [{ description: '2件信访积案未按期化解', requirement: '落实包案领导，限期化解', dueOn: '2026-10-31' }],
    });
    expect(late.status).toBe(200);
  });

  it('issues the 通报 as a numbered DOCX with each unit’s findings; problems become tasks', async () => {
    const issued = await api(dcb, 'POST', `/supervision/campaigns/${id}/bulletin`, { summary: '各单位总体重视，工作有序推进。' });
    expect(issued.status).toBe(200);
    expect(issued.body.number).toBe(`T${office.id}〔2026〕1号`);
    const file = await api(dcb, 'GET', `/supervision/campaigns/${id}/bulletin.docx`);
    expect(file.status).toBe(200);
    const text = (await docxParagraphs(file.raw)).join('\n');
    expect(text).toContain(`T${office.id}〔2026〕1号`);
    expect(text).toContain(tree.townships[0].name);
    expect(text).toContain('龙头村加油站消防器材过期未更换');
    expect(text).toContain('2026年9月30日前整改到位');
    expect(text).toContain('自收到本通报之日起30日内');
    expect(text).toContain('《政府督查工作条例》第十七条');
    // each problem became a 督办事项 for its unit with its deadline, the campaign as its source
    const d = (await api(dcb, 'GET', `/supervision/campaigns/${id}`)).body;
    const problems = d.targets.flatMap((x) => x.problems);
    expect(problems).toHaveLength(2);
    for (const p of problems) expect(p.taskId).not.toBeNull();
    expect(problems.map((p) => p.taskStatusName)).toEqual(['未签收', '未签收']);
    const task = (await api(town0, 'GET', `/supervision/tasks/${problems[0]!.taskId}`)).body as unknown as {
      unitName: string;
      dueDate: string;
      source: { kind: string; id: number; label: string };
    };
    expect(task).toMatchObject({ unitName: tree.townships[0].name, dueDate: '2026-09-30', source: { kind: 'campaign', id } });
    expect(task.source.label).toContain(`T${office.id}〔2026〕1号`);
    // the township does not see the department's task
    expect((await api(town0, 'GET', `/supervision/tasks/${problems[1]!.taskId}`)).status).toBe(404);
    // no further records once issued
    const more = await api(dcb, 'POST', `/supervision/campaigns/${id}/targets/${town0Target}/records`, { inspectedOn: '2026-08-31', heard: 'x' });
    expect(more.status).toBe(409);
  });

  it('a target sees only its own findings after the 通报; another unit sees nothing', async () => {
    const list = (await api(town0, 'GET', '/supervision/campaigns')).body.items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ targets: 1, problems: 1 });
    const d = (await api(town0, 'GET', `/supervision/campaigns/${id}`)).body;
    expect(d.targets.map((x) => x.unitName)).toEqual([tree.townships[0].name]);
    expect(d.targets[0]!.problems.map((p) => p.description)).toEqual(['龙头村加油站消防器材过期未更换']);
    expect(d.targets[0]!.mayRespond).toBe(true);
    expect(d.groups).toEqual([]);
    expect(d.objection).toMatchObject({ period: '30日', source: '《政府督查工作条例》第十七条', dueDate: '2026-10-08', open: true });
    expect(d.objection.explanation).toContain('顺延至2026-10-08');
    expect((await api(town1, 'GET', `/supervision/campaigns/${id}`)).status).toBe(404);
    expect((await api(town1, 'GET', `/supervision/campaigns/${id}/bulletin.docx`)).status).toBe(404);
    // a unit cannot answer for another unit's findings
    expect((await api(town0, 'POST', `/supervision/campaigns/${id}/targets/${deptTarget}/responses`, { kind: 'answer', content: '说明' })).status).toBe(404);
  });

  it('the unit objects within the window (its end rolled past the National Day holiday), not after it; the office decides once', async () => {
    await moveTo('2026-10-08T09:00:00Z'); // 17:00 in Beijing on the last day
    const obj = await api(town0, 'POST', `/supervision/campaigns/${id}/targets/${town0Target}/responses`, {
      kind: 'objection',
      content: '灭火器已于督查前一日更换，检查时新器材尚未上架，附购置发票。',
    });
    expect(obj.status).toBe(200);
    await moveTo('2026-10-08T16:30:00Z'); // 00:30 on 10-09 in Beijing: the window has closed
    const tooLate = await api(dept, 'POST', `/supervision/campaigns/${id}/targets/${deptTarget}/responses`, { kind: 'objection', content: '积案已化解' });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error).toBe('SV_OBJECTION_WINDOW_CLOSED');
    expect(tooLate.body.message).toContain('2026-10-08');
    // an answer is still accepted
    expect(
      (await api(dept, 'POST', `/supervision/campaigns/${id}/targets/${deptTarget}/responses`, { kind: 'answer', content: '已制定化解方案' })).status,
    ).toBe(200);
    // the office decides; only once; the unit cannot decide
    expect((await api(town0, 'POST', `/supervision/campaigns/${id}/responses/${obj.body.id}/decision`, { decision: 'upheld', note: 'x' })).status).toBe(403);
    const decided = await api(dcb, 'POST', `/supervision/campaigns/${id}/responses/${obj.body.id}/decision`, {
      decision: 'upheld',
      note: '经核实发票日期属实',
    });
    expect(decided.status).toBe(200);
    expect((await api(dcb, 'POST', `/supervision/campaigns/${id}/responses/${obj.body.id}/decision`, { decision: 'rejected', note: '再议' })).status).toBe(409);
    const d = (await api(town0, 'GET', `/supervision/campaigns/${id}`)).body;
    expect(d.objection.open).toBe(false);
    expect(d.targets[0]!.responses[0]).toMatchObject({ kind: 'objection', decisionName: '异议成立，更正督查结论' });
  });
});
