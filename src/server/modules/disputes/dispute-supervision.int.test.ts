import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';

type Body = Record<string, unknown> & { message?: string; id: number; state: string; stateName: string; data?: { field?: string } };

describe(`矛盾纠纷: 纳入督查督办 creates the 督办事项; 纠纷类型 name their 信访问题类别 (${TEST_BACKEND})`, () => {
  // Beijing 2026-06-01 10:00
  const now = new Date('2026-06-01T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let town0: LoggedIn;
  let wwb: LoggedIn;
  let typeId = 0;

  const api = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Body };
  };
  const act = (who: LoggedIn, id: number, action: string, payload: object) => api(who, 'POST', `/disputes/${id}/actions/${action}`, payload);
  const register = (who: LoggedIn) =>
    api(who, 'POST', '/disputes', {
      source: 'screening',
      typeId,
      placeUnitId: tree.villages[0][0].id,
      responsibleUnitId: tree.townships[0].id,
      facts: '某建筑公司拖欠二十名务工人员工资共计三十万元，多次讨要无果。',
      peopleCount: 20,
      foundOn: '2026-06-01',
      parties: [
        { role: 'applicant', name: '孙建国' },
        { role: 'respondent', name: '某建筑有限公司' },
      ],
    });
  const links = async (who: LoggedIn, id: number) =>
    ((await api(who, 'GET', `/work-items/${id}/links`)).body as unknown as { items: { name: string }[] }).items.map((l) => l.name);
  const tasksOf = (disputeId: number) =>
    t.database.db
      .selectFrom('supervision_tasks')
      .select(['id', 'unit_id', 'office_unit_id', 'due_date', 'source_kind', 'source_label'])
      .where('source_kind', '=', 'dispute')
      .where('source_id', '=', disputeId)
      .execute();

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'ds_town0' });
    wwb = await loginAs(t, { roles: ['wwb_staff'], unitId: tree.county.id, username: 'ds_wwb' });
    typeId = Number((await t.database.db.selectFrom('dispute_types').select('id').where('code', '=', 'labour').executeTakeFirstOrThrow()).id);
  });
  afterAll(async () => t?.close());

  it('县维稳办 纳入督查督办 with a 完成时限: one 督办事项 for the dispute’s 调处单位, on its deadline, linked both ways, audited', async () => {
    const d = await register(town0);
    expect(d.status).toBe(200);
    const up = await act(wwb, d.body.id, 'escalate', { route: 'supervision', reason: '涉及二十人，企业拒不到场', dueDate: '2026-06-30' });
    expect(up.body.message).toBeUndefined();
    expect(up.status).toBe(200);
    const to = up.body.escalatedTo as { id: number; refNo: string; created: boolean };
    expect(to.created).toBe(true);
    const tasks = await tasksOf(d.body.id);
    expect(tasks).toHaveLength(1);
    expect(Number(tasks[0]!.id)).toBe(to.id);
    expect(Number(tasks[0]!.unit_id)).toBe(tree.townships[0].id);
    expect(Number(tasks[0]!.office_unit_id)).toBe(tree.county.id);
    expect(String(tasks[0]!.due_date).slice(0, 10)).toBe('2026-06-30');
    // the township sees the task it must do and the link both ways
    expect(await links(town0, d.body.id)).toEqual([expect.stringContaining('升级为')]);
    expect(await links(town0, to.id)).toEqual([expect.stringContaining('升级')]);
    expect((await api(town0, 'GET', `/supervision/tasks/${to.id}`)).status).toBe(200);
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', String(to.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['supervision.assign']));
    expect((await api(town0, 'GET', `/disputes/${d.body.id}`)).body.stateName).toBe('已升级处理');
  });

  it('refuses without a 完成时限, with a past one, or by the 调处单位 to itself: nothing changes', async () => {
    const d = await register(town0);
    const none = await act(wwb, d.body.id, 'escalate', { route: 'supervision', reason: '矛盾激化' });
    expect(none.status).toBe(409);
    expect(none.body.message).toContain('督办完成时限');
    const past = await act(wwb, d.body.id, 'escalate', { route: 'supervision', reason: '矛盾激化', dueDate: '2026-05-20' });
    expect(past.status).toBe(400);
    expect(past.body.message).toContain('应晚于今天');
    const self = await act(town0, d.body.id, 'escalate', { route: 'supervision', reason: '矛盾激化', dueDate: '2026-06-30' });
    expect(self.status).toBe(400);
    expect(self.body.message).toContain('上级单位');
    expect(await tasksOf(d.body.id)).toHaveLength(0);
    expect((await api(town0, 'GET', `/disputes/${d.body.id}`)).body.state).toBe('registered');
  });

  it('纠纷类型 carry the 信访问题类别 used on 升级; an unknown category is refused on the field; audited; only 维稳办 edits', async () => {
    const cat = await t.database.db
      .selectFrom('petition_categories')
      .select(['id', 'name'])
      .where('disabled', '=', false)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const made = await api(wwb, 'POST', '/disputes/types', { name: '宗族纠纷', petitionCategoryId: Number(cat.id) });
    expect(made.status).toBe(200);
    const list = (await api(wwb, 'GET', '/disputes/types')).body as unknown as {
      items: { id: number; name: string; petitionCategoryId: number | null; petitionCategoryName: string | null; usedBy: number }[];
      mayEdit: boolean;
    };
    expect(list.mayEdit).toBe(true);
    expect(list.items.find((i) => i.id === made.body.id)).toMatchObject({ petitionCategoryId: Number(cat.id), petitionCategoryName: cat.name, usedBy: 0 });
    expect(list.items.find((i) => i.id === typeId)!.usedBy).toBeGreaterThanOrEqual(2);
    const bad = await api(wwb, 'PUT', `/disputes/types/${made.body.id}`, { name: '宗族纠纷', petitionCategoryId: 999999 });
    expect(bad.status).toBe(400);
    expect(bad.body.data?.field).toBe('petitionCategoryId');
    // leaving the category out keeps it; null clears it
    expect((await api(wwb, 'PUT', `/disputes/types/${made.body.id}`, { name: '宗族、家族纠纷' })).status).toBe(200);
    let row = await t.database.db.selectFrom('dispute_types').select(['name', 'petition_category_id']).where('id', '=', made.body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: '宗族、家族纠纷', petition_category_id: cat.id });
    expect((await api(wwb, 'PUT', `/disputes/types/${made.body.id}`, { name: '宗族、家族纠纷', petitionCategoryId: null })).status).toBe(200);
    row = await t.database.db.selectFrom('dispute_types').select(['name', 'petition_category_id']).where('id', '=', made.body.id).executeTakeFirstOrThrow();
    expect(row.petition_category_id).toBeNull();
    const dup = await api(wwb, 'POST', '/disputes/types', { name: '宗族、家族纠纷' });
    expect(dup.status).toBe(409);
    expect(dup.body.data?.field).toBe('name');
    expect((await api(town0, 'PUT', `/disputes/types/${made.body.id}`, { name: '改名', petitionCategoryId: Number(cat.id) })).status).toBe(403);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'dispute_type')
      .where('entity_id', '=', String(made.body.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['dispute.type.create', 'dispute.type.update', 'dispute.type.update']);
    // a type in use cannot be deleted; an unused one can
    expect((await api(wwb, 'DELETE', `/disputes/types/${typeId}`)).status).toBe(409);
    expect((await api(wwb, 'DELETE', `/disputes/types/${made.body.id}`)).status).toBe(200);
  });
});
