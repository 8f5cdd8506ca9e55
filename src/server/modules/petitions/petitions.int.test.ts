import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../test/support/login.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';

interface Rec {
  id: number;
  caseNo: string;
  state: string;
  stage: string;
  flags: Record<string, unknown>;
  petitioners: { id: number; idNumberMasked: string }[];
  deadlines: { ruleKey: string; dueDate: string; status: string; ruleSource?: string | null; ruleName?: string | null }[];
  allowedActions: { code: string }[];
  links: { reviews: { id: number }[] };
  decisions: Record<string, unknown>;
  timeline: { kind: string; label: string; detail: string; actorName: string }[];
}

describe('信访 chain (registration → 终结 → 不再受理)', () => {
  let current = new Date('2026-08-03T02:00:00Z');
  // moving the clock days ahead expires sessions: sign in again at the new "now"
  const at = async (day: string) => {
    current = new Date(`${day}T02:00:00Z`);
    xfj = await loginAs(t, { roles: ['xfj_staff'], username: xfj.user.username });
    liaison = await loginAs(t, { roles: ['dept_liaison'], username: liaison.user.username });
  };
  let t: TestApp;
  let tree: TestUnitTree;
  let dept: TestUnit;
  let xfj: LoggedIn;
  let liaison: LoggedIn;
  let otherTown: LoggedIn;
  let catId: number;
  const ID = '11010519491231002X';

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县人社局' });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    liaison = await loginAs(t, { roles: ['dept_liaison'], unitId: dept.id });
    otherTown = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    const cats = (await t.app.inject({ method: 'GET', url: '/api/v1/petition-categories', headers: xfj.headers })).json() as {
      items: { id: number; name: string; children: { id: number }[] }[];
    };
    catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
  });
  afterAll(() => t.close());

  const body = (extra: Record<string, unknown> = {}) => ({
    channel: 'visit',
    visit: { persons: 6, representatives: ['张三'] },
    petitioners: [{ name: '张三', idNumber: ID, phone: '13800138000', address: '龙蚕镇' }],
    matterType: 'appeal',
    categoryId: catId,
    placeUnitId: tree.townships[0].id,
    title: '工地拖欠农民工工资',
    content: '某建筑工地拖欠六名农民工工资共计八万元，多次讨要未果。',
    ...extra,
  });
  const get = async (id: number, who = xfj) => (await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${id}`, headers: who.headers })).json() as Rec;
  const act = (id: number, action: string, payload: Record<string, unknown> = {}, who = xfj) =>
    t.app.inject({ method: 'POST', url: `/api/v1/petitions/${id}/actions/${action}`, headers: who.headers, payload });
  const due = (r: Rec, key: string) => r.deadlines.filter((d) => d.ruleKey === key).at(-1);
  let firstId = 0;

  it('registers with validation, flags, a number and a query code; personal data encrypted', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/petitions',
      headers: xfj.headers,
      payload: body({ petitioners: [{ name: '张三', idNumber: '110105194912310021' }] }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('身份证');
    const anonAppeal = await t.app.inject({
      method: 'POST',
      url: '/api/v1/petitions',
      headers: xfj.headers,
      payload: body({ anonymous: true, petitioners: [] }),
    });
    expect(anonAppeal.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/petitions', headers: liaison.headers, payload: body() })).statusCode).toBe(403);

    const res = await t.app.inject({ method: 'POST', url: '/api/v1/petitions', headers: xfj.headers, payload: body() });
    expect(res.statusCode).toBe(200);
    const r = res.json() as { id: number; caseNo: string; queryCode: string; flags: Record<string, boolean> };
    expect(r.caseNo).toMatch(/^XF-T[0-9a-f]+-2026-000001$/);
    expect(r.queryCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(r.flags).toMatchObject({ collective: true, firstTime: true, repeat: false, afterTermination: false });
    // the intake form's 集体访 hint reads the same setting the flag is derived from
    const intake = await t.app.inject({ method: 'GET', url: '/api/v1/petitions/intake-settings', headers: xfj.headers });
    expect(intake.json()).toMatchObject({ collectiveMinPersons: 5 });
    firstId = r.id;
    const rows = await t.database.db.selectFrom('petitioners').selectAll().where('petition_id', '=', r.id).execute();
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain(ID);
    expect(raw).not.toContain('13800138000');
    expect(raw).not.toContain('张三');
    const p = await t.database.db.selectFrom('petitions').select('query_code_hash').where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(p.query_code_hash).not.toContain(r.queryCode);
    const rec = await get(r.id);
    expect(rec.petitioners[0]!.idNumberMasked).not.toContain('19491231');
    expect(due(rec, 'xf.dept.route')?.dueDate).toBe('2026-08-18');
  });

  it('assign → objection refused after 5 working days (409, nothing changed); objection on time → uphold → re-assign', async () => {
    const res = await act(firstId, 'assign', { leadUnitId: dept.id, territorialUnitId: tree.townships[0].id });
    expect(res.statusCode).toBe(200);
    const rec = res.json() as Rec;
    expect(rec.state).toBe('assigned');
    const objDue = due(rec, 'xf.transfer.objection')!.dueDate;
    expect(objDue).toBe('2026-08-10');
    // the lead unit now sees it; another township does not
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${firstId}`, headers: liaison.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${firstId}`, headers: otherTown.headers })).statusCode).toBe(404);

    await at('2026-08-11');
    const head = await t.database.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    const late = await act(firstId, 'object', { reasons: '不属于本单位职责' }, liaison);
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('退回');
    expect(late.json().message).toContain('已交办');
    expect((await get(firstId)).state).toBe('assigned');
    expect(await t.database.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow()).toEqual(head);

    await at('2026-08-04');
    expect((await act(firstId, 'object', { reasons: '不属于本单位职责' }, liaison)).json().state).toBe('objected');
    expect((await act(firstId, 'decide_objection', { decision: 'uphold' })).json().state).toBe('registered');
    expect((await act(firstId, 'assign', { leadUnitId: dept.id })).statusCode).toBe(200);
  });

  it('the lead accepts on 2026-08-05 → 处理意见书 due 2026-10-08; extension +30 approved', async () => {
    await at('2026-08-05');
    const r = (await act(firstId, 'accept', { occurredOn: '2026-08-05' }, liaison)).json() as Rec;
    expect(r.state).toBe('handling');
    expect(due(r, 'xf.handle')?.dueDate).toBe('2026-10-08');
    // each clock is presented with the rule that produced it, as the work-item detail does
    expect(due(r, 'xf.handle')).toMatchObject({
      ruleAmount: 60,
      ruleUnit: 'calendar_days',
      startDate: '2026-08-05',
      status: 'running',
      statusName: '计时中',
      warningLevel: 'normal',
      provisional: false,
    });
    expect(due(r, 'xf.handle')?.ruleName).toBeTruthy();
    expect(due(r, 'xf.handle')?.ruleSource).toContain('信访工作条例');
    expect(due(r, 'xf.dept.route')).toMatchObject({ status: 'stopped', statusName: '已停止', startDate: '2026-08-03' });
    const kernel = (await t.app.inject({ method: 'GET', url: `/api/v1/work-items/${firstId}`, headers: xfj.headers })).json() as { deadlines: unknown[] };
    expect(r.deadlines).toEqual(kernel.deadlines);
    // the timeline reads in zh-CN, states by name
    const accepted = r.timeline.filter((e) => e.kind === 'petition.accept').at(-1);
    expect(accepted).toMatchObject({ label: '受理', actorName: liaison.user.displayName });
    expect(accepted?.detail).toContain('状态：已交办 → 办理中');
    expect(accepted?.detail).toContain('日期：2026-08-05');
    expect(r.timeline.find((e) => e.kind === 'petition.register')?.detail).toContain('渠道：来访');
    expect(r.timeline.every((e) => !/petition\.|registered|handling/.test(`${e.label}${e.detail}`))).toBe(true);

    // the list carries the nearest running due date and its warning level, seen on the server's today
    const listed = async () =>
      (
        (await t.app.inject({ method: 'GET', url: '/api/v1/petitions?q=' + encodeURIComponent(r.caseNo), headers: xfj.headers })).json() as {
          items: { id: number; nearestDue: string | null; warningLevel: string | null }[];
        }
      ).items.find((i) => i.id === firstId);
    expect(await listed()).toMatchObject({ nearestDue: '2026-10-08', warningLevel: 'normal' });
    await at('2026-10-06');
    expect(await listed()).toMatchObject({ nearestDue: '2026-10-08', warningLevel: 'approaching' });
    await at('2026-10-09');
    expect(await listed()).toMatchObject({ nearestDue: '2026-10-08', warningLevel: 'overdue' });
    await at('2026-08-05');
    const approver = await loginAs(t, { roles: ['dept_liaison'], unitId: dept.id });
    const tooMuch = await act(firstId, 'extend', { amount: 31, reason: '需补充调查', approverUserId: approver.user.id }, liaison);
    expect(tooMuch.statusCode).toBe(409);
    const badApprover = await act(firstId, 'extend', { amount: 30, reason: '需补充调查', approverUserId: otherTown.user.id }, liaison);
    expect(badApprover.statusCode).toBe(400);
    // nobody approves their own extension; the candidates offered leave the requester out
    const selfApproved = await act(firstId, 'extend', { amount: 30, reason: '需补充调查', approverUserId: liaison.user.id }, liaison);
    expect(selfApproved.statusCode).toBe(400);
    expect(selfApproved.json().message).toContain('不能是申请延期的本人');
    const candidates = (await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${firstId}/approvers`, headers: liaison.headers })).json() as {
      items: { id: number }[];
    };
    expect(candidates.items.map((c) => c.id)).toContain(approver.user.id);
    expect(candidates.items.map((c) => c.id)).not.toContain(liaison.user.id);
    expect(candidates.items.map((c) => c.id)).not.toContain(otherTown.user.id);
    const town = await loginAs(t, { roles: ['township_staff'], username: otherTown.user.username });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${firstId}/approvers`, headers: town.headers })).statusCode).toBe(404);
    const ext = (await act(firstId, 'extend', { amount: 30, reason: '需补充调查', approverUserId: approver.user.id }, liaison)).json() as Rec;
    expect(due(ext, 'xf.handle')?.dueDate).not.toBe('2026-10-08');
    expect((due(ext, 'xf.handle')?.dueDate ?? '') > '2026-10-08').toBe(true);
    expect((await act(firstId, 'progress', { note: '已约谈施工方' }, liaison)).statusCode).toBe(200);
  });

  it('reply, deliver, evaluate; 复查 → 复核 → 终结', async () => {
    await at('2026-09-01');
    expect((await act(firstId, 'reply', { outcome: 'support', facts: '查明拖欠属实', legalBasis: '《保障农民工工资支付条例》' }, liaison)).json().state).toBe(
      'replied',
    );
    // served the next day, recorded that day (a date in the future is refused)
    expect((await act(firstId, 'deliver', { occurredOn: '2026-09-02' }, liaison)).statusCode).toBe(400);
    await at('2026-09-02');
    const d = (await act(firstId, 'deliver', { occurredOn: '2026-09-02' }, liaison)).json() as Rec;
    expect(d.state).toBe('delivered');
    expect(due(d, 'xf.fucha.apply')?.dueDate).toBe('2026-10-08'); // 10-02 falls in 国庆 → next working day
    expect((await get(firstId)).allowedActions.map((a) => a.code)).toContain('apply_review');
    expect((await act(firstId, 'evaluate', { result: 'unsatisfied' })).statusCode).toBe(200);
    await at('2026-09-20');
    const applied = (await act(firstId, 'apply_review', { occurredOn: '2026-09-20' })).json() as Rec;
    expect(applied.state).toBe('under_review');
    const fuchaId = applied.links.reviews[0]!.id;
    const fucha = await get(fuchaId);
    expect(fucha).toMatchObject({ stage: 'fucha', state: 'handling' });
    expect(fucha.caseNo).not.toBe(applied.caseNo);
    expect(due(fucha, 'xf.fucha.answer')?.dueDate).toBeTruthy();
    await act(fuchaId, 'reply', { outcome: 'explain', facts: '维持原意见', legalBasis: '《信访工作条例》第三十五条' });
    await at('2026-10-20');
    // served on 10-12 in the field, recorded on 10-20: the 复核 window runs from the day it was served
    await act(fuchaId, 'deliver', { occurredOn: '2026-10-12' });
    // the timeline puts it on the day it happened and keeps when it was entered
    const served = (await get(fuchaId)).timeline.find((e) => e.kind === 'petition.deliver') as unknown as { at: string; recordedAt: string };
    expect(served.at).toBe('2026-10-11T16:00:00.000Z');
    expect(Date.parse(served.recordedAt)).toBeGreaterThan(Date.parse('2026-10-12T16:00:00.000Z'));
    const fuheId = ((await act(fuchaId, 'apply_review', {})).json() as Rec).links.reviews[0]!.id;
    expect((await get(fuheId)).stage).toBe('fuhe');
    expect(((await get(fuheId)) as unknown as { title: string }).title).toBe('复核：工地拖欠农民工工资');
    await act(fuheId, 'reply', { outcome: 'reject', facts: '维持复查意见', legalBasis: '《信访工作条例》第三十六条' });
    expect((await act(fuheId, 'deliver', {})).json().state).toBe('terminated');
    expect((await get(firstId)).state).toBe('terminated');
    expect((await get(fuchaId)).state).toBe('terminated');
  });

  it('a new petition on the same matter after 终结 offers only 不再受理', async () => {
    await at('2026-11-02');
    const r = (
      await t.app.inject({ method: 'POST', url: '/api/v1/petitions', headers: xfj.headers, payload: body({ channel: 'letter', visit: undefined }) })
    ).json() as { id: number; flags: Record<string, unknown> };
    expect(r.flags).toMatchObject({ afterTermination: true, repeat: true, repeatOf: firstId, firstTime: false });
    const rec = await get(r.id);
    expect(rec.allowedActions.map((a) => a.code)).toEqual(['refuse_again']);
    expect((await act(r.id, 'accept', {})).statusCode).toBe(409);
    expect((await act(r.id, 'refuse_again', { note: '同一事实已复核终结' })).json().state).toBe('closed');
    const cands = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/petitions/repeat-candidates?idNumber=${ID}&title=${encodeURIComponent('拖欠工资')}`,
        headers: xfj.headers,
      })
    ).json() as { items: unknown[] };
    expect(cands.items.length).toBeGreaterThanOrEqual(4);
  });

  it('an accusation is 404 for the accused unit even as a party; reveal needs a reason and is audited', async () => {
    const r = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/petitions',
        headers: xfj.headers,
        payload: body({
          channel: 'letter',
          visit: undefined,
          matterType: 'accusation',
          accusedUnitId: dept.id,
          petitioners: [{ name: '李四', phone: '13900139000' }],
          title: '举报人社局干部',
          content: '反映某干部收受红包的问题线索。',
        }),
      })
    ).json() as { id: number };
    // never 交办 to the accused (条例第三十条) …
    const refused = await act(r.id, 'assign', { leadUnitId: dept.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('第三十条');
    // … and should it be a party anyway (a row from before the rule), the visibility rule still hides it
    await t.database.db
      .insertInto('case_parties')
      .values({ work_item_id: r.id, role: 'lead', unit_id: dept.id, unit_path: dept.path, assigned_at: new Date() })
      .execute();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${r.id}`, headers: liaison.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/work-items/${r.id}`, headers: liaison.headers })).statusCode).toBe(404);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/petitions?matterType=accusation', headers: liaison.headers })).json() as { total: number };
    expect(list.total).toBe(0);
    expect(
      ((await t.app.inject({ method: 'GET', url: '/api/v1/petitions?matterType=accusation', headers: xfj.headers })).json() as { total: number }).total,
    ).toBe(1);

    const pid = (await get(firstId)).petitioners[0]!.id;
    const url = `/api/v1/petitions/${firstId}/petitioners/${pid}/reveal`;
    expect((await t.app.inject({ method: 'POST', url, headers: xfj.headers, payload: { field: 'idNumber', reason: '' } })).statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'POST', url, headers: xfj.headers, payload: { field: 'idNumber', reason: '电话回访核实身份' } });
    expect(ok.json()).toEqual({ value: ID });
    expect(ok.headers['cache-control']).toBe('no-store'); // no browser or proxy keeps a revealed ID number
    const audit = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'personal.reveal')
      .where('entity_id', '=', String(pid))
      .where('reason', '<>', '制作送达文书') // the names each decision's notice carried
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.reason).toBe('电话回访核实身份');
    expect(JSON.stringify(audit)).not.toContain(ID);
  });
});
