import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';
import { rebuildDerivedTables } from '../../core/db/derived-tables.ts';
import { unitTownships } from './township.ts';

/**
 * dispute_facts (migration 0090) is kept by triggers; 矛盾纠纷统计 and the register's filters read it. Disputes are
 * driven through the real HTTP actions, and after each step (1) every fact row equals its definition recomputed from the
 * source tables, (2) the statistics and the filtered register give what the source tables give, under the visibility rule.
 */
describe(`dispute_facts stay equal to their sources (${TEST_BACKEND})`, () => {
  let now = new Date('2026-06-01T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let police: TestUnit;
  let county: LoggedIn;
  let town0: LoggedIn;
  let town1: LoggedIn;
  let village00: LoggedIn;
  let policeStaff: LoggedIn;
  let neighbour = 0;
  let family = 0;
  const ids: Record<string, number> = {};

  const api = async (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };
  const ok = async (p: Promise<{ status: number; body: Record<string, unknown> }>) => {
    const r = await p;
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const act = (who: LoggedIn, name: string, action: string, payload: object) => ok(api(who, 'POST', `/disputes/${ids[name]}/actions/${action}`, payload));
  const register = async (who: LoggedIn, name: string, over: object = {}) => {
    const body = await ok(
      api(who, 'POST', '/disputes', {
        source: 'screening',
        typeId: neighbour,
        placeUnitId: tree.villages[0][0].id,
        facts: '两户相邻宅基地之间的排水沟被一方填埋，雨季另一方院内积水，双方多次争吵。',
        peopleCount: 2,
        foundOn: '2026-06-01',
        parties: [
          { role: 'applicant', name: '赵明远' },
          { role: 'respondent', name: '钱立新' },
        ],
        ...over,
      }),
    );
    ids[name] = Number(body.id);
  };
  const signIn = async () => {
    county = await loginAs(t, { roles: ['wwb_staff'], unitId: tree.county.id, username: 'df_county' });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'df_town0' });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id, username: 'df_town1' });
    village00 = await loginAs(t, { roles: ['mediator'], unitId: tree.villages[0][0].id, username: 'df_v00' });
    policeStaff = await loginAs(t, { roles: ['dept_liaison'], unitId: police.id, username: 'df_police' });
  };
  const moveTo = async (day: string) => {
    now = new Date(`${day}T02:00:00Z`);
    await signIn();
  };
  const today = () => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

  const cols = sql`id, found_on::text as found_on, type_id, place_unit_id, place_path, township_id, source, path, outcome, level, state, open, urgent,
    accepted_on::text as accepted_on, agreed_on::text as agreed_on, performed_on::text as performed_on, agreement_form, effective_on::text as effective_on,
    confirm_applied_on::text as confirm_applied_on, settle_due::text as settle_due, running_due::text as running_due, owner_unit_path`;
  /** Every fact's definition straight from the source tables (what stats.ts and the register computed per query before 0090). */
  const fromSources = () => sql`(
    select d.id, d.found_on, d.type_id, d.place_unit_id, pu.path as place_path, ut.township_id, d.source, d.mediation_kind as path, d.outcome, d.resolved_level as level,
      wi.state, wi.open, d.urgent, d.accepted_on, d.agreed_on, d.performed_on, d.agreement_form, d.effective_on, d.confirm_applied_on,
      (select min(dl.due_date) from deadlines dl where dl.work_item_id = d.id and dl.rule_key = 'med.settle') as settle_due,
      (select min(dl.due_date) from deadlines dl where dl.work_item_id = d.id and dl.status = 'running' and dl.rule_key <> 'med.confirm.apply') as running_due,
      wi.owner_unit_path
    from disputes d join work_items wi on wi.id = d.id join units pu on pu.id = d.place_unit_id
      join ${unitTownships()} ut on ut.unit_id = d.place_unit_id)`;
  const expectFactsEqualSources = async () => {
    const want = await sql<Record<string, unknown>>`select ${cols} from ${fromSources()} s order by id`.execute(t.database.db);
    const got = await sql<Record<string, unknown>>`select ${cols} from dispute_facts order by id`.execute(t.database.db);
    expect(want.rows.length).toBeGreaterThan(0);
    expect(got.rows).toEqual(want.rows);
  };

  const listIds = async (who: LoggedIn, query: string) => {
    const body = await ok(api(who, 'GET', `/disputes?pageSize=100&${query}`));
    return { ids: (body.items as { id: number }[]).map((i) => i.id), total: body.total };
  };
  /** What a filter selects, from the source tables, among the disputes `who` may open. */
  const sourceIds = async (who: LoggedIn, where: ReturnType<typeof sql>) => {
    const rows = await sql<{ id: number }>`select s.id from ${fromSources()} s
      where ${where} order by s.found_on desc, s.id desc`.execute(t.database.db);
    const out: number[] = [];
    for (const r of rows.rows) if ((await api(who, 'GET', `/disputes/${r.id}`)).status === 200) out.push(Number(r.id));
    return out;
  };
  const expectListsEqualSources = async () => {
    const town0Path = (await t.database.db.selectFrom('units').select('path').where('id', '=', tree.townships[0].id).executeTakeFirstOrThrow()).path;
    for (const who of [county, town0, town1, village00, policeStaff]) {
      const all = await listIds(who, '');
      expect(all.ids).toEqual(await sourceIds(who, sql`true`));
      const filtered = await listIds(who, `townshipUnitId=${tree.townships[0].id}&typeId=${neighbour}&state=mediating`);
      expect(filtered.ids).toEqual(await sourceIds(who, sql`s.place_path like ${`${town0Path}%`} and s.type_id = ${neighbour} and s.state = 'mediating'`));
      expect(filtered.total).toBe(filtered.ids.length);
      // a unit that is not a township filters by its path
      const village = await listIds(who, `townshipUnitId=${tree.villages[0][0].id}`);
      expect(village.ids).toEqual(await sourceIds(who, sql`s.place_unit_id = ${tree.villages[0][0].id}`));
      const overdue = await listIds(who, 'overdue=true');
      expect(overdue.ids).toEqual(await sourceIds(who, sql`s.open and s.running_due < ${today()}::date`));
      const urgent = await listIds(who, `urgent=true&mediationKind=people`);
      expect(urgent.ids).toEqual(await sourceIds(who, sql`s.urgent and s.path = 'people'`));
    }
  };
  /** The statistics by `groupBy` equal the counts of the source rows `who` may open. */
  const expectStatsEqualSources = async (who: LoggedIn, groupBy: 'township' | 'path' | 'state' | 'type') => {
    const visible = await sourceIds(who, sql`s.found_on between '2026-01-01' and '2026-12-31'`);
    const key = { township: sql`coalesce(s.township_id::text, '')`, path: sql`coalesce(s.path, '')`, state: sql`s.state`, type: sql`s.type_id::text` }[groupBy];
    const want = await sql<Record<string, unknown>>`
      select ${key} as key, count(*)::int as disputes, (count(*) filter (where s.urgent))::int as urgent,
        (count(*) filter (where s.accepted_on is not null))::int as accepted, (count(*) filter (where s.agreed_on is not null))::int as agreed,
        (count(*) filter (where s.outcome = 'failed'))::int as failed, (count(*) filter (where s.performed_on is not null))::int as performed,
        (count(*) filter (where s.agreement_form = 'written' and s.effective_on is not null))::int as written,
        (count(*) filter (where s.confirm_applied_on is not null))::int as "confirmApplied",
        (count(*) filter (where s.agreed_on <= s.settle_due))::int as "settledInTime"
      from ${fromSources()} s where s.id = any(${visible}::bigint[]) group by 1 order by 1`.execute(t.database.db);
    const stats = (await ok(api(who, 'GET', `/stats/dispute?from=2026-01-01&to=2026-12-31&groupBy=${groupBy}`))) as unknown as {
      rows: { key: string; counts: Record<string, number> }[];
    };
    const got = stats.rows
      .map((r) => ({ key: r.key, ...r.counts }) as Record<string, unknown>)
      .filter((r) => Number(r.disputes) > 0)
      .sort((a, b) => (String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0));
    expect(got).toEqual(want.rows);
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    police = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '测试县公安局城关派出所' });
    await signIn();
    const types = await t.database.db.selectFrom('dispute_types').select(['id', 'code']).execute();
    neighbour = Number(types.find((x) => x.code === 'neighbour')!.id);
    family = Number(types.find((x) => x.code === 'family')!.id);
  });
  afterAll(async () => t?.close());

  it('facts follow registration, acceptance, agreement, signing, performance, 回访, failure and an urgent routing', async () => {
    await register(village00, 'A');
    await register(village00, 'B');
    await register(village00, 'C', { foundOn: '2026-05-20' });
    await register(town1, 'D', { placeUnitId: tree.villages[1][0].id, source: 'visit' });
    await register(county, 'E', {
      typeId: family,
      riskKind: 'domestic_violence',
      riskNote: '当事人称多次遭受殴打',
      urgentUnitIds: [police.id],
      placeUnitId: tree.villages[0][1].id,
    });
    await expectFactsEqualSources();
    await act(village00, 'A', 'accept', { consent: true, mediationKind: 'people', mediatorName: '孙调解' });
    await act(village00, 'B', 'accept', { consent: true, mediationKind: 'people', mediatorName: '孙调解' });
    await act(village00, 'C', 'accept', { consent: true, mediationKind: 'people', mediatorName: '孙调解' });
    await act(town1, 'D', 'accept', { consent: true, mediationKind: 'people', mediatorName: '镇调委会' });
    await act(county, 'E', 'accept', { consent: true, mediationKind: 'people', mediatorName: '县调委会' });
    await expectFactsEqualSources();
    await expectListsEqualSources();

    await moveTo('2026-06-05');
    await act(village00, 'A', 'agree', {
      form: 'written',
      points: '排水沟是否应恢复、费用由谁承担',
      responsibility: '钱立新填埋排水沟负主要责任，赵明远未及时沟通负次要责任。',
      terms: '钱立新于2026年6月20日前恢复排水沟原状；赵明远承担材料费500元。',
      performMethod: '钱立新自行施工恢复，赵明远现金支付材料费',
      performDueOn: '2026-06-20',
    });
    await act(village00, 'A', 'sign', { partiesSigned: true, mediatorSigned: true, sealed: true });
    await act(village00, 'B', 'agree', { form: 'oral', terms: '钱立新当场赔偿赵明远损失200元。', performedOnSpot: true });
    await act(village00, 'C', 'fail', { reason: '双方分歧过大', toldRoutes: ['litigation', 'arbitration'], told: true });
    await expectFactsEqualSources();

    // a month and more later: the 调结 clocks of D and E have run out (逾期), A is performed and visited
    await moveTo('2026-07-15');
    await act(village00, 'A', 'perform', { note: '排水沟已恢复，材料费已付清。' });
    await act(village00, 'A', 'revisit', { note: '回访双方，排水通畅，无新的矛盾。' });
    await expectFactsEqualSources();
    await expectListsEqualSources();
    expect((await listIds(county, 'overdue=true')).ids.length).toBeGreaterThan(0);
    for (const who of [county, town0, town1, village00, policeStaff])
      for (const groupBy of ['township', 'path', 'state', 'type'] as const) await expectStatsEqualSources(who, groupBy);
  });

  it('a unit moved under another township moves its disputes there; a rename refreshes nothing', async () => {
    const v = tree.villages[0][0];
    const before = await t.database.db.selectFrom('units').select(['path', 'parent_id']).where('id', '=', v.id).executeTakeFirstOrThrow();
    const t1 = await t.database.db.selectFrom('units').select('path').where('id', '=', tree.townships[1].id).executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('units')
      .set({ parent_id: tree.townships[1].id, path: `${t1.path}${v.id}/` })
      .where('id', '=', v.id)
      .execute();
    const moved = await t.database.db.selectFrom('dispute_facts').select('township_id').where('id', '=', ids.A!).executeTakeFirstOrThrow();
    expect(Number(moved.township_id)).toBe(tree.townships[1].id);
    await expectFactsEqualSources();
    await t.database.db.updateTable('units').set({ parent_id: before.parent_id, path: before.path }).where('id', '=', v.id).execute();
    await t.database.db.updateTable('units').set({ name: '改名后的村' }).where('id', '=', v.id).execute();
    await expectFactsEqualSources();
  });

  it('a rebuild (what a restore runs) gives the rows the triggers kept: the facts and the statistics’ daily rollup', async () => {
    const rollup = () =>
      sql<Record<string, unknown>>`select *, found_on::text as day from dispute_stats_daily order by dim, found_on, key`.execute(t.database.db);
    const kept = await sql<Record<string, unknown>>`select ${cols} from dispute_facts order by id`.execute(t.database.db);
    const keptRollup = await rollup();
    expect(keptRollup.rows.length).toBeGreaterThan(0);
    await sql`delete from dispute_facts`.execute(t.database.db);
    expect((await rollup()).rows).toEqual([]);
    const rebuilt = await rebuildDerivedTables(t.database.db);
    expect(rebuilt).toContainEqual({ name: 'dispute_facts', rows: kept.rows.length });
    expect(rebuilt).toContainEqual({ name: 'dispute_stats_daily', rows: keptRollup.rows.length });
    expect((await sql<Record<string, unknown>>`select ${cols} from dispute_facts order by id`.execute(t.database.db)).rows).toEqual(kept.rows);
    expect((await rollup()).rows).toEqual(keptRollup.rows);
  });
});
