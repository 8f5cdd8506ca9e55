import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { kernelJobs } from '../../../kernel/jobs/kernel-jobs.ts';
import { createCatalog } from '../../../kernel/catalog/index.ts';
import { MODULES } from '../../registry.ts';

const overdueSupervisionJob = kernelJobs(createCatalog(MODULES)).find((j) => j.id === 'overdue-supervision')!;
import { loadConfig } from '../../../core/config.ts';

interface View {
  notices: { id: number; issuedByName: string; replyDue: string; text: string; ruleKey: string }[];
}

describe('自动督办: a 督办通知 when a 信访 handling clock goes overdue', () => {
  let current = new Date('2026-08-03T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let dept: TestUnit;
  let xfj: LoggedIn;
  let liaison: LoggedIn;
  let handled = 0; // assigned to dept, accepted 2026-08-05 → 办理期限 due 2026-10-08
  let unrouted = 0; // never routed: 受理/转送/交办 due 2026-08-18, responsible = the 信访局
  let catId = 0;

  const req = (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
  const sweep = () => overdueSupervisionJob.run({ slot: 'test' }, { database: t.database, config: loadConfig(), clock: { now: () => current } });
  const notices = (id: number) => t.database.db.selectFrom('supervision_notices').selectAll().where('work_item_id', '=', id).execute();
  const signIn = async () => {
    xfj = await loginAs(t, { roles: ['xfj_staff'], username: xfj.user.username });
    liaison = await loginAs(t, { roles: ['dept_liaison'], username: liaison.user.username });
  };

  async function register(title: string): Promise<number> {
    const res = await req(xfj, 'POST', '/petitions', {
      channel: 'letter',
      petitioners: [{ name: '李四', address: '龙蚕镇' }],
      matterType: 'appeal',
      categoryId: catId,
      placeUnitId: tree.townships[0].id,
      title,
      content: '原单位未为其足额缴纳社会保险，要求补缴。',
    });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { id: number }).id;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县人社局' });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    liaison = await loginAs(t, { roles: ['dept_liaison'], unitId: dept.id });
    const cats = (await req(xfj, 'GET', '/petition-categories')).json() as { items: { name: string; children: { id: number }[] }[] };
    catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
    handled = await register('社保补缴争议');
    unrouted = await register('工伤认定迟延');
    expect((await req(xfj, 'POST', `/petitions/${handled}/actions/assign`, { leadUnitId: dept.id })).statusCode).toBe(200);
    current = new Date('2026-08-05T02:00:00Z');
    await signIn();
    const accepted = await req(liaison, 'POST', `/petitions/${handled}/actions/accept`, { occurredOn: '2026-08-05' });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });
  afterAll(() => t.close());

  it('issues nothing while the clocks run on time', async () => {
    current = new Date('2026-08-18T02:00:00Z'); // the routing limit's last day: not yet overdue
    expect(await sweep()).toMatchObject({ issued: 0 });
    expect(await notices(unrouted)).toEqual([]);
  });

  it('overdue routing clock → exactly one notice to the 信访局 after two sweeps, audited and reminded', async () => {
    current = new Date('2026-08-19T02:00:00Z');
    expect(await sweep()).toMatchObject({ today: '2026-08-19', issued: 1 });
    expect(await sweep()).toMatchObject({ issued: 0 });
    const rows = await notices(unrouted);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ issued_by: null, level: 'county', rule_key: 'xf.supervise.reply' });
    // 5 working days from Wednesday 2026-08-19
    expect(rows[0]!.reply_due).toBe('2026-08-26');
    const routing = await t.database.db
      .selectFrom('deadlines')
      .select('id')
      .where('work_item_id', '=', unrouted)
      .where('rule_key', '=', 'xf.dept.route')
      .executeTakeFirstOrThrow();
    expect(Number(rows[0]!.deadline_id)).toBe(Number(routing.id));
    const reminders = await t.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('work_item_id', '=', unrouted)
      .where('kind', '=', 'supervision.notice')
      .execute();
    expect(reminders.map((r) => Number(r.unit_id))).toEqual([tree.department.id]);
    const audits = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'supervision.notice')
      .where('entity_id', '=', String(unrouted))
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor_name).toBe('系统');
    // the handled case is not overdue (its routing clock stopped at 交办, its handling clock runs)
    expect(await notices(handled)).toEqual([]);
    await signIn();
    const view = (await req(xfj, 'GET', `/work-items/${unrouted}/supervision`)).json() as View;
    expect(view.notices.map((n) => n.issuedByName)).toEqual(['系统']);
  });

  it('overdue handling clock → one notice to the lead unit, which can answer it', async () => {
    current = new Date('2026-10-09T02:00:00Z');
    await Promise.all([sweep(), sweep()]); // two instances at once
    await sweep();
    const rows = await notices(handled);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toContain('办理期限');
    expect(rows[0]!.text).toContain('2026-10-08');
    const reminders = await t.database.db
      .selectFrom('notifications')
      .select('unit_id')
      .where('work_item_id', '=', handled)
      .where('kind', '=', 'supervision.notice')
      .execute();
    expect(reminders.map((r) => Number(r.unit_id))).toEqual([dept.id]);
    expect(await notices(unrouted)).toHaveLength(1);
    await signIn();
    const reply = await req(liaison, 'POST', `/work-items/${handled}/supervision/notices/${Number(rows[0]!.id)}/reply`, {
      text: '已约谈原单位，补缴手续办理中。',
    });
    expect(reply.statusCode, reply.body).toBe(200);
  });
});
