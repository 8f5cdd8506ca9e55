import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';

type Json = Record<string, unknown> & { message: string; items: Record<string, unknown>[] };

/** 值班值守 access: a unit edits only its own roster; the county's 应急管理局/安委办 reads every unit's, edits none of them. */
describe(`值班值守: who reads and who edits a roster (${TEST_BACKEND})`, () => {
  const now = new Date('2026-09-20T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let yjj: LoggedIn, town0: LoggedIn, town0b: LoggedIn, town1: LoggedIn, xfj: LoggedIn;
  let leaderId = 0;
  const api = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Json };
  };
  const day = async (unitId: number, date: string) =>
    t.database.db.selectFrom('safety_duty_days').select(['staff_ids', 'phone']).where('unit_id', '=', unitId).where('duty_date', '=', date).executeTakeFirst();

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    // the 应急管理局's staff: county-wide safety role, their own unit a department
    yjj = await loginAs(t, { roles: ['safety_staff'], unitId: tree.department.id });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    town0b = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.county.id });
    const [leader] = await t.database.db
      .insertInto('leaders')
      .values([{ name: '王县长', title: '副县长', unit_id: tree.county.id, portfolio: [], oversees_unit_ids: [] }])
      .returning('id')
      .execute();
    leaderId = Number(leader!.id);
    const gen = await api(town0, 'POST', '/safety/duty/roster/generate', {
      from: '2026-09-01',
      to: '2026-09-30',
      leaderIds: [leaderId],
      staffIds: [town0.user.id, town0b.user.id],
      phone: '0838-7654321',
    });
    expect(gen.status).toBe(200);
  });
  afterAll(() => t?.close());

  it('lets the township edit its own roster and tells the page so', async () => {
    const own = await api(town0, 'GET', '/safety/duty/roster?month=2026-09');
    expect(own.body).toMatchObject({ unit: { id: tree.townships[0].id }, mayEdit: true, mayCheck: true });
    expect((await api(town0, 'GET', '/safety/duty/units')).body.items).toEqual([
      { id: tree.townships[0].id, name: tree.townships[0].name, own: true, mayEdit: true, mayCheck: true },
    ]);
  });

  it('lets the 应急管理局 read every unit’s roster but edit none but its own (403 in words, nothing changes)', async () => {
    const units = (await api(yjj, 'GET', '/safety/duty/units')).body.items as { id: number; own: boolean }[];
    expect(units[0]).toMatchObject({ id: tree.department.id, own: true, mayEdit: true });
    expect(units.find((u) => u.id === tree.townships[0].id)).toMatchObject({ own: false, mayEdit: false, mayCheck: true });
    expect(units.map((u) => u.id)).toEqual(expect.arrayContaining([tree.townships[0].id, tree.townships[1].id]));
    const q = `unitId=${tree.townships[0].id}`;
    const read = await api(yjj, 'GET', `/safety/duty/roster?month=2026-09&${q}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ unit: { id: tree.townships[0].id }, mayEdit: false, mayCheck: true });
    expect((await api(yjj, 'GET', `/safety/duty/handovers?from=2026-09-01&to=2026-09-30&${q}`)).status).toBe(200);
    expect((await api(yjj, 'GET', `/safety/duty/people?${q}`)).status).toBe(200);

    const before = await day(tree.townships[0].id, '2026-09-21');
    const refusals = [
      await api(yjj, 'PUT', '/safety/duty/roster/2026-09-21', { unitId: tree.townships[0].id, leaderId, staffIds: [town0.user.id], phone: '110' }),
      await api(yjj, 'POST', '/safety/duty/roster/generate', {
        unitId: tree.townships[0].id,
        from: '2026-09-21',
        to: '2026-09-30',
        leaderIds: [leaderId],
        staffIds: [town0.user.id],
        phone: '',
        overwrite: true,
      }),
      await api(yjj, 'POST', '/safety/duty/periods', {
        unitId: tree.townships[0].id,
        name: '国庆前后',
        startsOn: '2026-09-28',
        endsOn: '2026-09-30',
        staffPerDay: 3,
      }),
      await api(yjj, 'POST', '/safety/duty/handovers', {
        unitId: tree.townships[0].id,
        dutyDate: '2026-09-19',
        handedAt: '2026-09-20T08:30:00+08:00',
        fromUserId: town0.user.id,
        toUserId: town0b.user.id,
        summary: '值班期间无事故报告',
      }),
    ];
    for (const r of refusals) {
      expect(r.status).toBe(403);
      expect(r.body.message).toBe(`只能编排本单位的值班表：“${tree.townships[0].name}”的值班表只能查看，由该单位自行编排`);
    }
    expect(await day(tree.townships[0].id, '2026-09-21')).toEqual(before);
    expect(await t.database.db.selectFrom('safety_duty_periods').select('id').execute()).toEqual([]);

    // checking that another unit's duty room is manned is the 应急管理局's supervision
    const onDuty = (await day(tree.townships[0].id, '2026-09-20'))!.staff_ids.map(Number);
    const check = await api(yjj, 'POST', '/safety/duty/checks', {
      unitId: tree.townships[0].id,
      checkedAt: '2026-09-20T09:40:00+08:00',
      checkedUserId: onDuty[0],
      method: 'phone',
      result: 'on_post',
      note: '',
    });
    expect(check.status).toBe(200);
  });

  it('hides a roster from another township and from county staff outside 应急/安委办', async () => {
    const q = `unitId=${tree.townships[0].id}`;
    for (const who of [town1, xfj]) {
      const r = await api(who, 'GET', `/safety/duty/roster?month=2026-09&${q}`);
      expect(r.status).toBe(404);
      expect((await api(who, 'PUT', '/safety/duty/roster/2026-09-22', { unitId: tree.townships[0].id, leaderId, staffIds: [], phone: '' })).status).toBe(404);
      expect(
        (
          await api(who, 'POST', '/safety/duty/checks', {
            unitId: tree.townships[0].id,
            checkedAt: '2026-09-20T09:50:00+08:00',
            checkedUserId: town0.user.id,
            method: 'phone',
            result: 'on_post',
            note: '',
          })
        ).status,
      ).toBe(404);
    }
    // its own roster the other township edits
    const ownRoster = await api(town1, 'GET', '/safety/duty/roster?month=2026-09');
    expect(ownRoster.body).toMatchObject({ unit: { id: tree.townships[1].id }, mayEdit: true });
  });
});
