import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { openTestDatabase, TEST_BACKEND } from '../../../../../test/support/test-db.ts';
import type { DB } from '../../../core/db/schema.ts';
import { SYSTEM_ACTOR } from '../../../core/audit/audit-chain.ts';
import { writeBackup } from '../../../core/backup/write-backup.ts';
import { restoreBackup } from '../../../core/backup/restore-backup.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { moduleVisibleSql } from '../../../kernel/catalog/index.ts';
import { HAZARD_VISIBILITY } from './visibility.ts';

/**
 * hazard_facts (migration 0089) is kept by triggers and read by 隐患统计. Hazards are written through the HTTP API
 * (report, rectify, verify, an enterprise moving to another township) and by hand-made SQL; after each, every fact row
 * equals the definition recomputed from the source tables, and each statistic equals its drill-down list and the
 * ledger under the user's scope; the ledger (read from the facts, migration 0096) lists for several users and filters
 * exactly the hazards the same filters select from the source tables under the module's rule. A restore rebuilds the
 * facts from the restored hazards.
 */
describe(`hazard_facts stay equal to their sources (${TEST_BACKEND})`, () => {
  const current = new Date('2026-08-03T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let dept2: TestUnit;
  let safety: LoggedIn, town0: LoggedIn, town1: LoggedIn, dept: LoggedIn;
  let sectorId = 0;
  const ent = { a: 0, b: 0, c: 0 };
  const hz: number[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-hazard-facts-'));

  const call = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> & { items: { id: number }[] }, text: res.body };
  };
  const ok = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const r = await call(who, method, url, payload);
    expect(r.status, r.text).toBe(200);
    return r.body;
  };
  const enterprise = (name: string, township: TestUnit, regulator: TestUnit | null) => ({
    name,
    sectorId,
    townshipUnitId: township.id,
    regulatorUnitId: regulator?.id ?? null,
    legalRepName: '王建国',
    legalRepPhone: '13800138000',
    riskGrade: 'yellow',
    licences: [],
  });
  const report = async (enterpriseId: number, foundOn: string, dueOn: string, grade = 'general', source = 'inspection') =>
    hz.push(
      (
        await ok(safety, 'POST', '/safety/hazards', {
          enterpriseId,
          source,
          category: '消防安全',
          grade,
          description: '二楼仓库安全出口被纸箱堵塞，无法正常疏散',
          foundOn,
          dueOn,
          backdateReason: '补录此前排查发现的隐患',
        })
      ).id as number,
    );
  const act = (who: LoggedIn, id: number, action: string, input: object = {}) => ok(who, 'POST', `/safety/hazards/${id}/actions/${action}`, input);

  /** The facts as the statistics defined them before the table: hazards ⋈ work_items ⋈ enterprise ⋈ sector. */
  const recomputed = async (db: Kysely<DB>) =>
    (
      await sql<Record<string, unknown>>`
        select h.id::int as id, h.found_on::text as found_on, h.grade, h.source, coalesce(s.parent_id, s.id)::int as sector_key,
          e.township_unit_id::int as township_unit_id, e.regulator_unit_id::int as regulator_unit_id, wi.state, h.due_on::text as due_on,
          h.closed_on::text as closed_on, wi.owner_unit_path, h.enterprise_id::int as enterprise_id, e.sector_id::int as sector_id,
          h.grade = 'major' as major, wi.state = 'closed' as closed, wi.state = 'closed' and coalesce(h.closed_on > h.due_on, false) as closed_late
        from hazards h join work_items wi on wi.id = h.id join safety_enterprises e on e.id = h.enterprise_id join safety_sectors s on s.id = e.sector_id
        order by h.id`.execute(db)
    ).rows;
  const kept = async (db: Kysely<DB>) =>
    (
      await sql<Record<string, unknown>>`
        select id::int as id, found_on::text as found_on, grade, source, sector_key::int as sector_key, township_unit_id::int as township_unit_id,
          regulator_unit_id::int as regulator_unit_id, state, due_on::text as due_on, closed_on::text as closed_on, owner_unit_path,
          enterprise_id::int as enterprise_id, sector_id::int as sector_id, major, closed, closed_late
        from hazard_facts order by id`.execute(db)
    ).rows;
  const expectFactsCurrent = async () => {
    const want = await recomputed(t.database.db);
    expect(want.length).toBe(hz.length);
    expect(await kept(t.database.db)).toEqual(want);
  };

  /** The ledger's ids (newest first) and total for `query`, through the API. */
  const ledgerIds = async (who: LoggedIn, query: string) => {
    const body = await ok(who, 'GET', `/safety/hazards?pageSize=100&${query}`);
    return { ids: body.items.map((i) => i.id), total: body.total };
  };
  /** What a filter selects from the source tables (hazards ⋈ work_items ⋈ enterprise ⋈ sector) under the module's rule for `who`. */
  const sourceIds = async (who: LoggedIn, where: RawBuilder<SqlBool>) =>
    (
      await t.database.db
        .selectFrom('hazards as h')
        .innerJoin('work_items as wi', 'wi.id', 'h.id')
        .innerJoin('safety_enterprises as e', 'e.id', 'h.enterprise_id')
        .innerJoin('safety_sectors as s', 's.id', 'e.sector_id')
        .where(moduleVisibleSql(HAZARD_VISIBILITY, who.user, 'wi'))
        .where(where)
        .select('h.id')
        .orderBy('h.found_on', 'desc')
        .orderBy('h.id', 'desc')
        .execute()
    ).map((r) => Number(r.id));
  const expectLedgerIsSources = async () => {
    const day = current.toISOString().slice(0, 10);
    const cases: [string, RawBuilder<SqlBool>][] = [
      ['', sql<SqlBool>`true`],
      [`townshipUnitId=${tree.townships[1].id}`, sql<SqlBool>`e.township_unit_id = ${tree.townships[1].id}`],
      [
        `townshipUnitId=${tree.townships[1].id}&state=rectifying&overdue=true`,
        sql<SqlBool>`e.township_unit_id = ${tree.townships[1].id} and wi.state = 'rectifying' and h.closed_on is null and h.due_on < ${day}::date`,
      ],
      ['overdue=true', sql<SqlBool>`h.closed_on is null and h.due_on < ${day}::date`],
      ['state=closed', sql<SqlBool>`wi.state = 'closed'`],
      [`regulatorUnitId=${dept2.id}&grade=general`, sql<SqlBool>`e.regulator_unit_id = ${dept2.id} and h.grade = 'general'`],
      [`enterpriseId=${ent.c}&source=supervision`, sql<SqlBool>`h.enterprise_id = ${ent.c} and h.source = 'supervision'`],
      [`sectorId=${sectorId}`, sql<SqlBool>`(e.sector_id = ${sectorId} or s.parent_id = ${sectorId})`],
      ['q=鑫源', sql<SqlBool>`e.name like '%鑫源%'`],
    ];
    for (const who of [safety, town0, town1, dept]) {
      let seen = 0;
      for (const [query, where] of cases) {
        const got = await ledgerIds(who, query);
        const want = await sourceIds(who, where);
        expect(got.ids, `${who.user.username} ${query}`).toEqual(want);
        expect(got.total, `${who.user.username} ${query}`).toBe(want.length);
        seen += want.length;
      }
      expect(seen).toBeGreaterThan(0);
    }
  };

  const range = 'from=2026-01-01&to=2026-12-31';
  /** every statistic's count of 排查隐患 and 超期未整改 equals its drill-down list, and the total equals the ledger */
  const expectFigureIsList = async (who: LoggedIn) => {
    const stats = (await ok(who, 'GET', `/stats/hazard?${range}&groupBy=township`)) as unknown as {
      rows: { key: string; counts: Record<string, number> }[];
      total: { counts: Record<string, number> };
    };
    const ledger = (await ok(who, 'GET', '/safety/hazards?pageSize=100')).items.map((i) => i.id).sort((x, y) => x - y);
    expect(stats.total.counts.hazards).toBe(ledger.length);
    const all = (await ok(who, 'GET', `/stats/hazard/items?${range}&indicator=hazards&pageSize=100`)).items.map((i) => i.id);
    expect([...all].sort((x, y) => x - y)).toEqual(ledger);
    for (const row of stats.rows) {
      for (const count of ['hazards', 'closed', 'overdue', 'closedLate']) {
        const items = await ok(who, 'GET', `/stats/hazard/items?${range}&indicator=${count}&dimension=township&value=${row.key}&pageSize=100`);
        expect(items.items.length, `${row.key} ${count}`).toBe(row.counts[count]);
      }
    }
    return stats;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current }, config: { dataDir: path.join(dir, 'source') } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept2 = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: `县住建局${TEST_BACKEND}` });
    safety = await loginAs(t, { roles: ['safety_staff'], unitId: tree.county.id });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    dept = await loginAs(t, { roles: ['dept_liaison'], unitId: tree.department.id });
    sectorId = Number((await t.database.db.selectFrom('safety_sectors').select('id').where('code', '=', 'jxcs').executeTakeFirstOrThrow()).id);
    ent.a = (await ok(safety, 'POST', '/safety/enterprises', enterprise('龙蚕镇永兴五金店', tree.townships[0], tree.department))).id as number;
    ent.b = (await ok(safety, 'POST', '/safety/enterprises', enterprise('碧溪乡鑫源加油站', tree.townships[1], dept2))).id as number;
    ent.c = (await ok(safety, 'POST', '/safety/enterprises', enterprise('碧溪乡福满楼餐馆', tree.townships[1], null))).id as number;
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('follows reporting, rectification and verification through the API, and each figure is its list', async () => {
    await report(ent.a, '2026-07-01', '2026-07-20'); // overdue by 08-03
    await report(ent.a, '2026-07-15', '2026-08-30');
    await report(ent.b, '2026-06-10', '2026-06-30', 'general', 'supervision');
    await report(ent.c, '2026-08-01', '2026-08-10', 'general', 'report');
    await expectFactsCurrent();
    // 一般隐患 rectified and verified: 整改中 → 待验收 → 已销号 (closed after its due date: 逾期销号)
    await act(town1, hz[2]!, 'start', { measures: '清理通道' });
    await act(town1, hz[2]!, 'submit', { rectification: '通道已清理，畅通' });
    await expectFactsCurrent();
    await act(safety, hz[2]!, 'verify', { conclusion: '复查合格，同意销号' });
    await act(town0, hz[1]!, 'start');
    await expectFactsCurrent();
    const facts = await kept(t.database.db);
    expect(facts.find((f) => f.id === hz[2])).toMatchObject({
      state: 'closed',
      closed_on: '2026-08-03',
      due_on: '2026-06-30',
      closed: true,
      closed_late: true,
    });
    expect(facts.find((f) => f.id === hz[1])).toMatchObject({ state: 'rectifying' });
    const county = await expectFigureIsList(safety);
    expect(county.total.counts).toMatchObject({ hazards: 4, closed: 1, overdue: 1, closedLate: 1 });
    await expectFigureIsList(town0);
    await expectFigureIsList(town1);
    await expectFigureIsList(dept);
    await expectLedgerIsSources();
  });

  it('moves the facts with an enterprise that changes township and regulator, closed hazards included', async () => {
    await act(town0, hz[1]!, 'submit', { rectification: '已清理并复查合格' });
    await act(safety, hz[1]!, 'verify', { conclusion: '合格' });
    const { legalRepName: _n, legalRepPhone: _p, ...rest } = enterprise('龙蚕镇永兴五金店', tree.townships[1], dept2);
    await ok(safety, 'PUT', `/safety/enterprises/${ent.a}`, rest);
    await expectFactsCurrent();
    const facts = await kept(t.database.db);
    // the open hazard moved to the new township (owner and 属地); the closed one keeps its owner but is counted under
    // the enterprise's township, as the statistics always grouped it
    expect(facts.find((f) => f.id === hz[0])).toMatchObject({ township_unit_id: tree.townships[1].id, regulator_unit_id: dept2.id });
    expect(facts.find((f) => f.id === hz[1])).toMatchObject({ township_unit_id: tree.townships[1].id, state: 'closed' });
    expect(String(facts.find((f) => f.id === hz[0])!.owner_unit_path)).toBe(tree.townships[1].path);
    await expectFigureIsList(town0);
    const t1 = await expectFigureIsList(town1);
    expect(t1.total.counts.hazards).toBeGreaterThanOrEqual(3);
    await expectLedgerIsSources();
  });

  it('follows hand-made SQL on many rows at once, and a sector moved under another', async () => {
    await report(ent.c, '2026-05-05', '2026-05-25', 'major', 'supervision');
    await sql`update hazards set due_on = due_on + 3 where enterprise_id in (${ent.a}, ${ent.c})`.execute(t.database.db);
    await expectFactsCurrent();
    const other = await t.database.db
      .selectFrom('safety_sectors')
      .select('id')
      .where('parent_id', 'is', null)
      .where('id', '<>', sectorId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const before = await t.database.db.selectFrom('safety_sectors').select('parent_id').where('id', '=', sectorId).executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('safety_sectors')
      .set({ parent_id: Number(other.id) })
      .where('id', '=', sectorId)
      .execute();
    await expectFactsCurrent();
    expect(new Set((await kept(t.database.db)).map((f) => f.sector_key))).toEqual(new Set([Number(other.id)]));
    // the 行业 filter by the 一级 sector now above, and by the 二级 sector itself
    await expectLedgerIsSources();
    expect((await ledgerIds(safety, `sectorId=${Number(other.id)}`)).ids).toHaveLength(hz.length);
    await t.database.db.updateTable('safety_sectors').set({ parent_id: before.parent_id }).where('id', '=', sectorId).execute();
    await expectFactsCurrent();
  });

  it('is left out of a backup and rebuilt by the restore from the restored hazards', async () => {
    const file = path.join(dir, 'hazards.jsonl.gz');
    const actor = { ...SYSTEM_ACTOR, name: '测试' };
    const backup = await writeBackup({ database: t.database, file, dataDir: path.join(dir, 'source'), actor, now: current });
    expect(backup.header.tables.map((x) => x.name)).not.toContain('hazard_facts');
    const target = await openTestDatabase({ migrate: false });
    try {
      const result = await restoreBackup({ database: target, file, dataDir: path.join(dir, 'target'), actor });
      expect(result.rebuilt).toContainEqual({ name: 'hazard_facts', rows: hz.length });
      expect(await kept(target.db)).toEqual(await recomputed(target.db));
      expect(await kept(target.db)).toEqual(await kept(t.database.db));
    } finally {
      await target.close();
    }
  });
});
