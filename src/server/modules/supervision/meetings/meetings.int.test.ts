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
    tasks: { unitName: string; statusName: string; dueDate: string }[];
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
    expect(after.body.decisions[1]!.tasks).toEqual([]);
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
});
