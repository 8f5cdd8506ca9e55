import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { issueOverdueNotices } from '../../../kernel/supervision/index.ts';
import { createCatalog } from '../../../kernel/catalog/index.ts';
import { MODULES } from '../../registry.ts';
import { closeCasualtyWindows } from './casualty-window.job.ts';

interface Clock {
  ruleKey: string;
  label: string;
  status: string;
  dueDate: string | null;
  dueAt: string | null;
  ruleSource: string | null;
  warningLevel: string;
}
interface Detail {
  id: number;
  grade: string;
  gradeName: string;
  gradeText: string;
  stateName: string;
  deaths: number;
  lateUnitReport: boolean;
  deadlines: Clock[];
  updates: { gradeBefore: string; gradeAfter: string }[];
  allowedActions: { code: string }[];
}

describe(`事故快报 through HTTP (${TEST_BACKEND})`, () => {
  // Beijing 2026-06-09 22:30 — the county receives the report late in the evening
  let now = new Date('2026-06-09T14:30:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let county: LoggedIn;
  let town1: LoggedIn;
  let town2: LoggedIn;
  let leader: LoggedIn;
  let roadId = 0;

  const api = async (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Detail & { message: string; items: Record<string, unknown>[]; total: number; id: number } };
  };
  const report = (who: LoggedIn, over: object = {}) =>
    api(who, 'POST', '/safety/accidents', {
      unitName: '青岚县顺达运输有限公司',
      townshipUnitId: tree.townships[0].id,
      accidentType: 'road_traffic',
      place: 'S212省道K37处',
      summary: '一辆货车与三轮车相撞，三轮车驾驶人受伤送医。',
      occurredAt: '2026-06-09T21:50:00+08:00',
      reportedAt: '2026-06-09T22:20:00+08:00',
      deaths: 1,
      seriousInjuries: 2,
      minorInjuries: 1,
      directLossWan: 35,
      ...over,
    });

  const signIn = async () => {
    county = await loginAs(t, { roles: ['safety_staff'], unitId: tree.department.id, username: 'acc_county' });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'acc_town1' });
    town2 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id, username: 'acc_town2' });
    leader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id, username: 'acc_leader' });
  };
  /** moves the clock; sessions idle out over days, so everyone signs in again */
  const moveTo = async (iso: string) => {
    now = new Date(iso);
    await signIn();
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    await signIn();
  });
  afterAll(() => t?.close());

  it('a report is graded and gets its clocks in hours and days, each with its legal source', async () => {
    const created = await report(county);
    expect(created.status).toBe(200);
    roadId = created.body.id;
    const { body } = await api(county, 'GET', `/safety/accidents/${roadId}`);
    expect(body.gradeName).toBe('一般事故');
    expect(body.stateName).toBe('已报告');
    const byRule = Object.fromEntries(body.deadlines.map((d) => [d.ruleKey, d]));
    // the unit reported 30 minutes after the accident: its hour stopped in time
    expect(byRule['acc.unit']).toMatchObject({ status: 'stopped', dueAt: '2026-06-09T14:50:00.000Z' });
    expect(body.lateUnitReport).toBe(false);
    // the county's 2 hours run across midnight
    expect(byRule['acc.level']).toMatchObject({ status: 'running', dueAt: '2026-06-09T16:20:00.000Z', dueDate: '2026-06-10' });
    expect(byRule['acc.level']!.ruleSource).toContain('第十一条');
    // a road accident: 7 days for casualty changes, not 30
    expect(byRule['acc.casualty_update.road_fire']).toMatchObject({ status: 'running', dueDate: '2026-06-16' });
    expect(byRule['acc.casualty_update.road_fire']!.ruleSource).toContain('第十三条');
    expect(byRule['acc.report']).toMatchObject({ dueDate: '2026-08-10' }); // 60 days end Sat 08-08 → Mon
    expect(byRule['acc.report']!.ruleSource).toContain('第二十九条');
    expect(body.allowedActions.map((a) => a.code)).toEqual(expect.arrayContaining(['escalate', 'supplement', 'investigate']));
  });

  it('refuses a report dated before the accident or in the future, in Chinese, writing nothing', async () => {
    const before = await api(county, 'GET', '/safety/accidents');
    const bad = await report(county, { reportedAt: '2026-06-09T21:00:00+08:00' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('接报时间不能早于事故发生时间');
    const future = await report(county, { occurredAt: '2026-06-10T09:00:00+08:00', reportedAt: '2026-06-10T09:10:00+08:00' });
    expect(future.status).toBe(400);
    expect((await api(county, 'GET', '/safety/accidents')).body.total).toBe(before.body.total);
  });

  it('a report entered after the county’s own reporting hours is a 补录 and needs its reason', async () => {
    const late = await report(county, { occurredAt: '2026-06-08T08:00:00+08:00', reportedAt: '2026-06-08T08:40:00+08:00', accidentType: 'construction' });
    expect(late.status).toBe(400);
    expect(late.body.message).toContain('补录说明');
    const ok = await report(county, {
      occurredAt: '2026-06-08T08:00:00+08:00',
      reportedAt: '2026-06-08T10:40:00+08:00',
      accidentType: 'construction',
      entryReason: '系统故障，纸质快报事后补录',
      deaths: 0,
    });
    expect(ok.status).toBe(200);
    const { body } = await api(county, 'GET', `/safety/accidents/${ok.body.id}`);
    expect(body.lateUnitReport).toBe(true); // 2 h 40 min after the accident: the unit's hour was missed (迟报)
  });

  it('an overdue report upward (hours) brings a 督办 through the kernel sweep as soon as its instant passes', async () => {
    await moveTo('2026-06-09T16:30:00Z'); // 00:30 on 06-10, ten minutes past the 2 hours
    const catalog = createCatalog(MODULES);
    const result = await issueOverdueNotices({ db: t.database.db, modules: catalog, today: '2026-06-10', now });
    expect(result.issued).toBeGreaterThanOrEqual(1);
    const notice = await t.database.db.selectFrom('supervision_notices').selectAll().where('work_item_id', '=', roadId).executeTakeFirstOrThrow();
    expect(notice.text).toContain('向上一级应急管理部门报告');
    expect(notice.text).toContain('已超期 1 小时');
    const { body } = await api(county, 'GET', `/safety/accidents/${roadId}`);
    expect(body.deadlines.find((d) => d.ruleKey === 'acc.level')!.warningLevel).toBe('overdue');
    // once reported upward, the clock stops
    const up = await api(county, 'POST', `/safety/accidents/${roadId}/actions/escalate`, {
      reportedUpAt: '2026-06-10T00:29:00+08:00',
      reportedTo: '市应急管理局',
    });
    expect(up.status).toBe(200);
    expect(up.body.deadlines.find((d) => d.ruleKey === 'acc.level')!.status).toBe('stopped');
  });

  it('补报 of casualties within the window regrades the accident and starts a new report upward', async () => {
    await moveTo('2026-06-12T02:00:00Z');
    const res = await api(county, 'POST', `/safety/accidents/${roadId}/actions/supplement`, {
      learnedAt: '2026-06-12T09:30:00+08:00',
      deaths: 3,
      seriousInjuries: 2,
      minorInjuries: 0,
      directLossWan: 35,
      note: '两名重伤人员经抢救无效死亡',
      occurredOn: '2026-06-12',
    });
    expect(res.status).toBe(200);
    expect(res.body.gradeName).toBe('较大事故');
    expect(res.body.gradeText).toContain('死亡人数达到较大事故标准');
    expect(res.body.updates).toMatchObject([{ gradeBefore: '一般事故', gradeAfter: '较大事故' }]);
    const again = res.body.deadlines.filter((d) => d.ruleKey === 'acc.level' && d.status === 'running');
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ label: '伤亡人数变化后向上一级补报', dueAt: '2026-06-12T03:30:00.000Z' });
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'reason']).where('action', '=', 'accident.supplement').execute();
    expect(audit).toEqual([{ action: 'accident.supplement', reason: '两名重伤人员经抢救无效死亡' }]);
  });

  it('refuses 补报 after the 7-day road window', async () => {
    await moveTo('2026-06-20T02:00:00Z');
    const late = await api(county, 'POST', `/safety/accidents/${roadId}/actions/supplement`, {
      learnedAt: '2026-06-20T09:00:00+08:00',
      deaths: 4,
      seriousInjuries: 1,
      minorInjuries: 0,
      directLossWan: 35,
      note: '又一名伤者死亡',
    });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('补报期已于 2026-06-16 届满');
    // the closed window's clock is stopped by the module's job (no 超期 reminder for a period that simply ended)
    expect(await closeCasualtyWindows({ db: t.database.db, now })).toEqual({ closed: 1 });
    const { body } = await api(county, 'GET', `/safety/accidents/${roadId}`);
    expect(body.deadlines.find((d) => d.ruleKey === 'acc.casualty_update.road_fire')!.status).toBe('stopped');
  });

  it('investigation → extension approved by a county leader (capped at 60 days) → report → 批复 closes every clock', async () => {
    expect((await api(county, 'POST', `/safety/accidents/${roadId}/actions/investigate`, { leadBody: '县应急管理局' })).status).toBe(200);
    const self = await api(county, 'POST', `/safety/accidents/${roadId}/actions/extend_report`, {
      days: 30,
      reason: '需技术鉴定',
      approvedByUserId: county.user.id,
    });
    expect(self.status).toBe(400);
    const ext = await api(county, 'POST', `/safety/accidents/${roadId}/actions/extend_report`, {
      days: 30,
      reason: '需车辆技术鉴定',
      approvedByUserId: leader.user.id,
    });
    expect(ext.status).toBe(200);
    expect(ext.body.deadlines.find((d) => d.ruleKey === 'acc.report')!.dueDate).toBe('2026-09-07'); // 90 days from 06-09
    const over = await api(county, 'POST', `/safety/accidents/${roadId}/actions/extend_report`, {
      days: 31,
      reason: '再延长',
      approvedByUserId: leader.user.id,
    });
    expect(over.status).toBe(409);
    expect(over.body.message).toContain('超过法定上限60');
    const sub = await api(county, 'POST', `/safety/accidents/${roadId}/actions/submit_report`, { reportTitle: 'S212省道“6·9”较大道路交通事故调查报告' });
    expect(sub.body.stateName).toBe('待批复');
    const approval = sub.body.deadlines.find((d) => d.ruleKey === 'acc.approval')!;
    expect(approval).toMatchObject({ status: 'running', dueDate: '2026-07-06' }); // 15 days from 06-20 → 07-05 Sun → Mon
    const done = await api(county, 'POST', `/safety/accidents/${roadId}/actions/approve`, { approvalText: '青政函〔2026〕18号，同意调查报告' });
    expect(done.body.stateName).toBe('已结案');
    expect(done.body.deadlines.every((d) => d.status === 'stopped')).toBe(true);
  });

  it('a township sees the accidents in its own territory only; the county sees all', async () => {
    await moveTo('2026-06-20T03:00:00Z');
    const other = await report(town2, {
      townshipUnitId: tree.townships[1].id,
      accidentType: 'fire',
      place: '集镇农贸市场',
      occurredAt: '2026-06-20T10:30:00+08:00',
      reportedAt: '2026-06-20T10:50:00+08:00',
      deaths: 0,
      seriousInjuries: 0,
      directLossWan: 12,
    });
    expect(other.status).toBe(200);
    const intoOther = await report(town2, { occurredAt: '2026-06-20T10:30:00+08:00', reportedAt: '2026-06-20T10:50:00+08:00' });
    expect(intoOther.status).toBe(400); // township 2 cannot report in township 1's territory
    const mine = (await api(town1, 'GET', '/safety/accidents')).body.items.map((i) => i.id);
    expect(mine).toContain(roadId);
    expect(mine).not.toContain(other.body.id);
    expect((await api(town1, 'GET', `/safety/accidents/${other.body.id}`)).status).toBe(404);
    expect((await api(town1, 'POST', `/safety/accidents/${other.body.id}/actions/investigate`, { leadBody: '龙蚕镇' })).status).toBe(404);
    const all = (await api(county, 'GET', '/safety/accidents')).body.items.map((i) => i.id);
    expect(all).toEqual(expect.arrayContaining([roadId, other.body.id]));
  });

  it('statistics through the kernel: by grade with 同比, and the items behind a number', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/stats/accident?from=2026-06-01&to=2026-06-30&groupBy=grade&compare=yoy',
      headers: county.headers,
    });
    expect(res.statusCode).toBe(200);
    const table = res.json() as { rows: { key: string; label: string; counts: Record<string, number> }[] };
    expect(table.rows.map((r) => r.label)).toEqual(['一般事故', '较大事故', '重大事故', '特别重大事故']); // grades in their legal order
    const larger = table.rows.find((r) => r.key === 'larger')!;
    expect(larger.label).toBe('较大事故');
    expect(larger.counts.accidents).toBe(1);
    expect(larger.counts.deaths).toBe(3);
    expect((larger as { previous?: { counts: Record<string, number> } }).previous?.counts.accidents).toBe(0); // 同比: June 2025 had none
    const items = await t.app.inject({
      method: 'GET',
      url: '/api/v1/stats/accident/items?from=2026-06-01&to=2026-06-30&dimension=grade&value=larger&indicator=accidents',
      headers: county.headers,
    });
    expect(items.statusCode).toBe(200);
    expect((items.json() as { items: { id: number }[] }).items.map((i) => i.id)).toEqual([roadId]);
    // the township's statistics count only what it may see
    const townStats = await t.app.inject({ method: 'GET', url: '/api/v1/stats/accident?from=2026-06-01&to=2026-06-30&groupBy=type', headers: town1.headers });
    const fire = (townStats.json() as { rows: { key: string; counts: Record<string, number> }[] }).rows.find((r) => r.key === 'fire');
    expect(fire?.counts.accidents ?? 0).toBe(0);
  });
});
