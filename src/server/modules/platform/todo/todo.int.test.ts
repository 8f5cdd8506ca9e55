import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { fixedClock } from '../../../core/clock/clock.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';

describe('我的待办 GET /my/todo', () => {
  let t: TestApp;
  let tree: TestUnitTree;
  let town: LoggedIn;
  let village: LoggedIn;
  const ids: Record<string, number> = {};

  async function item(
    key: string,
    owner: TestUnit,
    opts: {
      assigneeId?: number;
      open?: boolean;
      module?: string;
      deadlines?: { due: string; status?: 'running' | 'paused' | 'stopped'; provisional?: boolean }[];
    },
  ) {
    const db = t.database.db;
    const { id } = await db
      .insertInto('work_items')
      .values({
        module: opts.module ?? 'petition',
        ref_no: `REF-${key}`,
        title: `事项${key}`,
        state: 'handling',
        open: opts.open ?? true,
        owner_unit_id: owner.id,
        owner_unit_path: owner.path,
        assignee_id: opts.assigneeId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const d of opts.deadlines ?? []) {
      await db
        .insertInto('deadlines')
        .values({
          work_item_id: id,
          rule_key: 'xf.handle',
          label: '办理期限',
          status: d.status ?? 'running',
          started_at: new Date('2026-07-01T00:00:00Z'),
          start_date: '2026-07-01',
          due_date: d.due,
          provisional: d.provisional ?? false,
          explanation: `到期 ${d.due}`,
        })
        .execute();
    }
    ids[key] = Number(id);
  }

  beforeAll(async () => {
    // "today" in Asia/Shanghai is 2026-08-10; default thresholds: 临期 ≤3 days, 严重超期 >30 days
    t = await createTestApp({ clock: fixedClock('2026-08-10T02:00:00Z') });
    tree = await createUnitTree(t);
    town = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    village = await loginAs(t, { roles: ['village_staff'], unitId: tree.villages[0][0].id });
    await item('approaching', tree.villages[0][0], { assigneeId: village.user.id, deadlines: [{ due: '2026-08-12' }] });
    await item('overdue', tree.townships[0], {
      assigneeId: town.user.id,
      module: 'dispute',
      deadlines: [{ due: '2026-08-01' }, { due: '2026-10-01', provisional: true }],
    });
    await item('severe', tree.villages[1][0], { deadlines: [{ due: '2026-06-01' }] });
    await item('nodeadline', tree.villages[0][1], {});
    await item('closed', tree.townships[0], { open: false, assigneeId: town.user.id, deadlines: [{ due: '2026-08-01' }] });
    await item('paused', tree.villages[0][0], { deadlines: [{ due: '2026-09-30' }, { due: '2026-07-01', status: 'paused' }] });
  });
  afterAll(async () => t?.close());

  const get = async (who: LoggedIn, qs: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/my/todo?${qs}`, headers: who.headers });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const keysOf = (body: { items: { workItemId: number }[] }) => body.items.map((i) => Object.keys(ids).find((k) => ids[k] === i.workItemId));

  it('scope=mine lists only items assigned to me', async () => {
    expect(keysOf(await get(town, 'scope=mine'))).toEqual(['overdue']);
    expect(keysOf(await get(village, 'scope=mine'))).toEqual(['approaching']);
  });

  it('scope=unit lists open items of my unit and sub-units only, nearest due first, with counts', async () => {
    const body = await get(town, 'scope=unit&sort=due');
    expect(keysOf(body)).toEqual(['overdue', 'approaching', 'paused', 'nodeadline']);
    expect(body.total).toBe(4);
    expect(body.counts).toEqual({ normal: 2, approaching: 1, overdue: 1, severe: 0 });
    expect(keysOf(await get(village, 'scope=unit&sort=due'))).toEqual(['approaching', 'paused']);
  });

  it('describes each item with module name, warning level and its deadlines', async () => {
    const body = await get(town, 'scope=mine');
    const it0 = body.items[0];
    expect(it0).toMatchObject({
      module: 'dispute',
      moduleName: '矛盾纠纷',
      refNo: 'REF-overdue',
      ownerUnitId: tree.townships[0].id,
      ownerUnitName: tree.townships[0].name,
      assigneeName: town.user.displayName,
      nearestDue: '2026-08-01',
      warningLevel: 'overdue',
    });
    expect(it0.deadlines.map((d: { dueDate: string; warningLevel: string; provisional: boolean }) => [d.dueDate, d.warningLevel, d.provisional])).toEqual([
      ['2026-08-01', 'overdue', false],
      ['2026-10-01', 'normal', true],
    ]);
    const paused = (await get(village, 'scope=unit')).items.find((i: { workItemId: number }) => i.workItemId === ids.paused);
    expect(paused.warningLevel).toBe('normal'); // the paused clock dated 07-01 does not count
  });

  it('county-wide roles see the whole county and can filter by warning level', async () => {
    const xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    const all = await get(xfj, 'scope=unit&sort=due');
    expect(keysOf(all).sort()).toEqual(['approaching', 'nodeadline', 'overdue', 'paused', 'severe']);
    expect(all.counts).toEqual({ normal: 2, approaching: 1, overdue: 1, severe: 1 });
    const severe = await get(xfj, 'scope=unit&warning=severe');
    expect(keysOf(severe)).toEqual(['severe']);
    expect(severe.total).toBe(1);
    expect(severe.items[0].warningLevel).toBe('severe');
  });

  it('pages, rejects bad parameters, and needs a login', async () => {
    const p1 = await get(town, 'scope=unit&sort=due&page=1&pageSize=3');
    const p2 = await get(town, 'scope=unit&sort=due&page=2&pageSize=3');
    expect(p1.items).toHaveLength(3);
    expect(keysOf(p2)).toEqual(['nodeadline']);
    expect(p2.total).toBe(4);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/my/todo?warning=red', headers: town.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().data.field).toBe('warning');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/my/todo' })).statusCode).toBe(401);
  });

  // last: it adds an item to the county's list
  it('links each item to the page its module’s descriptor names: a 信访 case on /xf/:id, a 矛盾纠纷 item on its dispute page', async () => {
    await ensureLegalClock(t.database.db);
    const xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    const cats = (await t.app.inject({ method: 'GET', url: '/api/v1/petition-categories', headers: xfj.headers })).json() as {
      items: { children: { id: number }[] }[];
    };
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/petitions',
      headers: xfj.headers,
      payload: {
        channel: 'letter',
        petitioners: [{ name: '王五' }],
        matterType: 'appeal',
        categoryId: cats.items[0]!.children[0]!.id,
        placeUnitId: tree.townships[0].id,
        title: '道路积水',
        content: '雨后道路积水严重。',
      },
    });
    expect(reg.statusCode).toBe(200);
    const petitionId = (reg.json() as { id: number }).id;
    const items = (await get(xfj, 'scope=unit&pageSize=50')).items as { workItemId: number; module: string; href: string }[];
    const href = (id: number | undefined) => items.find((i) => i.workItemId === id)?.href;
    expect(href(petitionId)).toBe(`/xf/${petitionId}`);
    // every item opens where its module's descriptor says: 信访 on its case page, 矛盾纠纷 on its dispute page
    expect(items.find((i) => i.workItemId === ids.overdue)?.module).toBe('dispute');
    expect(href(ids.overdue)).toBe(`/disputes/${ids.overdue}`);
  });
});
