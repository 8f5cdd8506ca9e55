import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';

interface Rate {
  key: string;
  numerator: number;
  denominator: number;
}
interface Stats {
  rows: { label: string; indicators: Rate[] }[];
  total: { indicators: Rate[]; counts: Record<string, number> };
}

describe(`稳评: the year's list marked 纳入上级考核; the completion rate counts only those (${TEST_BACKEND})`, () => {
  // Beijing 2026-10-10 10:00: after the 9月30日 target
  const now = new Date('2026-10-10T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let deptB: TestUnit;
  let wwb: LoggedIn;
  let dept: LoggedIn;
  const api = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads its own response shape
    return { status: res.statusCode, body: res.json() as any };
  };
  /** a matter on the 2026 list (target 2026-09-30), completed on `decidedOn` (null: not yet) */
  const matter = async (name: string, unitId: number, counted: boolean, decidedOn: string | null) => {
    const r = await api(wwb, 'POST', '/risk/assessments', {
      matterKind: 'decision',
      matterName: name,
      responsibleUnitId: unitId,
      planYear: 2026,
      counted,
      subjectKind: 'department',
    });
    expect(r.body.message).toBeUndefined();
    // the completion itself (集体研究审定) is walked through in risk.int.test.ts; here only its day matters
    if (decidedOn) await t.database.db.updateTable('risk_assessments').set({ decided_on: decidedOn }).where('id', '=', r.body.id).execute();
    return r.body.id as number;
  };
  const stats = async (who: LoggedIn) => (await api(who, 'GET', '/stats/risk?from=2026-01-01&to=2026-12-31&groupBy=department')).body as Stats;
  const rate = (r: { indicators: Rate[] }, key = 'completionRate') => {
    const i = r.indicators.find((x) => x.key === key)!;
    return [i.numerator, i.denominator];
  };
  const row = (s: Stats, label: string) => s.rows.find((r) => r.label === label)!;
  let aLate = 0;

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    deptB = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '青岚县文化和旅游广电局' });
    wwb = await loginAs(t, { roles: ['wwb_staff'], unitId: tree.county.id, username: 'rc_wwb' });
    dept = await loginAs(t, { roles: ['dept_liaison'], unitId: tree.department.id, username: 'rc_dept' });
    // department A: counted on time, counted late, not counted on time; department B: counted open, not counted open
    await matter('城区道路提升改造决策', tree.department.id, true, '2026-09-20');
    aLate = await matter('老旧小区加装电梯补助办法', tree.department.id, true, '2026-10-08');
    await matter('公共停车收费调整', tree.department.id, false, '2026-08-01');
    await matter('汉江龙舟节交通管制方案', deptB.id, true, null);
    await matter('景区门票价格调整', deptB.id, false, null);
  });
  afterAll(() => t?.close());

  it('counts only the matters 纳入上级考核, per department and for the county, and says so; the whole list apart', async () => {
    const s = await stats(wwb);
    // A: 1 of its 2 counted on time; B: 0 of 1; county: 1 of 3 — the two uncounted matters are left out
    expect(rate(row(s, tree.department.name))).toEqual([1, 2]);
    expect(rate(row(s, deptB.name))).toEqual([0, 1]);
    expect(rate(s.total)).toEqual([1, 3]);
    // the whole list for reference: A 2 of 3, B 0 of 2, county 2 of 5
    expect(rate(row(s, tree.department.name), 'listRate')).toEqual([2, 3]);
    expect(rate(s.total, 'listRate')).toEqual([2, 5]);
    const def = (await api(wwb, 'GET', '/stats')).body as { modules: { module: string; indicators: { key: string; name: string; formula: string }[] }[] };
    const completion = def.modules.find((m) => m.module === 'risk')?.indicators.find((i) => i.key === 'completionRate');
    if (completion) expect(completion.formula).toContain('纳入上级考核');
    // the department sees its own numbers only
    expect(rate((await stats(dept)).total)).toEqual([1, 2]);
  });

  it('县维稳办 takes a matter out of the 考核 with a reason (audited), and the rate follows; others cannot', async () => {
    expect((await api(dept, 'POST', `/risk/assessments/${aLate}/actions/setCounted`, { counted: false, reason: '市考核清单未列入' })).status).toBe(403);
    const noReason = await api(wwb, 'POST', `/risk/assessments/${aLate}/actions/setCounted`, { counted: false });
    expect(noReason.status).toBe(400);
    expect(rate((await stats(wwb)).total)).toEqual([1, 3]);
    const ok = await api(wwb, 'POST', `/risk/assessments/${aLate}/actions/setCounted`, { counted: false, reason: '市考核清单（市维稳办2026年3号）未列入' });
    expect(ok.body.message).toBeUndefined();
    expect(ok.status).toBe(200);
    const s = await stats(wwb);
    expect(rate(row(s, tree.department.name))).toEqual([1, 1]);
    expect(rate(s.total)).toEqual([1, 2]);
    expect((await api(wwb, 'GET', `/risk/assessments/${aLate}`)).body.counted).toBe(false);
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'after']).where('entity_id', '=', String(aLate)).execute();
    expect(audit.some((a) => a.action.includes('setCounted') || JSON.stringify(a.after).includes('市考核清单'))).toBe(true);
  });

  it('the target names the kinds counted by default; a day that does not exist is refused on its field', async () => {
    expect((await api(wwb, 'PUT', '/risk/settings/target', { month: 9, day: 30, countedKinds: ['project', 'decision'] })).status).toBe(200);
    const got = (await api(wwb, 'GET', '/risk/settings')).body;
    expect(got.target).toMatchObject({ month: 9, day: 30, countedKinds: ['project', 'decision'] });
    expect(got.target.source).toContain('9月底');
    expect((await api(wwb, 'GET', '/risk/options')).body.target.countedKinds).toEqual(['project', 'decision']);
    const bad = await api(wwb, 'PUT', '/risk/settings/target', { month: 4, day: 31 });
    expect(bad.status).toBe(400);
    expect(bad.body.data.field).toBe('day');
    const dup = await api(wwb, 'PUT', '/risk/settings/archive', { items: [...got.archive, { name: got.archive[1].name }] });
    expect(dup.status).toBe(400);
    expect(dup.body.data.field).toBe(`items.${got.archive.length}.name`);
    // the archive's source stays when its items change
    expect((await api(wwb, 'PUT', '/risk/settings/archive', { items: [...got.archive, { name: '专家论证意见' }] })).status).toBe(200);
    expect((await api(wwb, 'GET', '/risk/settings')).body.sources.archive).toBe(got.sources.archive);
    expect(got.minimumRules.every((r: { source: string }) => r.source.length > 0)).toBe(true);
  });
});
