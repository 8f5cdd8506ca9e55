import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';
import { docxEntryText } from '../../core/documents/index.ts';

interface Clock {
  ruleKey: string;
  label: string;
  status: string;
  dueDate: string | null;
}
interface Detail {
  id: number;
  refNo: string;
  state: string;
  stateName: string;
  parties: { id: number; name: string; idNumber: string | null; phone: string | null }[];
  deadlines: Clock[];
  allowedActions: { code: string }[];
  documentKinds: { kind: string }[];
  confirmDueOn: string | null;
  effectiveOn: string | null;
  routesTold: string[];
  routesSource: string;
  protectionRoutes: { name: string; source: string }[];
  outcomeName: string | null;
  levelName: string | null;
  sessions: { record: string }[];
  timeline: { action?: string; title?: string; text?: string }[];
}
type Body = Detail & { message: string; items: { id: number; refNo: string }[]; total: number; value: string | null; id: number; fileName: string };

describe(`矛盾纠纷 through HTTP (${TEST_BACKEND})`, () => {
  // Beijing 2026-06-01 10:00
  let now = new Date('2026-06-01T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let police: TestUnit;
  let county: LoggedIn;
  let town0: LoggedIn;
  let village00: LoggedIn;
  let village01: LoggedIn;
  let policeStaff: LoggedIn;
  let typeId = 0;

  const api = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Body, raw: res };
  };
  const detail = async (who: LoggedIn, id: number) => (await api(who, 'GET', `/disputes/${id}`)).body;
  const act = (who: LoggedIn, id: number, action: string, payload: object) => api(who, 'POST', `/disputes/${id}/actions/${action}`, payload);
  const register = (who: LoggedIn, over: object = {}) =>
    api(who, 'POST', '/disputes', {
      source: 'screening',
      typeId,
      placeUnitId: tree.villages[0][0].id,
      facts: '两户相邻宅基地之间的排水沟被一方填埋，雨季另一方院内积水，双方多次争吵。',
      peopleCount: 2,
      amount: 3000,
      foundOn: '2026-06-01',
      parties: [
        { role: 'applicant', name: '赵明远', idNumber: '11010519491231002X', phone: '13800138000' },
        { role: 'respondent', name: '钱立新' },
      ],
      ...over,
    });
  const signIn = async () => {
    county = await loginAs(t, { roles: ['wwb_staff'], unitId: tree.county.id, username: 'md_county' });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'md_town0' });
    village00 = await loginAs(t, { roles: ['mediator'], unitId: tree.villages[0][0].id, username: 'md_v00' });
    village01 = await loginAs(t, { roles: ['mediator'], unitId: tree.villages[0][1].id, username: 'md_v01' });
    policeStaff = await loginAs(t, { roles: ['dept_liaison'], unitId: police.id, username: 'md_police' });
  };
  const moveTo = async (iso: string) => {
    now = new Date(iso);
    await signIn();
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    police = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '测试县公安局城关派出所' });
    await signIn();
    const type = await t.database.db.selectFrom('dispute_types').select('id').where('code', '=', 'neighbour').executeTakeFirstOrThrow();
    typeId = Number(type.id);
  });
  afterAll(async () => t?.close());

  let main = 0;

  it('registers a dispute with its parties protected: masked on screen, revealed only with a reason (audited)', async () => {
    const res = await register(village00);
    expect(res.status).toBe(200);
    main = res.body.id;
    const d = await detail(village00, main);
    expect(d.stateName).toBe('待受理');
    expect(d.parties.map((p) => p.name)).toEqual(['赵*远', '钱*新']);
    expect(d.parties[0]!.idNumber).not.toContain('19491231');
    expect(d.parties[0]!.phone).not.toBe('13800138000');
    const stored = await t.database.db.selectFrom('dispute_parties').select('name_enc').where('dispute_id', '=', main).execute();
    expect(stored.every((p) => !p.name_enc.includes('赵') && !p.name_enc.includes('钱'))).toBe(true);
    const noReason = await api(village00, 'POST', `/disputes/${main}/parties/${d.parties[0]!.id}/reveal`, { field: 'name', reason: '' });
    expect(noReason.status).toBe(400);
    const ok = await api(village00, 'POST', `/disputes/${main}/parties/${d.parties[0]!.id}/reveal`, { field: 'phone', reason: '通知当事人参加调解' });
    expect(ok.body.value).toBe('13800138000');
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['reason'])
      .where('action', '=', 'personal.reveal')
      .where('entity_type', '=', 'dispute_party')
      .execute();
    expect(audit.map((a) => a.reason)).toEqual(['通知当事人参加调解']);
  });

  it('a village mediator sees the village’s disputes only; the township and the county see them too', async () => {
    expect((await api(village01, 'GET', `/disputes/${main}`)).status).toBe(404);
    expect((await api(village01, 'GET', '/disputes')).body.items.map((i) => i.id)).not.toContain(main);
    expect((await api(town0, 'GET', '/disputes')).body.items.map((i) => i.id)).toContain(main);
    expect((await api(county, 'GET', `/disputes/${main}`)).status).toBe(200);
    // a mediator cannot register in another village's name
    const other = await register(village01, { placeUnitId: tree.villages[0][0].id });
    expect(other.status).toBe(400);
    expect(other.body.message).toContain('调处单位');
  });

  it('art. 17: no mediation unless every party consents — refused in words and nothing changes', async () => {
    const res = await act(village00, main, 'accept', { consent: false, mediationKind: 'people', mediatorName: '孙调解' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body.message).toContain('第十七条');
    const d = await detail(village00, main);
    expect(d.state).toBe('registered');
    expect(d.deadlines).toHaveLength(0);
  });

  it('accepts with consent and starts the one-month 调结 clock from legal_rules; records a session', async () => {
    const res = await act(village00, main, 'accept', { consent: true, mediationKind: 'people', committee: '龙蚕村人民调解委员会', mediatorName: '孙调解' });
    expect(res.status).toBe(200);
    expect(res.body.stateName).toBe('调解中');
    const d = await detail(village00, main);
    const settle = d.deadlines.find((c) => c.ruleKey === 'med.settle');
    expect(settle?.status).toBe('running');
    expect(settle?.dueDate).toBe('2026-07-01');
    const s = await act(village00, main, 'session', { mediators: '孙调解、李调解', record: '双方陈述意见，同意疏通排水沟，费用分担待商定。' });
    expect(s.status).toBe(200);
    expect((await detail(village00, main)).sessions.map((x) => x.record)).toHaveLength(1);
  });

  it('art. 29: a written agreement must state responsibility and the method and deadline of performance', async () => {
    const res = await act(village00, main, 'agree', { form: 'written', points: '排水沟是否应恢复、费用由谁承担', terms: '钱立新于6月10日前恢复排水沟。' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body.message).toContain('第二十九条');
    expect(res.body.message).toContain('各方当事人的责任');
    expect(res.body.message).toContain('履行的期限');
    expect((await detail(village00, main)).state).toBe('mediating');
    now = new Date('2026-06-05T02:00:00Z');
    await signIn();
    const ok = await act(village00, main, 'agree', {
      form: 'written',
      points: '排水沟是否应恢复、费用由谁承担',
      responsibility: '钱立新填埋排水沟负主要责任，赵明远未及时沟通负次要责任。',
      terms: '钱立新于2026年6月20日前恢复排水沟原状；赵明远承担材料费500元。',
      performMethod: '钱立新自行施工恢复，赵明远现金支付材料费',
      performDueOn: '2026-06-20',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.stateName).toBe('协议待签署');
    const d = await detail(village00, main);
    expect(d.deadlines.find((c) => c.ruleKey === 'med.settle')?.status).toBe('stopped');
  });

  it('art. 29: in force only once signed by the parties and the mediator and sealed by the committee; then the 司法确认 window and the performance deadline run', async () => {
    const unsealed = await act(village00, main, 'sign', { partiesSigned: true, mediatorSigned: true, sealed: false });
    expect(unsealed.status).toBeGreaterThanOrEqual(400);
    expect(unsealed.body.message).toContain('印章');
    const ok = await act(village00, main, 'sign', { partiesSigned: true, mediatorSigned: true, sealed: true });
    expect(ok.status).toBe(200);
    expect(ok.body.stateName).toBe('履行中');
    const d = await detail(village00, main);
    expect(d.effectiveOn).toBe('2026-06-05');
    // 30 calendar days from the day it took effect (人民调解法 art. 33, rule med.confirm.apply): 07-05 is a Sunday, so 07-06
    expect(d.confirmDueOn).toBe('2026-07-06');
    expect(d.deadlines.find((c) => c.ruleKey === 'med.confirm.apply')?.status).toBe('running');
    expect(d.deadlines.find((c) => c.ruleKey === 'instructed')?.dueDate).toBe('2026-06-20');
  });

  it('issues the 人民调解协议书 as DOCX with the contents art. 29 requires and signature lines', async () => {
    const d = await detail(village00, main);
    expect(d.documentKinds.map((k) => k.kind)).toEqual(['dispute_agreement']);
    const doc = await api(village00, 'POST', `/disputes/${main}/documents`, { kind: 'dispute_agreement' });
    expect(doc.status).toBe(200);
    const dl = await t.app.inject({ method: 'GET', url: `/api/v1/work-items/${main}/documents/${doc.body.id}`, headers: village00.headers });
    expect(dl.statusCode).toBe(200);
    const xml = await docxEntryText(dl.rawPayload, 'word/document.xml');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const part of [
      '人民调解协议书',
      '赵明远',
      '钱立新',
      '负主要责任',
      '恢复排水沟原状',
      '现金支付材料费',
      '2026-06-20',
      '人民调解员（签名）',
      '（印章）',
      '按指印',
    ])
      expect(text).toContain(part);
  });

  it('art. 33: the joint application for 司法确认 is refused when not joint, and after 30 days', async () => {
    const single = await act(village00, main, 'confirmApply', { court: '测试县人民法院', jointly: false });
    expect(single.status).toBeGreaterThanOrEqual(400);
    expect(single.body.message).toContain('共同');
    await moveTo('2026-07-07T02:00:00Z');
    const late = await act(village00, main, 'confirmApply', { court: '测试县人民法院', jointly: true });
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(late.body.message).toContain('2026-07-06');
    // an application made within the window is recorded on its own day (补录), and stops the window's clock
    const inTime = await act(village00, main, 'confirmApply', {
      court: '测试县人民法院',
      jointly: true,
      occurredOn: '2026-07-03',
      backdateReason: '补录司法确认申请',
    });
    expect(inTime.status).toBe(200);
    const d = await detail(village00, main);
    expect(d.deadlines.find((c) => c.ruleKey === 'med.confirm.apply')?.status).toBe('stopped');
    // the court's acceptance (med.court.accept) is followed from the application on
    expect(d.deadlines.find((c) => c.ruleKey === 'med.court.accept')?.status).toBe('running');
    expect(d.allowedActions.map((a) => a.code)).not.toContain('confirmApply');
  });

  it('art. 31: performance is recorded against its deadline, then the 回访 closes the case at village level', async () => {
    const p = await act(village00, main, 'perform', { note: '排水沟已恢复，材料费已付清。', occurredOn: '2026-07-04', backdateReason: '补录履行情况' });
    expect(p.body.message).toBeUndefined();
    expect(p.status).toBe(200);
    const r = await act(village00, main, 'revisit', { note: '回访双方，排水通畅，无新的矛盾。' });
    expect(r.status).toBe(200);
    const d = await detail(village00, main);
    expect(d.stateName).toBe('已调结');
    expect(d.outcomeName).toBe('调解成功');
    expect(d.levelName).toBe('村（社区）');
    expect(d.deadlines.find((c) => c.ruleKey === 'instructed')?.status).toBe('stopped');
  });

  it('art. 26: failed mediation ends only with the routes told to the parties', async () => {
    const id = (await register(village00, { foundOn: '2026-07-07' })).body.id;
    await act(village00, id, 'accept', { consent: true, mediationKind: 'people', mediatorName: '孙调解' });
    const untold = await act(village00, id, 'fail', { reason: '双方分歧过大', toldRoutes: ['litigation'], told: false });
    expect(untold.status).toBeGreaterThanOrEqual(400);
    expect(untold.body.message).toContain('第二十六条');
    const none = await act(village00, id, 'fail', { reason: '双方分歧过大', toldRoutes: [], told: true });
    expect(none.status).toBe(400);
    const ok = await act(village00, id, 'fail', { reason: '双方分歧过大', toldRoutes: ['litigation', 'arbitration'], told: true });
    expect(ok.status).toBe(200);
    const d = await detail(village00, id);
    expect(d.stateName).toBe('调解不成');
    expect(d.routesTold).toEqual(['诉讼', '仲裁']);
    expect(d.routesSource).toContain('第二十六条');
    expect(d.deadlines.every((c) => c.status === 'stopped')).toBe(true);
  });

  it('art. 17: a party who refuses ends it as 不予调解; art. 28: an oral agreement performed on the spot', async () => {
    const a = (await register(village00, { foundOn: '2026-07-07' })).body.id;
    const refused = await act(village00, a, 'decline', { refusingParty: '钱立新', reason: '明确表示不同意调解', toldRoutes: ['litigation'] });
    expect(refused.body.stateName).toBe('不予调解');
    const b = (await register(village00, { foundOn: '2026-07-07' })).body.id;
    await act(village00, b, 'accept', { consent: true, mediationKind: 'people', mediatorName: '孙调解' });
    const oral = await act(village00, b, 'agree', { form: 'oral', terms: '钱立新当场赔偿赵明远损失200元。', performedOnSpot: true });
    expect(oral.status).toBe(200);
    expect(oral.body.stateName).toBe('已履行待回访');
    expect((await detail(village00, b)).documentKinds).toEqual([]);
  });

  it('a risk of violence makes it urgent: routed at once to the 派出所 (who then sees it) with the protection routes', async () => {
    const missing = await register(county, {
      riskKind: 'domestic_violence',
      parties: [
        { role: 'applicant', name: '孙丽' },
        { role: 'respondent', name: '李强' },
      ],
    });
    expect(missing.status).toBe(400);
    const res = await register(county, {
      typeId: (await t.database.db.selectFrom('dispute_types').select('id').where('code', '=', 'family').executeTakeFirstOrThrow()).id,
      riskKind: 'domestic_violence',
      riskNote: '当事人称多次遭受殴打',
      urgentUnitIds: [police.id],
      foundOn: '2026-07-07',
      parties: [
        { role: 'applicant', name: '孙丽' },
        { role: 'respondent', name: '李强' },
      ],
    });
    expect(res.status).toBe(200);
    const d = await detail(policeStaff, res.body.id);
    expect(d.protectionRoutes.map((r) => r.name).join()).toContain('人身安全保护令');
    const inbox = await t.database.db.selectFrom('notifications').select(['title', 'body']).where('unit_id', '=', police.id).execute();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.body).toContain('反家庭暴力法');
    expect((await api(policeStaff, 'GET', '/disputes?urgent=true')).body.items.map((i) => i.id)).toEqual([res.body.id]);
  });

  it('statistics through the kernel: success, performance and confirmation rates, by resolution level', async () => {
    const stats = (await api(county, 'GET', '/stats/dispute?from=2026-01-01&to=2026-12-31&groupBy=level')).body as unknown as {
      rows: { label: string; counts: Record<string, number> }[];
      total: { counts: Record<string, number>; indicators?: Record<string, unknown> };
    };
    expect(stats.total.counts.disputes).toBe(5);
    expect(stats.total.counts.accepted).toBe(3);
    expect(stats.total.counts.agreed).toBe(2);
    expect(stats.total.counts.performed).toBe(2);
    expect(stats.total.counts.failed).toBe(1);
    expect(stats.rows.map((r) => r.label)).toContain('村（社区）');
    const items = (await api(village01, 'GET', '/stats/dispute/items?from=2026-01-01&to=2026-12-31&indicator=disputes')).body.items;
    expect(items).toEqual([]);
  });

  it('screening campaigns: a unit that found nothing makes a 零报告; one that says nothing stays 未报告', async () => {
    const created = await api(town0, 'POST', '/disputes/campaigns', {
      kind: 'concentrated',
      name: '国庆前矛盾纠纷集中排查',
      periodFrom: '2026-07-01',
      periodTo: '2026-07-31',
    });
    expect(created.status).toBe(200);
    const cid = created.body.id;
    const found = await register(village00, { campaignId: cid, foundOn: '2026-07-07' });
    expect(found.status).toBe(200);
    const wrongZero = await api(village00, 'POST', `/disputes/campaigns/${cid}/reports`, { zero: true });
    expect(wrongZero.status).toBe(409);
    expect(wrongZero.body.message).toContain('1 件');
    expect((await api(village00, 'POST', `/disputes/campaigns/${cid}/reports`, { zero: false, screenedBy: '孙调解' })).status).toBe(200);
    const empty = await api(village01, 'POST', `/disputes/campaigns/${cid}/reports`, { zero: false });
    expect(empty.status).toBe(409);
    expect(((await api(village01, 'POST', `/disputes/campaigns/${cid}/reports`, { zero: true })).body as unknown as { statusName: string }).statusName).toBe(
      '零报告',
    );
    const c = (await api(town0, 'GET', `/disputes/campaigns/${cid}`)).body as unknown as {
      units: { unitName: string; statusName: string; found: number }[];
      tally: { units: number; reported: number; zero: number; silent: number; found: number };
      townships: { townshipName: string; tally: { silent: number } }[];
    };
    expect(c.tally).toEqual({ units: 3, reported: 1, zero: 1, silent: 1, found: 1 });
    expect(c.units.find((u) => u.unitName === tree.townships[0].name)?.statusName).toBe('未报告');
    expect(c.townships.map((x) => x.townshipName)).toEqual([tree.townships[0].name]);
    // a village sees its own line only; a unit outside the campaign's scope not at all
    const mine = (await api(village01, 'GET', `/disputes/campaigns/${cid}`)).body as unknown as { units: { unitName: string }[] };
    expect(mine.units.map((u) => u.unitName)).toEqual([tree.villages[0][1].name]);
    const other = await loginAs(t, { roles: ['mediator'], unitId: tree.villages[1][0].id, username: 'md_v10' });
    expect((await api(other, 'GET', `/disputes/campaigns/${cid}`)).status).toBe(404);
    expect((await api(town0, 'GET', `/disputes?campaignId=${cid}`)).body.items.map((i) => i.id)).toEqual([found.body.id]);
  });

  it('a petition that is a civil dispute is handed to mediation, and a dispute that escalates becomes linked to the petition — both ways', async () => {
    const xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id, username: 'md_xfj' });
    const cats = (await api(xfj, 'GET', '/petition-categories')).body as unknown as { items: { children: { id: number }[] }[] };
    const petition = await api(xfj, 'POST', '/petitions', {
      channel: 'letter',
      petitioners: [{ name: '周红', phone: '13900139000' }],
      matterType: 'appeal',
      categoryId: cats.items[0]!.children[0]!.id,
      placeUnitId: tree.townships[0].id,
      title: '邻居占用通道',
      content: '邻居长期占用公共通道堆放杂物，协商无果，请求处理。',
    });
    expect(petition.body.message).toBeUndefined();
    expect(petition.status).toBe(200);
    const caseNo = (petition.body as unknown as { caseNo: string }).caseNo;
    const handed = await register(county, { source: 'petition', petitionRefNo: caseNo, responsibleUnitId: tree.townships[0].id, foundOn: '2026-07-07' });
    expect(handed.body.message).toBeUndefined();
    expect(handed.status).toBe(200);
    const links = async (id: number) =>
      ((await api(county, 'GET', `/work-items/${id}/links`)).body as unknown as { items: { name: string; otherRefNo?: string; refNo?: string }[] }).items.map(
        (l) => l.name,
      );
    expect(await links(handed.body.id)).toEqual([expect.stringContaining('转调解')]);
    expect(await links(petition.body.id)).toEqual([expect.stringContaining('转人民调解')]);
    await act(county, handed.body.id, 'accept', { consent: true, mediationKind: 'people', mediatorName: '镇调委会' });
    const up = await act(county, handed.body.id, 'escalate', { route: 'petition', refNo: caseNo, reason: '一方拒不履行口头约定，矛盾激化' });
    expect(up.status).toBe(200);
    expect(up.body.stateName).toBe('已升级处理');
    expect(await links(handed.body.id)).toEqual(expect.arrayContaining([expect.stringContaining('升级为')]));
    expect(await links(petition.body.id)).toEqual(expect.arrayContaining([expect.stringContaining('升级')]));
    const wrong = await act(county, (await register(county, { foundOn: '2026-07-07' })).body.id, 'escalate', {
      route: 'petition',
      refNo: 'NO-SUCH',
      reason: '测试',
    });
    expect(wrong.status).toBe(404);
  });

  it('纠纷类型 are configuration: 维稳办 adds and disables one; a disabled type is refused at registration; a mediator may not edit', async () => {
    expect((await api(village00, 'POST', '/disputes/types', { name: '宅基地纠纷' })).status).toBe(403);
    const added = await api(county, 'POST', '/disputes/types', { name: '宅基地纠纷', sort: 3 });
    expect(added.status).toBe(200);
    const options = (await api(village00, 'GET', '/disputes/options')).body as unknown as { types: { id: number; name: string }[] };
    expect(options.types.map((x) => x.name)).toContain('宅基地纠纷');
    expect((await api(county, 'PUT', `/disputes/types/${added.body.id}`, { name: '宅基地纠纷', disabled: true })).status).toBe(200);
    const refused = await register(village00, { typeId: added.body.id, foundOn: '2026-07-07' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('纠纷类型');
  });
});
