import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { docxParagraphs, formatChineseDate } from '../../../core/documents/index.ts';

interface Detail {
  id: number;
  name: string;
  whole: boolean;
  attendees: { name: string; roleName: string }[];
  topics: { title: string; item: { refNo: string; moduleName: string } | null }[];
  decisions: {
    id: number;
    content: string;
    withdrawn: { reason: string } | null;
    counts: { total: number };
    tasks: { id: number; unitName: string; statusName: string; dueDate: string; mayWithdraw: boolean; href: string | null }[];
  }[];
  minutes: { number: string } | null;
  mayEdit: boolean;
}
type Body = Detail & {
  items: { id: number; name: string; decisions: number; tasks: { total: number }; meetingId: number; topic: string }[];
  message: string;
  number: string;
  meetingId: number;
  withdrawnTasks: number;
  typeName: string;
  place: string;
  heldOn: string;
  convenerName: string;
  lines: string[];
  reason: string | null;
  label: string;
  source: { label: string; href: string };
  state: string;
  timeline: { label: string; detail: string | null }[];
};

describe(`会议 through HTTP (${TEST_BACKEND})`, () => {
  // Beijing 2026-09-01 10:00
  const now = new Date('2026-09-01T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let convener: LoggedIn; // 龙蚕镇 staff: convenes
  let attendee: LoggedIn; // 碧溪乡 staff named as an attendee
  let taskUnit: LoggedIn; // 县信访局: given a task, not an attendee
  let outsider: LoggedIn; // a village of 碧溪乡: nothing to do with the meeting
  let dcb: LoggedIn;
  let ownItem = 0;
  let otherItem = 0;
  let meetingId = 0;

  const api = async (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    const json = (res.headers['content-type'] ?? '').toString().includes('json');
    return { status: res.statusCode, body: (json ? res.json() : {}) as Body, raw: res.rawPayload };
  };
  const counts = async () => {
    const db = t.database.db;
    const n = async (table: 'sv_meetings' | 'sv_meeting_topics' | 'sv_meeting_decisions' | 'supervision_tasks') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      meetings: await n('sv_meetings'),
      topics: await n('sv_meeting_topics'),
      decisions: await n('sv_meeting_decisions'),
      tasks: await n('supervision_tasks'),
    };
  };
  const input = (over: object = {}) => ({
    typeCode: 'dispute_review',
    name: '龙蚕镇9月矛盾纠纷会商研判会',
    hostName: '王镇长',
    heldOn: '2026-08-31',
    startTime: '09:30',
    place: '镇政府三楼会议室',
    recorderName: '李文书',
    attendees: [
      { userId: attendee.user.id, role: 'attend' },
      { unitId: tree.townships[0].id, role: 'attend' },
      { unitId: tree.villages[0][0].id, role: 'observe' },
    ],
    topics: [{ title: '研判龙头村土地流转纠纷', summary: '各方意见分歧较大', refNo: 'YH-T-000001' }, { title: '近期重点矛盾纠纷排查情况' }],
    decisions: [
      { content: '由县信访局牵头答复土地流转群众诉求', tasks: [{ unitId: tree.department.id, dueDate: '2026-09-15' }] },
      { content: '碧溪乡配合做好政策解释', tasks: [{ unitId: tree.townships[1].id, dueDate: '2026-09-10' }] },
    ],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    const db = t.database.db;
    await db
      .insertInto('document_issuers')
      .values({ unit_id: tree.townships[0].id, prefix: '龙委', mark: '中共龙蚕镇委员会' })
      .onConflict((oc) => oc.column('unit_id').doUpdateSet({ prefix: '龙委', mark: '中共龙蚕镇委员会' }))
      .execute();
    const item = async (ref: string, unit: (typeof tree)['county'], title: string) =>
      Number(
        (
          await db
            .insertInto('work_items')
            .values({ module: 'hazard', ref_no: ref, title, state: 'open', owner_unit_id: unit.id, owner_unit_path: unit.path })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    ownItem = await item('YH-T-000001', tree.townships[0], '龙头村土地流转纠纷');
    otherItem = await item('YH-T-000002', tree.townships[1], '碧水村宅基地纠纷');
    convener = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'mt_conv' });
    attendee = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id, username: 'mt_att' });
    taskUnit = await loginAs(t, { roles: ['dept_liaison'], unitId: tree.department.id, username: 'mt_task' });
    outsider = await loginAs(t, { roles: ['village_staff'], unitId: tree.villages[1][0].id, username: 'mt_out' });
    dcb = await loginAs(t, { roles: ['dcb_staff'], unitId: tree.county.id, username: 'mt_dcb' });
  });
  afterAll(() => t?.close());

  it('refuses bad input in Chinese with a 400 and writes nothing', async () => {
    const before = await counts();
    const noTopics = await api(convener, 'POST', '/supervision/meetings', input({ topics: [] }));
    expect(noTopics.status).toBe(400);
    expect(noTopics.body.message).toContain('请至少填写一项议题');
    const badType = await api(convener, 'POST', '/supervision/meetings', input({ typeCode: 'party' }));
    expect(badType.status).toBe(400);
    expect(badType.body.message).toContain('会议类型');
    const future = await api(convener, 'POST', '/supervision/meetings', input({ heldOn: '2026-09-02' }));
    expect(future.status).toBe(400);
    expect(future.body.message).toMatch(/不能晚于今天/);
    // the second decision's task is due before the meeting: the first decision's task must not stay behind
    const late = await api(
      convener,
      'POST',
      '/supervision/meetings',
      input({ decisions: [input().decisions[0], { content: '限期完成', tasks: [{ unitId: tree.townships[1].id, dueDate: '2026-08-01' }] }] }),
    );
    expect(late.status).toBe(400);
    expect(late.body.message).toMatch(/第 2 项议定事项.*完成时限 2026-08-01 早于交办日期 2026-08-31/);
    const self = await api(
      convener,
      'POST',
      '/supervision/meetings',
      input({ decisions: [{ content: '自办', tasks: [{ unitId: tree.townships[0].id, dueDate: '2026-09-10' }] }] }),
    );
    expect(self.status).toBe(400);
    expect(self.body.message).toContain('不能交办给自己');
    expect(await counts()).toEqual(before);
  });

  it('refuses an item the convener cannot see exactly as one that does not exist', async () => {
    const before = await counts();
    const hidden = await api(convener, 'POST', '/supervision/meetings', input({ topics: [{ title: '碧水村纠纷', refNo: 'YH-T-000002' }] }));
    const missing = await api(convener, 'POST', '/supervision/meetings', input({ topics: [{ title: '不存在', refNo: 'YH-T-999999' }] }));
    expect(hidden.status).toBe(400);
    expect(missing.status).toBe(400);
    expect(hidden.body.message).toBe(missing.body.message.replace('YH-T-999999', 'YH-T-000002'));
    expect(hidden.body.message).not.toContain('碧水村');
    expect(await counts()).toEqual(before);
    expect(otherItem).toBeGreaterThan(0);
  });

  it('records a meeting with a linked item; its decisions become 督办事项 shown on the meeting', async () => {
    const res = await api(convener, 'POST', '/supervision/meetings', input());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    meetingId = res.body.id;
    const d = await api(convener, 'GET', `/supervision/meetings/${meetingId}`);
    expect(d.status).toBe(200);
    expect(d.body.whole).toBe(true);
    expect(d.body.mayEdit).toBe(true);
    expect(d.body.attendees.map((a) => a.roleName)).toEqual(['出席', '出席', '列席']);
    expect(d.body.topics[0]!.item).toMatchObject({ refNo: 'YH-T-000001' });
    expect(d.body.topics[1]!.item).toBeNull();
    expect(d.body.decisions).toHaveLength(2);
    expect(d.body.decisions[0]!.tasks).toEqual([expect.objectContaining({ unitName: tree.department.name, dueDate: '2026-09-15', statusName: '未签收' })]);
    const rows = await t.database.db
      .selectFrom('supervision_tasks')
      .select(['source_kind', 'source_id', 'assigned_on', 'office_unit_id'])
      .where('source_kind', '=', 'meeting')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [Number(r.source_id), r.assigned_on, Number(r.office_unit_id)])).toEqual([
      [d.body.decisions[0]!.id, '2026-08-31', tree.townships[0].id],
      [d.body.decisions[1]!.id, '2026-08-31', tree.townships[0].id],
    ]);
    // the item's page shows the meeting (both ways: the meeting shows the item)
    const onItem = await api(convener, 'GET', `/work-items/${ownItem}/meetings`);
    expect(onItem.body.items).toEqual([expect.objectContaining({ meetingId, topic: '第1项议题：研判龙头村土地流转纠纷' })]);
  });

  it('shows attendees the whole meeting, a task unit only its decision, an outsider nothing', async () => {
    // an attendee of another township: the whole meeting, but not the item it may not see
    const a = await api(attendee, 'GET', `/supervision/meetings/${meetingId}`);
    expect(a.status).toBe(200);
    expect(a.body.whole).toBe(true);
    expect(a.body.mayEdit).toBe(false);
    expect(a.body.topics[0]!.item).toBeNull();
    expect(a.body.decisions).toHaveLength(2);
    expect((await api(attendee, 'GET', `/work-items/${ownItem}/meetings`)).status).toBe(404);
    // a unit given a task: the meeting and its own decision only
    const u = await api(taskUnit, 'GET', `/supervision/meetings/${meetingId}`);
    expect(u.status).toBe(200);
    expect(u.body.whole).toBe(false);
    expect(u.body.attendees).toEqual([]);
    expect(u.body.topics).toEqual([]);
    expect(u.body.decisions.map((x) => x.content)).toEqual(['由县信访局牵头答复土地流转群众诉求']);
    const list = await api(taskUnit, 'GET', '/supervision/meetings');
    expect(list.body.items).toEqual([expect.objectContaining({ id: meetingId, decisions: 1, tasks: expect.objectContaining({ total: 1 }) })]);
    expect((await api(taskUnit, 'GET', `/supervision/meeting-decisions/${u.body.decisions[0]!.id}`)).body.meetingId).toBe(meetingId);
    expect((await api(taskUnit, 'GET', `/supervision/meeting-decisions/${a.body.decisions[1]!.id}`)).status).toBe(404);
    // an outsider: nothing, anywhere
    expect((await api(outsider, 'GET', '/supervision/meetings')).body.items).toEqual([]);
    expect((await api(outsider, 'GET', `/supervision/meetings/${meetingId}`)).status).toBe(404);
    expect((await api(outsider, 'POST', `/supervision/meetings/${meetingId}/minutes`)).status).toBe(404);
    // the 督查办 sees every meeting
    expect((await api(dcb, 'GET', '/supervision/meetings')).body.items.map((x) => x.id)).toEqual([meetingId]);
    // filters
    expect((await api(dcb, 'GET', '/supervision/meetings?typeCode=safety_dispatch')).body.items).toEqual([]);
    expect((await api(dcb, 'GET', '/supervision/meetings?from=2026-09-01')).body.items).toEqual([]);
    expect((await api(dcb, 'GET', `/supervision/meetings?convenerUnitId=${tree.townships[0].id}&from=2026-08-01&to=2026-08-31`)).body.items).toHaveLength(1);
    const xlsx = await api(dcb, 'GET', '/supervision/meetings/export.xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.subarray(0, 2).toString()).toBe('PK');
  });

  it('withdraws a decision with its open tasks and a reason', async () => {
    const d = await api(convener, 'GET', `/supervision/meetings/${meetingId}`);
    const second = d.body.decisions[1]!;
    expect((await api(convener, 'POST', `/supervision/meetings/${meetingId}/decisions/${second.id}/withdraw`, { reason: '' })).status).toBe(400);
    expect((await api(attendee, 'POST', `/supervision/meetings/${meetingId}/decisions/${second.id}/withdraw`, { reason: '不再需要' })).status).toBe(404);
    const w = await api(convener, 'POST', `/supervision/meetings/${meetingId}/decisions/${second.id}/withdraw`, { reason: '碧溪乡已自行完成政策解释' });
    expect(w.status).toBe(200);
    expect(w.body.withdrawnTasks).toBe(1);
    const after = await api(convener, 'GET', `/supervision/meetings/${meetingId}`);
    expect(after.body.decisions[1]!.withdrawn).toMatchObject({ reason: '碧溪乡已自行完成政策解释' });
    // the task stays on the meeting as 已撤销, no longer to be withdrawn
    expect(after.body.decisions[1]!.tasks).toEqual([expect.objectContaining({ statusName: '已撤销', mayWithdraw: false })]);
    const state = await t.database.db
      .selectFrom('supervision_tasks as s')
      .innerJoin('work_items as wi', 'wi.id', 's.id')
      .select('wi.state')
      .where('s.source_id', '=', second.id)
      .where('s.source_kind', '=', 'meeting')
      .executeTakeFirstOrThrow();
    expect(state.state).toBe('withdrawn');
    // the unit no longer given a task no longer sees that decision, nor the meeting through it
    expect((await api(attendee, 'GET', `/supervision/meetings/${meetingId}`)).status).toBe(200); // still an attendee
  });

  it('issues the 纪要 numbered with the convener 代字; the DOCX says who, what and by when; later edits need a reason', async () => {
    const issued = await api(convener, 'POST', `/supervision/meetings/${meetingId}/minutes`);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.number).toBe('龙委〔2026〕1号');
    expect((await api(convener, 'POST', `/supervision/meetings/${meetingId}/minutes`)).status).toBe(409);
    const docx = await api(attendee, 'GET', `/supervision/meetings/${meetingId}/minutes.docx`);
    expect(docx.status).toBe(200);
    const text = (await docxParagraphs(docx.raw)).join('\n');
    expect(text).toContain('龙委〔2026〕1号');
    expect(text).toContain('龙蚕镇9月矛盾纠纷会商研判会纪要');
    expect(text).toContain(`测试mt_att（${tree.townships[1].name}）`);
    expect(text).toMatch(new RegExp(`列席：${tree.villages[0][0].name}`));
    expect(text).toContain('研判龙头村土地流转纠纷');
    expect(text).toContain('由县信访局牵头答复土地流转群众诉求');
    expect(text).toContain(`责任单位：${tree.department.name}，于${formatChineseDate('2026-09-15')}前完成`);
    expect(text).not.toContain('碧溪乡配合做好政策解释'); // withdrawn
    expect(text).not.toContain('YH-T-000001');
    // a task unit sees its decision, not the minutes of the whole meeting
    expect((await api(taskUnit, 'GET', `/supervision/meetings/${meetingId}/minutes.docx`)).status).toBe(404);

    const edit = {
      name: '龙蚕镇9月矛盾纠纷会商研判会',
      hostName: '王镇长',
      startTime: '10:00',
      place: '镇政府三楼会议室',
      recorderName: '李文书',
      attendees: input().attendees,
    };
    const noReason = await api(convener, 'POST', `/supervision/meetings/${meetingId}/edit`, edit);
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('须说明理由');
    const ok = await api(convener, 'POST', `/supervision/meetings/${meetingId}/edit`, { ...edit, reason: '开始时间记录有误' });
    expect(ok.status).toBe(200);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('entity_type', '=', 'sv_meeting')
      .where('entity_id', '=', String(meetingId))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'supervision.meeting.create',
      'supervision.meeting.decision',
      'supervision.meeting.decision',
      'supervision.meeting.decision.withdraw',
      'supervision.meeting.minutes',
      'supervision.meeting.edit',
    ]);
    expect(audit.at(-1)!.reason).toBe('开始时间记录有误');
    const more = await api(convener, 'POST', `/supervision/meetings/${meetingId}/decisions`, { content: '补充一项', tasks: [] });
    expect(more.status).toBe(400);
  });

  const taskIdOf = async (decisionId: number) =>
    Number(
      (
        await t.database.db
          .selectFrom('supervision_tasks')
          .select('id')
          .where('source_kind', '=', 'meeting')
          .where('source_id', '=', decisionId)
          .orderBy('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const edited = () => ({
    typeCode: 'special',
    name: '龙蚕镇9月矛盾纠纷会商研判会',
    heldOn: '2026-08-31',
    hostName: '王镇长',
    startTime: '10:00',
    place: '县委二楼会议室',
    recorderName: '李文书',
    attendees: [
      { userId: attendee.user.id, role: 'attend' },
      { unitId: tree.townships[0].id, role: 'attend' },
      { unitId: tree.villages[0][1].id, role: 'observe' },
    ],
  });

  it('edits type, date, place and attendees after 印发 only with a reason; the meeting history shows what changed and why', async () => {
    const url = `/supervision/meetings/${meetingId}/edit`;
    expect((await api(convener, 'POST', url, edited())).status).toBe(400);
    expect((await api(attendee, 'POST', url, { ...edited(), reason: '更正地点' })).status).toBe(404);
    // the date may not fall after the decisions' tasks were assigned (2026-08-31)
    const late = await api(convener, 'POST', url, { ...edited(), heldOn: '2026-09-01', reason: '更正日期' });
    expect(late.status).toBe(400);
    expect(late.body.message).toContain('不能晚于议定事项的交办日期 2026-08-31');
    // the 纪要 went out under the convener's 代字: the convener stays
    const conv = await api(convener, 'POST', url, { ...edited(), convenerUnitId: tree.townships[1].id, reason: '更正召集单位' });
    expect(conv.status).toBe(400);
    expect(conv.body.message).toContain('不能更改召集单位');
    const ok = await api(convener, 'POST', url, { ...edited(), heldOn: '2026-08-30', reason: '会议地点和日期记录有误' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const d = await api(convener, 'GET', `/supervision/meetings/${meetingId}`);
    expect(d.body).toMatchObject({ typeName: '专题会议', place: '县委二楼会议室', heldOn: '2026-08-30' });
    expect(d.body.attendees.map((a) => a.name)).toContain(tree.villages[0][1].name);
    expect(d.body.attendees.map((a) => a.name)).not.toContain(tree.villages[0][0].name);
    // the tasks' source reads the corrected date
    const task = await api(taskUnit, 'GET', `/supervision/tasks/${await taskIdOf(d.body.decisions[0]!.id)}`);
    expect(task.body.source.label).toBe('龙蚕镇9月矛盾纠纷会商研判会（2026-08-30）第1项议定事项');
    const h = await api(attendee, 'GET', `/supervision/meetings/${meetingId}/history`);
    expect(h.status).toBe(200);
    const last = h.body.items.at(-1) as unknown as { label: string; reason: string; lines: string[] };
    expect(last.label).toBe('修改会议信息');
    expect(last.reason).toBe('会议地点和日期记录有误');
    expect(last.lines).toEqual(
      expect.arrayContaining([
        '会议类型：矛盾纠纷会商研判会 → 专题会议',
        '会议日期：2026-08-31 → 2026-08-30',
        '会议地点：镇政府三楼会议室 → 县委二楼会议室',
        `参会增加：${tree.villages[0][1].name}列席`,
        `参会减少：${tree.villages[0][0].name}列席`,
      ]),
    );
    // the history is the whole meeting's: a unit seeing only its decision does not read it
    expect((await api(taskUnit, 'GET', `/supervision/meetings/${meetingId}/history`)).status).toBe(404);
  });

  it('changes the convening unit of a meeting with no 督办事项 and no 纪要; a 停用 type stays but cannot be chosen anew', async () => {
    const res = await api(convener, 'POST', '/supervision/meetings', input({ name: '龙蚕镇调度会', decisions: [] }));
    expect(res.status).toBe(200);
    const id = res.body.id;
    const admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id, username: 'mt_admin' });
    const types = (await api(admin, 'GET', '/supervision/meeting-types')).body as unknown as { items: { code: string; name: string; disabled: boolean }[] };
    const off = types.items.map((x) => (x.code === 'safety_dispatch' ? { ...x, disabled: true } : x));
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/supervision/meeting-types', headers: admin.headers, payload: { types: off } })).statusCode).toBe(
      200,
    );
    const refused = await api(convener, 'POST', `/supervision/meetings/${id}/edit`, { ...edited(), typeCode: 'safety_dispatch' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('已停用的类型不能再选');
    const moved = await api(convener, 'POST', `/supervision/meetings/${id}/edit`, { ...edited(), name: '龙蚕镇调度会', convenerUnitId: tree.townships[1].id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const seen = await api(attendee, 'GET', `/supervision/meetings/${id}`);
    expect(seen.body).toMatchObject({ convenerName: tree.townships[1].name, mayEdit: true });
    // the recorder's unit handed it over: no longer its meeting to edit
    expect((await api(convener, 'POST', `/supervision/meetings/${id}/edit`, { ...edited(), name: '龙蚕镇调度会' })).status).toBe(404);
    await t.app.inject({ method: 'PUT', url: '/api/v1/supervision/meeting-types', headers: admin.headers, payload: { types: types.items } });
  });

  it('withdraws one 督办事项 even after the unit signed for it; refuses a 销号 one in Chinese; the task record says why', async () => {
    const d = await api(convener, 'GET', `/supervision/meetings/${meetingId}`);
    const first = d.body.decisions[0]!;
    const taskId = first.tasks[0]!.id;
    expect(first.tasks[0]!.mayWithdraw).toBe(true);
    expect((await api(taskUnit, 'POST', `/supervision/tasks/${taskId}/actions/start`, {})).status).toBe(200);
    const url = `/supervision/meetings/${meetingId}/decisions/${first.id}/tasks/${taskId}/withdraw`;
    expect((await api(convener, 'POST', url, { reason: '' })).status).toBe(400);
    expect((await api(taskUnit, 'POST', url, { reason: '不办了' })).status).toBe(404);
    const w = await api(convener, 'POST', url, { reason: '土地流转纠纷已由法院调解结案' });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    const task = await api(taskUnit, 'GET', `/supervision/tasks/${taskId}`);
    expect(task.body.state).toBe('withdrawn');
    expect(task.body.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ label: expect.stringContaining('撤销督办事项') })]));
    expect(JSON.stringify(task.body.timeline)).toContain('土地流转纠纷已由法院调解结案');
    const again = await api(convener, 'POST', url, { reason: '再次撤销' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/^不能撤销：.*已经撤销/);
    const after = await api(convener, 'GET', `/supervision/meetings/${meetingId}`);
    expect(after.body.decisions[0]!.tasks[0]).toMatchObject({ statusName: '已撤销', mayWithdraw: false });
    const h = (await api(convener, 'GET', `/supervision/meetings/${meetingId}/history`)).body.items.at(-1) as unknown as { label: string; reason: string };
    expect(h).toMatchObject({ label: '撤销督办事项', reason: '土地流转纠纷已由法院调解结案' });

    // a decision whose task was 核查销号: neither the task nor the decision can be withdrawn
    const add = await api(convener, 'POST', `/supervision/meetings/${meetingId}/decisions`, {
      content: '县信访局报送化解情况',
      tasks: [{ unitId: tree.department.id, dueDate: '2026-09-20' }],
      reason: '会后补充',
    });
    expect(add.status, JSON.stringify(add.body)).toBe(200);
    const doneTask = await taskIdOf(add.body.id);
    expect((await api(taskUnit, 'POST', `/supervision/tasks/${doneTask}/actions/report`, { reportText: '已报送化解情况' })).status).toBe(200);
    expect((await api(convener, 'POST', `/supervision/tasks/${doneTask}/actions/verify`, { note: '经核查属实，同意销号' })).status).toBe(200);
    const closed = await api(convener, 'POST', `/supervision/meetings/${meetingId}/decisions/${add.body.id}/tasks/${doneTask}/withdraw`, { reason: '误交办' });
    expect(closed.status).toBe(409);
    expect(closed.body.message).toContain('已核查销号，不能撤销');
    const whole = await api(convener, 'POST', `/supervision/meetings/${meetingId}/decisions/${add.body.id}/withdraw`, { reason: '误交办' });
    expect(whole.status).toBe(409);
    expect(whole.body.message).toContain('已核查销号，不能撤销');

    // a decision whose task is 办理中 is withdrawn with it
    const add2 = await api(convener, 'POST', `/supervision/meetings/${meetingId}/decisions`, {
      content: '县信访局约谈信访人',
      tasks: [{ unitId: tree.department.id, dueDate: '2026-09-20' }],
      reason: '会后补充',
    });
    const running = await taskIdOf(add2.body.id);
    expect((await api(taskUnit, 'POST', `/supervision/tasks/${running}/actions/start`, {})).status).toBe(200);
    const ok = await api(convener, 'POST', `/supervision/meetings/${meetingId}/decisions/${add2.body.id}/withdraw`, { reason: '信访人已息访' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.withdrawnTasks).toBe(1);
    expect((await api(taskUnit, 'GET', `/supervision/tasks/${running}`)).body.state).toBe('withdrawn');
  });

  it('lets whoever may open a decision 督办事项 follow its source link to that decision — and nobody else', async () => {
    // a task to 溪口村: its township (not an attendee) and a county-wide 信访局 user see the task, not the meeting
    const add = await api(convener, 'POST', `/supervision/meetings/${meetingId}/decisions`, {
      content: '溪口村排查宅基地纠纷',
      tasks: [{ unitId: tree.villages[1][1].id, dueDate: '2026-09-25' }],
      reason: '会后补充',
    });
    expect(add.status).toBe(200);
    const taskId = await taskIdOf(add.body.id);
    const township = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id, username: 'mt_bx2' });
    const xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.county.id, username: 'mt_xfj' });
    for (const who of [township, xfj]) {
      const task = await api(who, 'GET', `/supervision/tasks/${taskId}`);
      expect(task.status).toBe(200);
      expect(task.body.source.href).toBe(`/supervision/meetings/decisions/${add.body.id}`);
      const link = await api(who, 'GET', `/supervision/meeting-decisions/${add.body.id}`);
      expect(link.status).toBe(200);
      expect(link.body.meetingId).toBe(meetingId);
      const m = await api(who, 'GET', `/supervision/meetings/${meetingId}`);
      expect(m.status).toBe(200);
      expect(m.body.whole).toBe(false);
      expect(m.body.attendees).toEqual([]);
      expect(m.body.topics).toEqual([]);
      // the decisions whose tasks the reader may open (the 信访局 user sees every task), never the others
      expect(m.body.decisions.map((x) => x.content)).toContain('溪口村排查宅基地纠纷');
      expect(m.body.decisions.every((x) => x.tasks.length > 0)).toBe(true);
      expect((await api(who, 'GET', `/supervision/meetings/${meetingId}/minutes.docx`)).status).toBe(404);
      expect((await api(who, 'GET', `/supervision/meetings/${meetingId}/history`)).status).toBe(404);
    }
    // the township: its village's decision (and its own, withdrawn, task's), not the 信访局's
    const mine = (await api(township, 'GET', `/supervision/meetings/${meetingId}`)).body.decisions.map((x) => x.content);
    expect(mine).toEqual(['碧溪乡配合做好政策解释', '溪口村排查宅基地纠纷']);
    // the village beside it sees neither the task nor the decision: the link answers 404 as for a decision that does not exist
    expect((await api(outsider, 'GET', `/supervision/tasks/${taskId}`)).status).toBe(404);
    expect((await api(outsider, 'GET', `/supervision/meeting-decisions/${add.body.id}`)).status).toBe(404);
    expect((await api(outsider, 'GET', `/supervision/meeting-decisions/999999`)).status).toBe(404);
    expect((await api(outsider, 'GET', `/supervision/meetings/${meetingId}`)).status).toBe(404);
  });

  it('keeps the meeting types: add, rename, 停用; a type in use is not deleted; only the administrator and the 督查办', async () => {
    const admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id, username: 'mt_admin' });
    const put = (who: LoggedIn, types: object[]) =>
      t.app.inject({ method: 'PUT', url: '/api/v1/supervision/meeting-types', headers: who.headers, payload: { types } });
    expect((await api(convener, 'GET', '/supervision/meeting-types')).status).toBe(403);
    const list = (await api(dcb, 'GET', '/supervision/meeting-types')).body as unknown as {
      items: { code: string; name: string; disabled: boolean; meetings: number }[];
    };
    expect(list.items.find((x) => x.code === 'special')).toMatchObject({ name: '专题会议', meetings: 2 });
    const inUse = await put(
      admin,
      list.items.filter((x) => x.code !== 'special'),
    );
    expect(inUse.statusCode).toBe(400);
    expect(inUse.json().message).toContain('“专题会议”已有会议使用，不能删除，可以停用');
    const dup = await put(admin, [...list.items, { name: '专题会议' }]);
    expect(dup.statusCode).toBe(400);
    expect(dup.json().message).toContain('“专题会议”重复了');
    const next = [
      ...list.items.filter((x) => x.code !== 'joint_petition').map((x) => (x.code === 'special' ? { ...x, name: '专题研究会议', disabled: true } : x)),
      { name: '调度会' },
    ];
    const saved = await put(dcb, next);
    expect(saved.statusCode, saved.body).toBe(200);
    const items = (saved.json() as { items: { code: string; name: string; disabled: boolean }[] }).items;
    expect(items.map((x) => x.name)).toEqual(expect.arrayContaining(['专题研究会议', '调度会']));
    expect(items.map((x) => x.code)).not.toContain('joint_petition');
    const options = (await api(convener, 'GET', '/supervision/meeting-options')).body as unknown as { types: { name: string }[] };
    expect(options.types.map((x) => x.name)).toContain('调度会');
    expect(options.types.map((x) => x.name)).not.toContain('专题研究会议');
    // a meeting recorded under the old name keeps it (its 纪要 says so)
    expect((await api(dcb, 'GET', `/supervision/meetings/${meetingId}`)).body.typeName).toBe('专题会议');
    const bad = await api(convener, 'POST', '/supervision/meetings', input({ typeCode: 'special', decisions: [] }));
    expect(bad.status).toBe(400);
  });
});
