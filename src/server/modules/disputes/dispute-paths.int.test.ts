import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';

type Body = Record<string, unknown> & { message?: string; id: number; refNo: string; state: string; stateName: string };

describe(`矛盾纠纷: 升级 makes the 信访 case; 行政调解 and 司法调解 paths (${TEST_BACKEND})`, () => {
  // Beijing 2026-06-01 10:00
  const now = new Date('2026-06-01T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let dept: TestUnit;
  let town0: LoggedIn;
  let xfj: LoggedIn;
  let typeId = 0;

  const api = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Body };
  };
  const act = (who: LoggedIn, id: number, action: string, payload: object) => api(who, 'POST', `/disputes/${id}/actions/${action}`, payload);
  const register = (who: LoggedIn, over: object = {}) =>
    api(who, 'POST', '/disputes', {
      source: 'screening',
      typeId,
      placeUnitId: tree.villages[0][0].id,
      responsibleUnitId: tree.townships[0].id,
      facts: '某建筑公司拖欠二十名务工人员工资共计三十万元，多次讨要无果。',
      peopleCount: 20,
      foundOn: '2026-06-01',
      parties: [
        { role: 'applicant', name: '孙建国', idNumber: '11010519491231002X', phone: '13800138000' },
        { role: 'applicant', name: '李秀英' },
        { role: 'respondent', name: '某建筑有限公司' },
      ],
      ...over,
    });
  const links = async (who: LoggedIn, id: number) =>
    ((await api(who, 'GET', `/work-items/${id}/links`)).body as unknown as { items: { name: string }[] }).items.map((l) => l.name);

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '测试县人力资源和社会保障局' });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'dp_town0' });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id, username: 'dp_xfj' });
    typeId = Number((await t.database.db.selectFrom('dispute_types').select('id').where('code', '=', 'labour').executeTakeFirstOrThrow()).id);
  });
  afterAll(async () => t?.close());

  it('升级处理 without a number registers the 信访事项: the applicants as petitioners (encrypted), facts, place, the type’s category; linked both ways', async () => {
    const d = await register(town0);
    expect(d.status).toBe(200);
    await act(town0, d.body.id, 'accept', { consent: true, mediationKind: 'people', mediatorName: '镇调委会' });
    const up = await act(town0, d.body.id, 'escalate', { route: 'petition', reason: '涉及人数多，企业拒不到场，矛盾有激化趋势' });
    expect(up.body.message).toBeUndefined();
    expect(up.status).toBe(200);
    const to = up.body.escalatedTo as { id: number; refNo: string; created: boolean };
    expect(to.created).toBe(true);
    const p = await t.database.db
      .selectFrom('petitions as p')
      .innerJoin('work_items as wi', 'wi.id', 'p.id')
      .innerJoin('petition_categories as c', 'c.id', 'p.category_id')
      .select(['p.case_no', 'p.content', 'p.place_unit_id', 'c.name as category', 'wi.owner_unit_id'])
      .where('p.id', '=', to.id)
      .executeTakeFirstOrThrow();
    expect(p.case_no).toBe(to.refNo);
    expect(p.category).toBe('拖欠工资');
    expect(Number(p.place_unit_id)).toBe(tree.villages[0][0].id);
    expect(Number(p.owner_unit_id)).toBe(tree.townships[0].id);
    expect(p.content).toContain('拖欠二十名务工人员工资');
    expect(p.content).toContain('企业拒不到场');
    const petitioners = await t.database.db
      .selectFrom('petitioners')
      .select(['name_enc', 'name_masked', 'phone_masked'])
      .where('petition_id', '=', to.id)
      .execute();
    // the two applicants, not the company they complain of; stored encrypted, masked in clear
    expect(petitioners.map((x) => x.name_masked)).toEqual(['孙*国', '李*英']);
    expect(petitioners.every((x) => !x.name_enc.includes('孙') && !x.name_enc.includes('李'))).toBe(true);
    expect(petitioners[0]!.phone_masked).not.toBe('13800138000');
    expect(await links(town0, d.body.id)).toEqual([expect.stringContaining('升级为')]);
    // 信访局 sees the new case in its county and the link back to the dispute
    expect((await api(xfj, 'GET', `/petitions/${to.id}`)).status).toBe(200);
    expect(await links(xfj, to.id)).toEqual([expect.stringContaining('升级')]);
    // the dispute is closed as 升级处理
    expect((await api(town0, 'GET', `/disputes/${d.body.id}`)).body.stateName).toBe('已升级处理');
  });

  it('a type without a 信访问题类别 cannot make a case: refused in words and nothing changes; 督办 needs its number', async () => {
    const added = await api(town0, 'POST', '/disputes/types', { name: '宗族纠纷', sort: 50 });
    const county = await loginAs(t, { roles: ['wwb_staff'], unitId: tree.county.id, username: 'dp_county' });
    const type = added.status === 200 ? added : await api(county, 'POST', '/disputes/types', { name: '宗族纠纷', sort: 50 });
    expect(type.status).toBe(200);
    const d = await register(town0, { typeId: type.body.id });
    const before = await t.database.db
      .selectFrom('petitions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const refused = await act(town0, d.body.id, 'escalate', { route: 'petition', reason: '矛盾激化' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('未设置对应的信访问题类别');
    const after = await t.database.db
      .selectFrom('petitions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await api(town0, 'GET', `/disputes/${d.body.id}`)).body.state).toBe('registered');
    const supervision = await act(town0, d.body.id, 'escalate', { route: 'supervision', reason: '矛盾激化' });
    expect(supervision.status).toBe(409);
    expect(supervision.body.message).toContain('督办完成时限');
  });

  const detail = async (who: LoggedIn, id: number) =>
    (await api(who, 'GET', `/disputes/${id}`)).body as unknown as {
      state: string;
      mediationKindName: string | null;
      mediatingUnitName: string | null;
      courtReferralName: string | null;
      courtCaseNo: string | null;
      courtDueOn: string | null;
      courtReportedOn: string | null;
      confirmDueOn: string | null;
      allowedActions: { code: string }[];
      documentKinds: { kind: string }[];
      deadlines: { label: string; dueDate: string | null; status: string }[];
    };
  const written = {
    form: 'written',
    points: '工资数额及支付时间',
    responsibility: '公司负拖欠责任',
    terms: '公司于七月十日前付清全部工资',
    performMethod: '银行转账',
    performDueOn: '2026-07-10',
  };

  it('行政调解: by the responsible department (brought in to handle it), its own 协议书, no 人民调解 司法确认 window', async () => {
    const d = await register(town0);
    const none = await act(town0, d.body.id, 'accept', { consent: true, mediationKind: 'administrative', mediatorName: '王科长' });
    expect(none.status).toBe(409);
    expect(none.body.message).toContain('行政机关');
    const notDept = await act(town0, d.body.id, 'accept', {
      consent: true,
      mediationKind: 'administrative',
      mediatorName: '王科长',
      mediatingUnitId: tree.villages[0][0].id,
    });
    expect(notDept.status).toBe(400);
    expect((await detail(town0, d.body.id)).state).toBe('registered');
    const ok = await act(town0, d.body.id, 'accept', { consent: true, mediationKind: 'administrative', mediatorName: '王科长', mediatingUnitId: dept.id });
    expect(ok.body.message).toBeUndefined();
    // the department's staff see it and handle it
    const deptStaff = await loginAs(t, { roles: ['dept_liaison'], unitId: dept.id, username: 'dp_dept' });
    const seen = await detail(deptStaff, d.body.id);
    expect(seen.mediationKindName).toBe('行政调解');
    expect(seen.mediatingUnitName).toBe(dept.name);
    expect((await act(deptStaff, d.body.id, 'agree', written)).status).toBe(200);
    const signed = await act(deptStaff, d.body.id, 'sign', { partiesSigned: true, mediatorSigned: true, sealed: true });
    expect(signed.status).toBe(200);
    const after = await detail(deptStaff, d.body.id);
    expect(after.confirmDueOn).toBeNull();
    expect(after.deadlines.map((x) => x.label)).not.toContain('司法确认申请期限');
    expect(after.allowedActions.map((a) => a.code)).not.toContain('confirmApply');
    expect(after.documentKinds.map((k) => k.kind)).toEqual(['dispute_admin_agreement']);
    expect((await api(town0, 'GET', '/disputes?mediationKind=administrative')).body.items).toEqual([
      expect.objectContaining({ id: d.body.id, mediationKindName: '行政调解' }),
    ]);
  });

  it('司法调解: the court’s referral (委派 before filing), its 案号 and the day it set on the clock; the result reported back once', async () => {
    const d = await register(town0);
    const lacking = await act(town0, d.body.id, 'accept', {
      consent: true,
      mediationKind: 'judicial',
      mediatorName: '特邀调解员',
      courtName: '测试县人民法院',
    });
    expect(lacking.status).toBe(409);
    expect(lacking.body.message).toContain('人民法院案号');
    const court = { courtReferral: 'pre_filing', courtName: '测试县人民法院', courtCaseNo: '（2026）测0101民诉前调88号', courtDueOn: '2026-07-01' };
    const early = await act(town0, d.body.id, 'accept', {
      consent: true,
      mediationKind: 'judicial',
      mediatorName: '特邀调解员',
      ...court,
      courtDueOn: '2026-05-20',
    });
    expect(early.status).toBe(400);
    const ok = await act(town0, d.body.id, 'accept', { consent: true, mediationKind: 'judicial', mediatorName: '特邀调解员', ...court });
    expect(ok.body.message).toBeUndefined();
    let x = await detail(town0, d.body.id);
    expect(x.courtReferralName).toBe('立案前委派调解');
    expect(x.courtCaseNo).toBe(court.courtCaseNo);
    expect(x.deadlines).toEqual([expect.objectContaining({ label: '人民法院确定的调解期限', dueDate: '2026-07-01', status: 'running' })]);
    expect(x.allowedActions.map((a) => a.code)).not.toContain('reportCourt');
    await act(town0, d.body.id, 'agree', written);
    await act(town0, d.body.id, 'sign', { partiesSigned: true, mediatorSigned: true, sealed: true });
    x = await detail(town0, d.body.id);
    expect(x.allowedActions.map((a) => a.code)).toContain('reportCourt');
    expect(x.allowedActions.map((a) => a.code)).not.toContain('confirmApply');
    const reported = await act(town0, d.body.id, 'reportCourt', { note: '双方达成调解协议，已将协议书送人民法院' });
    expect(reported.body.message).toBeUndefined();
    x = await detail(town0, d.body.id);
    expect(x.courtReportedOn).toBe('2026-06-01');
    expect(x.deadlines.find((c) => c.label === '人民法院确定的调解期限')?.status).toBe('stopped');
    expect((await act(town0, d.body.id, 'reportCourt', { note: '再次回复' })).status).toBe(409);
    // the statistics count disputes by path, each number down to its disputes
    const stats = (await api(town0, 'GET', '/stats/dispute?from=2026-01-01&to=2026-12-31&groupBy=path')).body as unknown as {
      rows: { key: string; label: string; counts: Record<string, number> }[];
    };
    const byLabel = Object.fromEntries(stats.rows.map((r) => [r.label, r.counts.disputes]));
    expect(byLabel['司法调解（人民法院委派、委托）']).toBe(1);
    expect(byLabel['行政调解']).toBe(1);
  });
});
