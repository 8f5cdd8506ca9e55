import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn } from '../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';

describe(`稳评 and 纠纷类型 settings (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let wwb: LoggedIn;
  let dept: LoggedIn;
  const api = async (who: LoggedIn, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads its own response shape
    return { status: res.statusCode, body: res.json() as any };
  };

  beforeAll(async () => {
    t = await createTestApp();
    await ensureLegalClock(t.database.db);
    const tree = await createUnitTree(t);
    wwb = await loginAs(t, { roles: ['wwb_staff'], unitId: tree.county.id, username: 'set_wwb' });
    dept = await loginAs(t, { roles: ['dept_liaison'], unitId: tree.department.id, username: 'set_dept' });
  });
  afterAll(() => t?.close());

  it('adds an archive item, audited and shown with who changed it; refuses a department and bad input, changing nothing', async () => {
    const before = (await api(wwb, 'GET', '/risk/settings')).body as { archive: { code: string; name: string }[] };
    expect((await api(dept, 'PUT', '/risk/settings/archive', { items: [...before.archive, { name: '专家论证意见' }] })).status).toBe(403);
    const dup = await api(wwb, 'PUT', '/risk/settings/archive', { items: [...before.archive, { name: before.archive[0]!.name }] });
    expect(dup.status).toBe(400);
    expect(dup.body.message).toContain(`档案资料“${before.archive[0]!.name}”重复`);
    expect((await api(wwb, 'PUT', '/risk/settings/archive', { items: [...before.archive, { name: '专家论证意见' }] })).status).toBe(200);
    const after = (await api(wwb, 'GET', '/risk/settings')).body as { archive: { name: string }[]; changed: { archive: { by: string | null } } };
    expect(after.archive.map((a) => a.name)).toContain('专家论证意见');
    expect(after.changed.archive.by).toContain('（');
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('action', '=', 'setting.update').execute();
    expect(audit.length).toBe(1);
  });

  it('refuses steps without a decision step and a target day that does not exist', async () => {
    const noDecision = await api(wwb, 'PUT', '/risk/settings/steps', { steps: [{ name: '确定评估事项', gate: null, evidence: null, minRules: [] }] });
    expect(noDecision.status).toBe(400);
    expect(noDecision.body.message).toContain('集体研究审定');
    const feb = await api(wwb, 'PUT', '/risk/settings/target', { month: 2, day: 30 });
    expect(feb.status).toBe(400);
    expect(feb.body.message).toContain('2月没有30日');
    expect((await api(wwb, 'GET', '/risk/settings')).body).toMatchObject({ target: { month: 9, day: 30 } });
  });

  it('deletes an unused 纠纷类型 but only disables one in use', async () => {
    const added = await api(wwb, 'POST', '/disputes/types', { name: '宅基地纠纷' });
    expect(added.status).toBe(200);
    const list = (await api(wwb, 'GET', '/disputes/types')).body as { items: { id: number; name: string; usedBy: number; updatedBy: string | null }[] };
    expect(list.items.find((x) => x.name === '宅基地纠纷')).toMatchObject({ usedBy: 0 });
    expect((await api(wwb, 'DELETE', `/disputes/types/${added.body.id as number}`)).status).toBe(200);
    expect(((await api(wwb, 'GET', '/disputes/types')).body as typeof list).items.some((x) => x.name === '宅基地纠纷')).toBe(false);
  });
});
