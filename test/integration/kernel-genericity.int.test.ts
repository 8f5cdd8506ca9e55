import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../support/login.ts';
import { TEST_BACKEND } from '../support/test-db.ts';
import { DRILL_ACTIONS, DRILL_MODULE } from '../support/drill-module.ts';
import { ensureLegalClock } from '../../src/server/kernel/deadlines/seed-legal-clock.ts';
import { loadConfig } from '../../src/server/core/config.ts';
import { actorOf } from '../../src/server/core/auth/session-user.ts';
import { asStaff, createItem, runAction } from '../../src/server/kernel/actions/index.ts';
import { issueItemDocument } from '../../src/server/kernel/documents/index.ts';
import { kernelJobs } from '../../src/server/kernel/jobs/kernel-jobs.ts';
import { createCatalog } from '../../src/server/kernel/catalog/index.ts';
import { MODULES } from '../../src/server/modules/registry.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every file under `dir` whose text names `words` (the proof that no shared file knows the test module). */
function filesNaming(dir: string, words: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesNaming(p, words));
    else if (/\.(ts|tsx|mjs)$/.test(entry.name) && words.test(fs.readFileSync(p, 'utf8'))) out.push(path.relative(ROOT, p));
  }
  return out;
}

/**
 * The kernel is generic: a module defined only in this test (a descriptor and a three-state machine, in
 * test/support/drill-module.ts) gets 我的待办 with deadlines, the work-item page and its timeline in its own
 * words, reminders, automatic 督办, the audit viewer's names and its own visibility rule on every shared
 * route — and no file under src/ names it.
 */
describe(`a module the kernel has never heard of (${TEST_BACKEND})`, () => {
  let current = new Date('2026-08-03T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let town: LoggedIn;
  let xfj: LoggedIn;
  let admin: LoggedIn;
  let drillId = 0;
  let secretId = 0;
  const get = async (who: LoggedIn, url: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.headers });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> & { items: Record<string, unknown>[] } };
  };
  const signIn = async () => {
    town = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: `drill_town_${TEST_BACKEND}` });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id, username: `drill_xfj_${TEST_BACKEND}` });
    admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id, username: `drill_admin_${TEST_BACKEND}` });
  };
  const act = (who: LoggedIn, id: number, action: string, input: object) =>
    t.database.db
      .transaction()
      .execute((trx) => runAction(trx, DRILL_ACTIONS, { id, action, input, party: asStaff(who.user), actor: actorOf(who.user, null), now: current }));

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current }, modules: [...MODULES, DRILL_MODULE] });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    await signIn();
    const create = (title: string) =>
      t.database.db.transaction().execute((trx) =>
        createItem(trx, {
          module: DRILL_MODULE,
          title,
          state: 'open',
          ownerUnitId: tree.townships[0].id,
          assigneeId: town.user.id,
          actor: actorOf(xfj.user, null),
          now: current,
        }),
      );
    drillId = (await create('防汛应急演练')).id;
    secretId = (await create('【保密】反恐应急演练')).id;
    await act(town, drillId, 'start', { note: '按预案启动' });
  });
  afterAll(async () => t?.close());

  it('shows its items in 我的待办 with their deadlines, in its own words', async () => {
    const { body } = await get(town, '/my/todo?scope=mine');
    const item = body.items.find((i) => i.workItemId === drillId) as {
      moduleName: string;
      stateName: string;
      href: string;
      deadlines: { label: string; dueDate: string }[];
    };
    expect(item).toMatchObject({ moduleName: '演练', stateName: '演练中', href: `/work-items/${drillId}` });
    expect(item.deadlines).toHaveLength(1);
    expect(item.deadlines[0]).toMatchObject({ label: '演练办理期限', dueDate: '2026-10-08' });
  });

  it('opens on the work-item page with a timeline in its own wording and the rule behind the deadline', async () => {
    const { status, body } = await get(town, `/work-items/${drillId}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ moduleName: '演练', stateName: '演练中' });
    const timeline = body.timeline as { label: string; detail: string }[];
    expect(timeline.map((e) => e.label)).toEqual(expect.arrayContaining(['演练登记', '开始演练']));
    expect(timeline.find((e) => e.label === '开始演练')?.detail).toBe('演练于 2026-08-03 开始');
    expect((body.deadlines as { ruleSource: string }[])[0]?.ruleSource).toContain('信访工作条例');
  });

  it('applies its own visibility rule on every shared route', async () => {
    expect((await get(town, `/work-items/${secretId}`)).status).toBe(404);
    expect((await get(town, '/work-items?pageSize=100')).body.items.map((i) => i.id)).not.toContain(secretId);
    expect((await get(town, '/my/todo?scope=mine')).body.items.map((i) => i.workItemId)).not.toContain(secretId);
    expect((await get(xfj, `/work-items/${secretId}`)).status).toBe(200);
    // the runner loads through the same rule: out of sight is out of reach
    await expect(act(town, secretId, 'start', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('has statistics through the kernel mechanism, under the same visibility rule, down to its items', async () => {
    const listed = (await get(xfj, '/stats')).body.modules as unknown as { module: string; title: string; indicators: { name: string }[] }[];
    expect(listed.find((m) => m.module === 'yanlian')).toMatchObject({ title: '演练统计', indicators: [{ name: '完成率' }] });
    const range = 'from=2026-08-01&to=2026-08-31';
    const seenBy = async (who: LoggedIn) => (await get(who, `/stats/yanlian?${range}&groupBy=state`)).body as unknown as StatsBody;
    type StatsBody = {
      rows: { key: string; label: string; counts: Record<string, number> }[];
      total: { counts: Record<string, number>; indicators: { value: number | null }[] };
    };
    const county = await seenBy(xfj);
    expect(county.total.counts.drills).toBe(2);
    expect(county.rows.map((r) => r.label).sort()).toEqual(['待演练', '演练中'].sort());
    // the township does not see the 【保密】 drill: not in the list, not in the numbers, not behind them
    const local = await seenBy(town);
    expect(local.total.counts.drills).toBe(1);
    expect(local.total.indicators[0]!.value).toBe(0);
    const items = (await get(town, `/stats/yanlian/items?${range}&indicator=drills`)).body as unknown as {
      total: number;
      items: { id: number; values: { state: string } }[];
    };
    expect(items.items).toEqual([expect.objectContaining({ id: drillId, values: { state: '演练中' } })]);
    expect((await get(town, `/stats/yanlian?${range}&groupBy=nonsense`)).status).toBe(400);
    expect((await get(town, `/stats/nosuchmodule?${range}`)).status).toBe(404);
  });

  it('imports its Excel ledger through the kernel mechanism: all or nothing, a report per row', async () => {
    const listed = (await get(town, '/imports')).body.items as unknown as { kind: string; moduleName: string }[];
    expect(listed).toContainEqual(expect.objectContaining({ kind: 'yanlian_plan', moduleName: '演练' }));
    const tpl = await t.app.inject({ method: 'GET', url: '/api/v1/imports/yanlian_plan/template.xlsx', headers: town.headers });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('演练计划')!;
    expect(ws.getRow(1).getCell(1).value).toBe('演练名称*');
    const upload = async (titles: string[]) => {
      titles.forEach((title, i) => (ws.getRow(i + 2).getCell(1).value = title));
      const fileBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
      return t.app.inject({ method: 'POST', url: '/api/v1/imports/yanlian_plan', headers: town.headers, payload: { fileBase64 } });
    };
    const bad = (await upload(['地震疏散演练', 'x'])).json() as { imported: number; rows: { row: number; ok: boolean; errors: string[] }[] };
    expect(bad.imported).toBe(0);
    expect(bad.rows.find((r) => r.row === 3)).toMatchObject({ ok: false, errors: ['演练名称：应为 2–100 字'] });
    const good = (await upload(['地震疏散演练', '消防灭火演练'])).json() as { imported: number; rows: { id: number; href: string }[] };
    expect(good.imported).toBe(2);
    expect((await get(town, `/work-items/${good.rows[0]!.id}`)).body.title).toBe('地震疏散演练');
    expect(good.rows[0]!.href).toBe(`/work-items/${good.rows[0]!.id}`);
  });

  it('is reminded and 督办ed automatically when its clock runs out', async () => {
    current = new Date('2026-10-12T02:00:00Z');
    await signIn();
    for (const job of kernelJobs(createCatalog([...MODULES, DRILL_MODULE])))
      await job.run({ slot: 'test' }, { database: t.database, config: loadConfig({}), clock: { now: () => current } });
    const inbox = (await get(town, '/my/notifications')).body.items as { workItemId: number; title: string }[];
    expect(inbox.filter((n) => n.workItemId === drillId).map((n) => n.title)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^【督办】|^【(超期|严重超期)】/)]),
    );
    const sup = (await get(xfj, `/work-items/${drillId}/supervision`)).body as unknown as { notices: { text: string }[] };
    expect(sup.notices).toHaveLength(1);
    expect(sup.notices[0]!.text).toContain('演练办理期限');
    const notices = (await get(xfj, '/supervision/notices?status=all')).body.items as { item: { workItemId: number; moduleName: string; stateName: string } }[];
    expect(notices.find((n) => n.item.workItemId === drillId)?.item).toMatchObject({ moduleName: '演练', stateName: '演练中' });
  });

  it('names its events in the audit viewer and closes in its final state', async () => {
    await act(town, drillId, 'finish', { summary: '全员撤离用时 8 分钟' });
    const events = (await get(admin, `/audit/events?entityType=work_item&entityId=${drillId}&pageSize=50`)).body.items as {
      action: string;
      actionName: string;
      after: { occurredOn?: string };
    }[];
    expect(events.map((e) => e.actionName)).toEqual(expect.arrayContaining(['演练登记', '开始演练', '结束演练']));
    expect(events.find((e) => e.action === 'yanlian.finish')?.after.occurredOn).toBe('2026-10-12');
    const vocabulary = (await get(admin, '/audit/vocabulary')).body as unknown as { actions: { code: string; name: string }[] };
    expect(vocabulary.actions).toEqual(expect.arrayContaining([{ code: 'yanlian.finish', name: '结束演练' }]));
    const detail = (await get(town, `/work-items/${drillId}`)).body;
    expect(detail).toMatchObject({ open: false, stateName: '演练结束' });
    expect((await get(town, '/my/todo?scope=mine')).body.items.map((i) => i.workItemId)).not.toContain(drillId);
  });

  it('issues the documents its descriptor declares, listed under its names and as visible as the item', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/units/${tree.townships[0].id}/document-issuer`,
      headers: admin.headers,
      payload: { prefix: '龙镇', mark: tree.townships[0].name },
    });
    expect(put.statusCode, put.body).toBe(200);
    const def = { ...DRILL_MODULE.documentKinds[0]!, notApplicable: () => null };
    for (const id of [drillId, secretId]) {
      await t.database.db.transaction().execute((trx) =>
        issueItemDocument(trx, {
          item: { id, module: 'yanlian', refNo: 'X' },
          def,
          values: { title: '防汛应急演练', unitName: tree.townships[0].name },
          addressee: '县应急管理局',
          unitId: tree.townships[0].id,
          user: { id: town.user.id, displayName: town.user.displayName },
          actor: actorOf(town.user, null),
          now: current,
        }),
      );
    }
    const listed = (await get(town, `/work-items/${drillId}/documents`)).body.items as { id: number; kindName: string; number: string }[];
    expect(listed).toEqual([expect.objectContaining({ kindName: '演练情况报告', number: '龙镇〔2026〕1号' })]);
    const file = await t.app.inject({ method: 'GET', url: `/api/v1/work-items/${drillId}/documents/${listed[0]!.id}`, headers: town.headers });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    expect((await get(town, `/work-items/${secretId}/documents`)).status).toBe(404);
    expect((await get(xfj, `/work-items/${secretId}/documents`)).body.items).toHaveLength(1);
  });

  it('is named by no file of the application', () => {
    // its code and its own state words; 演练 alone is a real word of 安全生产 (应急预案演练) and may appear in src
    expect(filesNaming(path.join(ROOT, 'src'), /yanlian|待演练|演练结束|开始演练/)).toEqual([]);
  });
});
