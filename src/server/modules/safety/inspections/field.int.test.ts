import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';

type Json = Record<string, unknown>;
type Item = { id: number; content: string; basis: string; basisVerified: boolean };
type FieldTarget = {
  id: number;
  enterpriseName: string;
  address: string | null;
  recorded: unknown;
  checklist: { id: number; version: string; items: Item[] } | null;
};
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** 现场检查 (the phone's side of inspections): the download for offline work, a resend answered once, the conflicts a phone must show. */
describe(`安全生产: field inspections on a phone (${TEST_BACKEND})`, () => {
  const current = new Date('2026-08-03T02:00:00Z');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anwen-field-'));
  let t: TestApp;
  let tree: TestUnitTree;
  let safety: LoggedIn, insp1: LoggedIn, insp2: LoggedIn;
  const ent = { a: 0, b: 0, c: 0 };
  let checklist: { id: number; name: string; sectorId: number | null; items: Item[] };
  const call = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: { ...who.headers, ...headers }, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json<Json>() };
  };
  const fieldTargets = async (who: LoggedIn) => (await call(who, 'GET', '/safety/field-targets')).body.targets as FieldTarget[];
  const record = (items: Item[], extra: object = {}) => ({
    inspectedAt: '2026-08-03T01:30:00Z',
    results: items.map((i) => ({ itemId: i.id, outcome: 'pass' })),
    inspectorSignature: PNG,
    partySignature: PNG,
    ...extra,
  });
  const newPlan = async (
    title: string,
    enterpriseIds: number[],
    inspectorIds: number[],
    periodFrom = '2026-08-01',
    periodTo = '2026-08-31',
    kind = 'general',
  ) => {
    const r = await call(safety, 'POST', '/safety/inspections', { kind, title, periodFrom, periodTo, checklistId: checklist.id, enterpriseIds, inspectorIds });
    expect(r.status).toBe(200);
    return r.body.id as number;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current }, config: { dataDir } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    safety = await loginAs(t, { roles: ['safety_staff'], unitId: tree.county.id });
    insp1 = await loginAs(t, { roles: ['safety_staff'], unitId: tree.county.id });
    insp2 = await loginAs(t, { roles: ['safety_staff'], unitId: tree.county.id });
    const sectorId = Number((await t.database.db.selectFrom('safety_sectors').select('id').where('code', '=', 'jxcs').executeTakeFirstOrThrow()).id);
    const enterprise = async (name: string, address: string) =>
      (
        await call(safety, 'POST', '/safety/enterprises', {
          name,
          sectorId,
          townshipUnitId: tree.townships[0].id,
          regulatorUnitId: null,
          legalRepName: '王建国',
          legalRepPhone: '13800138000',
          riskGrade: 'yellow',
          address,
        })
      ).body.id as number;
    ent.a = await enterprise('龙蚕镇永兴五金店', '龙蚕镇新街12号');
    ent.b = await enterprise('龙蚕镇好再来小吃店', '龙蚕镇老街3号');
    ent.c = await enterprise('龙蚕镇明月茶楼', '龙蚕镇河边路8号');
    const lists = (await call(safety, 'GET', '/safety/checklists')).body.items as (typeof checklist)[];
    checklist = lists.find((l) => l.name === '九小场所消防安全检查表')!;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('downloads only the inspector’s own targets of plans running now or soon, with the address and every checklist item’s 判定依据', async () => {
    await newPlan('八月消防大检查', [ent.a], [insp1.user.id]);
    await newPlan('四不两直暗查', [ent.b], [insp1.user.id], '2026-08-03', '2026-08-03', 'unannounced');
    await newPlan('九月专项整治', [ent.c], [insp1.user.id], '2026-09-01', '2026-09-30'); // starts beyond the next 7 days
    await newPlan('七月检查', [ent.c], [insp1.user.id], '2026-07-01', '2026-07-31'); // over
    const mine = await fieldTargets(insp1);
    expect(mine.map((x) => x.enterpriseName)).toEqual(['龙蚕镇永兴五金店', '龙蚕镇好再来小吃店']);
    expect(mine[0]).toMatchObject({ address: '龙蚕镇新街12号', recorded: null, checklist: { id: checklist.id } });
    expect(mine[0]!.checklist!.items).toEqual(checklist.items);
    expect(mine[0]!.checklist!.version).toMatch(/^[0-9a-f]{16}$/);
    const body = (await call(insp1, 'GET', '/safety/field-targets')).body;
    expect(body.hazardCategories).toEqual(expect.arrayContaining([expect.any(String)]));
    // another inspector downloads nothing of it, the planner (not an inspector of it) neither
    expect(await fieldTargets(insp2)).toEqual([]);
    expect(await fieldTargets(safety)).toEqual([]);
    // a longer look ahead reaches September's plan
    const ahead = (await call(insp1, 'GET', '/safety/field-targets?days=31')).body.targets as FieldTarget[];
    expect(ahead.map((x) => x.enterpriseName)).toContain('龙蚕镇明月茶楼');
  });

  it('a phone resending the same record with the same key gets the same answer and one record; another inspector’s later record is a conflict naming who recorded it', async () => {
    const planId = await newPlan('双人检查', [ent.b], [insp1.user.id, insp2.user.id]);
    const targetId = ((await call(safety, 'GET', `/safety/inspections/${planId}`)).body.items as { id: number }[])[0]!.id;
    const body = record(checklist.items, { checklistVersion: (await fieldTargets(insp1)).find((x) => x.id === targetId)!.checklist!.version });
    const url = `/safety/inspection-targets/${targetId}/record`;
    const first = await call(insp1, 'POST', url, body, { 'idempotency-key': 'field-phone-0001' });
    expect(first.status).toBe(200);
    const again = await call(insp1, 'POST', url, body, { 'idempotency-key': 'field-phone-0001' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    const rows = await t.database.db.selectFrom('safety_inspection_records').select('id').where('target_id', '=', targetId).execute();
    expect(rows).toHaveLength(1);
    // the second inspector's phone was offline too and sends its own record later
    const late = await call(insp2, 'POST', url, body, { 'idempotency-key': 'field-phone-0002' });
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('SAFETY_INSPECTION_RECORDED');
    expect(late.body.message).toContain(insp1.user.displayName);
    expect(late.body.message).toContain(first.body.recordNo as string);
    // the download now says it is recorded and by whom
    expect((await fieldTargets(insp2)).find((x) => x.id === targetId)!.recorded).toMatchObject({
      recordNo: first.body.recordNo,
      inspector: insp1.user.displayName,
    });
  });

  it('a record filled on a checklist changed since the download is refused (409) and nothing is saved; with the new checklist it is saved', async () => {
    const planId = await newPlan('检查表修改后', [ent.c], [insp2.user.id]);
    const targetId = ((await call(safety, 'GET', `/safety/inspections/${planId}`)).body.items as { id: number }[])[0]!.id;
    const downloaded = (await fieldTargets(insp2)).find((x) => x.id === targetId)!.checklist!;
    // the 安委办 adds an item while the inspector is in the valley
    const edited = await call(safety, 'PUT', `/safety/checklists/${checklist.id}`, {
      name: checklist.name,
      sectorId: checklist.sectorId,
      items: [
        ...checklist.items.map(({ id, content, basis, basisVerified }) => ({ id, content, basis, basisVerified })),
        { content: '厨房燃气管道是否设置燃气泄漏报警装置', basis: 'GB 50028', basisVerified: false },
      ],
    });
    expect(edited.status).toBe(200);
    const url = `/safety/inspection-targets/${targetId}/record`;
    const stale = await call(insp2, 'POST', url, record(downloaded.items, { checklistVersion: downloaded.version }), { 'idempotency-key': 'field-phone-0003' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('SAFETY_INSPECTION_CHECKLIST_CHANGED');
    expect(stale.body.message).toContain('重新填写');
    expect(await t.database.db.selectFrom('safety_inspection_records').select('id').where('target_id', '=', targetId).execute()).toEqual([]);
    const fresh = (await fieldTargets(insp2)).find((x) => x.id === targetId)!.checklist!;
    expect(fresh.version).not.toBe(downloaded.version);
    expect(fresh.items).toHaveLength(downloaded.items.length + 1);
    const ok = await call(insp2, 'POST', url, record(fresh.items, { checklistVersion: fresh.version }), { 'idempotency-key': 'field-phone-0004' });
    expect(ok.status).toBe(200);
  });
});
