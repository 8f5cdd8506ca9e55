import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { kernelJobs } from '../../../kernel/jobs/kernel-jobs.ts';
import { createCatalog } from '../../../kernel/catalog/index.ts';
import { loadConfig } from '../../../core/config.ts';
import { MODULES } from '../../registry.ts';

type Json = Record<string, unknown> & { items: Record<string, unknown>[] };

/** An enterprise moved to another 属地 township and 行业主管部门: its open hazards move with it, closed ones stay. */
describe(`安全生产: an enterprise's hazards follow its 属地 and 主管部门 (${TEST_BACKEND})`, () => {
  let current = new Date('2026-08-03T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let dept2: TestUnit;
  let safety: LoggedIn, town0: LoggedIn, town1: LoggedIn, dept: LoggedIn, deptB: LoggedIn;
  let sectorId = 0;
  const call = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: (res.headers['content-type']?.toString().includes('json') ? res.json() : {}) as Json };
  };
  const enterprise = (township: TestUnit, regulator: TestUnit | null) => ({
    name: '龙蚕镇兴旺烟花爆竹店',
    sectorId,
    townshipUnitId: township.id,
    regulatorUnitId: regulator?.id ?? null,
    riskGrade: 'yellow',
    licences: [],
  });
  const hazard = (enterpriseId: number, description: string) => ({
    enterpriseId,
    source: 'inspection',
    category: '消防安全',
    grade: 'general',
    description,
    foundOn: '2026-08-03',
    dueOn: '2026-08-20',
  });
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

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept2 = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: `县住建局${TEST_BACKEND}` });
    safety = await loginAs(t, { roles: ['safety_staff'], unitId: tree.county.id });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    dept = await loginAs(t, { roles: ['dept_liaison'], unitId: tree.department.id });
    deptB = await loginAs(t, { roles: ['dept_liaison'], unitId: dept2.id });
    sectorId = Number((await t.database.db.selectFrom('safety_sectors').select('id').where('code', '=', 'jxcs').executeTakeFirstOrThrow()).id);
  });
  afterAll(async () => t?.close());

  it('moves the open hazards’ 属地, 主办 and owner to the new units, audited on each hazard, and keeps closed ones', async () => {
    const id = (await call(safety, 'POST', '/safety/enterprises', enterprise(tree.townships[0], tree.department))).body.id as number;
    const add = async (who: LoggedIn, text: string) => (await call(who, 'POST', '/safety/hazards', hazard(id, text))).body.id as number;
    const open = await add(town0, '仓库内烟花爆竹超量存放，未设置防火分隔');
    const closed = await add(town0, '店内灭火器压力不足，已过检验期限');
    // the closed one: rectified and verified (by someone other than the rectifier) before the move
    for (const [who, action, input] of [
      [town0, 'start', {}],
      [town0, 'submit', { rectification: '已更换合格灭火器' }],
      [dept, 'verify', { conclusion: '复查合格，同意销号' }],
    ] as const)
      expect((await call(who, 'POST', `/safety/hazards/${closed}/actions/${action}`, input)).status).toBe(200);
    expect(await parties(open)).toEqual([`lead:${tree.department.id}`, `territorial:${tree.townships[0].id}`]);

    // the enterprise moves to 碧溪乡 and to 县住建局
    const moved = await call(safety, 'PUT', `/safety/enterprises/${id}`, enterprise(tree.townships[1], dept2));
    expect(moved.status).toBe(200);

    expect(await parties(open)).toEqual([`lead:${dept2.id}`, `territorial:${tree.townships[1].id}`]);
    const owner = await t.database.db.selectFrom('work_items').select(['owner_unit_id', 'assignee_id']).where('id', '=', open).executeTakeFirstOrThrow();
    expect(Number(owner.owner_unit_id)).toBe(tree.townships[1].id);
    // the old township's clerk who registered it no longer handles it
    expect(owner.assignee_id).toBeNull();
    // the closed hazard keeps the units that handled it
    expect(await parties(closed)).toEqual([`lead:${tree.department.id}`, `territorial:${tree.townships[0].id}`]);

    // who sees the open hazard now: the new township and department, not the old ones
    for (const who of [town1, deptB]) expect((await call(who, 'GET', `/safety/hazards/${open}`)).status).toBe(200);
    for (const who of [town0, dept]) expect((await call(who, 'GET', `/safety/hazards/${open}`)).status).toBe(404);
    // the closed one stays with the old township
    expect((await call(town0, 'GET', `/safety/hazards/${closed}`)).status).toBe(200);
    expect((await call(town1, 'GET', `/safety/hazards/${closed}`)).status).toBe(404);

    // audited on the hazard, in words
    const timeline = (await call(town1, 'GET', `/safety/hazards/${open}`)).body.timeline as { label: string; detail: string | null }[];
    const entry = timeline.find((e) => e.label === '企业属地或主管部门变更，隐患随之移交');
    expect(entry?.detail).toContain(`属地：${tree.townships[0].name} → ${tree.townships[1].name}；行业主管部门：${tree.department.name} → ${dept2.name}`);
    const audits = await t.database.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'hazard.enterprise.move').execute();
    expect(audits.map((a) => Number(a.entity_id))).toEqual([open]);

    // the 整改期限 runs out: the new department is reminded, the old one not
    current = new Date('2026-08-25T02:00:00Z');
    for (const job of kernelJobs(createCatalog(MODULES)))
      await job.run({ slot: 'test' }, { database: t.database, config: loadConfig({}), clock: { now: () => current } });
    for (const u of [deptB, dept]) Object.assign(u, await loginAs(t, { roles: u.user.roles, username: u.user.username }));
    const inbox = async (who: LoggedIn) =>
      ((await call(who, 'GET', '/my/notifications')).body.items as { workItemId: number }[]).filter((n) => n.workItemId === open);
    expect((await inbox(deptB)).length).toBeGreaterThan(0);
    expect(await inbox(dept)).toEqual([]);
  });

  it('adds a 主办 when an enterprise gets a 主管部门 and retires it when it loses one; nothing moves when neither changes', async () => {
    // the clock moved on in the test before: sign in again
    for (const u of [safety, town1]) Object.assign(u, await loginAs(t, { roles: u.user.roles, username: u.user.username }));
    const body = { ...enterprise(tree.townships[1], null), name: '碧溪乡万家福超市' };
    const made = await call(town1, 'POST', '/safety/enterprises', body);
    expect(made.body).toMatchObject({ id: expect.any(Number) });
    const id = made.body.id as number;
    const created = await call(town1, 'POST', '/safety/hazards', hazard(id, '货架顶部堆放纸箱过高，距离喷淋头不足0.5米'));
    expect(created.body).toMatchObject({ id: expect.any(Number) });
    const h = created.body.id as number;
    expect(await parties(h)).toEqual([`territorial:${tree.townships[1].id}`]);
    expect((await call(town1, 'PUT', `/safety/enterprises/${id}`, { ...body, riskGrade: 'blue' })).status).toBe(200);
    expect(await parties(h)).toEqual([`territorial:${tree.townships[1].id}`]);
    expect((await call(town1, 'PUT', `/safety/enterprises/${id}`, { ...body, regulatorUnitId: dept2.id })).status).toBe(200);
    expect(await parties(h)).toEqual([`lead:${dept2.id}`, `territorial:${tree.townships[1].id}`]);
    expect((await call(safety, 'PUT', `/safety/enterprises/${id}`, body)).status).toBe(200);
    expect(await parties(h)).toEqual([`territorial:${tree.townships[1].id}`]);
    const moves = await t.database.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('action', '=', 'hazard.enterprise.move')
      .where('entity_id', '=', String(h))
      .execute();
    expect(moves).toHaveLength(2);
  });
});
