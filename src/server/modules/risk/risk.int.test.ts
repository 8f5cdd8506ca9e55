import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';
import { sweepDeadlines } from '../../kernel/deadlines/sweep-deadlines.ts';
import { createCatalog } from '../../kernel/catalog/index.ts';
import { MODULES } from '../registry.ts';

interface Detail {
  id: number;
  state: string;
  stateName: string;
  subjectName: string;
  steps: { name: string; status: string; startedOn: string | null; closedOn: string | null; attachmentIds: number[] }[];
  archive: { code: string; name: string; providedOn: string | null }[];
  archiveMissing: number;
  measures: { id: number; doneOn: string | null }[];
  deadlines: { ruleKey: string; label: string; status: string; dueDate: string | null }[];
  allowedActions: { code: string }[];
  levelName: string | null;
  decisionName: string | null;
  residualLevelName: string | null;
  filingDue: string | null;
  filedOn: string | null;
  atPlace: { title: string }[];
  timeline: { title?: string; summary?: string }[];
}
type Body = Detail & { message: string; code: string; items: Record<string, unknown>[]; total: number; refNo: string };

describe(`稳评 through HTTP (${TEST_BACKEND})`, () => {
  // Beijing 2026-06-01 10:00
  let now = new Date('2026-06-01T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let dept2: TestUnit;
  let wwb: LoggedIn;
  let dept: LoggedIn;
  let town0: LoggedIn;
  let town1: LoggedIn;
  let other: LoggedIn;
  let leader: LoggedIn;
  let id = 0;
  let planFile = 0;
  let reportFile = 0;

  const api = async (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Body };
  };
  const act = (who: LoggedIn, action: string, payload: object = {}) => api(who, 'POST', `/risk/assessments/${id}/actions/${action}`, payload);
  const detail = async (who: LoggedIn = wwb) => (await api(who, 'GET', `/risk/assessments/${id}`)).body;
  const register = (who: LoggedIn, over: object = {}) =>
    api(who, 'POST', '/risk/assessments', {
      matterKind: 'project',
      matterName: '城区污水处理厂扩建项目',
      description: '新增日处理能力2万吨，征用城南社区集体土地约40亩。',
      responsibleUnitId: tree.department.id,
      builderName: '青岚县城市建设投资有限公司',
      placeUnitId: tree.townships[0].id,
      planYear: 2026,
      counted: true,
      subjectKind: 'third_party',
      subjectName: '陕西安和社会风险评估咨询有限公司',
      ...over,
    });
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
    'hex',
  );
  const upload = async (who: LoggedIn, filename: string) => {
    const boundary = '----anwenRiskBoundary';
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/work-items/${id}/attachments`,
      headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; name: string }[];
    return items.find((a) => a.name === filename)!.id;
  };

  const signIn = async () => {
    wwb = await loginAs(t, { roles: ['wwb_staff'], unitId: tree.county.id, username: 'risk_wwb' });
    dept = await loginAs(t, { roles: ['dept_liaison'], unitId: tree.department.id, username: 'risk_dept' });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'risk_town0' });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id, username: 'risk_town1' });
    other = await loginAs(t, { roles: ['dept_liaison'], unitId: dept2.id, username: 'risk_other' });
    leader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id, username: 'risk_leader' });
  };
  const moveTo = async (iso: string) => {
    now = new Date(iso);
    await signIn();
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept2 = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '青岚县文化和旅游广电局' });
    await signIn();
  });
  afterAll(() => t?.close());

  it('refuses the builder as the assessment subject, in Chinese, writing nothing', async () => {
    const bad = await register(wwb, { subjectName: '青岚县城市建设投资有限公司' });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as { error: string }).error).toBe('RISK_SUBJECT_IS_BUILDER');
    expect(bad.body.message).toContain('不能交由项目建设单位或业主自行评估');
    const selfBuilt = await register(wwb, { subjectKind: 'department', builderName: tree.department.name });
    expect(selfBuilt.status).toBe(400);
    expect(selfBuilt.body.message).toContain('须委托独立第三方机构');
    // a department may not register a matter of another department
    expect((await register(other)).status).toBe(400);
    expect((await api(wwb, 'GET', '/risk/assessments')).body.total).toBe(0);
  });

  it('registers a matter with its steps and archive checklist; the department and the place see it, others do not', async () => {
    const created = await register(wwb);
    expect(created.status).toBe(200);
    id = created.body.id;
    const d = await detail(dept);
    expect(d.stateName).toBe('评估中');
    expect(d.subjectName).toBe('陕西安和社会风险评估咨询有限公司');
    expect(d.steps.map((s) => s.name)).toEqual([
      '确定评估事项',
      '制定评估方案',
      '调查论证、听取意见',
      '分析论证',
      '确定风险等级',
      '形成评估报告',
      '集体研究审定',
      '跟踪化解',
    ]);
    expect(d.steps[0]).toMatchObject({ status: 'current', startedOn: '2026-06-01' });
    expect(d.archive).toHaveLength(10);
    expect((await api(town0, 'GET', `/risk/assessments/${id}`)).status).toBe(200);
    expect((await api(town1, 'GET', `/risk/assessments/${id}`)).status).toBe(404);
    expect((await api(other, 'GET', `/risk/assessments/${id}`)).status).toBe(404);
    expect((await api(other, 'GET', '/risk/assessments')).body.total).toBe(0);
    // a county leader reads but does not handle
    expect((await act(leader, 'completeStep', { summary: '已确定' })).status).toBe(403);
  });

  it('closes a step that needs evidence only with an attachment of the item', async () => {
    expect((await act(dept, 'completeStep', { summary: '经县政府常务会议研究，列入2026年度稳评事项。' })).status).toBe(200);
    const without = await act(dept, 'completeStep', { summary: '评估方案已制定。' });
    expect(without.status).toBe(409);
    expect(without.body.message).toContain('须附上评估工作方案');
    planFile = await upload(dept, '评估工作方案.png');
    const foreign = await act(dept, 'completeStep', { summary: '评估方案已制定。', attachmentIds: [planFile + 1000] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toContain('不是本事项的附件');
    expect((await act(dept, 'completeStep', { summary: '评估方案已制定。', attachmentIds: [planFile] })).status).toBe(200);
    const d = await detail();
    expect(d.steps[1]).toMatchObject({ status: 'done', closedOn: '2026-06-01', attachmentIds: [planFile] });
    // 调查论证 starts with its minimum periods from legal_rules: 公示 10 days, 公开征求意见 30 days
    const clocks = Object.fromEntries(d.deadlines.filter((c) => c.status === 'running').map((c) => [c.ruleKey, c.dueDate]));
    expect(clocks).toMatchObject({ 'wp.publicity': '2026-06-11', 'wp.comment': '2026-07-01' });
  });

  it('does not close 调查论证 before its minimum periods have run', async () => {
    const early = await act(dept, 'completeStep', { summary: '公示及问卷调查完成。' });
    expect(early.status).toBe(409);
    // the comment period's last day is 07-01: the step may end the day after, and the error names it
    expect(early.body.message).toContain('不得早于2026-07-02');
    expect(early.body.message).toContain('至2026-07-01');
    await moveTo('2026-06-20T02:00:00Z');
    const stillEarly = await act(dept, 'completeStep', { summary: '公示及问卷调查完成。' });
    expect(stillEarly.status).toBe(409);
    expect(stillEarly.body.message).toContain('征求意见');
    expect(stillEarly.body.message).not.toContain('公示（最短）至'); // 公示 has run by now: only 征求意见 is named
    await moveTo('2026-07-01T02:00:00Z');
    // on the period's last day it is still running
    expect((await act(dept, 'completeStep', { summary: '公示及问卷调查完成。' })).body.message).toContain('不得早于2026-07-02');
    await moveTo('2026-07-02T02:00:00Z');
    const minutes = await upload(dept, '座谈会纪要.png');
    expect((await act(dept, 'completeStep', { summary: '公示10日、征求意见30日，发放问卷320份，召开座谈会2次。', attachmentIds: [minutes] })).status).toBe(200);
    const d = await detail();
    expect(d.deadlines.filter((c) => c.ruleKey.startsWith('wp.')).every((c) => c.status === 'stopped')).toBe(true);
  });

  it('needs the four dimensions before 分析论证 closes and before the level is set', async () => {
    expect((await act(dept, 'setLevel', { level: 'medium', basis: '部分群众对征地补偿有意见' })).status).toBe(409);
    const gate = await act(dept, 'completeStep', { summary: '分析论证完成。' });
    expect(gate.status).toBe(409);
    expect(gate.body.message).toContain('合法性、合理性、可行性、可控性');
    expect(
      (
        await act(dept, 'recordAnalysis', {
          legality: '项目已取得立项批复和用地预审意见，符合国土空间规划。',
          reasonableness: '补偿标准执行省定区片综合地价，与周边项目一致。',
          feasibility: '资金已落实，建设周期18个月，群众支持率78%。',
          controllability: '少数农户对青苗补偿有异议，可通过协商化解。',
        })
      ).status,
    ).toBe(200);
    expect((await act(dept, 'completeStep', { summary: '分析论证完成。' })).status).toBe(200);
    expect((await act(dept, 'setLevel', { level: 'medium', basis: '部分群众对青苗补偿意见较大，可能引发矛盾冲突' })).status).toBe(200);
    expect((await act(dept, 'completeStep', { summary: '确定为中风险。' })).status).toBe(200);
    reportFile = await upload(dept, '社会稳定风险评估报告.png');
    expect((await act(dept, 'completeStep', { summary: '评估报告已形成。', attachmentIds: [reportFile] })).status).toBe(200);
    expect((await detail()).levelName).toBe('中风险');
  });

  it('does not implement a medium-risk project as it stands: only with measures bringing it down to low, recorded with who decided', async () => {
    const noMeasures = await act(dept, 'decide', { decision: 'implement', decidedBy: '县政府第12次常务会议' });
    expect(noMeasures.status).toBe(409);
    expect(noMeasures.body.message).toContain('须先登记风险防范化解措施');
    const measure = await act(dept, 'addMeasure', {
      content: '逐户核对青苗补偿清单，张榜公示，设立咨询点',
      ownerUnitId: tree.townships[0].id,
      ownerName: '王建国',
      dueOn: '2026-08-31',
    });
    expect(measure.status).toBe(200);
    const stillMedium = await act(dept, 'decide', { decision: 'implement', residualLevel: 'medium', decidedBy: '县政府第12次常务会议' });
    expect(stillMedium.status).toBe(409);
    expect(stillMedium.body.message).toContain('降为低风险');
    const ok = await act(dept, 'decide', { decision: 'implement', residualLevel: 'low', decidedBy: '县政府第12次常务会议', note: '落实化解措施后实施' });
    expect(ok.status).toBe(200);
    expect(ok.body.stateName).toBe('已审定，待备案');
    const d = await detail();
    // the third quarter's filing day, 25 September 2026, is the 中秋 holiday in the loaded calendar: Monday 28th
    expect(d).toMatchObject({ decisionName: '实施', residualLevelName: '低风险', filingDue: '2026-09-28' });
    expect(d.steps[6]).toMatchObject({ status: 'done' });
    expect(d.steps[7]).toMatchObject({ status: 'current', startedOn: '2026-07-02' });
    // the quarterly filing runs on the kernel's clock (reminders, overdue lists), as do the measure's deadline
    const filing = d.deadlines.find((c) => c.label === '稳评报告季度备案期限');
    expect(filing).toMatchObject({ status: 'running', dueDate: '2026-09-28' });
    expect(d.deadlines.find((c) => c.label.startsWith('化解措施'))).toMatchObject({ status: 'running', dueDate: '2026-08-31' });
  });

  it('refuses the filing while an archive item is missing, naming it; files once the checklist is complete', async () => {
    const missing = await act(dept, 'file', {});
    expect(missing.status).toBe(409);
    expect(missing.body.message).toContain('档案资料目录尚缺 10 项');
    const d = await detail();
    for (const item of d.archive.slice(0, 9)) {
      const r = await act(
        dept,
        'markArchive',
        item.code === 'report' ? { code: item.code, attachmentId: reportFile } : { code: item.code, note: '纸质件存县住建局档案室' },
      );
      expect(r.status).toBe(200);
    }
    const one = await act(dept, 'file', {});
    expect(one.status).toBe(409);
    expect(one.body.message).toContain('集体研究审定会议纪要');
    expect((await act(dept, 'markArchive', { code: 'decision' })).status).toBe(400);
    expect((await act(dept, 'markArchive', { code: 'decision', note: '县政府第12次常务会议纪要' })).status).toBe(200);
    await moveTo('2026-07-10T02:00:00Z');
    const filed = await act(dept, 'file', { note: '已报县维稳办、县发改局' });
    expect(filed.status).toBe(200);
    const after = await detail();
    expect(after).toMatchObject({ stateName: '已备案，跟踪化解中', filedOn: '2026-07-10', archiveMissing: 0 });
    expect(after.deadlines.find((c) => c.label === '稳评报告季度备案期限')?.status).toBe('stopped');
  });

  it('closes the follow-up only when every measure is carried out', async () => {
    const open = await act(dept, 'close', { summary: '跟踪化解完毕' });
    expect(open.status).toBe(409);
    expect(open.body.message).toContain('1 项化解措施未落实');
    const [m] = (await detail()).measures;
    expect((await act(dept, 'completeMeasure', { measureId: m!.id, result: '已逐户核对并张榜公示，无异议' })).status).toBe(200);
    expect((await act(dept, 'close', { summary: '项目开工，未发生信访和群体性事件。' })).status).toBe(200);
    const d = await detail();
    expect(d.stateName).toBe('已办结');
    expect(d.steps.every((s) => s.status === 'done')).toBe(true);
    expect(d.deadlines.every((c) => c.status === 'stopped')).toBe(true);
  });

  it('computes the completion rate against the target per department and for the county', async () => {
    expect((await register(wwb, { matterName: '城南片区棚户区改造项目', subjectKind: 'department', builderName: '青岚县城南开发有限公司' })).status).toBe(200);
    expect(
      (
        await register(wwb, {
          matterKind: 'event',
          matterName: '2026年青岚县汉江龙舟节',
          responsibleUnitId: dept2.id,
          builderName: undefined,
          subjectKind: 'department',
          placeUnitId: undefined,
        })
      ).status,
    ).toBe(200);
    await moveTo('2026-10-10T02:00:00Z');
    const stats = (await api(wwb, 'GET', '/stats/risk?from=2026-01-01&to=2026-12-31&groupBy=department')).body as unknown as {
      rows: { label: string; counts: Record<string, number>; indicators: { key: string; numerator: number; denominator: number }[] }[];
      total: { counts: Record<string, number>; indicators: { key: string; numerator: number; denominator: number }[] };
    };
    const rate = (r: { indicators: { key: string; numerator: number; denominator: number }[] }) => r.indicators.find((i) => i.key === 'completionRate');
    const byLabel = Object.fromEntries(stats.rows.map((r) => [r.label, r]));
    expect(rate(byLabel[tree.department.name]!)).toMatchObject({ numerator: 1, denominator: 2 });
    expect(rate(byLabel[dept2.name]!)).toMatchObject({ numerator: 0, denominator: 1 });
    expect(rate(stats.total)).toMatchObject({ numerator: 1, denominator: 3 });
    expect(stats.total.counts.overdue).toBe(2);
    // the department sees its own numbers only
    const own = (await api(dept, 'GET', '/stats/risk?from=2026-01-01&to=2026-12-31&groupBy=department')).body as unknown as typeof stats;
    expect(rate(own.total)).toMatchObject({ numerator: 1, denominator: 2 });
  });
  it('never lists a minimum period as due or overdue, nor reminds it, even long after it has run', async () => {
    // a fresh assessment brought to 调查论证 on 06-01, looked at on 08-20: 公示 and 征求意见 ran out weeks ago
    const saved = { now, id };
    now = new Date('2026-06-01T02:00:00Z');
    await signIn();
    const reg = await register(wwb, { matterName: '城南片区旧城改造项目' });
    expect(reg.status).toBe(200);
    id = reg.body.id;
    await act(dept, 'completeStep', { summary: '列入年度稳评事项。' });
    const plan = await upload(dept, '改造评估方案.png');
    expect((await act(dept, 'completeStep', { summary: '评估方案已制定。', attachmentIds: [plan] })).status).toBe(200);
    await moveTo('2026-08-20T02:00:00Z');
    const d = (await api(dept, 'GET', `/risk/assessments/${id}`)).body as unknown as {
      deadlines: { ruleKey: string; status: string; dueDate: string; warningLevel: string; minimum: boolean; earliestEnd: string | null }[];
    };
    const publicity = d.deadlines.find((c) => c.ruleKey === 'wp.publicity')!;
    expect(publicity).toMatchObject({ status: 'running', dueDate: '2026-06-11', minimum: true, earliestEnd: '2026-06-12', warningLevel: 'normal' });
    expect(d.deadlines.find((c) => c.ruleKey === 'wp.comment')).toMatchObject({ minimum: true, warningLevel: 'normal' });
    const todo = (await api(dept, 'GET', '/my/todo')).body as unknown as {
      items: { workItemId: number; nearestDue: string | null; warningLevel: string }[];
      counts: { overdue: number; severe: number };
    };
    const mine = todo.items.find((x) => x.workItemId === id);
    if (mine) expect(mine).toMatchObject({ nearestDue: null, warningLevel: 'normal' });
    const sweep = await sweepDeadlines({ db: t.database.db, modules: createCatalog(MODULES), today: '2026-08-20' });
    const reminded = await t.database.db
      .selectFrom('notifications as n')
      .innerJoin('deadlines as dl', 'dl.id', 'n.deadline_id')
      .select('n.id')
      .where('dl.work_item_id', '=', id)
      .execute();
    expect(reminded).toHaveLength(0);
    expect(sweep.byLevel.overdue ?? 0).toBe(0);
    now = saved.now;
    id = saved.id;
    await signIn();
  });
});
