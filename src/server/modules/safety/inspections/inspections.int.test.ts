import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, TEST_PASSWORD, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { docxParagraphs } from '../../../core/documents/index.ts';

type Json = Record<string, unknown> & { items: Record<string, unknown>[] };
/** a 1×1 PNG, as a canvas signature would send it */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** 监督检查 through HTTP on a real database: 四不两直 secrecy, idempotent records, failed item → hazard, 双随机 and 一公开. */
describe(`安全生产: inspections (${TEST_BACKEND})`, () => {
  const current = new Date('2026-08-03T02:00:00Z');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anwen-insp-'));
  let t: TestApp;
  let tree: TestUnitTree;
  let safety: LoggedIn, town0: LoggedIn, town1: LoggedIn, ent: LoggedIn, insp1: LoggedIn, insp2: LoggedIn, insp3: LoggedIn;
  let sectorId = 0;
  const ids = { a: 0, b: 0, c: 0, d: 0 };
  let checklist: { id: number; items: { id: number; content: string; basis: string; basisVerified: boolean }[] };
  const call = async (who: LoggedIn | null, method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: { ...(who?.headers ?? {}), ...headers }, ...(payload ? { payload } : {}) });
    return {
      status: res.statusCode,
      body: (res.headers['content-type']?.toString().includes('json') ? res.json() : {}) as Json,
      raw: res.rawPayload,
      text: res.body,
    };
  };
  const get = (who: LoggedIn | null, url: string) => call(who, 'GET', url);
  const post = (who: LoggedIn, url: string, payload: object, headers: Record<string, string> = {}) => call(who, 'POST', url, payload, headers);
  const enterprise = (name: string, township: TestUnit) => ({
    name,
    sectorId,
    townshipUnitId: township.id,
    regulatorUnitId: null,
    legalRepName: '王建国',
    legalRepPhone: '13800138000',
    riskGrade: 'yellow',
  });
  const planIds = async (who: LoggedIn) => (await get(who, '/safety/inspections')).body.items.map((i) => i.id);
  const allPass = () => checklist.items.map((i) => ({ itemId: i.id, outcome: 'pass' }));
  const record = (results: object[], extra: object = {}) => ({
    inspectedAt: '2026-08-03T01:30:00Z',
    latitude: 28.123456,
    longitude: 112.654321,
    results,
    photos: [PNG],
    inspectorSignature: PNG,
    partySignature: PNG,
    partyName: '李店长',
    ...extra,
  });
  const plan = (kind: string, enterpriseIds: number[], inspectorIds: number[]) => ({
    kind,
    title: `2026年8月${kind === 'unannounced' ? '四不两直' : '消防安全大检查'}`,
    periodFrom: '2026-08-01',
    periodTo: '2026-08-31',
    checklistId: checklist.id,
    enterpriseIds,
    inspectorIds,
  });

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current }, config: { dataDir } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    safety = await loginAs(t, { roles: ['safety_staff'], unitId: tree.county.id });
    insp1 = await loginAs(t, { roles: ['safety_staff'], unitId: tree.county.id });
    insp2 = await loginAs(t, { roles: ['safety_staff'], unitId: tree.county.id });
    insp3 = await loginAs(t, { roles: ['safety_staff'], unitId: tree.county.id });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    sectorId = Number((await t.database.db.selectFrom('safety_sectors').select('id').where('code', '=', 'jxcs').executeTakeFirstOrThrow()).id);
    ids.a = (await post(safety, '/safety/enterprises', enterprise('龙蚕镇永兴五金店', tree.townships[0]))).body.id as number;
    ids.b = (await post(safety, '/safety/enterprises', enterprise('碧溪乡福满楼餐馆', tree.townships[1]))).body.id as number;
    ids.c = (await post(safety, '/safety/enterprises', enterprise('龙蚕镇好再来小吃店', tree.townships[0]))).body.id as number;
    ids.d = (await post(safety, '/safety/enterprises', enterprise('碧溪乡平价超市', tree.townships[1]))).body.id as number;
    const opened = await post(safety, `/safety/enterprises/${ids.a}/accounts`, {
      username: `qyi_${TEST_BACKEND}`,
      displayName: '永兴五金店',
      password: TEST_PASSWORD,
    });
    expect(opened.status).toBe(200);
    await t.database.db
      .updateTable('users')
      .set({ must_change_password: false })
      .where('id', '=', opened.body.id as number)
      .execute();
    ent = await loginAs(t, { roles: ['enterprise'], username: `qyi_${TEST_BACKEND}` });
    const lists = (await get(safety, '/safety/checklists')).body.items as unknown as (typeof checklist & { name: string })[];
    expect(lists.map((l) => l.name)).toEqual(
      expect.arrayContaining(['九小场所消防安全检查表', '燃气使用安全检查表', '建筑施工安全检查表', '危险化学品安全检查表']),
    );
    checklist = lists.find((l) => l.name === '九小场所消防安全检查表')!;
    expect(checklist.items.every((i) => i.basis.length > 0)).toBe(true);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('四不两直: the plan and its targets stay hidden from the enterprise and its township until inspected, then read as normal', async () => {
    const created = await post(safety, '/safety/inspections', plan('unannounced', [ids.a, ids.b], [insp1.user.id]));
    expect(created.status).toBe(200);
    const planId = created.body.id as number;
    const targets = (await get(safety, `/safety/inspections/${planId}`)).body.items;
    expect(targets.map((x) => x.enterpriseName)).toEqual(['龙蚕镇永兴五金店', '碧溪乡福满楼餐馆']);
    // before: list, detail and export all hide it from the enterprise and both townships; the inspector sees it
    for (const who of [ent, town0, town1]) {
      expect(await planIds(who)).not.toContain(planId);
      expect((await get(who, `/safety/inspections/${planId}`)).status).toBe(404);
    }
    const xlsx = await get(town0, '/safety/inspections/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getColumn(1).values.slice(2)).not.toContain('2026年8月四不两直');
    expect(await planIds(insp1)).toContain(planId);

    // the inspection of 永兴五金店 happens and is recorded
    const targetA = targets.find((x) => x.enterpriseId === ids.a)!.id as number;
    const done = await post(insp1, `/safety/inspection-targets/${targetA}/record`, record(allPass()), { 'idempotency-key': 'sbl-a-0001' });
    expect(done.status).toBe(200);
    // after: the enterprise and its township see the plan with that target only; the other township still nothing
    for (const who of [ent, town0]) {
      expect(await planIds(who)).toContain(planId);
      const d = await get(who, `/safety/inspections/${planId}`);
      expect(d.status).toBe(200);
      expect(d.body.items.map((x) => x.enterpriseName)).toEqual(['龙蚕镇永兴五金店']);
    }
    expect(await planIds(town1)).not.toContain(planId);
    expect((await get(ent, `/safety/inspection-records/${done.body.id as number}`)).status).toBe(200);
  });

  it('saves a record exactly once per Idempotency-Key, and a failed item becomes a hazard with its 判定依据', async () => {
    const planId = (await post(safety, '/safety/inspections', plan('general', [ids.c], [insp2.user.id]))).body.id as number;
    const targetId = (await get(safety, `/safety/inspections/${planId}`)).body.items[0]!.id as number;
    const failedItem = checklist.items[0]!;
    const results = allPass().map((r) =>
      r.itemId === failedItem.id
        ? {
            itemId: r.itemId,
            outcome: 'fail',
            finding: '后厨通往后门的安全出口被纸箱和煤气罐堵塞，无法正常疏散',
            category: '消防安全',
            grade: 'general',
            location: '后厨',
            dueOn: '2026-08-10',
          }
        : r,
    );
    const body = record(results, { remarks: '现场检查发现一项问题' });
    const url = `/safety/inspection-targets/${targetId}/record`;
    expect((await post(insp2, url, body)).status).toBe(400); // no key
    expect((await post(insp1, url, body, { 'idempotency-key': 'phone-c-0001' })).status).toBe(403); // not its inspector
    const first = await post(insp2, url, body, { 'idempotency-key': 'phone-c-0001' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ replayed: false });
    expect(first.body.orderNo).toMatch(/安责改〔2026〕1号$/);
    // the phone resends after reconnecting: the same record, nothing new
    const again = await post(insp2, url, body, { 'idempotency-key': 'phone-c-0001' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, recordNo: first.body.recordNo, hazardIds: first.body.hazardIds, replayed: true });
    // the same key with other content: refused in Chinese, nothing changes
    const conflict = await post(insp2, url, { ...body, remarks: '改过的说明' }, { 'idempotency-key': 'phone-c-0001' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toContain('该提交编号已用于另一份内容不同的检查记录');
    // another key for the same target: already recorded
    expect((await post(insp2, url, body, { 'idempotency-key': 'phone-c-0002' })).status).toBe(409);
    const db = t.database.db;
    const records = await db.selectFrom('safety_inspection_records').select(['id']).where('target_id', '=', targetId).execute();
    expect(records).toHaveLength(1);
    const hazards = await db
      .selectFrom('hazards')
      .selectAll()
      .where('inspection_record_id', '=', first.body.id as number)
      .execute();
    expect(hazards).toHaveLength(1);
    expect(hazards[0]).toMatchObject({
      enterprise_id: ids.c,
      source: 'inspection',
      checklist_item: failedItem.content,
      basis: failedItem.basisVerified ? failedItem.basis : `${failedItem.basis}（待核实）`,
      order_no: first.body.orderNo,
      due_on: '2026-08-10',
      found_on: '2026-08-03',
    });
    expect((first.body.hazardIds as number[])[0]).toBe(Number(hazards[0]!.id));
    // the township sees the hazard in its ledger; the record's files are stored
    expect((await get(town0, `/safety/hazards/${hazards[0]!.id}`)).status).toBe(200);
    const files = await db
      .selectFrom('safety_inspection_files')
      .select('kind')
      .where('record_id', '=', first.body.id as number)
      .orderBy('id')
      .execute();
    expect(files.map((f) => f.kind)).toEqual(['photo', 'inspector_signature', 'party_signature']);
    // the photo is the hazard's attachment too, through the kernel
    const attached = await get(town0, `/work-items/${hazards[0]!.id}/attachments`);
    expect(attached.status).toBe(200);
    expect(attached.body.items.map((a) => [a.name, a.label])).toEqual([['现场照片1.png', '检查发现']]);
    // 检查记录 and 责令限期整改指令书, numbered
    const rec = await get(town0, `/safety/inspection-records/${first.body.id as number}/record.docx`);
    expect(rec.status).toBe(200);
    const recText = (await docxParagraphs(rec.raw)).join('\n');
    expect(recText).toContain(first.body.recordNo as string);
    expect(recText).toContain('不符合');
    const order = await get(town0, `/safety/inspection-records/${first.body.id as number}/order.docx`);
    const orderText = (await docxParagraphs(order.raw)).join('\n');
    expect(orderText).toContain(first.body.orderNo as string);
    expect(orderText).toContain(failedItem.basis);
    expect(orderText).toContain('2026年8月10日');
  });

  it('双随机: reproducible from its seed, never an inspector tied to the enterprise, published without personal data', async () => {
    const tie = await post(safety, '/safety/inspection-ties', { userId: insp1.user.id, enterpriseId: ids.d, tie: 'relative', note: '配偶经营' });
    expect(tie.status).toBe(200);
    const body = {
      title: '2026年第三季度九小场所双随机抽查',
      periodFrom: '2026-08-01',
      periodTo: '2026-09-30',
      checklistId: checklist.id,
      filter: { sectorId },
      count: 4,
      perTarget: 2,
      inspectorPool: [insp1.user.id, insp2.user.id, insp3.user.id],
      seed: 'qs-2026-q3',
    };
    const drawn = await post(safety, '/safety/inspections/draw', body);
    expect(drawn.status).toBe(200);
    expect(drawn.body.seed).toBe('qs-2026-q3');
    const detail = (await get(safety, `/safety/inspections/${drawn.body.id as number}`)).body;
    expect(detail.draw).toMatchObject({ seed: 'qs-2026-q3', candidates: 4, pool: 3, replayMatches: true, ties: 1, count: 4, perTarget: 2 });
    expect((detail.draw as { filterWords: string[] }).filterWords).toEqual(['行业领域：九小场所', '属地乡镇：全部', '风险等级：全部']);
    const rows = await t.database.db
      .selectFrom('safety_inspection_targets')
      .select(['enterprise_id', 'inspector_ids'])
      .where('plan_id', '=', drawn.body.id as number)
      .execute();
    expect(rows.map((r) => Number(r.enterprise_id)).sort()).toEqual([ids.a, ids.b, ids.c, ids.d].sort());
    const forD = rows.find((r) => Number(r.enterprise_id) === ids.d)!;
    expect(forD.inspector_ids.map(Number)).not.toContain(insp1.user.id);
    // the same seed and pool draw the same again
    const replay = await post(safety, '/safety/inspections/draw', { ...body, title: '复核' });
    const rows2 = await t.database.db
      .selectFrom('safety_inspection_targets')
      .select(['enterprise_id', 'inspector_ids'])
      .where('plan_id', '=', replay.body.id as number)
      .execute();
    const norm = (rs: typeof rows) => rs.map((r) => `${r.enterprise_id}:${r.inspector_ids.join(',')}`).sort();
    expect(norm(rows2)).toEqual(norm(rows));
    // a tied inspector cannot be put on a hand-made plan either
    const handMade = await post(safety, '/safety/inspections', plan('special', [ids.d], [insp1.user.id]));
    expect(handMade.status).toBe(409);
    expect(handMade.body.message).toContain('回避');

    // one target is inspected; the public list (no session) shows the plan, names and units, the result — no people
    const target = (await get(safety, `/safety/inspections/${drawn.body.id as number}`)).body.items.find((x) => x.enterpriseId === ids.b)!;
    const inspector = [insp1, insp2, insp3].find((i) =>
      (rows.find((r) => Number(r.enterprise_id) === ids.b)!.inspector_ids.map(Number) as number[]).includes(i.user.id),
    )!;
    expect(
      (await post(inspector, `/safety/inspection-targets/${target.id as number}/record`, record(allPass()), { 'idempotency-key': 'random-b-0001' })).status,
    ).toBe(200);
    const pub = await get(null, '/portal/safety/random-inspections');
    expect(pub.status).toBe(200);
    const published = pub.body.items.find((p) => p.id === drawn.body.id)!;
    expect(published).toMatchObject({
      title: '2026年第三季度九小场所双随机抽查',
      inspectingUnit: tree.county.name,
      summary: { targets: 4, inspected: 1, passed: 1, withHazards: 0 },
    });
    expect((published.targets as { enterpriseName: string }[]).map((x) => x.enterpriseName).sort()).toEqual(
      ['碧溪乡平价超市', '碧溪乡福满楼餐馆', '龙蚕镇好再来小吃店', '龙蚕镇永兴五金店'].sort(),
    );
    for (const secret of [
      '王建国',
      '13800138000',
      '138****8000',
      '王*国',
      '李店长',
      insp1.user.displayName,
      insp2.user.displayName,
      insp3.user.displayName,
      insp1.user.username,
      'qs-2026-q3',
    ])
      expect(pub.text).not.toContain(secret);
    // 四不两直 and hand-made plans are not published
    expect(pub.body.items.every((p) => String(p.title).includes('双随机') || p.title === '复核')).toBe(true);
  });

  it('the console reads: plans filtered by period and status, the inspectors to pick, the ties, the draw in words, the record files; 补录 older than the window needs a reason', async () => {
    const planId = (await post(safety, '/safety/inspections', { ...plan('special', [ids.a, ids.b], [insp3.user.id]), title: '燃气专项整治' })).body
      .id as number;
    const listed = async (q: string) => (await get(safety, `/safety/inspections?${q}`)).body.items.map((i) => i.id);
    expect(await listed('from=2026-08-15&to=2026-08-20&status=pending')).toContain(planId);
    expect(await listed('status=done')).not.toContain(planId);
    expect(await listed('to=2026-07-31')).not.toContain(planId);
    const inspectors = (await get(safety, '/safety/inspectors')).body.items.map((i) => i.id);
    expect(inspectors).toEqual(expect.arrayContaining([insp1.user.id, insp2.user.id, insp3.user.id]));
    expect(inspectors).not.toContain(ent.user.id);
    expect((await get(ent, '/safety/inspectors')).status).toBe(403);
    const ties = (await get(safety, '/safety/inspection-ties')).body.items;
    expect(ties).toEqual(expect.arrayContaining([expect.objectContaining({ enterpriseId: ids.d, tieName: '近亲属', userName: insp1.user.displayName })]));

    // 补录 of a paper record dated before the back-dating window: refused without a reason, nothing written
    const window = Number(
      (await t.database.db.selectFrom('settings').select('value').where('key', '=', 'kernel.backdate_window_days').executeTakeFirstOrThrow()).value,
    );
    await t.database.db.updateTable('safety_inspection_plans').set({ period_from: '2026-01-01' }).where('id', '=', planId).execute();
    const target = (await get(safety, `/safety/inspections/${planId}`)).body.items.find((x) => x.enterpriseId === ids.b)!;
    const old = new Date(current.getTime() - (window + 2) * 86_400_000).toISOString();
    const url = `/safety/inspection-targets/${target.id as number}/record`;
    const refused = await post(insp3, url, record(allPass(), { inspectedAt: old }), { 'idempotency-key': 'paper-b-0001' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('补录须说明理由');
    expect((await get(safety, `/safety/inspections/${planId}`)).body.items.find((x) => x.id === target.id)!.inspectedAt).toBeNull();
    const saved = await post(insp3, url, record(allPass(), { inspectedAt: old, backdateReason: '纸质检查记录，检查人员出差返回后补录' }), {
      'idempotency-key': 'paper-b-0002',
    });
    expect(saved.status).toBe(200);
    const detail = (await get(safety, `/safety/inspections/${planId}`)).body.items.find((x) => x.id === target.id)!;
    expect(detail).toMatchObject({ result: 'pass', recordId: saved.body.id, hazards: [] });
    const view = (await get(safety, `/safety/inspection-records/${saved.body.id as number}`)).body as unknown as { files: { id: number; kind: string }[] };
    expect(view.files.map((f) => f.kind)).toEqual(['photo', 'inspector_signature', 'party_signature']);
    const photo = await get(safety, `/safety/inspection-records/${saved.body.id as number}/files/${view.files[0]!.id}`);
    expect(photo.status).toBe(200);
    expect(photo.raw.subarray(1, 4).toString()).toBe('PNG');
    // a file of another record is not reachable through this one
    expect((await get(safety, `/safety/inspection-records/${saved.body.id as number}/files/${view.files[0]!.id + 1000}`)).status).toBe(404);
    // the enterprise of another township sees neither the record nor its files
    expect((await get(town0, `/safety/inspection-records/${saved.body.id as number}/files/${view.files[0]!.id}`)).status).toBe(404);
  });
});
