import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../test/support/login.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';
import { up as migrate0034 } from '../../core/db/migrations/0034_petition_withdrawn.ts';

/**
 * 撤回: a petition the petitioner withdrew reads 已撤回 — never 已办结 — in the list, its filter, the 台账 export, the
 * statistics (a count of its own, with its drill-down, outside 办结) and the timeline; the reason is required.
 */
describe('信访 withdrawn by the petitioner: 已撤回 everywhere, reason required', () => {
  let current = new Date('2026-03-02T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let xfj: LoggedIn;
  let town: LoggedIn;
  let catId = 0;
  const ids: Record<string, number> = {};
  const at = async (day: string) => {
    current = new Date(`${day}T02:00:00Z`);
    xfj = await loginAs(t, { roles: ['xfj_staff'], username: xfj.user.username });
    town = await loginAs(t, { roles: ['township_staff'], username: town.user.username });
  };
  const req = (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
  const register = async (name: string, extra: Record<string, unknown> = {}) => {
    const res = await req(xfj, 'POST', '/petitions', {
      channel: 'letter',
      petitioners: [{ name: `信访人${name}` }],
      matterType: 'appeal',
      categoryId: catId,
      placeUnitId: tree.townships[0].id,
      title: `拖欠工资问题${name}`,
      content: '某工地拖欠农民工工资，多次讨要未果。',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(200);
    ids[name] = res.json().id;
  };
  const act = async (who: LoggedIn, name: string, action: string, payload: Record<string, unknown> = {}) => {
    const res = await req(who, 'POST', `/petitions/${ids[name]}/actions/${action}`, payload);
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    town = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    const cats = (await req(xfj, 'GET', '/petition-categories')).json() as { items: { name: string; children: { id: number }[] }[] };
    catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
  });
  afterAll(() => t.close());

  it('staff record a withdrawal only with its reason; the case is then 已撤回, final', async () => {
    await register('A'); // withdrawn before any decision
    await register('B'); // withdrawn while being handled
    await register('C'); // 不予受理: 已办结
    await register('D'); // still open
    for (const payload of [{}, { reason: '  ' }]) {
      const res = await req(xfj, 'POST', `/petitions/${ids.A}/actions/withdraw`, payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().message).toMatch(/理由：(必填|请填写撤回理由)/);
    }
    const untouched = await t.database.db.selectFrom('work_items').select(['state', 'open']).where('id', '=', ids.A!).executeTakeFirstOrThrow();
    expect(untouched).toEqual({ state: 'registered', open: true });
    expect(await t.database.db.selectFrom('audit_events').select('seq').where('action', '=', 'petition.withdraw').execute()).toHaveLength(0);

    await at('2026-03-03');
    await act(xfj, 'A', 'withdraw', { reason: '信访人书面申请撤回：双方已自行和解' });
    await act(xfj, 'B', 'assign', { leadUnitId: tree.townships[0].id });
    await act(town, 'B', 'accept');
    await act(xfj, 'C', 'reject', { reason: '不属于信访事项受理范围', routes: [] });
    await at('2026-03-05');
    await act(xfj, 'B', 'withdraw', { reason: '工资已结清，信访人撤回' });

    const a = (await req(xfj, 'GET', `/petitions/${ids.A}`)).json();
    expect(a).toMatchObject({ state: 'withdrawn', stateName: '已撤回', allowedActions: [] });
    expect(a.decisions.withdrawal).toEqual({ date: '2026-03-03', reason: '信访人书面申请撤回：双方已自行和解' });
    // final: nothing further (the machine offers no action; a second withdrawal is a conflict)
    expect((await req(xfj, 'POST', `/petitions/${ids.A}/actions/withdraw`, { reason: '再次撤回' })).statusCode).toBe(409);
    // the timeline says 已撤回 with the reason, never 已办结
    const entry = (a.timeline as { label: string; detail: string }[]).find((e) => e.label === '撤回信访事项');
    expect(entry?.detail).toContain('已撤回');
    expect(entry?.detail).not.toContain('已办结');
    expect(entry?.detail).toContain('双方已自行和解');
  });

  it('lists, filters and exports it as 已撤回, apart from 已办结', async () => {
    const list = (await req(xfj, 'GET', '/petitions?pageSize=50')).json() as { items: { id: number; state: string; stateName: string }[] };
    const byId = new Map(list.items.map((i) => [i.id, i]));
    expect(byId.get(ids.A!)).toMatchObject({ state: 'withdrawn', stateName: '已撤回' });
    expect(byId.get(ids.B!)).toMatchObject({ state: 'withdrawn', stateName: '已撤回' });
    expect(byId.get(ids.C!)).toMatchObject({ state: 'closed', stateName: '已办结' });
    const withdrawn = (await req(xfj, 'GET', '/petitions?state=withdrawn')).json() as { items: { id: number }[]; total: number };
    expect(withdrawn.items.map((i) => i.id).sort()).toEqual([ids.A, ids.B].sort());
    const closed = (await req(xfj, 'GET', '/petitions?state=closed')).json() as { items: { id: number }[] };
    expect(closed.items.map((i) => i.id)).toEqual([ids.C]);

    const xlsx = await req(xfj, 'GET', '/petitions/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const stateCol = header.indexOf('状态');
    const titleCol = header.indexOf('标题');
    expect(stateCol).toBeGreaterThan(0);
    const states = new Map<string, string>();
    sheet.eachRow((row, n) => {
      if (n > 1) states.set(String(row.getCell(titleCol).value), String(row.getCell(stateCol).value));
    });
    expect(states.get('拖欠工资问题A')).toBe('已撤回');
    expect(states.get('拖欠工资问题B')).toBe('已撤回');
    expect(states.get('拖欠工资问题C')).toBe('已办结');
  });

  it('counts withdrawals on their own, not as 办结, and keeps them out of the timeliness figures they never reached', async () => {
    await at('2026-07-01'); // every routing and handling period of March has passed
    const res = await req(xfj, 'GET', '/stats/petition?from=2026-03-01&to=2026-03-31');
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json().total.counts as Record<string, number>;
    expect(c).toMatchObject({ batches: 4, withdrawn: 2, concluded: 1 });
    // A was withdrawn before any 受理/交办 decision: no routing to time; B was routed (交办) on time
    // C (不予受理) was routed on time; D never: 超期未受理
    expect(c).toMatchObject({ routeTimely: 2, routeLate: 0, routeOverdueOpen: 1, routeBase: 3 });
    // B was withdrawn while handled: not 超期未答复
    expect(c.replyOverdueOpen).toBe(0);
    const drill = async (indicator: string) =>
      (
        (await req(xfj, 'GET', `/stats/petition/items?from=2026-03-01&to=2026-03-31&indicator=${indicator}&pageSize=50`)).json() as {
          items: { id: number }[];
        }
      ).items
        .map((i) => i.id)
        .sort();
    expect(await drill('withdrawn')).toEqual([ids.A, ids.B].sort());
    expect(await drill('concluded')).toEqual([ids.C]);
  });

  it('工作台 今日新登记 counts by the day a petition was received, not the day it was entered', async () => {
    await at('2026-07-02');
    const before = (await req(xfj, 'GET', '/workbench')).json() as { newToday: { module: string; count: number }[] };
    const today = () => before.newToday.find((m) => m.module === 'petition')?.count ?? 0;
    expect(today()).toBe(0);
    // received yesterday, entered today: not today's; received today: today's
    await register('E', { receivedAt: '2026-07-01T03:00:00Z' });
    await register('F');
    const after = (await req(xfj, 'GET', '/workbench')).json() as { newToday: { module: string; count: number }[] };
    expect(after.newToday.find((m) => m.module === 'petition')?.count).toBe(1);
  });

  it('migration 0034 moves a case withdrawn the old way (left 已办结) to 已撤回, and leaves other closed cases alone', async () => {
    const db = t.database.db;
    await db.updateTable('work_items').set({ state: 'closed' }).where('id', '=', ids.A!).execute();
    const legacy = await db.selectFrom('petition_facts').select('state').where('id', '=', ids.A!).executeTakeFirstOrThrow();
    expect(legacy.state).toBe('closed');
    await migrate0034(db as never);
    const states = await db.selectFrom('work_items').select(['id', 'state']).where('id', 'in', [ids.A!, ids.C!]).execute();
    expect(Object.fromEntries(states.map((r) => [Number(r.id), r.state]))).toEqual({ [ids.A!]: 'withdrawn', [ids.C!]: 'closed' });
    const facts = await db.selectFrom('petition_facts').select('state').where('id', '=', ids.A!).executeTakeFirstOrThrow();
    expect(facts.state).toBe('withdrawn');
  });
});
