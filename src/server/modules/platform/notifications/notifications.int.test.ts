import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../test/support/login.ts';

interface Item {
  id: number;
  title: string;
  level: string | null;
  forUnit: boolean;
  workItemRefNo: string | null;
  workItemTitle: string | null;
  read: boolean;
}
interface InboxPage {
  items: Item[];
  total: number;
  unread: number;
}

describe('reminders inbox API', () => {
  let t: TestApp;
  let tree: TestUnitTree;
  let alice: LoggedIn; // township 1 staff
  let bob: LoggedIn; // township 1 staff, same unit as alice
  let carol: LoggedIn; // township 2 staff
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createUnitTree(t);
    const [t1, t2] = tree.townships;
    alice = await loginAs(t, { roles: ['township_staff'], unitId: t1.id });
    bob = await loginAs(t, { roles: ['township_staff'], unitId: t1.id });
    carol = await loginAs(t, { roles: ['township_staff'], unitId: t2.id });
    const db = t.database.db;
    const { id: workItemId } = await db
      .insertInto('work_items')
      .values({
        module: 'xf',
        ref_no: 'XF-2026-0001',
        title: '反映道路破损',
        state: 'handling',
        owner_unit_id: t1.id,
        owner_unit_path: t1.path,
        assignee_id: alice.user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const add = async (
      key: string,
      v: { user_id?: number | null; unit_id?: number | null; level?: 'approaching' | 'overdue' | 'severe'; at: string; work?: boolean },
    ) => {
      const row = await db
        .insertInto('notifications')
        .values({
          user_id: v.user_id ?? null,
          unit_id: v.unit_id ?? null,
          kind: 'deadline.warning',
          title: `【提醒】${key}`,
          body: `${key} 的正文`,
          level: v.level ?? null,
          work_item_id: v.work ? Number(workItemId) : null,
          created_at: v.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[key] = Number(row.id);
    };
    await add('alice-personal', { user_id: alice.user.id, unit_id: t1.id, level: 'approaching', at: '2026-08-01T01:00:00Z', work: true });
    await add('t1-unit', { unit_id: t1.id, level: 'overdue', at: '2026-08-02T01:00:00Z' });
    await add('bob-personal', { user_id: bob.user.id, level: 'severe', at: '2026-08-03T01:00:00Z' });
    await add('t2-unit', { unit_id: tree.townships[1].id, at: '2026-08-04T01:00:00Z' });
    // a reminder for the county does not reach a township below it (own unit only)
    await add('county-unit', { unit_id: tree.county.id, at: '2026-08-05T01:00:00Z' });
  });
  afterAll(() => t?.close());

  const inbox = async (who: LoggedIn, query = '') => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/my/notifications${query}`, headers: who.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as InboxPage;
  };
  const unreadCount = async (who: LoggedIn) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/my/notifications/unread-count', headers: who.headers });
    expect(res.statusCode).toBe(200);
    return (res.json() as { unread: number }).unread;
  };
  const read = (who: LoggedIn, id: number) => t.app.inject({ method: 'POST', url: `/api/v1/my/notifications/${id}/read`, headers: who.headers });

  it('shows each user their own and their unit’s reminders only, newest first, with the work item', async () => {
    const a = await inbox(alice);
    expect(a.items.map((i) => i.title)).toEqual(['【提醒】t1-unit', '【提醒】alice-personal']);
    expect(a).toMatchObject({ total: 2, unread: 2 });
    expect(a.items[1]).toMatchObject({ forUnit: false, level: 'approaching', workItemRefNo: 'XF-2026-0001', workItemTitle: '反映道路破损', read: false });
    expect(a.items[0]).toMatchObject({ forUnit: true, workItemRefNo: null });
    // the sweep addresses an item's reminder to its assignee AND its unit: colleagues see it as a unit reminder
    const b = await inbox(bob);
    expect(b.items.map((i) => i.title)).toEqual(['【提醒】bob-personal', '【提醒】t1-unit', '【提醒】alice-personal']);
    expect(b.items.map((i) => i.forUnit)).toEqual([false, true, true]);
    expect((await inbox(carol)).items.map((i) => i.title)).toEqual(['【提醒】t2-unit']);
    expect(await unreadCount(alice)).toBe(2);
    expect(await unreadCount(carol)).toBe(1);
  });

  it('answers 404 for another user’s or another unit’s reminder and changes nothing', async () => {
    for (const key of ['t2-unit', 'bob-personal', 'county-unit']) {
      const res = await read(alice, ids[key]!);
      expect(res.statusCode, key).toBe(404);
      expect(res.json()).toMatchObject({ error: 'NOT_FOUND' });
    }
    expect(await unreadCount(carol)).toBe(1);
    expect(await unreadCount(bob)).toBe(3);
    expect((await read(alice, 99_999_999)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/my/notifications/${ids['t1-unit']}/read` })).statusCode).toBe(401);
  });

  it('marks one read (a unit reminder for the whole unit), audited once, and filters by read state', async () => {
    const res = await read(alice, ids['t1-unit']!);
    expect(res.statusCode, res.body).toBe(200);
    expect(await unreadCount(alice)).toBe(1);
    // bob shares the unit: the unit reminder is read for him too; his personal one is not
    expect(await unreadCount(bob)).toBe(2);
    const bobUnread = await inbox(bob, '?unread=true');
    expect(bobUnread.items.map((i) => i.title)).toEqual(['【提醒】bob-personal', '【提醒】alice-personal']);
    expect((await inbox(bob, '?unread=false')).items.map((i) => i.title)).toEqual(['【提醒】t1-unit']);
    // reading again changes nothing and writes no second audit event
    expect((await read(bob, ids['t1-unit']!)).statusCode).toBe(200);
    const audits = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'notification.read')
      .where('entity_id', '=', String(ids['t1-unit']))
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor_id).toBe(alice.user.id);
  });

  it('marks all of mine read, leaving other units untouched', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/my/notifications/read-all', headers: bob.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ marked: 2 });
    expect(await unreadCount(bob)).toBe(0);
    expect(await unreadCount(alice)).toBe(0); // the unit-addressed reminder of alice's item was read by her colleague
    expect(await unreadCount(carol)).toBe(1);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/my/notifications/read-all', headers: bob.headers });
    expect(again.json()).toEqual({ marked: 0 });
    const bobAll = await inbox(bob);
    expect(bobAll).toMatchObject({ total: 3, unread: 0 });
    expect(bobAll.items.every((i) => i.read)).toBe(true);
  });

  it('pages the list', async () => {
    const p1 = await inbox(bob, '?page=1&pageSize=1');
    const p2 = await inbox(bob, '?page=2&pageSize=1');
    expect(p1.total).toBe(3);
    expect([p1.items[0]!.title, p2.items[0]!.title]).toEqual(['【提醒】bob-personal', '【提醒】t1-unit']);
  });
});
