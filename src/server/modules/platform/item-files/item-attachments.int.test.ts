import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { storeAttachment } from '../../../core/files/attachment-store.ts';
import { recordUpload } from '../../../core/files/uploads.ts';
import { attachUploadsToItem } from '../../../kernel/attachments/index.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('attachments of any work item: GET /work-items/:id/attachments (+ download), visible as the item is', () => {
  let t: TestApp;
  let tree: TestUnitTree;
  let dept: TestUnit;
  let xfj: LoggedIn;
  let liaison: LoggedIn;
  let otherTown: LoggedIn;
  let catId = 0;
  let ordinary = 0;
  let accusation = 0;
  let hazard = 0;
  const now = new Date('2026-08-05T02:00:00Z');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anwen-item-files-'));

  const get = (who: LoggedIn, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.headers });
  const register = async (body: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/petitions',
      headers: xfj.headers,
      payload: {
        channel: 'letter',
        petitioners: [{ name: '王小明', idNumber: '11010519491231002X', phone: '13800138000' }],
        matterType: 'appeal',
        categoryId: catId,
        placeUnitId: tree.townships[0].id,
        title: '拖欠工资',
        content: '拖欠工资，请求依法处理。',
        ...body,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { id: number }).id;
  };
  const assignToDept = async (id: number) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/petitions/${id}/actions/assign`, headers: xfj.headers, payload: { leadUnitId: dept.id } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const attach = async (workItemId: number, name: string) => {
    const stored = await storeAttachment(dataDir, PNG);
    const token = await recordUpload(t.database.db, { ...stored, type: 'image/png', name, now });
    return attachUploadsToItem(t.database.db, { workItemId, tokens: [token], actor: { userId: null, name: '网上信访人', unitId: null, ip: '127.0.0.1' }, now });
  };
  const listed = async (who: LoggedIn, id: number) =>
    (await get(who, `/work-items/${id}/attachments`)).json() as { items: { id: number; name: string; type: string; size: number }[] };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now }, config: { dataDir } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县人社局' });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    liaison = await loginAs(t, { roles: ['dept_liaison'], unitId: dept.id });
    otherTown = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    const cats = (await get(xfj, '/petition-categories')).json() as { items: { name: string; children: { id: number }[] }[] };
    catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;

    // the same unit leads both cases; only the second accuses it
    ordinary = await register({});
    await assignToDept(ordinary);
    accusation = await register({ matterType: 'accusation', accusedUnitId: dept.id, title: '反映县人社局工作人员违规' });
    // 交办 to the accused is refused (条例第三十条); a party row from before the rule is inserted by hand
    await t.database.db
      .insertInto('case_parties')
      .values({ work_item_id: accusation, role: 'lead', unit_id: dept.id, unit_path: dept.path, assigned_at: now })
      .execute();
    // an item of another module: the kernel's check covers it as well
    const item = await t.database.db
      .insertInto('work_items')
      .values({
        module: 'hazard',
        ref_no: 'YH-2026-000001',
        title: '仓库消防通道堵塞',
        state: 'open',
        owner_unit_id: tree.department.id,
        owner_unit_path: `${tree.county.path}${tree.department.id}/`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    hazard = Number(item.id);

    expect(await attach(ordinary, '工资条.png')).toBe(1);
    expect(await attach(accusation, '举报材料.png')).toBe(1);
    expect(await attach(hazard, '现场照片.png')).toBe(1);
  });
  afterAll(() => t.close());

  it('lists and downloads an item’s attachments for a user who sees the item, and audits the attaching as item.attachments', async () => {
    const list = await listed(xfj, ordinary);
    expect(list.items).toEqual([expect.objectContaining({ name: '工资条.png', type: 'image/png', size: PNG.length })]);
    expect(list.items[0]).not.toHaveProperty('sha256');
    const dl = await get(xfj, `/work-items/${ordinary}/attachments/${list.items[0]!.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['cache-control']).toBe('private, no-store');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="attachment-${list.items[0]!.id}.png"; filename*=UTF-8''${encodeURIComponent('工资条.png')}`,
    );
    expect(dl.rawPayload.equals(PNG)).toBe(true);

    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['entity_type', 'entity_id'])
      .where('action', '=', 'item.attachments')
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([String(ordinary), String(accusation), String(hazard)].map((id) => ({ entity_type: 'work_item', entity_id: id })));
    const rows = await t.database.db.selectFrom('item_attachments').select('work_item_id').orderBy('id').execute();
    expect(rows.map((r) => Number(r.work_item_id))).toEqual([ordinary, accusation, hazard]);

    // the 信访 paths the console uses answer the same
    expect((await get(xfj, `/petitions/${ordinary}/attachments`)).json()).toEqual(list);
    expect((await get(xfj, `/petition-attachments/${list.items[0]!.id}`)).rawPayload.equals(PNG)).toBe(true);
  });

  it('works for an item of any module', async () => {
    const list = await listed(xfj, hazard);
    expect(list.items.map((a) => a.name)).toEqual(['现场照片.png']);
    expect((await get(xfj, `/work-items/${hazard}/attachments/${list.items[0]!.id}`)).statusCode).toBe(200);
    // but a 信访 path does not serve another module's item
    expect((await get(xfj, `/petitions/${hazard}/attachments`)).statusCode).toBe(404);
  });

  it('answers 404 when the item is out of scope, absent, or not the attachment’s item', async () => {
    const id = (await listed(xfj, ordinary)).items[0]!.id;
    expect((await get(otherTown, `/work-items/${ordinary}/attachments`)).statusCode).toBe(404);
    expect((await get(otherTown, `/work-items/${ordinary}/attachments/${id}`)).statusCode).toBe(404);
    expect((await get(otherTown, `/petition-attachments/${id}`)).statusCode).toBe(404);
    expect((await get(otherTown, `/work-items/${hazard}/attachments`)).statusCode).toBe(404);
    expect((await get(xfj, '/work-items/999999/attachments')).statusCode).toBe(404);
    expect((await get(xfj, `/work-items/${ordinary}/attachments/999999`)).statusCode).toBe(404);
    // an attachment asked for under another item (both visible) is not served
    expect((await get(xfj, `/work-items/${hazard}/attachments/${id}`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/work-items/${ordinary}/attachments` })).statusCode).toBe(401);
  });

  it('hides a 检举控告’s attachments from the accused unit even when it leads the case (404), as it does the case', async () => {
    // the lead unit sees its ordinary case's attachments …
    const own = await listed(liaison, ordinary);
    expect(own.items.map((a) => a.name)).toEqual(['工资条.png']);
    expect((await get(liaison, `/work-items/${ordinary}/attachments/${own.items[0]!.id}`)).statusCode).toBe(200);
    // … but not those of the case accusing it
    const accused = (await listed(xfj, accusation)).items[0]!.id;
    expect((await get(liaison, `/petitions/${accusation}`)).statusCode).toBe(404);
    expect((await get(liaison, `/work-items/${accusation}/attachments`)).statusCode).toBe(404);
    expect((await get(liaison, `/work-items/${accusation}/attachments/${accused}`)).statusCode).toBe(404);
    expect((await get(liaison, `/petition-attachments/${accused}`)).statusCode).toBe(404);
    expect((await get(liaison, `/petitions/${accusation}/attachments`)).statusCode).toBe(404);
  });
});
