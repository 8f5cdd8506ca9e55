import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { fixedClock } from '../../../core/clock/clock.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { extendDeadline, pauseDeadline, resumeDeadline, startDeadline } from '../../../kernel/deadlines/index.ts';
import { changeRule } from '../../../kernel/deadlines/legal-clock-changes.ts';

interface Entry {
  kind: string;
  label: string;
  detail: string;
  actorName: string;
  deadlineId: number | null;
  approverName: string | null;
  amount: number | null;
  reason: string | null;
  at: string;
}

describe('事项详情 GET /work-items/:id', () => {
  let t: TestApp;
  let tree: TestUnitTree;
  let town: LoggedIn;
  let actor: Actor;
  let approverId: number;
  let itemId: number;
  let otherItemId: number;
  let pausedId: number;
  let extendedId: number;

  async function insertItem(owner: TestUnit, refNo: string, extra: { assigneeId?: number; leaderId?: number } = {}) {
    return t.database.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('work_items')
        .values({
          module: 'petition',
          ref_no: refNo,
          title: `事项${refNo}`,
          state: 'handling',
          owner_unit_id: owner.id,
          owner_unit_path: owner.path,
          assignee_id: extra.assigneeId ?? null,
          leader_id: extra.leaderId ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, actor, { action: 'work_item.create', entityType: 'work_item', entityId: id, after: { refNo, state: 'handling' } });
      return Number(id);
    });
  }

  beforeAll(async () => {
    // "today" (Asia/Shanghai) is 2026-10-12
    t = await createTestApp({ clock: fixedClock('2026-10-12T02:00:00Z') });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    town = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    actor = { userId: town.user.id, name: town.user.displayName, unitId: town.user.unitId, ip: '127.0.0.1' };
    const db = t.database.db;
    approverId = Number(
      (
        await db
          .insertInto('users')
          .values({ username: 'approver_zhang', display_name: '张局长', unit_id: tree.townships[0].id, roles: ['township_staff'], password_hash: 'x' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const leaderId = Number(
      (
        await db
          .insertInto('leaders')
          .values({ name: '李明', title: '副县长', unit_id: tree.county.id, portfolio: [], oversees_unit_ids: [] })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    itemId = await insertItem(tree.villages[0][0], 'XF-T-1', { assigneeId: town.user.id, leaderId });
    otherItemId = await insertItem(tree.townships[1], 'XF-T-2');

    const paused = await db
      .transaction()
      .execute((trx) =>
        startDeadline(trx, { workItemId: itemId, ruleKey: 'xf.handle', label: '办理期限', startedAt: new Date('2026-08-05T01:30:00Z'), actor }),
      );
    pausedId = paused.id;
    const extended = await db
      .transaction()
      .execute((trx) =>
        startDeadline(trx, { workItemId: itemId, ruleKey: 'xf.handle', label: '复核办理期限', startedAt: new Date('2026-08-06T01:30:00Z'), actor }),
      );
    extendedId = extended.id;
    await db.transaction().execute((trx) => pauseDeadline(trx, { deadlineId: pausedId, at: new Date('2026-08-10T02:00:00Z'), reason: '组织听证', actor }));
    await db.transaction().execute((trx) => resumeDeadline(trx, { deadlineId: pausedId, at: new Date('2026-08-20T02:00:00Z'), actor }));
    await db.transaction().execute((trx) =>
      extendDeadline(trx, {
        deadlineId: extendedId,
        amount: 30,
        reason: '情况复杂，经负责人批准延期',
        approvedBy: approverId,
        actor,
        at: new Date('2026-08-25T02:00:00Z'),
      }),
    );
  });
  afterAll(async () => t?.close());

  const getDetail = (who: LoggedIn | null, id: number) => t.app.inject({ method: 'GET', url: `/api/v1/work-items/${id}`, headers: who?.headers ?? {} });

  it('shows the item, its responsibility and each deadline with the rule and legal source that produced it', async () => {
    const res = await getDetail(town, itemId);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      id: itemId,
      module: 'petition',
      moduleName: '信访',
      refNo: 'XF-T-1',
      state: 'handling',
      open: true,
      ownerUnit: { id: tree.villages[0][0].id, name: tree.villages[0][0].name },
      assignee: { id: town.user.id, name: town.user.displayName },
      leader: { name: '李明', title: '副县长' },
    });
    const [a, b] = body.deadlines;
    // 60 days from 08-05 plus 10 paused days = 10-14: two days ahead of "today" 10-12 → 临期
    expect(a).toMatchObject({
      id: pausedId,
      label: '办理期限',
      ruleKey: 'xf.handle',
      ruleName: '办理期限',
      ruleAmount: 60,
      ruleUnit: 'calendar_days',
      startDate: '2026-08-05',
      dueDate: '2026-10-14',
      status: 'running',
      statusName: '计时中',
      provisional: false,
      missingYears: [],
      warningLevel: 'approaching',
    });
    expect(a.ruleSource).toContain('《信访工作条例》');
    expect(a.explanation).toContain('暂停');
    // extended by 30 days: well beyond "today"
    expect(b).toMatchObject({ id: extendedId, startDate: '2026-08-06', warningLevel: 'normal' });
    expect(b.dueDate > '2026-11-01').toBe(true);
    expect(b.explanation).toContain('经批准延长30日');
  });

  it('has a timeline of the clock events in order, with amount, reason and approver', async () => {
    const body = (await getDetail(town, itemId)).json();
    const timeline = body.timeline as Entry[];
    const clock = timeline.filter((e) => e.kind.startsWith('deadline.'));
    expect(clock.map((e) => [e.kind, e.deadlineId])).toEqual([
      ['deadline.start', pausedId],
      ['deadline.start', extendedId],
      ['deadline.pause', pausedId],
      ['deadline.resume', pausedId],
      ['deadline.extend', extendedId],
    ]);
    expect(clock.map((e) => e.label)).toEqual(['开始计时', '开始计时', '暂停计时', '恢复计时', '延长期限']);
    expect(clock[0]!.detail).toContain('《信访工作条例》');
    expect(clock[0]!.detail).toContain('2026-08-05');
    expect(clock[2]).toMatchObject({ reason: '组织听证', actorName: town.user.displayName, at: '2026-08-10T02:00:00.000Z' });
    expect(clock[4]).toMatchObject({ approverName: '张局长', amount: 30, reason: '情况复杂，经负责人批准延期', actorName: town.user.displayName });
    expect(clock[4]!.detail).toContain('经张局长批准延长30日');
    // the item's own audit events are merged in; the other item's are not
    const created = timeline.filter((e) => e.kind === 'work_item.create');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ label: '登记', actorName: town.user.displayName });
    // each entry is listed once: a clock event and its audit event are one entry
    expect(timeline).toHaveLength(6);
  });

  it('shows the recomputation after a rule change in the timeline of each deadline it moved', async () => {
    await changeRule(t.database.db, { key: 'xf.handle', amount: 61, unit: 'calendar_days', source: '《信访工作条例》第三十四条', actor });
    const body = (await getDetail(town, itemId)).json();
    const recompute = (body.timeline as Entry[]).filter((e) => e.kind === 'deadline.recompute');
    expect(recompute).toHaveLength(1);
    expect(recompute[0]!.label).toBe('期限重新计算');
    expect(recompute[0]!.detail).toContain('办理期限：到期日 2026-10-14 →');
    expect(recompute[0]!.detail).toContain('复核办理期限：到期日');
    expect(recompute[0]!.reason).toContain('xf.handle');
    // the other item has no deadlines, so the recomputation is not part of its timeline
    const xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    const other = (await getDetail(xfj, otherItemId)).json();
    expect((other.timeline as Entry[]).map((e) => e.kind)).toEqual(['work_item.create']);
  });

  it('tells the console today and the back-dating window (GET /settings/business-date); anonymous is 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/settings/business-date', headers: town.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ today: '2026-10-12', backdateWindowDays: 30 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/settings/business-date' })).statusCode).toBe(401);
  });

  it('an item outside the data scope is not found, exactly like a missing one; anonymous is 401', async () => {
    const outside = await getDetail(town, otherItemId);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error).toBe('NOT_FOUND');
    const village = await loginAs(t, { roles: ['village_staff'], unitId: tree.villages[0][1].id });
    expect((await getDetail(village, itemId)).statusCode).toBe(404); // sibling village
    expect((await getDetail(town, 987654321)).json().error).toBe('NOT_FOUND');
    const anon = await getDetail(null, itemId);
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error).toBe('UNAUTHENTICATED');
    const bad = await getDetail(town, 0);
    expect(bad.statusCode).toBe(400);
  });
});

describe('事项列表 GET /work-items', () => {
  let t: TestApp;
  let tree: TestUnitTree;

  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-10-12T02:00:00Z') });
    tree = await createUnitTree(t);
    const rows = [
      { module: 'petition', ref_no: 'XF-L-1', title: '道路积水问题', owner: tree.villages[0][0], open: true },
      { module: 'hazard', ref_no: 'YH-L-2', title: '仓库消防通道堵塞', owner: tree.townships[0], open: true },
      { module: 'petition', ref_no: 'XF-L-3', title: '已办结的来信_100%', owner: tree.townships[0], open: false },
      { module: 'petition', ref_no: 'XF-L-4', title: '另一乡镇的事项', owner: tree.townships[1], open: true },
    ];
    for (const r of rows) {
      await t.database.db
        .insertInto('work_items')
        .values({
          module: r.module,
          ref_no: r.ref_no,
          title: r.title,
          state: 'handling',
          open: r.open,
          owner_unit_id: r.owner.id,
          owner_unit_path: r.owner.path,
        })
        .execute();
    }
  });
  afterAll(async () => t?.close());

  it('lists only the scope, filters by module, text and open, and pages', async () => {
    const town = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    const list = async (qs: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/work-items?${qs}`, headers: town.headers });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { refNo: string; moduleName: string }[]; total: number };
      return { refs: body.items.map((i) => i.refNo).sort(), total: body.total, items: body.items };
    };
    expect(await list('')).toMatchObject({ refs: ['XF-L-1', 'XF-L-3', 'YH-L-2'], total: 3 });
    expect((await list('module=hazard')).items).toMatchObject([{ refNo: 'YH-L-2', moduleName: '安全隐患' }]);
    expect((await list('open=true')).refs).toEqual(['XF-L-1', 'YH-L-2']);
    expect((await list('q=积水')).refs).toEqual(['XF-L-1']);
    expect((await list('q=yh-l')).refs).toEqual(['YH-L-2']);
    expect((await list('q=_100%25')).refs).toEqual(['XF-L-3']); // wildcards match literally
    expect((await list('q=1%25')).refs).toEqual([]); // as a wildcard it would match XF-L-1 and XF-L-3
    expect((await list('q=0%25')).refs).toEqual(['XF-L-3']);
    const page = await list('pageSize=2&page=2');
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(3);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/work-items?open=maybe', headers: town.headers })).json().data.field).toBe('open');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/work-items' })).statusCode).toBe(401);
  });
});
