import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';

interface View {
  listed: boolean;
  listings: { reason: string; delistedAt: string | null; delistReason: string | null }[];
  notices: { id: number; replyDue: string; overdue: boolean; replyText: string | null }[];
  backlog: { id: number; closedAt: string | null; resultByName: string | null }[];
  instructions: { text: string; leaderName: string | null }[];
  allowed: Record<string, boolean>;
}

describe("督办 in the kernel and leaders' work", () => {
  // Monday 2026-09-28: the 5-working-day reply limit runs over 国庆 (10-01…10-07 off) and ends on the 调休 Saturday 10-10
  let current = new Date('2026-09-28T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let dept: TestUnit;
  let xfj: LoggedIn;
  let xfj2: LoggedIn;
  let liaison: LoggedIn;
  let town2: LoggedIn;
  let leaderA: LoggedIn;
  let leaderB: LoggedIn;
  let admin: LoggedIn;
  let leaderAId = 0;
  let leaderBId = 0;
  let caseA = 0; // 包案 leader A, handled by dept
  let caseB = 0; // 包案 leader B
  let caseAcc = 0; // 检举控告 against dept, 包案 leader A
  let catId = 0;

  const req = (who: LoggedIn, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
  const view = async (id: number, who = xfj) => (await req(who, 'GET', `/work-items/${id}/supervision`)).json() as View;
  const auditCount = async (action: string, id: number) =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', action)
          .where('entity_id', '=', String(id))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function register(extra: Record<string, unknown>, leaderId: number): Promise<number> {
    const res = await req(xfj, 'POST', '/petitions', {
      channel: 'letter',
      petitioners: [{ name: '李四', address: '龙蚕镇' }],
      matterType: 'appeal',
      categoryId: catId,
      placeUnitId: tree.townships[0].id,
      title: '社保补缴争议',
      content: '原单位未为其足额缴纳社会保险，要求补缴。',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = (res.json() as { id: number }).id;
    // an accusation is never 交办'd to the unit it accuses (条例第三十条): the township handles it
    const assigned = await req(xfj, 'POST', `/petitions/${id}/actions/assign`, {
      leadUnitId: extra.accusedUnitId === dept.id ? tree.townships[0].id : dept.id,
      leaderId,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县人社局' });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    xfj2 = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    liaison = await loginAs(t, { roles: ['dept_liaison'], unitId: dept.id });
    town2 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    leaderA = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id });
    leaderB = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id });
    admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id });
    const db = t.database.db;
    const mk = async (name: string, userId: number) =>
      Number(
        (
          await db
            .insertInto('leaders')
            .values({ name, title: '副县长', unit_id: tree.county.id, user_id: userId, portfolio: [], oversees_unit_ids: [] })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    leaderAId = await mk('王领导', leaderA.user.id);
    leaderBId = await mk('陈领导', leaderB.user.id);
    const cats = (await req(xfj, 'GET', '/petition-categories')).json() as { items: { name: string; children: { id: number }[] }[] };
    catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
    caseA = await register({}, leaderAId);
    caseB = await register({ title: '工伤认定迟延' }, leaderBId);
    caseAcc = await register({ matterType: 'accusation', accusedUnitId: dept.id, title: '反映县人社局工作人员违规' }, leaderAId);
  });
  afterAll(() => t.close());

  it('挂牌 by the county and 摘牌 with a reason; the listed list follows; both audited', async () => {
    expect((await req(liaison, 'POST', `/work-items/${caseA}/supervision/listing`, { reason: '群众反映强烈' })).statusCode).toBe(403);
    expect((await req(xfj, 'POST', `/work-items/${caseA}/supervision/listing`, { reason: '群众反映强烈，县级挂牌' })).statusCode).toBe(200);
    const again = await req(xfj, 'POST', `/work-items/${caseA}/supervision/listing`, { reason: '重复挂牌' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('SUPERVISION_ALREADY_LISTED');
    expect((await view(caseA)).listed).toBe(true);
    const listed = (await req(xfj, 'GET', '/supervision/listed')).json() as { items: { workItemId: number; reason: string }[]; total: number };
    expect(listed.items.map((i) => i.workItemId)).toEqual([caseA]);
    // the handling department sees its listed case; another township does not
    expect(((await req(liaison, 'GET', '/supervision/listed')).json() as { total: number }).total).toBe(1);
    expect(((await req(town2, 'GET', '/supervision/listed')).json() as { total: number }).total).toBe(0);

    expect((await req(xfj, 'POST', `/work-items/${caseA}/supervision/delisting`, { reason: '已化解，群众满意' })).statusCode).toBe(200);
    const v = await view(caseA);
    expect(v.listed).toBe(false);
    expect(v.listings[0]).toMatchObject({ reason: '群众反映强烈，县级挂牌', delistReason: '已化解，群众满意' });
    expect(v.listings[0]!.delistedAt).not.toBeNull();
    expect(((await req(xfj, 'GET', '/supervision/listed')).json() as { total: number }).total).toBe(0);
    expect((await req(xfj, 'POST', `/work-items/${caseA}/supervision/delisting`, { reason: '再次摘牌' })).statusCode).toBe(409);
    expect(await auditCount('supervision.list', caseA)).toBe(1);
    expect(await auditCount('supervision.delist', caseA)).toBe(1);
  });

  it('积案 销号 is refused when the verifier reported the result, accepted from another supervisor, audited', async () => {
    const open = await req(xfj, 'POST', `/work-items/${caseB}/supervision/backlog`, {
      plan: '人社局牵头核查参保记录，分期补缴',
      leaderId: leaderBId,
      unitId: dept.id,
      dueDate: '2026-12-31',
    });
    expect(open.statusCode, open.body).toBe(200);
    expect((await req(xfj, 'POST', `/work-items/${caseB}/supervision/backlog`, { plan: '重复', unitId: dept.id, dueDate: '2026-12-31' })).json().error).toBe(
      'BACKLOG_ALREADY_OPEN',
    );
    // no result yet → cannot 销号
    expect((await req(xfj2, 'POST', `/work-items/${caseB}/supervision/backlog/close`, { note: '核实' })).json().error).toBe('BACKLOG_NO_RESULT');
    // xfj reports the result (handler) and then tries to verify it himself
    expect((await req(xfj, 'POST', `/work-items/${caseB}/supervision/backlog/result`, { result: '已补缴2019—2021年社保，当事人签字确认' })).statusCode).toBe(
      200,
    );
    const self = await req(xfj, 'POST', `/work-items/${caseB}/supervision/backlog/close`, { note: '已核实' });
    expect(self.statusCode).toBe(409);
    expect(self.json().error).toBe('BACKLOG_VERIFIER_IS_HANDLER');
    expect((await view(caseB, xfj)).allowed.closeBacklog).toBe(false);
    expect((await view(caseB, xfj2)).allowed.closeBacklog).toBe(true);
    expect((await view(caseB, leaderA)).allowed).toMatchObject({ instruct: true, closeBacklog: true, recordAssistance: false });
    expect((await view(caseB, liaison)).allowed).toMatchObject({ instruct: false, closeBacklog: false, reportBacklog: true, recordAssistance: true });
    expect(await auditCount('supervision.backlog_close', caseB)).toBe(0);
    // a handler role cannot 销号 at all
    expect((await req(liaison, 'POST', `/work-items/${caseB}/supervision/backlog/close`, { note: '已核实' })).statusCode).toBe(403);

    const ledgerOpen = (await req(xfj, 'GET', '/supervision/backlog?status=open')).json() as { items: { workItemId: number; leaderName: string }[] };
    expect(ledgerOpen.items.map((i) => i.workItemId)).toEqual([caseB]);
    expect(ledgerOpen.items[0]!.leaderName).toBe('陈领导');

    expect((await req(xfj2, 'POST', `/work-items/${caseB}/supervision/backlog/close`, { note: '电话回访当事人，确认已补缴' })).statusCode).toBe(200);
    expect(await auditCount('supervision.backlog_close', caseB)).toBe(1);
    const closed = (await req(xfj, 'GET', '/supervision/backlog?status=closed')).json() as {
      items: { workItemId: number; closedByName: string; resultByName: string }[];
    };
    expect(closed.items.map((i) => i.workItemId)).toEqual([caseB]);
    expect(closed.items[0]!.closedByName).toBe(xfj2.user.displayName);
    expect(closed.items[0]!.resultByName).toBe(xfj.user.displayName);
    expect(((await req(xfj, 'GET', '/supervision/backlog?status=open')).json() as { total: number }).total).toBe(0);
  });

  it('批示 only by a county leader; shown on the item and in its timeline', async () => {
    expect((await req(xfj, 'POST', `/work-items/${caseA}/supervision/instructions`, { text: '请抓紧办理' })).statusCode).toBe(403);
    expect((await req(admin, 'POST', `/work-items/${caseA}/supervision/instructions`, { text: '请抓紧办理' })).statusCode).toBe(403);
    expect((await req(leaderA, 'POST', `/work-items/${caseA}/supervision/instructions`, { text: '请人社局一周内拿出化解方案' })).statusCode).toBe(200);
    const v = await view(caseA, liaison);
    expect(v.instructions).toEqual([expect.objectContaining({ text: '请人社局一周内拿出化解方案', leaderName: '王领导' })]);
    const detail = (await req(xfj, 'GET', `/work-items/${caseA}`)).json() as { timeline: { kind: string; detail: string }[] };
    expect(detail.timeline.some((e) => e.kind === 'supervision.instruction' && e.detail.includes('请人社局一周内拿出化解方案'))).toBe(true);
  });

  it('督办通知: reply due by the rule over 国庆 and 调休, overdue list, one reply', async () => {
    const res = await req(xfj, 'POST', `/work-items/${caseA}/supervision/notices`, { level: 'county', text: '该件已临近办理期限，请于期限内回复办理情况' });
    expect(res.statusCode, res.body).toBe(200);
    // 09-28 + 5 working days: 09-29, 09-30, (10-01…10-07 国庆), 10-08, 10-09, then Saturday 10-10 — a 调休 workday
    expect(res.json().replyDue).toBe('2026-10-10');
    expect((await req(town2, 'POST', `/work-items/${caseA}/supervision/notices`, { level: 'township', text: '乡级督办' })).statusCode).toBe(404);
    expect((await req(liaison, 'POST', `/work-items/${caseA}/supervision/notices`, { level: 'county', text: '部门不能督办' })).statusCode).toBe(403);

    current = new Date('2026-10-13T02:00:00Z');
    xfj = await loginAs(t, { roles: ['xfj_staff'], username: xfj.user.username });
    liaison = await loginAs(t, { roles: ['dept_liaison'], username: liaison.user.username });
    town2 = await loginAs(t, { roles: ['township_staff'], username: town2.user.username });
    leaderA = await loginAs(t, { roles: ['county_leader'], username: leaderA.user.username });
    leaderB = await loginAs(t, { roles: ['county_leader'], username: leaderB.user.username });
    const overdue = (await req(liaison, 'GET', '/supervision/overdue-notices')).json() as {
      items: { id: number; overdue: boolean; item: { workItemId: number } }[];
    };
    expect(overdue.items.map((n) => n.item.workItemId)).toEqual([caseA]);
    expect(((await req(town2, 'GET', '/supervision/overdue-notices')).json() as { total: number }).total).toBe(0);
    const noticeId = overdue.items[0]!.id;
    expect(
      (await req(liaison, 'POST', `/work-items/${caseA}/supervision/notices/${noticeId}/reply`, { text: '已约谈当事人，拟于10月20日前答复' })).statusCode,
    ).toBe(200);
    expect((await req(liaison, 'POST', `/work-items/${caseA}/supervision/notices/${noticeId}/reply`, { text: '再回复' })).json().error).toBe(
      'SUPERVISION_NOTICE_REPLIED',
    );
    expect(((await req(xfj, 'GET', '/supervision/overdue-notices')).json() as { total: number }).total).toBe(0);
    expect((await view(caseA)).notices[0]).toMatchObject({ replyText: '已约谈当事人，拟于10月20日前答复', overdue: false });
  });

  it('out of scope is 404 (another township; the accused unit of a 检举控告)', async () => {
    expect((await req(town2, 'GET', `/work-items/${caseA}/supervision`)).statusCode).toBe(404);
    expect((await req(liaison, 'GET', `/work-items/${caseAcc}/supervision`)).statusCode).toBe(404);
    expect(
      (await req(liaison, 'POST', `/work-items/${caseAcc}/assistance`, { kind: 'relief', agency: '民政局', description: '临时救助', date: '2026-10-13' }))
        .statusCode,
    ).toBe(404);
    expect((await req(xfj, 'GET', `/work-items/${caseAcc}/supervision`)).statusCode).toBe(200);
    expect((await req(xfj, 'GET', `/work-items/999999/supervision`)).statusCode).toBe(404);
  });

  it("a leader's 包案 list shows exactly their cases; the accused unit never sees the 检举控告 in it", async () => {
    const mine = (await req(leaderA, 'GET', '/my/leader-cases')).json() as { leader: { id: number }; items: { workItemId: number; href: string }[] };
    expect(mine.leader.id).toBe(leaderAId);
    expect(mine.items.map((i) => i.workItemId).sort((a, b) => a - b)).toEqual([caseA, caseAcc].sort((a, b) => a - b));
    expect(mine.items.every((i) => i.href === `/xf/${i.workItemId}`)).toBe(true);
    const b = (await req(leaderB, 'GET', '/my/leader-cases')).json() as { items: { workItemId: number }[] };
    expect(b.items.map((i) => i.workItemId)).toEqual([caseB]);
    const viaDept = (await req(liaison, 'GET', `/leaders/${leaderAId}/cases`)).json() as { items: { workItemId: number }[] };
    expect(viaDept.items.map((i) => i.workItemId)).toEqual([caseA]);
    expect((await req(xfj, 'GET', '/my/leader-cases')).json().error).toBe('LEADER_NOT_LINKED');
  });

  it('reception days: CRUD by 信访局, drafts hidden from others, published schedule by date range', async () => {
    const body = {
      leaderId: leaderAId,
      date: '2026-10-20',
      startTime: '09:00',
      endTime: '12:00',
      place: '县信访局接待大厅',
      topic: '劳动社保、征地拆迁',
      published: false,
    };
    expect((await req(town2, 'POST', '/reception-days', body)).statusCode).toBe(403);
    expect((await req(xfj, 'POST', '/reception-days', { ...body, endTime: '08:00' })).statusCode).toBe(400);
    const created = await req(xfj, 'POST', '/reception-days', body);
    expect(created.statusCode, created.body).toBe(200);
    const dayId = (created.json() as { id: number }).id;
    expect((await req(town2, 'GET', `/reception-days/${dayId}`)).statusCode).toBe(404);
    expect(((await req(town2, 'GET', '/reception-days?from=2026-10-01&to=2026-10-31')).json() as { items: unknown[] }).items).toHaveLength(0);
    expect((await req(town2, 'PATCH', `/reception-days/${dayId}`, { published: true })).statusCode).toBe(404);
    expect((await req(xfj, 'PATCH', `/reception-days/${dayId}`, { published: true })).statusCode).toBe(200);
    expect((await req(town2, 'PATCH', `/reception-days/${dayId}`, { place: '别处' })).statusCode).toBe(403);
    const seen = (await req(town2, 'GET', '/reception-days?from=2026-10-01&to=2026-10-31')).json() as { items: { id: number; leaderName: string }[] };
    expect(seen.items).toEqual([expect.objectContaining({ id: dayId, leaderName: '王领导' })]);
    expect(((await req(town2, 'GET', '/reception-days?from=2026-11-01&to=2026-11-30')).json() as { items: unknown[] }).items).toHaveLength(0);
    expect((await req(xfj, 'DELETE', `/reception-days/${dayId}`)).statusCode).toBe(200);
    expect((await req(xfj, 'GET', `/reception-days/${dayId}`)).statusCode).toBe(404);
    expect(
      await t.database.db
        .selectFrom('audit_events')
        .select('action')
        .where('entity_type', '=', 'reception_day')
        .where('entity_id', '=', String(dayId))
        .orderBy('seq')
        .execute(),
    ).toEqual([{ action: 'reception_day.create' }, { action: 'reception_day.update' }, { action: 'reception_day.delete' }]);
  });

  it('reception records link cases (scoped) and assistance is recorded on the case', async () => {
    expect(
      (await req(liaison, 'POST', '/reception-records', { leaderId: leaderAId, kind: 'down_visit', date: '2026-10-13', place: '龙蚕镇', summary: '带案下访' }))
        .statusCode,
    ).toBe(403);
    const rec = await req(leaderA, 'POST', '/reception-records', {
      leaderId: leaderAId,
      kind: 'down_visit',
      date: '2026-10-13',
      place: '龙蚕镇政府',
      summary: '带案下访，现场协调社保补缴',
      persons: 3,
      workItemIds: [caseA, caseAcc],
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const forDept = (await req(liaison, 'GET', `/reception-records?leaderId=${leaderAId}`)).json() as {
      items: { kindName: string; cases: { workItemId: number }[] }[];
    };
    expect(forDept.items).toHaveLength(1);
    expect(forDept.items[0]!.kindName).toBe('带案下访');
    expect(forDept.items[0]!.cases.map((c) => c.workItemId)).toEqual([caseA]);
    expect(((await req(town2, 'GET', '/reception-records')).json() as { items: unknown[] }).items).toHaveLength(0);

    expect(
      (await req(leaderA, 'POST', `/work-items/${caseA}/assistance`, { kind: 'relief', agency: '民政局', description: '临时救助', date: '2026-10-13' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await req(liaison, 'POST', `/work-items/${caseA}/assistance`, {
          kind: 'relief',
          agency: '县民政局',
          description: '申请临时救助',
          amount: 2000,
          date: '2026-10-13',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await req(liaison, 'POST', `/work-items/${caseA}/assistance`, {
          kind: 'psych',
          agency: '县心理健康服务站',
          description: '转介心理疏导',
          date: '2026-10-13',
        })
      ).statusCode,
    ).toBe(200);
    const list = (await req(xfj, 'GET', `/work-items/${caseA}/assistance`)).json() as { items: { kindName: string; amount: number | null }[] };
    expect(list.items.map((a) => [a.kindName, a.amount])).toEqual([
      ['心理服务转介', null],
      ['帮扶救助', 2000],
    ]);
    expect(await auditCount('work_item.assistance', caseA)).toBe(2);
  });

  it('record dates: a reception record or an assistance dated in the future or before the case was received is refused, naming the field; nothing is written', async () => {
    expect(current.toISOString()).toBe('2026-10-13T02:00:00.000Z'); // today; the cases were received on 2026-09-28
    const before = await t.database.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    const records = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('reception_records')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const assistance = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('case_assistance')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const [r0, a0] = [await records(), await assistance()];
    const reception = (date: string) =>
      req(xfj, 'POST', '/reception-records', {
        leaderId: leaderAId,
        kind: 'reception',
        date,
        place: '县信访局',
        summary: '接待来访群众',
        workItemIds: [caseA],
      });
    const future = await reception('2026-10-21');
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('接访日期：不能晚于今天（2026-10-13）');
    const early = await reception('2026-09-27');
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toMatch(/接访日期：不能早于事项 .+ 的收到日期（2026-09-28）/);
    const help = (kind: string, date: string) =>
      req(liaison, 'POST', `/work-items/${caseA}/assistance`, { kind, agency: '县民政局', description: '临时救助', date });
    const helpFuture = await help('relief', '2026-10-14');
    expect(helpFuture.statusCode).toBe(400);
    expect(helpFuture.json().message).toContain('救助日期：不能晚于今天（2026-10-13）');
    const helpEarly = await help('psych', '2026-09-01');
    expect(helpEarly.statusCode).toBe(400);
    expect(helpEarly.json().message).toContain('转介日期：不能早于事项');
    // nothing was written, not even an audit event
    expect([await records(), await assistance()]).toEqual([r0, a0]);
    const after = await t.database.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    expect(after.seq).toBe(before.seq);
    // the day the case was received and today are both fine
    expect((await reception('2026-09-28')).statusCode).toBe(200);
    const timeline = (await req(xfj, 'GET', `/petitions/${caseA}`)).json().timeline as { label: string; detail: string }[];
    expect(timeline.filter((e) => e.label === '领导接访').map((e) => e.detail)).toContain('王领导领导接访（2026-09-28）');
    expect((await help('relief', '2026-10-13')).statusCode).toBe(200);
  });

  it('报请领导批示: 信访局 asks a leader, the leader sees it under 待我批示, answers with a 批示 and the request closes; audited, in the timeline, scoped', async () => {
    const ask = (who: LoggedIn, id: number, leaderId: number, question = '补缴资金来源不明，是否由县财政先行垫付？请批示。') =>
      req(who, 'POST', `/work-items/${id}/supervision/instruction-requests`, { leaderId, question });
    expect((await ask(liaison, caseA, leaderAId)).statusCode).toBe(403);
    expect((await ask(leaderB, caseA, leaderAId)).statusCode).toBe(403);
    const blank = await ask(xfj, caseA, leaderAId, ' ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toContain('请示事项');
    // a leader without an account cannot answer in the system; one who may not open the item is never asked
    const db = t.database.db;
    const noAccount = await db
      .insertInto('leaders')
      .values({ name: '无账号领导', title: '副县长', unit_id: tree.county.id, user_id: null, portfolio: [], oversees_unit_ids: [] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const na = await ask(xfj, caseA, Number(noAccount.id));
    expect(na.statusCode).toBe(400);
    expect(na.json().message).toContain('无账号领导没有可用的系统账号');
    const inDept = await loginAs(t, { roles: ['county_leader'], unitId: dept.id });
    const deptLeader = await db
      .insertInto('leaders')
      .values({ name: '人社局出身领导', title: '副县长', unit_id: dept.id, user_id: inDept.user.id, portfolio: [], oversees_unit_ids: [] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const hidden = await ask(xfj, caseAcc, Number(deptLeader.id));
    expect(hidden.statusCode, hidden.body).toBe(400);
    expect(hidden.json().message).toContain('无权查看该事项');
    expect(await auditCount('supervision.instruction_request', caseA)).toBe(0);

    const asked = await ask(xfj, caseA, leaderAId);
    expect(asked.statusCode, asked.body).toBe(200);
    const twice = await ask(xfj, caseA, leaderAId);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toContain('已就该事项报请王领导批示');
    expect(await auditCount('supervision.instruction_request', caseA)).toBe(1);

    // 待我批示: leader A has it (workbench figure and list); leader B does not
    const benchA = (await req(leaderA, 'GET', '/workbench')).json() as { leader: { awaitingInstruction: number } };
    expect(benchA.leader.awaitingInstruction).toBe(1);
    const listA = (await req(leaderA, 'GET', '/my/instruction-requests')).json() as {
      items: { workItemId: number; question: string; requestedByName: string; href: string }[];
      total: number;
    };
    expect(listA.total).toBe(1);
    expect(listA.items[0]).toMatchObject({ workItemId: caseA, question: '补缴资金来源不明，是否由县财政先行垫付？请批示。', href: `/xf/${caseA}` });
    expect(((await req(leaderB, 'GET', '/my/instruction-requests')).json() as { total: number }).total).toBe(0);
    expect(((await req(leaderB, 'GET', '/workbench')).json() as { leader: { awaitingInstruction: number } }).leader.awaitingInstruction).toBe(0);
    const open = (await req(xfj, 'GET', `/work-items/${caseA}/supervision`)).json() as {
      instructionRequests: { leaderName: string; answeredAt: string | null }[];
    };
    expect(open.instructionRequests).toEqual([expect.objectContaining({ leaderName: '王领导', answeredAt: null })]);
    // the item's visibility rule: another township sees neither the item nor its requests
    expect((await req(town2, 'GET', `/work-items/${caseA}/supervision`)).statusCode).toBe(404);

    // leader B's 批示 on the item does not answer a request made to leader A
    expect((await req(leaderB, 'POST', `/work-items/${caseA}/supervision/instructions`, { text: '请人社局依法办理。' })).statusCode).toBe(200);
    expect(((await req(leaderA, 'GET', '/my/instruction-requests')).json() as { total: number }).total).toBe(1);
    // leader A answers: the request closes with the 批示
    expect((await req(leaderA, 'POST', `/work-items/${caseA}/supervision/instructions`, { text: '同意先行垫付，月底前办结。' })).statusCode).toBe(200);
    expect(((await req(leaderA, 'GET', '/my/instruction-requests')).json() as { total: number }).total).toBe(0);
    expect(((await req(leaderA, 'GET', '/workbench')).json() as { leader: { awaitingInstruction: number } }).leader.awaitingInstruction).toBe(0);
    const closed = (await req(xfj, 'GET', `/work-items/${caseA}/supervision`)).json() as {
      instructionRequests: { answeredAt: string | null; instructionText: string | null }[];
    };
    expect(closed.instructionRequests[0]).toMatchObject({ instructionText: '同意先行垫付，月底前办结。' });
    expect(closed.instructionRequests[0]!.answeredAt).not.toBeNull();
    // asking again after the answer is a new request
    expect((await ask(xfj, caseA, leaderAId, '垫付后是否追偿原单位？请批示。')).statusCode).toBe(200);

    // the case's timeline says it in Chinese
    const timeline = (await req(xfj, 'GET', `/petitions/${caseA}`)).json().timeline as { label: string; detail: string }[];
    expect(timeline.find((e) => e.label === '报请领导批示')?.detail).toBe('报请王领导批示。请示事项：补缴资金来源不明，是否由县财政先行垫付？请批示。');
    expect(
      timeline.some((e) => e.label === '领导批示' && e.detail === '同意先行垫付，月底前办结。（答复请示：补缴资金来源不明，是否由县财政先行垫付？请批示。）'),
    ).toBe(true);
  });
});
