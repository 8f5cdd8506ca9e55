import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';

type Who = 'xfj' | 'town1' | 'leader' | 'portfolioLeader';
interface ModuleRow {
  module: string;
  newCount: number;
  newPrev: number;
  newLastYear: number;
  open: number;
  overdue: number;
  listed: number;
  backlog: number;
  extra: { key: string; name: string; value: number }[];
}
interface Figures {
  scopeName: string;
  hasPortfolio: boolean;
  ranges: { current: { from: string; to: string }; previous: { from: string; to: string } };
  modules: ModuleRow[];
}
interface UnitRow {
  unitId: number;
  unitName: string;
  isTownship: boolean;
  open: number;
  overdue: number;
  listed: number;
  newCount: number;
}
interface Items {
  title: string;
  total: number;
  items: { id: number; href: string; handlingUnitName: string }[];
}

/**
 * 领导驾驶舱 on PostgreSQL: every figure equals the length of its drill-down list (same predicate, same scope), a
 * township's overdue count on the map lists exactly its overdue items, a leader's 分管 view holds only the overseen
 * units' items, and a township's staff cannot open the county's figures.
 */
describe(`the leaders' dashboard (${TEST_BACKEND})`, () => {
  // Wednesday 2026-08-12, 10:00 in Shanghai
  const current = new Date('2026-08-12T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  const users = {} as Record<Who, LoggedIn>;
  const ids: number[] = [];

  const req = (who: Who, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: users[who].headers, ...(payload === undefined ? {} : { payload }) });
  const ok = async <T>(who: Who, url: string): Promise<T> => {
    const res = await req(who, 'GET', url);
    expect(res.statusCode, `${who} GET ${url}: ${res.body}`).toBe(200);
    return res.json() as T;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    const tag = TEST_BACKEND;
    users.xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id, username: `db_xfj_${tag}` });
    users.town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: `db_t1_${tag}` });
    users.leader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id, username: `db_leader_${tag}` });
    users.portfolioLeader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id, username: `db_pleader_${tag}` });
    const db = t.database.db;
    // the 分管 leader oversees the second township only; the other leader has a record without 分管 units
    await db
      .insertInto('leaders')
      .values([
        { name: '王志强', title: '县委副书记', unit_id: tree.county.id, user_id: users.leader.user.id, portfolio: ['信访'], oversees_unit_ids: [] },
        {
          name: '陈明',
          title: '副县长',
          unit_id: tree.county.id,
          user_id: users.portfolioLeader.user.id,
          portfolio: ['乡镇'],
          oversees_unit_ids: [tree.townships[1].id],
        },
      ])
      .execute();

    const cats = await ok<{ items: { children: { id: number }[] }[] }>('xfj', '/petition-categories');
    const register = async (title: string, lead: number) => {
      const res = await req('xfj', 'POST', '/petitions', {
        channel: 'letter',
        petitioners: [{ name: '李四', phone: '13900139000' }],
        matterType: 'appeal',
        categoryId: cats.items[0]!.children[0]!.id,
        placeUnitId: lead,
        title,
        content: '反映有关问题，请依法处理。',
      });
      expect(res.statusCode, res.body).toBe(200);
      const id = (res.json() as { id: number }).id;
      expect((await req('xfj', 'POST', `/petitions/${id}/actions/assign`, { leadUnitId: lead })).statusCode).toBe(200);
      return id;
    };
    ids.push(await register('村道积水影响出行', tree.townships[0].id));
    ids.push(await register('拖欠工程款', tree.townships[0].id));
    ids.push(await register('土地承包纠纷', tree.townships[1].id));
    ids.push(await register('噪音扰民', tree.townships[1].id));
    // the first is overdue (its running clocks fell due yesterday), the second is 挂牌, the fourth was received last month
    await db.updateTable('deadlines').set({ due_date: '2026-08-11' }).where('work_item_id', '=', ids[0]!).where('status', '=', 'running').execute();
    await db
      .insertInto('supervision_listings')
      .values({ work_item_id: ids[1]!, reason: '群众反映强烈', listed_by: users.xfj.user.id, listed_at: current })
      .execute();
    await db.updateTable('work_items').set({ received_on: '2026-07-05' }).where('id', '=', ids[3]!).execute();
  });
  afterAll(async () => t?.close());

  const scopeQs = (scope: string) => `scope=${scope}&period=month`;

  it('each module figure equals its drill-down list, under the same scope', async () => {
    for (const scope of ['county', 'portfolio'] as const) {
      const who: Who = scope === 'county' ? 'leader' : 'portfolioLeader';
      const f = await ok<Figures>(who, `/dashboard/figures?${scopeQs(scope)}`);
      for (const m of f.modules) {
        const pairs: [string, number][] = [
          ['new', m.newCount],
          ['new_prev', m.newPrev],
          ['new_last_year', m.newLastYear],
          ['open', m.open],
          ['overdue', m.overdue],
          ['listed', m.listed],
          ['backlog', m.backlog],
        ];
        for (const [metric, value] of pairs) {
          const list = await ok<Items>(who, `/dashboard/items?${scopeQs(scope)}&metric=${metric}&module=${m.module}&pageSize=200`);
          expect(list.total, `${scope} ${m.module} ${metric}`).toBe(value);
          expect(list.items).toHaveLength(value);
        }
        for (const e of m.extra) {
          const list = await ok<Items>(who, `/dashboard/items?${scopeQs(scope)}&metric=key&module=${m.module}&figure=${e.key}&pageSize=200`);
          expect(list.total, `${scope} ${m.module} ${e.key}`).toBe(e.value);
        }
      }
    }
  });

  it('counts what happened: new this month with 环比, open, overdue and 挂牌 in the county', async () => {
    const f = await ok<Figures>('leader', `/dashboard/figures?${scopeQs('county')}`);
    expect(f.scopeName).toBe('全县');
    expect(f.ranges.current).toEqual({ from: '2026-08-01', to: '2026-08-12' });
    expect(f.ranges.previous).toEqual({ from: '2026-07-01', to: '2026-07-12' });
    const p = f.modules.find((m) => m.module === 'petition')!;
    expect(p).toMatchObject({ newCount: 3, newPrev: 1, open: 4, overdue: 1, listed: 1, backlog: 0 });
    // the module's own key figure is named by its descriptor
    expect(p.extra.map((e) => e.name)).toContain('集体访');
    const overdue = await ok<Items>('leader', `/dashboard/items?${scopeQs('county')}&metric=overdue`);
    expect(overdue.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(overdue.items[0]!.href).toBe(`/xf/${ids[0]}`);
  });

  it("draws the map from the unit tree: every township, and a township's overdue count lists exactly its overdue items", async () => {
    const u = await ok<{ units: UnitRow[] }>('leader', `/dashboard/units?${scopeQs('county')}`);
    const t1 = u.units.find((x) => x.unitId === tree.townships[0].id)!;
    const t2 = u.units.find((x) => x.unitId === tree.townships[1].id)!;
    expect(t1).toMatchObject({ isTownship: true, open: 2, overdue: 1, listed: 1, newCount: 2 });
    expect(t2).toMatchObject({ isTownship: true, open: 2, overdue: 0, listed: 0, newCount: 1 });
    // ranked by overdue first
    expect(u.units.findIndex((x) => x.unitId === t1.unitId)).toBeLessThan(u.units.findIndex((x) => x.unitId === t2.unitId));
    for (const row of [t1, t2]) {
      for (const [metric, value] of [
        ['open', row.open],
        ['overdue', row.overdue],
        ['listed', row.listed],
        ['new', row.newCount],
      ] as const) {
        const list = await ok<Items>('leader', `/dashboard/items?${scopeQs('county')}&metric=${metric}&unitId=${row.unitId}&pageSize=200`);
        expect(list.total, `${row.unitName} ${metric}`).toBe(value);
      }
    }
    const drilled = await ok<Items>('leader', `/dashboard/items?${scopeQs('county')}&metric=overdue&unitId=${t1.unitId}`);
    expect(drilled.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(drilled.items[0]!.handlingUnitName).toBe(tree.townships[0].name);
    expect(drilled.title).toContain(tree.townships[0].name);
    expect(drilled.title).toContain('超期');
  });

  it("a 分管 leader's portfolio holds only the overseen units' items; a leader without 分管 units is told so", async () => {
    const f = await ok<Figures>('portfolioLeader', `/dashboard/figures?${scopeQs('portfolio')}`);
    expect(f.hasPortfolio).toBe(true);
    expect(f.scopeName).toContain(tree.townships[1].name);
    expect(f.modules.find((m) => m.module === 'petition')).toMatchObject({ open: 2, overdue: 0, listed: 0, newCount: 1, newPrev: 1 });
    const open = await ok<Items>('portfolioLeader', `/dashboard/items?${scopeQs('portfolio')}&metric=open`);
    expect(open.items.map((i) => i.id).sort()).toEqual([ids[2], ids[3]].sort());
    const u = await ok<{ units: UnitRow[] }>('portfolioLeader', `/dashboard/units?${scopeQs('portfolio')}`);
    expect(u.units.find((x) => x.unitId === tree.townships[0].id)).toMatchObject({ open: 0, overdue: 0 });

    const none = await req('leader', 'GET', `/dashboard/figures?${scopeQs('portfolio')}`);
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ error: 'DASHBOARD_NO_PORTFOLIO' });
    expect((await ok<Figures>('leader', `/dashboard/figures?${scopeQs('county')}`)).hasPortfolio).toBe(false);
  });

  it("a township's staff cannot open the county dashboard nor its drill-downs", async () => {
    for (const path of ['figures', 'trend', 'units', 'attention', 'items?metric=open']) {
      const res = await req('town1', 'GET', `/dashboard/${path}`);
      expect(res.statusCode, path).toBe(403);
    }
  });

  it('lists what needs the leader now: their 包案, the 批示 awaited, the items about to fall overdue', async () => {
    const db = t.database.db;
    const leader = await db.selectFrom('leaders').select('id').where('user_id', '=', users.leader.user.id).executeTakeFirstOrThrow();
    await db.insertInto('case_parties').values({ work_item_id: ids[0]!, role: 'leader', leader_id: leader.id, active: true, assigned_at: current }).execute();
    await db
      .insertInto('instruction_requests')
      .values({ work_item_id: ids[2]!, leader_id: leader.id, question: '是否由县级牵头协调？', requested_by: users.xfj.user.id, requested_at: current })
      .execute();
    // the third case's clock falls due tomorrow: about to be overdue
    await db.updateTable('deadlines').set({ due_date: '2026-08-13' }).where('work_item_id', '=', ids[2]!).where('status', '=', 'running').execute();
    const a = await ok<{
      cases: { total: number; overdue: number; items: { id: number }[] };
      awaiting: { total: number; items: { id: number; question: string }[] };
      soon: { total: number; items: { id: number }[] };
    }>('leader', `/dashboard/attention?${scopeQs('county')}`);
    expect(a.cases).toMatchObject({ total: 1, overdue: 1 });
    expect(a.cases.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(a.awaiting.total).toBe(1);
    expect(a.awaiting.items[0]).toMatchObject({ id: ids[2], question: '是否由县级牵头协调？' });
    expect(a.soon.items.map((i) => i.id)).toContain(ids[2]);
    const soon = await ok<Items>('leader', `/dashboard/items?${scopeQs('county')}&metric=soon&pageSize=200`);
    expect(soon.total).toBe(a.soon.total);
    expect(soon.items.map((i) => i.id)).not.toContain(ids[0]);
  });

  it('draws the trend over twelve months ending this month', async () => {
    const tr = await ok<{ months: string[]; series: { module: string; counts: number[] }[] }>('leader', `/dashboard/trend?${scopeQs('county')}`);
    expect(tr.months).toHaveLength(12);
    expect(tr.months.at(-1)).toBe('2026-08');
    const p = tr.series.find((s) => s.module === 'petition')!;
    expect(p.counts.at(-1)).toBe(3);
    expect(p.counts.at(-2)).toBe(1);
  });

  it('follows a change of 主办 and of the clocks (the stored handling unit and nearest due), and rebuilds them from scratch', async () => {
    const db = t.database.db;
    const [t1, t2] = [tree.townships[0].id, tree.townships[1].id];
    const t2Path = (await db.selectFrom('units').select('path').where('id', '=', t2).executeTakeFirstOrThrow()).path;
    // the overdue case is re-交办'd from the first township to the second
    await db.updateTable('case_parties').set({ active: false }).where('work_item_id', '=', ids[0]!).where('role', '=', 'lead').execute();
    await db
      .insertInto('case_parties')
      .values({ work_item_id: ids[0]!, role: 'lead', unit_id: t2, unit_path: t2Path, active: true, assigned_at: current })
      .execute();
    const u = await ok<{ units: UnitRow[] }>('leader', `/dashboard/units?${scopeQs('county')}`);
    expect(u.units.find((x) => x.unitId === t1)).toMatchObject({ open: 1, overdue: 0 });
    expect(u.units.find((x) => x.unitId === t2)).toMatchObject({ open: 3, overdue: 1 });
    const drilled = await ok<Items>('leader', `/dashboard/items?${scopeQs('county')}&metric=overdue&unitId=${t2}`);
    expect(drilled.items.map((i) => i.id)).toEqual([ids[0]]);
    // now in the 分管 leader's portfolio (the second township handles it)
    const p = await ok<Figures>('portfolioLeader', `/dashboard/figures?${scopeQs('portfolio')}`);
    expect(p.modules.find((m) => m.module === 'petition')).toMatchObject({ open: 3, overdue: 1 });

    // its clocks stop: no longer overdue, in the figure and in the list alike
    await db.updateTable('deadlines').set({ status: 'stopped' }).where('work_item_id', '=', ids[0]!).where('status', '=', 'running').execute();
    const f = await ok<Figures>('leader', `/dashboard/figures?${scopeQs('county')}`);
    expect(f.modules.find((m) => m.module === 'petition')!.overdue).toBe(0);
    expect((await ok<Items>('leader', `/dashboard/items?${scopeQs('county')}&metric=overdue`)).total).toBe(0);

    // the rebuild recomputes both columns from case_parties and deadlines
    const before = await db.selectFrom('work_items').select(['id', 'handling_unit_path', 'running_due']).orderBy('id').execute();
    await sql`update work_items set running_due = '2000-01-01'`.execute(db);
    await sql`select work_items_handling_refresh(null), work_items_running_due_refresh(null)`.execute(db);
    expect(await db.selectFrom('work_items').select(['id', 'handling_unit_path', 'running_due']).orderBy('id').execute()).toEqual(before);
    // a write's refresh (the triggers' call, migration 0092) recomputes the items it names and no other
    await sql`update work_items set running_due = '2000-01-01'`.execute(db);
    await sql`select work_items_running_due_refresh(${[ids[0]!]}::bigint[]), work_items_handling_refresh(${[ids[0]!]}::bigint[])`.execute(db);
    const partly = await db.selectFrom('work_items').select(['id', 'handling_unit_path', 'running_due']).orderBy('id').execute();
    expect(partly.find((x) => Number(x.id) === ids[0])).toEqual(before.find((x) => Number(x.id) === ids[0]));
    const other = before.find((x) => Number(x.id) !== ids[0] && x.running_due !== null)!;
    expect(partly.find((x) => x.id === other.id)!.running_due).not.toEqual(other.running_due);
  });

  it("reads the trend's past months of modules without a rule of their own from the rollup, equal to a live count through inserts, moves and deletes", async () => {
    const db = t.database.db;
    const [t1, t2] = [tree.townships[0].id, tree.townships[1].id];
    const paths = await db.selectFrom('units').select(['id', 'path']).where('id', 'in', [t1, t2]).execute();
    const pathOf = (id: number) => paths.find((p) => Number(p.id) === id)!.path;
    const add = async (receivedOn: string, unit: number) =>
      Number(
        (
          await db
            .insertInto('work_items')
            .values({
              module: 'dispute',
              ref_no: `TJ-${receivedOn}-${unit}-${Math.random()}`,
              title: '邻里纠纷',
              state: 'accepted',
              owner_unit_id: unit,
              owner_unit_path: pathOf(unit),
              assignee_id: null,
              leader_id: null,
              received_on: receivedOn,
              created_at: current,
              updated_at: current,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const a = await add('2026-06-03', t1);
    const b = await add('2026-06-20', t2);
    await add('2026-07-09', t1);
    await add('2026-08-02', t2);
    // moved to the other township, re-dated (补录), one deleted
    await db
      .updateTable('work_items')
      .set({ owner_unit_path: pathOf(t2), owner_unit_id: t2 })
      .where('id', '=', a)
      .execute();
    await db.updateTable('work_items').set({ received_on: '2026-05-30' }).where('id', '=', b).execute();
    await db.deleteFrom('work_items').where('id', '=', b).execute();
    await add('2026-05-11', t1);

    const liveCounts = async (within: string | null) => {
      const rows = await sql<{ m: string; c: number }>`select to_char(received_on, 'YYYY-MM') as m, count(*)::int as c from work_items
        where module = 'dispute' and received_on between '2025-09-01' and '2026-08-12'
          and (${within}::text is null or owner_unit_path like ${within} || '%' or handling_unit_path like ${within} || '%') group by 1`.execute(db);
      return rows.rows;
    };
    for (const [who, scope, within] of [
      ['leader', 'county', null],
      ['portfolioLeader', 'portfolio', pathOf(t2)],
    ] as const) {
      const tr = await ok<{ months: string[]; series: { module: string; counts: number[] }[] }>(who, `/dashboard/trend?${scopeQs(scope)}`);
      const counts = tr.series.find((x) => x.module === 'dispute')?.counts ?? tr.months.map(() => 0);
      const live = await liveCounts(within);
      expect(counts, scope).toEqual(tr.months.map((m) => live.find((x) => x.m === m)?.c ?? 0));
      expect(
        counts.reduce((x, y) => x + y, 0),
        scope,
      ).toBe(scope === 'county' ? 4 : 2);
    }
    // the rollup rebuilt from scratch holds what the trigger kept
    const kept = await sql`select * from dashboard_monthly_new where items <> 0 order by 1, 2, 3, 4`.execute(db);
    await sql`select dashboard_monthly_new_rebuild()`.execute(db);
    expect((await sql`select * from dashboard_monthly_new order by 1, 2, 3, 4`.execute(db)).rows).toEqual(kept.rows);
  });
  it("reads 信访's past months from the rollup less the accusations hidden from the reader (its rule names them)", async () => {
    const db = t.database.db;
    const countyPath = (await db.selectFrom('units').select('path').where('id', '=', tree.county.id).executeTakeFirstOrThrow()).path;
    const july = async (who: Who, scope: string) => {
      const tr = await ok<{ months: string[]; series: { module: string; counts: number[] }[] }>(who, `/dashboard/trend?${scopeQs(scope)}`);
      return tr.series.find((x) => x.module === 'petition')!.counts[tr.months.indexOf('2026-07')];
    };
    // the fourth petition, received in July and handled by the overseen township, counted by both leaders
    expect(await july('leader', 'county')).toBe(1);
    expect(await july('portfolioLeader', 'portfolio')).toBe(1);
    // it accuses the county: hidden from both leaders (their unit is the county), so neither trend counts it
    await db.updateTable('petitions').set({ accused_unit_path: countyPath }).where('id', '=', ids[3]!).execute();
    try {
      expect(await july('leader', 'county')).toBe(0);
      expect(await july('portfolioLeader', 'portfolio')).toBe(0);
      // as its drill-down of the same months, live, does not list it
      const listed = await ok<Items>('leader', `/dashboard/items?scope=county&period=month&metric=new_prev`);
      expect(listed.items.map((i) => i.id)).not.toContain(ids[3]);
    } finally {
      await db.updateTable('petitions').set({ accused_unit_path: null }).where('id', '=', ids[3]!).execute();
    }
  });
});
