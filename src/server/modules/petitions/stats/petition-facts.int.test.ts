import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { startDeadlines } from '../../../kernel/deadlines/index.ts';

/**
 * petition_facts (migration 0010) is kept by triggers; the statistics and the overdue list read it. These
 * tests drive petitions through the real HTTP actions and check (1) every fact row equals the definition
 * recomputed from the source tables, (2) the overdue list equals "a running clock past due" computed from
 * deadlines, under the visibility rule (scope; 检举控告 hidden from the accused unit).
 */
describe('petition_facts stay equal to their sources; the overdue list reads them', () => {
  let current = new Date('2026-03-02T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let dept: TestUnit;
  let xfj: LoggedIn;
  let liaison: LoggedIn;
  let catId: number;
  const ids: Record<string, number> = {};
  const at = async (day: string) => {
    current = new Date(`${day}T02:00:00Z`);
    xfj = await loginAs(t, { roles: ['xfj_staff'], username: xfj.user.username });
    liaison = await loginAs(t, { roles: ['dept_liaison'], username: liaison.user.username });
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县住建局' });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    liaison = await loginAs(t, { roles: ['dept_liaison'], unitId: dept.id });
    const cats = (await t.app.inject({ method: 'GET', url: '/api/v1/petition-categories', headers: xfj.headers })).json() as {
      items: { id: number; name: string; children: { id: number }[] }[];
    };
    catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
  });
  afterAll(() => t.close());

  const register = async (name: string, extra: Record<string, unknown> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/petitions',
      headers: xfj.headers,
      payload: {
        channel: 'letter',
        petitioners: [{ name: '李四' }, { name: '周五' }],
        matterType: 'appeal',
        categoryId: catId,
        placeUnitId: tree.townships[0].id,
        title: '拖欠工资问题',
        content: '某工地拖欠农民工工资，多次讨要未果。',
        ...extra,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    ids[name] = res.json().id;
  };
  const act = async (name: string, action: string, payload: Record<string, unknown> = {}) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/petitions/${ids[name]}/actions/${action}`, headers: xfj.headers, payload });
    expect(res.statusCode, res.body).toBe(200);
  };
  const reply = { outcome: 'support', facts: '经调查情况属实，已督促解决。', legalBasis: '《保障农民工工资支付条例》' };

  /** The definition of every fact, straight from the source tables (what facts-sql.ts computed per query before 0010). */
  const expectFactsEqualSources = async () => {
    const cols = sql`id, stage, case_no, received_at, channel, category_id, place_unit_id, level_key, law_related, is_repeat, unit_key, persons,
      owner_unit_path, accused_unit_path, route_due, route_status, route_done, handle_due, reply_date, eval_due, eval_result, running_due`;
    const fromSources = await sql<Record<string, unknown>>`
      select ${cols} from (select p.id, p.stage, p.case_no, p.received_at, p.channel, p.category_id, p.place_unit_id,
        case when p.channel = 'upper' then coalesce(p.upper_ref->>'level', 'county') else 'county' end as level_key, p.law_related, p.is_repeat,
        coalesce((select cp.unit_id from case_parties cp where cp.work_item_id = p.id and cp.role = 'lead' and cp.active order by cp.id desc limit 1), wi.owner_unit_id) as unit_key,
        case when p.visit is not null and (p.visit->>'persons') is not null then (p.visit->>'persons')::int
             else greatest((select count(*)::int from petitioners pe where pe.petition_id = p.id), 1) end as persons,
        wi.owner_unit_path, p.accused_unit_path,
        (select d.due_date from deadlines d where d.work_item_id = p.id and d.rule_key = 'xf.dept.route' order by d.id desc limit 1) as route_due,
        (select d.status from deadlines d where d.work_item_id = p.id and d.rule_key = 'xf.dept.route' order by d.id desc limit 1) as route_status,
        (select (d.stopped_at at time zone 'Asia/Shanghai')::date from deadlines d where d.work_item_id = p.id and d.rule_key = 'xf.dept.route' order by d.id desc limit 1) as route_done,
        (select d.due_date from deadlines d where d.work_item_id = p.id and d.rule_key = 'xf.handle' order by d.id desc limit 1) as handle_due,
        (p.decisions->'reply'->>'date')::date as reply_date,
        (select d.due_date from deadlines d where d.work_item_id = p.id and d.rule_key = 'xf.eval.window' order by d.id desc limit 1) as eval_due,
        p.decisions->'evaluation'->>'result' as eval_result,
        (select min(d.due_date) from deadlines d where d.work_item_id = p.id and d.status = 'running') as running_due
      from petitions p join work_items wi on wi.id = p.id) s order by id`.execute(t.database.db);
    const facts = await sql<Record<string, unknown>>`select ${cols} from petition_facts order by id`.execute(t.database.db);
    expect(fromSources.rows.length).toBeGreaterThan(0);
    expect(facts.rows).toEqual(fromSources.rows);
  };

  /** "a running clock past due", visible to `who`, computed without petition_facts. */
  const overdueFromDeadlines = async (who: LoggedIn) => {
    const all = await sql<{ id: number }>`select distinct d.work_item_id as id from deadlines d join petitions p on p.id = d.work_item_id
      where d.status = 'running' and d.due_date < ${current.toISOString().slice(0, 10)}::date order by 1`.execute(t.database.db);
    const visible: number[] = [];
    for (const r of all.rows)
      if ((await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${r.id}`, headers: who.headers })).statusCode === 200) visible.push(Number(r.id));
    return visible.sort((a, b) => a - b);
  };
  const list = async (query: string, who: LoggedIn) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/petitions?${query}`, headers: who.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number; items: { id: number; receivedAt: string; warningLevel: string; nearestDue: string | null }[] };
  };

  it('facts follow registration, routing, assignment, reply, delivery and evaluation', async () => {
    await register('A', { channel: 'visit', visit: { persons: 6 }, petitioners: [{ name: '王五', phone: '13900139000' }] });
    await register('B');
    await register('C', { channel: 'upper', upper: { level: 'city', refNo: 'SJ-1', dueDate: '2026-04-01' } });
    await register('D', { matterType: 'accusation', accusedUnitId: dept.id, title: '举报住建局干部', content: '反映某干部收受红包的问题线索。' });
    await register('E', { channel: 'phone' });
    await expectFactsEqualSources();
    await at('2026-03-04');
    await act('A', 'accept');
    await act('B', 'assign', { leadUnitId: dept.id });
    await act('D', 'assign', { leadUnitId: tree.townships[1].id }); // never the accused unit (条例第三十条)
    await expectFactsEqualSources();
    await at('2026-03-10');
    await act('A', 'reply', reply);
    await act('A', 'deliver');
    await at('2026-03-12');
    await act('A', 'evaluate', { result: 'satisfied' });
    await expectFactsEqualSources();
  });

  it('the overdue list equals "a running clock past due" under the visibility rule, with the same order and totals', async () => {
    await at('2026-08-20'); // C and E were never routed (15-day limit); B and D were assigned long ago (handling limit passed)
    const expectedXfj = await overdueFromDeadlines(xfj);
    expect(expectedXfj.length).toBeGreaterThanOrEqual(3);
    const all = await list('overdue=true&page=1&pageSize=50', xfj);
    expect(all.total).toBe(expectedXfj.length);
    expect(all.items.map((i) => i.id).sort((a, b) => a - b)).toEqual(expectedXfj);
    expect(all.items.every((i) => i.nearestDue !== null && i.nearestDue < '2026-08-20')).toBe(true);
    // newest first by default, and pages of 2 walk the same order
    const receivedDesc = [...all.items].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.id - a.id).map((i) => i.id);
    expect(all.items.map((i) => i.id)).toEqual(receivedDesc);
    const p1 = await list('overdue=true&page=1&pageSize=2', xfj);
    const p2 = await list('overdue=true&page=2&pageSize=2', xfj);
    expect(p1.total).toBe(expectedXfj.length);
    expect([...p1.items, ...p2.items].map((i) => i.id)).toEqual(receivedDesc.slice(0, 4));
    const asc = await list('overdue=true&page=1&pageSize=50&sort=receivedAt', xfj);
    expect(asc.items.map((i) => i.id)).toEqual([...receivedDesc].reverse());
    // with another filter (the general query) the same rule holds
    const phone = await list('overdue=true&channel=phone&page=1&pageSize=50', xfj);
    expect(phone.items.map((i) => i.id)).toEqual([ids.E]);

    // the accused unit's liaison: B (their case) is overdue and listed, D (检举控告 against them) is not
    const expectedLiaison = await overdueFromDeadlines(liaison);
    expect(expectedLiaison).toContain(ids.B);
    expect(expectedLiaison).not.toContain(ids.D);
    const theirs = await list('overdue=true&page=1&pageSize=50', liaison);
    expect(theirs.total).toBe(expectedLiaison.length);
    expect(theirs.items.map((i) => i.id).sort((a, b) => a - b)).toEqual(expectedLiaison);
  });

  it('a clock stopped by an action leaves the overdue list; facts still equal their sources', async () => {
    await act('E', 'accept');
    const after = await list('overdue=true&page=1&pageSize=50', xfj);
    expect(after.items.map((i) => i.id)).not.toContain(ids.E);
    expect(after.total).toBe((await overdueFromDeadlines(xfj)).length);
    await expectFactsEqualSources();
  });

  it('registrations that arrive together (one statement writes the whole cases, facts refreshed once) still equal their sources', async () => {
    await Promise.all(
      ['G1', 'G2', 'G3', 'G4', 'G5', 'G6'].map((name, i) =>
        register(name, i % 2 ? { petitioners: [{ name: '吴七' }] } : { channel: 'visit', visit: { persons: 6, representatives: [] } }),
      ),
    );
    await expectFactsEqualSources();
  });

  it('the whole-cases mark of one statement never skips the next statement of the same transaction', async () => {
    const before = await t.database.db.selectFrom('petition_facts').select('running_due').where('id', '=', ids.G1!).executeTakeFirstOrThrow();
    await t.database.db.transaction().execute(async (trx) => {
      // a statement marks itself as writing whole cases (as a registration does) …
      await sql`SELECT set_config('anwen.facts_whole_cases', statement_timestamp()::text, true)`.execute(trx);
      // … and a later statement starts a clock due earlier than any running one: its trigger must refresh the facts
      await startDeadlines(trx, [
        {
          workItemId: ids.G1!,
          ruleKey: 'xf.dept.route',
          label: '测试时限',
          startedAt: '2026-01-05',
          actor: { userId: null, name: '测试', unitId: null, ip: null },
        },
      ]);
    });
    const after = await t.database.db.selectFrom('petition_facts').select('running_due').where('id', '=', ids.G1!).executeTakeFirstOrThrow();
    expect(after.running_due).not.toEqual(before.running_due);
    await expectFactsEqualSources();
  });
});
