import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';

type Json = Record<string, unknown> & { items: Record<string, unknown>[] };
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * An inspector of a department that does not regulate the enterprise (a county plan drawing inspectors from several
 * departments) finds a hazard: it is recorded, its 主办 is the enterprise's 行业主管部门 and its 属地 the township,
 * never the inspecting unit, which the hazard names as its 检查单位.
 */
describe(`安全生产: a hazard found by another department's inspector (${TEST_BACKEND})`, () => {
  const current = new Date('2026-08-03T02:00:00Z');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anwen-insp-haz-'));
  let t: TestApp;
  let tree: TestUnitTree;
  let market: TestUnit;
  let safety: LoggedIn, town0: LoggedIn, regulator: LoggedIn, inspector: LoggedIn;
  let checklist: { id: number; items: { id: number; content: string }[] };
  const call = async (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: { ...who.headers, ...headers }, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: (res.headers['content-type']?.toString().includes('json') ? res.json() : {}) as Json };
  };
  const parties = async (id: number) =>
    (
      await t.database.db
        .selectFrom('case_parties')
        .select(['role', 'unit_id'])
        .where('work_item_id', '=', id)
        .where('active', '=', true)
        .orderBy('id')
        .execute()
    ).map((p) => `${p.role}:${p.unit_id}`);
  const failOne = (finding: string) =>
    checklist.items.map((i, n) =>
      n === 0
        ? { itemId: i.id, outcome: 'fail', finding, category: '消防安全', grade: 'general', location: '后厨', dueOn: '2026-08-15' }
        : { itemId: i.id, outcome: 'pass' },
    );
  const record = (results: object[]) => ({
    inspectedAt: '2026-08-03T01:30:00Z',
    results,
    photos: [],
    inspectorSignature: PNG,
    partySignature: PNG,
    partyName: '李店长',
  });

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current }, config: { dataDir } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    market = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: `县市场监管局${TEST_BACKEND}` });
    safety = await loginAs(t, { roles: ['safety_staff'], unitId: tree.county.id });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    regulator = await loginAs(t, { roles: ['dept_liaison'], unitId: tree.department.id });
    inspector = await loginAs(t, { roles: ['dept_liaison'], unitId: market.id });
    const lists = (await call(safety, 'GET', '/safety/checklists')).body.items as unknown as (typeof checklist & { name: string })[];
    checklist = lists.find((l) => l.name === '九小场所消防安全检查表')!;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('makes the enterprise’s 行业主管部门 the 主办 and names the inspecting unit as 检查单位', async () => {
    const sectorId = Number((await t.database.db.selectFrom('safety_sectors').select('id').where('code', '=', 'jxcs').executeTakeFirstOrThrow()).id);
    const enterprise = async (name: string, regulatorUnitId: number | null) =>
      (await call(safety, 'POST', '/safety/enterprises', { name, sectorId, townshipUnitId: tree.townships[0].id, regulatorUnitId, licences: [] })).body
        .id as number;
    const regulated = await enterprise('龙蚕镇好再来小吃店', tree.department.id);
    const unregulated = await enterprise('龙蚕镇顺心理发店', null);
    // the inspector's department regulates neither
    expect((await call(inspector, 'GET', `/safety/enterprises/${regulated}`)).status).toBe(404);
    const plan = await call(safety, 'POST', '/safety/inspections', {
      kind: 'general',
      title: '2026年8月九小场所联合检查',
      periodFrom: '2026-08-01',
      periodTo: '2026-08-31',
      checklistId: checklist.id,
      unitId: market.id,
      enterpriseIds: [regulated, unregulated],
      inspectorIds: [inspector.user.id],
    });
    expect(plan.status).toBe(200);
    const targets = (await call(safety, 'GET', `/safety/inspections/${plan.body.id as number}`)).body.items as { id: number; enterpriseId: number }[];
    const targetOf = (e: number) => targets.find((x) => x.enterpriseId === e)!.id;

    const done = await call(
      inspector,
      'POST',
      `/safety/inspection-targets/${targetOf(regulated)}/record`,
      record(failOne('后厨安全出口被杂物堵塞，无法正常疏散')),
      {
        'idempotency-key': 'joint-0001',
      },
    );
    expect(done.status).toBe(200);
    const [hazardId] = done.body.hazardIds as number[];
    // 主办 the regulator, 属地 the township — not the inspecting department; the inspector is not its 经办人
    expect(await parties(hazardId!)).toEqual([`lead:${tree.department.id}`, `territorial:${tree.townships[0].id}`]);
    const wi = await t.database.db.selectFrom('work_items').select(['owner_unit_id', 'assignee_id']).where('id', '=', hazardId!).executeTakeFirstOrThrow();
    expect(Number(wi.owner_unit_id)).toBe(tree.townships[0].id);
    expect(wi.assignee_id).toBeNull();
    // the regulator and the township see it with its 检查单位 and 检查记录
    for (const who of [regulator, town0]) {
      const h = await call(who, 'GET', `/safety/hazards/${hazardId!}`);
      expect(h.status).toBe(200);
      expect(h.body).toMatchObject({
        sourceName: '检查发现',
        inspectionUnitName: market.name,
        inspectionRecordNo: done.body.recordNo,
        orderNo: done.body.orderNo,
      });
    }

    // the enterprise's page lists the inspection with its 检查单位 and record
    const page = (await call(regulator, 'GET', `/safety/enterprises/${regulated}`)).body as unknown as { inspections: Record<string, unknown>[] };
    expect(page.inspections).toEqual([
      expect.objectContaining({
        planTitle: '2026年8月九小场所联合检查',
        kindName: '安全生产大检查',
        unitName: market.name,
        inspectedOn: '2026-08-03',
        resultName: '发现隐患',
        recordNo: done.body.recordNo,
      }),
    ]);

    // an enterprise without a 行业主管部门: the township holds it, still not the inspecting department
    const other = await call(
      inspector,
      'POST',
      `/safety/inspection-targets/${targetOf(unregulated)}/record`,
      record(failOne('理发店电热水器电源线私拉乱接，无漏电保护')),
      {
        'idempotency-key': 'joint-0002',
      },
    );
    expect(other.status).toBe(200);
    const [second] = other.body.hazardIds as number[];
    expect(await parties(second!)).toEqual([`territorial:${tree.townships[0].id}`]);
    const wi2 = await t.database.db.selectFrom('work_items').select(['assignee_id']).where('id', '=', second!).executeTakeFirstOrThrow();
    expect(wi2.assignee_id).toBeNull();
    expect((await call(town0, 'GET', `/safety/hazards/${second!}`)).body).toMatchObject({ inspectionUnitName: market.name });
  });
});
