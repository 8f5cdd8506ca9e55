import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../test/support/login.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';

interface Rec {
  id: number;
  state: string;
  flags: Record<string, unknown>;
  deadlines: { ruleKey: string; dueDate: string }[];
}

describe('信访 gaps: representatives limit, 超期未评价, accusation exemption', () => {
  let current = new Date('2026-08-03T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let dept: TestUnit;
  let xfj: LoggedIn;
  let liaison: LoggedIn;
  let leader: LoggedIn;
  let town1: LoggedIn;
  let catId = 0;

  const req = (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
  const act = async (id: number, action: string, payload: Record<string, unknown>, who = xfj) => {
    const res = await req(who, 'POST', `/petitions/${id}/actions/${action}`, payload);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Rec;
  };
  const body = (extra: Record<string, unknown> = {}) => ({
    channel: 'letter',
    petitioners: [{ name: '李四', address: '龙蚕镇' }],
    matterType: 'appeal',
    categoryId: catId,
    placeUnitId: tree.townships[0].id,
    title: '社保补缴争议',
    content: '原单位未为其足额缴纳社会保险，要求补缴。',
    ...extra,
  });
  const register = async (extra: Record<string, unknown> = {}) => {
    const res = await req(xfj, 'POST', '/petitions', body(extra));
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { id: number }).id;
  };
  const signIn = async () => {
    xfj = await loginAs(t, { roles: ['xfj_staff'], username: xfj.user.username });
    liaison = await loginAs(t, { roles: ['dept_liaison'], username: liaison.user.username });
  };
  const listIds = async (who: LoggedIn, query: string) =>
    ((await req(who, 'GET', `/petitions?pageSize=200&${query}`)).json() as { items: { id: number; flags: Record<string, boolean> }[] }).items;

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县人社局' });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    liaison = await loginAs(t, { roles: ['dept_liaison'], unitId: dept.id });
    leader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    const cats = (await req(xfj, 'GET', '/petition-categories')).json() as { items: { name: string; children: { id: number }[] }[] };
    catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
  });
  afterAll(() => t.close());

  it('集体访 representatives: at most the setting’s figure with its source, per province of the registering unit', async () => {
    // representatives are chosen from the petitioners listed
    const names = Array.from({ length: 6 }, (_, i) => `代表${i + 1}`);
    const visit = (n: number) => ({
      channel: 'visit',
      petitioners: names.map((name) => ({ name })),
      visit: { persons: 12, representatives: names.slice(0, n) },
    });
    const settings = (await req(xfj, 'GET', '/petitions/intake-settings')).json() as { representativesMax: number; representativesSource: string };
    expect(settings).toMatchObject({ collectiveMinPersons: 5, representativesMax: 5 });
    expect(settings.representativesSource).toContain('第二十条');
    const six = await req(xfj, 'POST', '/petitions', body(visit(6)));
    expect(six.statusCode).toBe(400);
    expect(six.json()).toMatchObject({ error: 'VALIDATION_FAILED', data: { field: 'visit.representatives' } });
    expect(six.json().message).toContain('不超过 5 人');
    await register(visit(5));

    // the figure lives only in the setting: a broken one is named, never replaced by a literal in code
    const db = t.database.db;
    const saved = await db.selectFrom('settings').select('value').where('key', '=', 'xf.visit.reps_max').executeTakeFirstOrThrow();
    await db
      .updateTable('settings')
      .set({ value: JSON.stringify({ source: '' }) })
      .where('key', '=', 'xf.visit.reps_max')
      .execute();
    const broken = await req(xfj, 'POST', '/petitions', body(visit(2)));
    expect(broken.statusCode).toBe(503);
    expect(broken.json()).toMatchObject({ error: 'SETTING_INVALID' });
    expect(broken.json().message).toContain('xf.visit.reps_max');
    await db
      .updateTable('settings')
      .set({ value: JSON.stringify(saved.value) })
      .where('key', '=', 'xf.visit.reps_max')
      .execute();

    // a province with its own figure: the registering unit's province decides
    await db.updateTable('units').set({ province_code: '33' }).where('path', 'like', `${tree.county.path}%`).execute();
    await db
      .updateTable('settings')
      .set({ value: JSON.stringify({ max: 5, source: '《信访工作条例》第二十条', byProvince: { '33': { max: 3, source: '浙江省规定（测试）' } } }) })
      .where('key', '=', 'xf.visit.reps_max')
      .execute();
    expect((await req(xfj, 'GET', '/petitions/intake-settings')).json()).toMatchObject({ representativesMax: 3, representativesSource: '浙江省规定（测试）' });
    const four = await req(xfj, 'POST', '/petitions', body(visit(4)));
    expect(four.statusCode).toBe(400);
    expect(four.json().message).toContain('不超过 3 人（浙江省规定（测试））');
    await register(visit(3));
  });

  it('admins edit the intake settings (audited); the registration form and the check read the new values', async () => {
    const admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id });
    const input = {
      collectiveMinPersons: 8,
      representatives: { max: 4, source: '《信访工作条例》第二十条（本县细则）', byProvince: { '33': { max: 2, source: '浙江省规定（测试）' } } },
    };
    expect((await req(xfj, 'PUT', '/settings/petition-intake', input)).statusCode).toBe(403);
    const bad = await req(admin, 'PUT', '/settings/petition-intake', {
      ...input,
      representatives: { ...input.representatives, byProvince: { zj: { max: 2, source: '浙江' } } },
    });
    expect(bad.statusCode).toBe(400);
    const saved = await req(admin, 'PUT', '/settings/petition-intake', input);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await req(xfj, 'GET', '/settings/petition-intake')).json()).toEqual(input);
    // the units are in province 33 (previous test): its own figure applies
    expect((await req(xfj, 'GET', '/petitions/intake-settings')).json()).toEqual({
      collectiveMinPersons: 8,
      representativesMax: 2,
      representativesSource: '浙江省规定（测试）',
      backdateWindowDays: 30,
    });
    const three = await req(
      xfj,
      'POST',
      '/petitions',
      body({ channel: 'visit', petitioners: ['甲', '乙', '丙'].map((name) => ({ name })), visit: { persons: 9, representatives: ['甲', '乙', '丙'] } }),
    );
    expect(three.statusCode).toBe(400);
    expect(three.json().message).toContain('不超过 2 人');
    const audit = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'settings.update')
      .where('entity_id', '=', 'xf.intake')
      .execute();
    expect(audit).toHaveLength(1);
    expect(Number(audit[0]!.actor_id)).toBe(admin.user.id);
    // back to the statutory figures for the tests below
    await req(admin, 'PUT', '/settings/petition-intake', {
      collectiveMinPersons: 5,
      representatives: { max: 5, source: '《信访工作条例》第二十条', byProvince: {} },
    });
  });

  it('超期未评价: after 送达 the window runs; past it without an evaluation the case is flagged and filterable', async () => {
    const ids = [await register({ title: '工资拖欠一' }), await register({ title: '工资拖欠二' })];
    for (const id of ids) await act(id, 'assign', { leadUnitId: dept.id });
    current = new Date('2026-08-05T02:00:00Z');
    await signIn();
    for (const id of ids) {
      await act(id, 'accept', { occurredOn: '2026-08-05' }, liaison);
      await act(id, 'reply', { outcome: 'support', facts: '查明属实', legalBasis: '《社会保险法》' }, liaison);
    }
    current = new Date('2026-09-02T02:00:00Z');
    await signIn();
    for (const id of ids) {
      const delivered = await act(id, 'deliver', { occurredOn: '2026-09-02' }, liaison);
      expect(delivered.flags.evalOverdue).toBe(false);
    }
    const window = (await act(ids[1]!, 'evaluate', { result: 'satisfied' })).deadlines.find((d) => d.ruleKey === 'xf.eval.window')!;
    // on the window's last day nothing is overdue yet
    current = new Date(`${window.dueDate}T02:00:00Z`);
    await signIn();
    expect(((await req(xfj, 'GET', `/petitions/${ids[0]}`)).json() as Rec).flags.evalOverdue).toBe(false);
    expect(await listIds(xfj, 'flag=evalOverdue')).toEqual([]);
    // the day after: the unevaluated case is 超期未评价, the evaluated one is not
    current = new Date(Date.parse(`${window.dueDate}T02:00:00Z`) + 86_400_000);
    await signIn();
    expect(((await req(xfj, 'GET', `/petitions/${ids[0]}`)).json() as Rec).flags.evalOverdue).toBe(true);
    expect(((await req(xfj, 'GET', `/petitions/${ids[1]}`)).json() as Rec).flags.evalOverdue).toBe(false);
    const flagged = await listIds(xfj, 'flag=evalOverdue');
    expect(flagged.map((i) => i.id)).toEqual([ids[0]]);
    expect(flagged[0]!.flags.evalOverdue).toBe(true);
    const all = await listIds(xfj, '');
    expect(all.find((i) => i.id === ids[1])!.flags.evalOverdue).toBe(false);
    // scoped like every read: a township outside the case sees nothing
    town1 = await loginAs(t, { roles: ['township_staff'], username: town1.user.username });
    expect(await listIds(town1, 'flag=evalOverdue')).toEqual([]);
  });

  it('检举控告 against the county root: the registering 信访局 keeps it, the root and its other units do not', async () => {
    leader = await loginAs(t, { roles: ['county_leader'], username: leader.user.username });
    const id = await register({ matterType: 'accusation', anonymous: true, petitioners: [], accusedUnitId: tree.county.id, title: '反映县政府违规' });
    expect((await req(xfj, 'GET', `/petitions/${id}`)).statusCode).toBe(200);
    expect((await listIds(xfj, '')).map((i) => i.id)).toContain(id);
    expect((await req(leader, 'GET', `/petitions/${id}`)).statusCode).toBe(404);
    expect((await listIds(leader, '')).map((i) => i.id)).not.toContain(id);
    // no unit under the accused root may be given it (条例第三十条: it goes to the organ above the county) …
    const refused = await req(xfj, 'POST', `/petitions/${id}/actions/assign`, { leadUnitId: dept.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('第三十条');
    // … and were one a party anyway (a row from before the rule), it would still never see it
    await t.database.db
      .insertInto('case_parties')
      .values({ work_item_id: id, role: 'lead', unit_id: dept.id, unit_path: dept.path, assigned_at: new Date() })
      .execute();
    expect((await req(liaison, 'GET', `/petitions/${id}`)).statusCode).toBe(404);
    expect((await req(leader, 'GET', `/work-items/${id}/supervision`)).statusCode).toBe(404);
    expect((await req(xfj, 'GET', `/work-items/${id}/supervision`)).statusCode).toBe(200);
  });

  it('检举控告 against a township: the county above and the 信访局 keep it, the township loses it', async () => {
    const id = await register({ matterType: 'accusation', anonymous: true, petitioners: [], accusedUnitId: tree.townships[0].id, title: '反映镇政府违规' });
    expect((await req(xfj, 'GET', `/petitions/${id}`)).statusCode).toBe(200);
    expect((await req(leader, 'GET', `/petitions/${id}`)).statusCode).toBe(200);
    expect((await req(town1, 'GET', `/petitions/${id}`)).statusCode).toBe(404);
    expect((await listIds(town1, '')).map((i) => i.id)).not.toContain(id);
  });

  it('检举控告 against the 信访局 itself: the 信访局 loses it, the county keeps it', async () => {
    const id = await register({
      matterType: 'accusation',
      anonymous: true,
      petitioners: [],
      accusedUnitId: tree.department.id,
      title: '反映信访局工作人员违规',
    });
    expect((await req(xfj, 'GET', `/petitions/${id}`)).statusCode).toBe(404);
    expect((await req(leader, 'GET', `/petitions/${id}`)).statusCode).toBe(200);
  });
});
