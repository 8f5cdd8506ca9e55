import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { remindPlanReviews } from '../plans/index.ts';

type Json = Record<string, unknown> & { message: string; items: Record<string, unknown>[]; gaps: { date: string; text: string }[] };

describe(`值班值守、应急预案、培训 through HTTP (${TEST_BACKEND})`, () => {
  const now = new Date('2026-09-20T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let duty: LoggedIn;
  let other: LoggedIn;
  const staff: LoggedIn[] = [];
  let leaderIds: number[] = [];

  const api = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Json, raw: res.rawPayload };
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    duty = await loginAs(t, { roles: ['safety_staff'], unitId: tree.department.id });
    other = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    for (let i = 0; i < 4; i++) staff.push(await loginAs(t, { roles: ['safety_staff'], unitId: tree.department.id }));
    const leaders = await t.database.db
      .insertInto('leaders')
      .values([
        { name: '王县长', title: '副县长', unit_id: tree.county.id, portfolio: [], oversees_unit_ids: [] },
        { name: '李书记', title: '县委常委', unit_id: tree.county.id, portfolio: [], oversees_unit_ids: [] },
      ])
      .returning('id')
      .execute();
    leaderIds = leaders.map((l) => Number(l.id));
  });
  afterAll(() => t?.close());

  it('generates October over the calendar: 国庆 days need two staff, every day covered, and nothing is left unnamed', async () => {
    const gen = await api(duty, 'POST', '/safety/duty/roster/generate', {
      from: '2026-10-01',
      to: '2026-10-31',
      leaderIds,
      staffIds: staff.map((s) => s.user.id),
      phone: '0838-1234567',
    });
    expect(gen.status).toBe(200);
    expect(gen.body).toMatchObject({ written: 31, kept: 0, gaps: [] });
    const roster = await api(duty, 'GET', '/safety/duty/roster?month=2026-10');
    const days = roster.body.days as { date: string; dayKindName: string; dayName: string | null; staff: unknown[]; leader: unknown }[];
    expect(days).toHaveLength(31);
    const national = days.find((d) => d.date === '2026-10-01')!;
    expect(national).toMatchObject({ dayKindName: '法定节假日', dayName: '国庆节' });
    expect(national.staff).toHaveLength(2);
    expect(days.find((d) => d.date === '2026-10-09')!.staff).toHaveLength(1);
    expect(roster.body.gaps).toEqual([]);
  });

  it('warns about the gaps it cannot fill: a sensitive period asks for more staff than the pool has', async () => {
    const period = await api(duty, 'POST', '/safety/duty/periods', {
      name: '岁末年初安全生产',
      startsOn: '2026-11-20',
      endsOn: '2026-11-30',
      staffPerDay: 5,
      note: '',
    });
    expect(period.status).toBe(200);
    const gen = await api(duty, 'POST', '/safety/duty/roster/generate', {
      from: '2026-11-01',
      to: '2026-11-30',
      leaderIds: [],
      staffIds: staff.map((s) => s.user.id),
      phone: '',
    });
    expect(gen.status).toBe(200);
    expect(gen.body.gaps).toHaveLength(30); // no leader at all
    expect(gen.body.gaps.find((g) => g.date === '2026-11-20')!.text).toBe('2026-11-20未安排带班领导，值班人员不足（需5人，已排4人）');
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['after'])
      .where('action', '=', 'safety.duty.generate')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain('未安排带班领导');
  });

  it('refuses a roster naming someone outside the unit', async () => {
    const res = await api(duty, 'PUT', '/safety/duty/roster/2026-10-02', { leaderId: leaderIds[0], staffIds: [other.user.id], phone: '' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('本单位');
  });

  it('refuses a handover from someone not on that day’s roster', async () => {
    const roster = (await api(duty, 'GET', '/safety/duty/roster?month=2026-10')).body.days as { date: string; staff: { id: number }[] }[];
    const from = roster.find((d) => d.date === '2026-10-08')!.staff[0]!.id;
    const to = roster.find((d) => d.date === '2026-10-09')!.staff[0]!.id;
    const bad = await api(duty, 'POST', '/safety/duty/handovers', {
      dutyDate: '2026-10-08',
      handedAt: '2026-09-19T09:00:00+08:00',
      fromUserId: to,
      toUserId: from,
      summary: '值班期间无事故报告',
    });
    expect(bad.status).toBe(400);
  });

  it('audits a spot check of who was on post, and refuses a person not on that day’s roster', async () => {
    // September: a small roster around "today" (2026-09-20)
    await api(duty, 'PUT', '/safety/duty/roster/2026-09-20', { leaderId: leaderIds[0], staffIds: [staff[0]!.user.id], phone: '' });
    await api(duty, 'PUT', '/safety/duty/roster/2026-09-19', { leaderId: leaderIds[1], staffIds: [staff[1]!.user.id], phone: '' });
    const hand = await api(duty, 'POST', '/safety/duty/handovers', {
      dutyDate: '2026-09-19',
      handedAt: '2026-09-20T08:30:00+08:00',
      fromUserId: staff[1]!.user.id,
      toUserId: staff[0]!.user.id,
      summary: '夜间接报道路交通事故一起，已按程序上报',
      pending: '跟踪伤者情况',
    });
    expect(hand.status).toBe(200);
    const check = await api(duty, 'POST', '/safety/duty/checks', {
      checkedAt: '2026-09-20T09:40:00+08:00',
      checkedUserId: staff[0]!.user.id,
      method: 'phone',
      result: 'absent',
      note: '值班电话三次无人接听',
    });
    expect(check.status).toBe(200);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['actor_id', 'after'])
      .where('action', '=', 'safety.duty.check')
      .executeTakeFirstOrThrow();
    expect(Number(audit.actor_id)).toBe(duty.user.id);
    expect(audit.after).toMatchObject({ result: 'absent', checkedUserId: staff[0]!.user.id, dutyDate: '2026-09-20' });
    // the audit viewer names it in Chinese
    const admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id });
    const viewer = await api(admin, 'GET', '/audit/events?action=safety.duty.check');
    expect(viewer.body.items.map((e) => e.actionName)).toContain('在岗抽查');
    const notOnRoster = await api(duty, 'POST', '/safety/duty/checks', {
      checkedAt: '2026-09-20T09:45:00+08:00',
      checkedUserId: staff[2]!.user.id,
      method: 'phone',
      result: 'on_post',
      note: '',
    });
    expect(notOnRoster.status).toBe(400);
    expect(notOnRoster.body.message).toContain('不在 2026-09-20 的值班表上');
    const noNote = await api(duty, 'POST', '/safety/duty/checks', {
      checkedAt: '2026-09-20T09:45:00+08:00',
      checkedUserId: staff[0]!.user.id,
      method: 'video',
      result: 'absent',
      note: '',
    });
    expect(noNote.status).toBe(400);
    const list = await api(duty, 'GET', '/safety/duty/checks?from=2026-09-01&to=2026-09-30');
    expect(list.body.items).toMatchObject([{ resultName: '脱岗', methodName: '电话抽查' }]);
  });

  it('exports the roster to Excel', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/safety/duty/roster/export.xlsx?month=2026-10', headers: duty.headers });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(4).value).toBe('带班领导');
    expect(ws.rowCount).toBe(32);
    expect(String(ws.getRow(2).getCell(3).value)).toContain('国庆节');
  });

  it('a plan whose review falls due within the notice days is reminded once to its unit; a revised plan again', async () => {
    const soon = await api(duty, 'POST', '/safety/plans', {
      name: '青岚县生产安全事故应急预案',
      level: 'overall',
      compiledBy: '县应急管理局',
      version: '2023版',
      approvedOn: '2023-10-10',
      reviewDueOn: '2026-10-10',
    });
    expect(soon.status).toBe(200);
    const later = await api(duty, 'POST', '/safety/plans', {
      name: '青岚县危险化学品事故应急预案',
      level: 'special',
      compiledBy: '县应急管理局',
      version: '2025版',
      approvedOn: '2025-06-01',
      reviewDueOn: '2028-06-01',
    });
    expect(later.status).toBe(200);
    const bad = await api(duty, 'POST', '/safety/plans', {
      name: '错误预案',
      level: 'site',
      compiledBy: '某单位',
      version: '1',
      approvedOn: '2026-01-01',
      reviewDueOn: '2025-01-01',
    });
    expect(bad.status).toBe(400);
    expect(await remindPlanReviews({ db: t.database.db, today: '2026-09-20' })).toEqual({ reminded: 1 });
    expect(await remindPlanReviews({ db: t.database.db, today: '2026-09-21' })).toEqual({ reminded: 0 });
    const note = await t.database.db.selectFrom('notifications').selectAll().where('kind', '=', 'safety.plan.review').executeTakeFirstOrThrow();
    expect(note.unit_id).toBe(tree.department.id);
    expect(note.body).toContain('应于 2026-10-10 前完成评估');
    const revised = await api(duty, 'PUT', `/safety/plans/${soon.body.id as number}`, {
      name: '青岚县生产安全事故应急预案',
      level: 'overall',
      compiledBy: '县应急管理局',
      version: '2026版',
      approvedOn: '2026-09-20',
      reviewDueOn: '2026-10-15',
    });
    expect(revised.status).toBe(200);
    expect(await remindPlanReviews({ db: t.database.db, today: '2026-09-21' })).toEqual({ reminded: 1 });
    const list = await api(duty, 'GET', '/safety/plans');
    expect(list.body.items.map((p) => p.reviewText)).toEqual(['还剩 25 天', '还剩 620 天']);
    // the township sees neither (kept by the county's department)
    expect((await api(other, 'GET', '/safety/plans')).body.items).toEqual([]);
  });

  it('registers training sessions and refuses a future date', async () => {
    const ok = await api(duty, 'POST', '/safety/trainings', {
      heldOn: '2026-09-18',
      trainedUnit: '全县危化品经营单位',
      topic: '危险化学品储存安全',
      attendees: 46,
      hours: 3.5,
      teacher: '县应急管理局',
    });
    expect(ok.status).toBe(200);
    const future = await api(duty, 'POST', '/safety/trainings', { heldOn: '2026-09-30', trainedUnit: '某单位', topic: '消防', attendees: 10, hours: 2 });
    expect(future.status).toBe(400);
    expect((await api(duty, 'GET', '/safety/trainings')).body.items).toMatchObject([{ attendees: 46, hours: 3.5 }]);
  });
});
