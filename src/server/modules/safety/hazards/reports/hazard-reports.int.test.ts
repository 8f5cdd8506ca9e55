import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../../../kernel/deadlines/seed-legal-clock.ts';
import { sweepDeadlines } from '../../../../kernel/deadlines/sweep-deadlines.ts';
import { escalateUnansweredNotices, issueOverdueNotices } from '../../../../kernel/supervision/index.ts';
import { createCatalog } from '../../../../kernel/catalog/index.ts';
import { MODULES } from '../../../registry.ts';
import { remindStatReports } from './report-reminders.job.ts';

type Json = Record<string, unknown>;

/**
 * Issue 14 through HTTP: a 重大事故隐患's report upward on its clock (late → 督办), the 督办 left unanswered escalated to
 * the regulating department's leader with its 责任倒查 record, and the quarterly statistics table generated from the
 * ledger, returned, regenerated, signed by another person, frozen, drilled into and exported.
 */
describe(`hazard reports, report upward and escalation (${TEST_BACKEND})`, () => {
  let current = new Date('2026-03-10T02:00:00Z');
  // the test clock jumps days: every session is signed in again on the new day
  const at = async (iso: string) => {
    current = new Date(iso);
    const again = (who: LoggedIn) => loginAs(t, { roles: who.user.roles, username: who.user.username });
    [safety, safety2, dept, chief] = [await again(safety), await again(safety2), await again(dept), await again(chief)];
  };
  let t: TestApp;
  let tree: TestUnitTree;
  let safety: LoggedIn, safety2: LoggedIn, dept: LoggedIn, chief: LoggedIn;
  let enterpriseId = 0;
  const h = { major: 0, general: 0, regraded: 0 };
  const catalog = createCatalog(MODULES);
  const call = async (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: (res.headers['content-type']?.toString().includes('json') ? res.json() : {}) as Json, raw: res.rawPayload };
  };
  const get = (who: LoggedIn, url: string) => call(who, 'GET', url);
  const post = (who: LoggedIn, url: string, payload: object = {}) => call(who, 'POST', url, payload);
  const hazard = (extra: object) => ({
    enterpriseId,
    source: 'inspection',
    category: '消防安全',
    grade: 'general',
    description: '二楼仓库安全出口被纸箱堵塞，无法正常疏散',
    foundOn: '2026-03-10',
    dueOn: '2026-03-20',
    ...extra,
  });
  const today = () => current.toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    safety = await loginAs(t, { roles: ['safety_staff'], unitId: tree.county.id });
    safety2 = await loginAs(t, { roles: ['safety_staff'], unitId: tree.county.id });
    dept = await loginAs(t, { roles: ['dept_liaison'], unitId: tree.department.id });
    chief = await loginAs(t, { roles: ['dept_liaison'], unitId: tree.department.id });
    // the regulating department's head, with an account
    await t.database.db
      .insertInto('leaders')
      .values({ name: '周正', title: '局长', unit_id: tree.department.id, user_id: chief.user.id, portfolio: [], oversees_unit_ids: [] })
      .execute();
    const sectorId = Number((await t.database.db.selectFrom('safety_sectors').select('id').where('code', '=', 'jxcs').executeTakeFirstOrThrow()).id);
    const e = await post(safety, '/safety/enterprises', {
      name: '龙蚕镇永兴五金店',
      sectorId,
      townshipUnitId: tree.townships[0].id,
      regulatorUnitId: tree.department.id,
      legalRepName: '王建国',
      legalRepPhone: '13800138000',
      riskGrade: 'yellow',
      licences: [],
    });
    expect(e.status).toBe(200);
    enterpriseId = e.body.id as number;
  });
  afterAll(async () => t?.close());

  it('puts a 重大事故隐患 on a report-upward clock from its rule, 督办s it when late and records the report once', async () => {
    const created = await post(safety, '/safety/hazards', hazard({ grade: 'major', description: '液氨储罐区未设置泄漏报警装置，储罐安全阀失效' }));
    expect(created.status).toBe(200);
    h.major = created.body.id as number;
    let d = (await get(safety, `/safety/hazards/${h.major}`)).body;
    const [pending] = d.upwardReports as Json[];
    expect(pending).toMatchObject({ kind: 'major', kindName: '重大事故隐患报告', reported: false, late: false, requiredOn: '2026-03-10' });
    // 24 hours from registration (hz.major.report), the clock on the page with its label
    expect(pending!.dueAt).toBe('2026-03-11T02:00:00.000Z');
    expect((d.deadlines as Json[]).map((x) => x.label)).toContain('重大隐患上报期限');
    expect(pending!.draft).toContain('一、隐患的现状及其产生原因：液氨储罐区未设置泄漏报警装置');

    // a day and an hour later, not reported: the kernel's automatic 督办 takes it
    await at('2026-03-11T03:00:00Z');
    await issueOverdueNotices({ db: t.database.db, modules: catalog, today: today(), now: current });
    const notices = await t.database.db
      .selectFrom('supervision_notices as n')
      .innerJoin('deadlines as dl', 'dl.id', 'n.deadline_id')
      .select(['dl.rule_key'])
      .where('n.work_item_id', '=', h.major)
      .execute();
    expect(notices.map((n) => n.rule_key)).toEqual(['hz.major.report']);

    // a report dated in the future is refused; the staff report it today, to the recipients of the setting
    expect((await post(dept, `/safety/hazards/${h.major}/upward-reports/${pending!.id}`, { reportedOn: '2026-03-12' })).status).toBe(400);
    const done = await post(safety, `/safety/hazards/${h.major}/upward-reports/${pending!.id}`, {});
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ reported: true, late: true, reportedOn: '2026-03-11', recipients: ['县安全生产委员会办公室', '市应急管理局'] });
    expect(done.body.content).toContain('三、隐患的治理方案：治理方案正在制定');
    expect((await post(safety, `/safety/hazards/${h.major}/upward-reports/${pending!.id}`, {})).status).toBe(409);
    d = (await get(safety, `/safety/hazards/${h.major}`)).body;
    const clock = (d.deadlines as Json[]).find((x) => x.label === '重大隐患上报期限')!;
    expect(clock.status).toBe('stopped');
    expect((d.timeline as Json[]).some((e) => String(e.title ?? e.label ?? '').includes('重大隐患上报') || JSON.stringify(e).includes('重大隐患上报'))).toBe(
      true,
    );
  });

  it('requires the report when a hazard is regraded to 重大 and withdraws it when regraded back before it went up', async () => {
    await at('2026-03-11T04:00:00Z');
    const created = await post(safety, '/safety/hazards', hazard({ description: '配电室电缆沟盖板缺失，电缆裸露浸水' }));
    h.regraded = created.body.id as number;
    expect((await get(safety, `/safety/hazards/${h.regraded}`)).body.upwardReports).toEqual([]);
    expect((await post(safety, `/safety/hazards/${h.regraded}/actions/regrade`, { grade: 'general', reason: '复核' })).status).toBe(400);
    expect((await post(safety, `/safety/hazards/${h.regraded}/actions/regrade`, { grade: 'major', reason: '经专家复核属重大事故隐患' })).status).toBe(200);
    let d = (await get(safety, `/safety/hazards/${h.regraded}`)).body;
    expect((d.upwardReports as Json[]).map((u) => [u.kind, u.reported])).toEqual([['major', false]]);
    expect(d.grade).toBe('major');
    expect((await post(safety, `/safety/hazards/${h.regraded}/actions/regrade`, { grade: 'general', reason: '复核后确认属一般隐患' })).status).toBe(200);
    d = (await get(safety, `/safety/hazards/${h.regraded}`)).body;
    expect(d.upwardReports).toEqual([]);
    expect((d.deadlines as Json[]).filter((x) => x.label === '重大隐患上报期限').map((x) => x.status)).toEqual(['stopped']);
  });

  it('escalates a 督办 left unanswered past its reply limit to the regulating department’s leader, with the accountability chain', async () => {
    await at('2026-03-10T05:00:00Z');
    const created = await post(safety, '/safety/hazards', hazard({ description: '车间二楼消防栓无水，水带缺失', dueOn: '2026-03-12' }));
    h.general = created.body.id as number;
    // overdue: reminded, then the automatic 督办 with its reply limit (xf.supervise.reply)
    await at('2026-03-13T02:00:00Z');
    await sweepDeadlines({ db: t.database.db, modules: catalog, today: today() });
    await issueOverdueNotices({ db: t.database.db, modules: catalog, today: today(), now: current });
    // the major hazard's 督办 (its late report upward) is answered in time by the department
    const majorNotice = await t.database.db.selectFrom('supervision_notices').select('id').where('work_item_id', '=', h.major).executeTakeFirstOrThrow();
    const replied = await post(dept, `/work-items/${h.major}/supervision/notices/${majorNotice.id}/reply`, {
      text: '已于3月11日补报县安委办和市应急管理局，今后重大隐患发现后立即上报。',
    });
    expect(replied.status).toBe(200);
    const notice = await t.database.db
      .selectFrom('supervision_notices')
      .select(['id', 'reply_due'])
      .where('work_item_id', '=', h.general)
      .executeTakeFirstOrThrow();
    expect(notice.reply_due).toBe('2026-03-20');
    // within the reply limit nothing goes up
    await at('2026-03-20T09:00:00Z');
    await escalateUnansweredNotices({ db: t.database.db, modules: catalog, today: today(), now: current });
    expect((await get(safety, `/safety/hazards/${h.general}`)).body.escalations).toEqual([]);
    // past it, unanswered: 升级督办, once
    await at('2026-03-23T01:00:00Z');
    await escalateUnansweredNotices({ db: t.database.db, modules: catalog, today: today(), now: current });
    const again = await escalateUnansweredNotices({ db: t.database.db, modules: catalog, today: today(), now: current });
    expect(again.escalated).toBe(0);
    const d = (await get(safety, `/safety/hazards/${h.general}`)).body;
    const [esc] = d.escalations as Json[];
    expect(d.escalations).toHaveLength(1);
    expect(esc).toMatchObject({ unitName: tree.department.name, leaderNames: ['局长周正'], responsibleUnitName: tree.department.name });
    expect(esc!.overdueText).toBe('“整改期限”期限为 2026-03-12，逾期未办结');
    const chain = esc!.chain as Json[];
    expect(chain.map((c) => c.kind)).toEqual([...chain.filter((c) => c.kind === 'reminder').map(() => 'reminder'), 'notice', 'escalation']);
    expect(chain.filter((c) => c.kind === 'reminder').length).toBeGreaterThan(0);
    expect(JSON.stringify(d.timeline)).toContain('升级督办');
    // the leader's own account is told, and so is the department
    const told = await t.database.db
      .selectFrom('notifications')
      .select(['user_id', 'unit_id'])
      .where('kind', '=', 'supervision.escalation')
      .where('work_item_id', '=', h.general)
      .execute();
    expect(told.map((n) => n.user_id ?? `unit ${n.unit_id}`).sort()).toEqual([chief.user.id, `unit ${tree.department.id}`].sort());
    // a notice answered in time is never escalated
    expect((await get(safety, `/safety/hazards/${h.major}`)).body.escalations).toEqual([]);
  });

  it('generates the quarter’s table from the ledger, returns, regenerates, signs by another person, freezes it and exports it', async () => {
    await at('2026-04-02T02:00:00Z');
    // the quarter still running cannot be reported
    expect((await post(safety, '/safety/hazard-reports', { periodKind: 'quarter', year: 2026, quarter: 2 })).status).toBe(409);
    const gen = await post(safety, '/safety/hazard-reports', { periodKind: 'quarter', year: 2026, quarter: 1 });
    expect(gen.status, JSON.stringify(gen.body)).toBe(200);
    const id = gen.body.id as number;
    let r = (await get(safety, `/safety/hazard-reports/${id}`)).body;
    expect(r).toMatchObject({ periodName: '2026年第一季度', dueDate: '2026-04-15', status: 'draft', statusName: '待签发', generation: 1 });
    const total = (r.rows as { name: string; cells: Record<string, number | null> }[]).at(-1)!;
    expect(total.name).toBe('合计');
    // three hazards found in Q1: one 重大 (reported upward on 03-11), two 一般; all open and past their 整改期限 at the quarter's end
    expect(total.cells).toMatchObject({ generalFound: 2, generalRectified: 0, generalRate: 0, majorFound: 1, majorReported: 1, overdue: 3 });
    expect(r.maySign).toBe(false);
    // never signed by the one who made it, nor by another unit
    expect((await post(safety, `/safety/hazard-reports/${id}/sign`)).status).toBe(409);
    expect((await post(dept, `/safety/hazard-reports/${id}/sign`)).status).toBe(404);
    // returned with a reason, it must be generated again before it is signed
    expect((await post(safety2, `/safety/hazard-reports/${id}/return`, { reason: '' })).status).toBe(400);
    expect((await post(safety2, `/safety/hazard-reports/${id}/return`, { reason: '请核对一季度补录的隐患' })).status).toBe(200);
    expect((await post(safety2, `/safety/hazard-reports/${id}/sign`)).status).toBe(409);
    // a hazard found in March, entered late: the regenerated table counts it
    const late = await post(
      safety,
      '/safety/hazards',
      hazard({ description: '仓库照明线路私拉乱接，未穿管保护', foundOn: '2026-03-30', dueOn: '2026-04-20', backdateReason: '补录三月底检查发现的隐患' }),
    );
    expect(late.status).toBe(200);
    expect((await post(safety, '/safety/hazard-reports', { periodKind: 'quarter', year: 2026, quarter: 1 })).body.id).toBe(id);
    r = (await get(safety, `/safety/hazard-reports/${id}`)).body;
    expect(r).toMatchObject({ status: 'draft', generation: 2, returnReason: null });
    expect((r.rows as { cells: Record<string, number> }[]).at(-1)!.cells.generalFound).toBe(3);
    const signed = await post(safety2, `/safety/hazard-reports/${id}/sign`);
    expect(signed.status).toBe(200);
    r = (await get(safety, `/safety/hazard-reports/${id}`)).body;
    expect(r).toMatchObject({ status: 'signed', statusName: '已签发（按时）', signedByName: safety2.user.displayName, late: false });

    // frozen: another March hazard changes nothing, and it cannot be generated again
    await post(
      safety,
      '/safety/hazards',
      hazard({ description: '厂区消防车道被货车占用堵塞', foundOn: '2026-03-31', dueOn: '2026-04-10', backdateReason: '补录' }),
    );
    expect((await post(safety, '/safety/hazard-reports', { periodKind: 'quarter', year: 2026, quarter: 1 })).status).toBe(409);
    expect((await post(safety2, `/safety/hazard-reports/${id}/return`, { reason: '再核对' })).status).toBe(409);
    r = (await get(safety, `/safety/hazard-reports/${id}`)).body;
    expect((r.rows as { cells: Record<string, number> }[]).at(-1)!.cells.generalFound).toBe(3);

    // each number opens its hazards
    const overdue = (await get(safety, `/safety/hazard-reports/${id}/items?column=overdue`)).body;
    expect((overdue.items as Json[]).map((i) => i.id)).toEqual([h.major, h.regraded, h.general]);
    const regulated = (r.rows as { sectorId: number | null; cells: Record<string, number> }[]).find((row) => (row.cells.generalFound ?? 0) > 0)!;
    const bySector = (await get(safety, `/safety/hazard-reports/${id}/items?column=generalFound&sectorId=${regulated.sectorId}`)).body;
    expect(bySector.total).toBe(3);
    const majors = (await get(safety, `/safety/hazard-reports/${id}/items?column=majorFound`)).body;
    expect((majors.items as Json[]).map((i) => i.id)).toEqual([h.major]);

    // the workbook: the table with the sign-off, and the hazards behind it
    const x = await t.app.inject({ method: 'GET', url: `/api/v1/safety/hazard-reports/${id}/export.xlsx`, headers: safety.headers });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('统计表')!;
    expect(String(sheet.getCell(1, 1).value)).toContain('2026年第一季度隐患排查治理情况统计表');
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(row.values ? String((row.values as unknown[])[1] ?? '') : ''));
    expect(texts.some((v) => v.startsWith(`签发人：${safety2.user.displayName}`))).toBe(true);
    expect(wb.getWorksheet('隐患明细')!.rowCount).toBe(1 + 3 + 1);

    // the list: Q1 signed on time; no rows for the periods before the ledger began; the department's own Q1 still to make
    const list = (await get(safety, '/safety/hazard-reports')).body;
    const items = list.items as Json[];
    expect(items.find((i) => i.periodName === '2026年第一季度')).toMatchObject({ id, status: 'signed', statusName: '已签发（按时）' });
    expect(items.map((i) => i.periodName)).not.toContain('2025年第四季度');
    const deptList = (await get(dept, '/safety/hazard-reports')).body;
    expect((deptList.items as Json[])[0]).toMatchObject({
      id: null,
      periodName: '2026年第一季度',
      status: 'pending',
      statusName: '待生成',
      dueDate: '2026-04-15',
      late: false,
    });
    // another unit's tables are not the department's to open
    expect((await get(dept, `/safety/hazard-reports/${id}`)).status).toBe(404);
  });

  it('reminds units whose table is not signed before it is due, once', async () => {
    await at('2026-04-12T01:00:00Z');
    const first = await remindStatReports({ db: t.database.db, now: current });
    const second = await remindStatReports({ db: t.database.db, now: current });
    expect(first.reminded).toBeGreaterThan(0);
    expect(second.reminded).toBe(0);
    const told = await t.database.db.selectFrom('notifications').select(['unit_id', 'title']).where('kind', '=', 'hazard.report.due').execute();
    const q1 = told.filter((n) => n.title.includes('2026年第一季度'));
    // the department's Q1 table is unsigned: reminded; the county's is signed: not
    expect(q1.map((n) => Number(n.unit_id))).toContain(tree.department.id);
    expect(q1.map((n) => Number(n.unit_id))).not.toContain(tree.county.id);
  });
});
