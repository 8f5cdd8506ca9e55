import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, TEST_PASSWORD, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';
import { kernelJobs } from '../../kernel/jobs/kernel-jobs.ts';
import { createCatalog } from '../../kernel/catalog/index.ts';
import { loadConfig } from '../../core/config.ts';
import { MODULES } from '../registry.ts';
import { listHazards } from './hazards/read-hazards.ts';

type Json = Record<string, unknown> & { items: Record<string, unknown>[] };

/** 安全生产 through HTTP: the register and its scope, the import, enterprise accounts, the hazard machine and its guards. */
describe(`安全生产: register and hazard ledger (${TEST_BACKEND})`, () => {
  let current = new Date('2026-08-03T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let dept2: TestUnit;
  let safety: LoggedIn, town0: LoggedIn, town1: LoggedIn, dept: LoggedIn, deptB: LoggedIn, ent: LoggedIn;
  let sectorId = 0;
  const ids = { a: 0, b: 0, c: 0 };
  const call = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: (res.headers['content-type']?.toString().includes('json') ? res.json() : {}) as Json, raw: res.rawPayload };
  };
  const get = (who: LoggedIn, url: string) => call(who, 'GET', url);
  const post = (who: LoggedIn, url: string, payload: object) => call(who, 'POST', url, payload);
  const enterprise = (name: string, township: TestUnit, regulator: TestUnit | null, extra: object = {}) => ({
    name,
    sectorId,
    townshipUnitId: township.id,
    regulatorUnitId: regulator?.id ?? null,
    legalRepName: '王建国',
    legalRepPhone: '13800138000',
    riskGrade: 'yellow',
    licences: [{ name: '危险化学品经营许可证', number: 'WH-001', expiresOn: '2026-08-20' }],
    ...extra,
  });
  const hazard = (enterpriseId: number, extra: object = {}) => ({
    enterpriseId,
    source: 'inspection',
    category: '消防安全',
    grade: 'general',
    description: '二楼仓库安全出口被纸箱堵塞，无法正常疏散',
    foundOn: '2026-08-03',
    dueOn: '2026-08-20',
    ...extra,
  });
  const act = (who: LoggedIn, id: number, action: string, input: object = {}) => post(who, `/safety/hazards/${id}/actions/${action}`, input);
  const listIds = async (who: LoggedIn, url: string) => (await get(who, url)).body.items.map((i) => i.id);

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept2 = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: `县住建局${TEST_BACKEND}` });
    safety = await loginAs(t, { roles: ['safety_staff'], unitId: tree.county.id });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    dept = await loginAs(t, { roles: ['dept_liaison'], unitId: tree.department.id });
    deptB = await loginAs(t, { roles: ['dept_liaison'], unitId: dept2.id });
    sectorId = Number((await t.database.db.selectFrom('safety_sectors').select('id').where('code', '=', 'jxcs').executeTakeFirstOrThrow()).id);
    ids.a = (await post(safety, '/safety/enterprises', enterprise('龙蚕镇永兴五金店', tree.townships[0], tree.department))).body.id as number;
    ids.b = (await post(safety, '/safety/enterprises', enterprise('碧溪乡鑫源加油站', tree.townships[1], dept2))).body.id as number;
    ids.c = (await post(town1, '/safety/enterprises', enterprise('碧溪乡福满楼餐馆', tree.townships[1], null))).body.id as number;
    // an enterprise account, opened by the safety staff; the test signs in with a known password
    const opened = await post(safety, `/safety/enterprises/${ids.a}/accounts`, {
      username: `qy_${TEST_BACKEND}`,
      displayName: '永兴五金店',
      password: TEST_PASSWORD,
    });
    expect(opened.status).toBe(200);
    await t.database.db
      .updateTable('users')
      .set({ must_change_password: false })
      .where('id', '=', opened.body.id as number)
      .execute();
    ent = await loginAs(t, { roles: ['enterprise'], username: `qy_${TEST_BACKEND}` });
  });
  afterAll(async () => t?.close());

  it('shows each party only its register: county all, township its 属地, department what it regulates, enterprise itself', async () => {
    expect([ids.a, ids.b, ids.c].every((i) => i > 0)).toBe(true);
    expect(await listIds(safety, '/safety/enterprises')).toEqual([ids.a, ids.b, ids.c]);
    expect(await listIds(town0, '/safety/enterprises')).toEqual([ids.a]);
    expect(await listIds(town1, '/safety/enterprises')).toEqual([ids.b, ids.c]);
    expect(await listIds(dept, '/safety/enterprises')).toEqual([ids.a]);
    expect(await listIds(deptB, '/safety/enterprises')).toEqual([ids.b]);
    expect(await listIds(ent, '/safety/enterprises')).toEqual([ids.a]);
    expect((await get(town0, `/safety/enterprises/${ids.b}`)).status).toBe(404);
    expect((await get(ent, `/safety/enterprises/${ids.c}`)).status).toBe(404);
    expect(ent.user.enterpriseId).toBe(ids.a);
    // the export is the list: same scope
    const xlsx = await get(town1, '/safety/enterprises/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    const names = wb.worksheets[0]!.getColumn(1).values.slice(2);
    expect(names).toEqual(['碧溪乡鑫源加油站', '碧溪乡福满楼餐馆']);
  });

  it('keeps the first responsible person masked, revealed only with a reason, and refuses to register outside one’s reach', async () => {
    const d = (await get(town0, `/safety/enterprises/${ids.a}`)).body;
    expect(d).toMatchObject({ legalRepName: '王*国', legalRepPhone: '138****8000' });
    expect((await post(town0, `/safety/enterprises/${ids.a}/reveal`, { field: 'legalRepPhone', reason: '' })).status).toBe(400);
    expect((await post(town0, `/safety/enterprises/${ids.a}/reveal`, { field: 'legalRepPhone', reason: '核实隐患整改情况' })).body.value).toBe('13800138000');
    expect((await post(ent, `/safety/enterprises/${ids.a}/reveal`, { field: 'legalRepPhone', reason: '核实隐患整改情况' })).status).toBe(403);
    // a change that leaves the masked personal fields empty keeps them; one that names a new phone replaces it
    const { legalRepName: _n, legalRepPhone: _p, ...rest } = enterprise('龙蚕镇永兴五金店', tree.townships[0], tree.department);
    expect((await call(safety, 'PUT', `/safety/enterprises/${ids.a}`, { ...rest, address: '龙蚕镇新街12号' })).status).toBe(200);
    expect((await get(town0, `/safety/enterprises/${ids.a}`)).body).toMatchObject({
      legalRepName: '王*国',
      legalRepPhone: '138****8000',
      address: '龙蚕镇新街12号',
    });
    expect((await call(safety, 'PUT', `/safety/enterprises/${ids.a}`, { ...rest, legalRepPhone: '13900139000' })).status).toBe(200);
    expect((await post(town0, `/safety/enterprises/${ids.a}/reveal`, { field: 'legalRepPhone', reason: '核实隐患整改情况' })).body.value).toBe('13900139000');
    expect((await post(town0, `/safety/enterprises/${ids.a}/reveal`, { field: 'legalRepName', reason: '核实隐患整改情况' })).body.value).toBe('王建国');
    const outside = await post(town0, '/safety/enterprises', enterprise('碧溪乡某超市', tree.townships[1], null));
    expect(outside.status).toBe(400);
    expect(outside.body.message).toContain('只能登记属地为本乡镇');
    expect((await post(safety, '/safety/enterprises', enterprise('龙蚕镇永兴五金店', tree.townships[0], null))).status).toBe(409);
    // an enterprise account reaches none of the staff features
    expect((await get(ent, '/work-items')).status).toBe(403);
    expect((await post(ent, `/safety/enterprises/${ids.b}/accounts`, { username: 'qy_other', displayName: 'x' })).status).toBe(403);
  });

  it('imports a register all or nothing, with a report per row', async () => {
    const tpl = await get(safety, '/imports/safety_register/template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.raw as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('企业登记册')!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const col = (h: string) => header.findIndex((x) => x.replace('*', '') === h) + 1;
    const fill = (row: number, v: Record<string, string>) => Object.entries(v).forEach(([h, val]) => (ws.getRow(row).getCell(col(h)).value = val));
    fill(2, { '企业（场所）名称': '龙蚕镇红星烟花零售点', 行业领域: '九小场所', '属地乡镇（街道）': tree.townships[0].name, 风险等级: '橙' });
    fill(3, { '企业（场所）名称': '龙蚕镇兴旺农家乐', 行业领域: '没有这个领域', '属地乡镇（街道）': tree.townships[0].name, 第一责任人电话: '123' });
    const upload = async () => post(safety, '/imports/safety_register', { fileBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') });
    const bad = (await upload()).body as unknown as { imported: number; rows: { row: number; ok: boolean; errors: string[] }[] };
    expect(bad.imported).toBe(0);
    expect(bad.rows.find((r) => r.row === 3)?.errors).toEqual(
      expect.arrayContaining([expect.stringContaining('行业领域'), expect.stringContaining('第一责任人电话')]),
    );
    expect(await listIds(town0, '/safety/enterprises')).toEqual([ids.a]);
    fill(3, { 行业领域: '九小场所', 第一责任人电话: '13900001111' });
    const good = (await upload()).body as unknown as { imported: number; rows: { href: string }[] };
    expect(good.imported).toBe(2);
    expect(good.rows[0]!.href).toMatch(/^\/safety\/enterprises\/\d+$/);
    expect((await get(town0, '/safety/enterprises')).body.total).toBe(3);
  });

  let general = 0;
  let selfReported = 0;
  let hb = 0;
  it('refuses a description that says nothing, and lets the enterprise report its own hazards only', async () => {
    const empty = await post(safety, '/safety/hazards', hazard(ids.a, { description: '已整改' }));
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/请写清楚隐患本身/);
    general = (await post(safety, '/safety/hazards', hazard(ids.a))).body.id as number;
    expect(general).toBeGreaterThan(0);
    const suggest = (await post(ent, '/safety/hazards/assess-text', { description: '配电箱电线私拉乱接' })).body;
    expect(suggest).toMatchObject({ usable: true });
    expect((suggest.categories as { name: string }[])[0]?.name).toBe('电气安全');
    const copied = await post(ent, '/safety/hazards/self-report', {
      category: '消防安全',
      grade: 'general',
      description: '消防设施器材是否完好',
      checklistItem: '消防设施、器材是否完好',
      foundOn: '2026-08-03',
      dueOn: '2026-08-10',
    });
    expect(copied.status).toBe(400);
    const own = await post(ent, '/safety/hazards/self-report', {
      category: '电气安全',
      grade: 'general',
      description: '门市后仓配电箱电线私拉乱接，无漏电保护器',
      foundOn: '2026-08-03',
      dueOn: '2026-08-10',
    });
    expect(own.status).toBe(200);
    selfReported = own.body.id as number;
    expect((await post(ent, '/safety/hazards', hazard(ids.b))).status).toBe(403);
    hb = (await post(safety, '/safety/hazards', hazard(ids.b))).body.id as number;
    expect(await listIds(ent, '/safety/hazards')).toEqual(expect.arrayContaining([general, selfReported]));
    expect(await listIds(ent, '/safety/hazards')).not.toContain(hb);
    expect((await get(ent, `/safety/hazards/${hb}`)).status).toBe(404);
    expect(await listIds(town0, '/safety/hazards')).not.toContain(hb);
    expect(await listIds(deptB, '/safety/hazards')).toEqual([hb]);
    expect((await get(ent, `/safety/hazards/${selfReported}`)).body).toMatchObject({ sourceName: '自查自报', stateName: '待整改' });
  });

  it('runs 待整改 → 整改中 → 待验收 → 已销号 with 退回, the verifier never the rectifier', async () => {
    expect((await act(ent, selfReported, 'start', { measures: '更换线路，加装漏电保护器' })).body).toMatchObject({ stateName: '整改中' });
    expect((await act(ent, selfReported, 'submit', { rectification: '已重新敷设线路并加装漏电保护器' })).body).toMatchObject({ stateName: '待验收' });
    expect((await act(ent, selfReported, 'verify', { conclusion: '合格' })).status).toBe(403);
    const back = await act(town0, selfReported, 'reject', { reason: '漏电保护器未接地', dueOn: '2026-08-15' });
    expect(back.body).toMatchObject({ stateName: '整改中' });
    await act(ent, selfReported, 'submit', { rectification: '已接地并测试动作正常' });
    expect((await act(dept, selfReported, 'verify', { conclusion: '复查合格，同意销号' })).body).toMatchObject({ stateName: '已销号' });
    const closed = (await get(ent, `/safety/hazards/${selfReported}`)).body;
    expect(closed).toMatchObject({ verifiedByName: dept.user.displayName, closedOn: '2026-08-03' });
    expect((closed.timeline as { label: string }[]).map((e) => e.label)).toEqual(expect.arrayContaining(['开始整改', '退回整改', '复查验收，销号']));
    // the clock an order sets is told by its due date, never as a length of 0 days
    const clockWords = (closed.timeline as { detail: string | null }[]).map((e) => e.detail ?? '').filter((d) => d.startsWith('整改期限'));
    expect(clockWords).toEqual(expect.arrayContaining(['整改期限至2026年8月10日（自 2026-08-03 起算）']));
    expect(clockWords.join()).not.toMatch(/期限0日/);
    // staff who reported the rectification may not verify it themselves
    await act(town0, general, 'start');
    await act(town0, general, 'submit', { rectification: '纸箱已清理，通道畅通' });
    const self = await act(town0, general, 'verify', { conclusion: '合格' });
    expect(self.status).toBe(409);
    expect(self.body.message).toContain('复查验收人不能是整改人');
  });

  it('requires a complete 治理方案 for a 重大隐患, and a passed 复产 check after a suspension', async () => {
    const major = (await post(safety, '/safety/hazards', hazard(ids.a, { grade: 'major', description: '液化石油气储罐区可燃气体报警器失效且无人值守' }))).body
      .id as number;
    await act(ent, major, 'start');
    const early = await act(ent, major, 'submit', { rectification: '已更换报警器' });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('治理方案');
    const partial = await act(ent, major, 'plan', { goals: '消除报警失效', methods: '更换探头' });
    expect(partial.status).toBe(400);
    const plan = {
      goals: '消除报警失效',
      methods: '更换探头并联网',
      funds: '3万元已落实',
      organisation: '安全科张某负责',
      timeline: '8月15日前完成',
      safety: '停止储罐区作业，现场配灭火器',
    };
    expect((await act(ent, major, 'plan', plan)).status).toBe(200);
    expect((await act(safety, major, 'suspend', { content: '责令储罐区停止使用，停产整顿' })).status).toBe(200);
    await act(ent, major, 'submit', { rectification: '报警器已更换并联网，申请恢复生产' });
    const d = (await get(safety, `/safety/hazards/${major}`)).body;
    expect(d.resumeAppliedOn).toBe('2026-08-03');
    // (the 重大隐患上报期限 runs beside it until the report upward is made)
    expect(
      (d.deadlines as { label: string; status: string; dueDate: string }[]).find((x) => x.status === 'running' && x.label !== '重大隐患上报期限'),
    ).toMatchObject({
      label: '复产现场审查期限',
      dueDate: '2026-08-13',
    });
    const tooSoon = await act(dept, major, 'verify', { conclusion: '合格' });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.message).toContain('复产现场审查合格');
    expect((await act(dept, major, 'resumeCheck', { passed: true, note: '现场审查合格' })).body).toMatchObject({ stateName: '待验收' });
    expect((await act(dept, major, 'verify', { conclusion: '同意销号，恢复生产' })).body).toMatchObject({ stateName: '已销号' });
  });

  it('flags a unit penalised three times in 180 days for a 重大事故隐患 (安全生产法第一百一十三条)', async () => {
    const m = (
      await post(safety, '/safety/hazards', hazard(ids.b, { grade: 'major', foundOn: '2026-02-01', backdateReason: '补录年初检查', dueOn: '2026-03-01' }))
    ).body.id as number;
    const penalty = (on: string) =>
      act(deptB, m, 'decide', { kind: 'penalty', content: '罚款', amount: 20000, occurredOn: on, backdateReason: '补录处罚决定' });
    expect((await penalty('2026-02-10')).status).toBe(200);
    expect((await penalty('2026-05-01')).status).toBe(200);
    expect((await get(safety, `/safety/enterprises/${ids.b}`)).body.closeFlaggedOn).toBeNull();
    expect((await penalty('2026-08-03')).status).toBe(200);
    expect((await get(safety, `/safety/enterprises/${ids.b}`)).body.closeFlaggedOn).toBe('2026-08-03');
    const inbox = (await get(deptB, '/my/notifications')).body.items as { title: string }[];
    expect(inbox.map((n) => n.title)).toContain('提请关闭：碧溪乡鑫源加油站');
  });

  it('keeps photos of a hazard (整改前后) through the kernel attachments, for whoever may see it and no one else', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
      'hex',
    );
    const upload = (who: LoggedIn, id: number, bytes: Buffer, filename: string, label?: string) => {
      const boundary = '----anwenSafetyBoundary';
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/work-items/${id}/attachments${label === undefined ? '' : `?label=${encodeURIComponent(label)}`}`,
        headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`),
          bytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
    };
    // a label longer than 20 characters is refused in Chinese and attaches nothing
    const tooLong = await upload(ent, selfReported, png, '配电箱.png', '整'.repeat(21));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('附件说明不超过20个字');
    const before = await upload(ent, selfReported, png, '配电箱.png', '整改前');
    expect(before.statusCode).toBe(200);
    expect(before.json().items).toEqual([expect.objectContaining({ name: '配电箱.png', type: 'image/png', label: '整改前' })]);
    // another enterprise's hazard is out of reach (404), a file that is not a picture or PDF is refused, nothing is attached
    expect((await upload(ent, hb, png, '照片.png')).statusCode).toBe(404);
    const exe = await upload(town0, selfReported, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]), '整改后.png');
    expect(exe.statusCode).toBe(400);
    const listed = (await get(town0, `/work-items/${selfReported}/attachments`)).body.items as { id: number; name: string }[];
    expect(listed.map((a) => a.name)).toEqual(['配电箱.png']);
    const file = await t.app.inject({ method: 'GET', url: `/api/v1/work-items/${selfReported}/attachments/${listed[0]!.id}`, headers: town0.headers });
    expect(Buffer.compare(file.rawPayload, png)).toBe(0);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'work_item')
      .where('entity_id', '=', String(selfReported))
      .where('action', '=', 'item.attachments')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('reminds an overdue hazard and brings a 督办 through the kernel sweep; the statistics drill down within scope', async () => {
    current = new Date('2026-08-25T02:00:00Z');
    for (const job of kernelJobs(createCatalog(MODULES)))
      await job.run({ slot: 'test' }, { database: t.database, config: loadConfig({}), clock: { now: () => current } });
    for (const u of [safety, deptB, town0]) Object.assign(u, await loginAs(t, { roles: u.user.roles, username: u.user.username }));
    // the 整改期限 of 08-20 has run out: listed as overdue, reminded to the 行业主管部门 (主办), 督办'd once
    expect(await listIds(deptB, '/safety/hazards?overdue=true')).toContain(hb);
    expect(await listIds(town0, '/safety/hazards?overdue=true')).not.toContain(hb);
    const sup = (await get(safety, `/work-items/${hb}/supervision`)).body as unknown as { notices: { text: string }[] };
    expect(sup.notices).toHaveLength(1);
    expect(sup.notices[0]!.text).toContain('整改期限');
    const inbox = (await get(deptB, '/my/notifications')).body.items as { workItemId: number; title: string }[];
    expect(inbox.filter((n) => n.workItemId === hb).map((n) => n.title)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^【督办】|^【(超期|严重超期)】/)]),
    );
    const range = 'from=2026-01-01&to=2026-12-31';
    const stats = (await get(town0, `/stats/hazard?${range}&groupBy=township`)).body as unknown as {
      rows: { label: string }[];
      total: { counts: Record<string, number> };
    };
    expect(stats.rows.map((r) => r.label)).toEqual([tree.townships[0].name]);
    const items = (await get(town0, `/stats/hazard/items?${range}&indicator=hazards`)).body.items as { id: number }[];
    const mine = await listIds(town0, '/safety/hazards?pageSize=100');
    expect(items.map((i) => i.id).sort()).toEqual([...mine].sort());
    expect(stats.total.counts.hazards).toBe(mine.length);
  });

  it('walks the ledger for the Excel export by keyset: the same rows in the same order as page after page, each once', async () => {
    const today = '2026-08-25';
    // hazards found on the same days: the keyset's tie on found_on is broken by id
    for (const foundOn of ['2026-08-03', '2026-08-03', '2026-08-10', '2026-08-10'])
      expect((await post(safety, '/safety/hazards', hazard(ids.a, { foundOn, dueOn: '2026-09-30' }))).status).toBe(200);
    const byOffset: number[] = [];
    for (let p = 1; ; p++) {
      const page = await listHazards(t.database.db, safety.user, { page: p, pageSize: 2 }, today);
      byOffset.push(...page.items.map((i) => i.id));
      if (page.items.length < 2) break;
    }
    expect(byOffset.length).toBeGreaterThan(4);
    const byKeyset: number[] = [];
    let after: { foundOn: string; id: number } | undefined;
    for (;;) {
      const page = await listHazards(t.database.db, safety.user, { page: 1, pageSize: 2, after }, today);
      byKeyset.push(...page.items.map((i) => i.id));
      const last = page.items[page.items.length - 1];
      if (!last || page.items.length < 2) break;
      after = { foundOn: last.foundOn, id: last.id };
    }
    expect(byKeyset).toEqual(byOffset);
    // 超期 (said on hazards.closed_on, migration 0056's index): exactly the open hazards past their 整改期限
    const all = (await listHazards(t.database.db, safety.user, { page: 1, pageSize: 100 }, today)).items;
    const overdue = (await listHazards(t.database.db, safety.user, { page: 1, pageSize: 100, overdue: true }, today)).items;
    const expected = all.filter((h) => h.state !== 'closed' && h.dueOn < today).map((h) => h.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(all.some((h) => h.state === 'closed' || h.dueOn >= today)).toBe(true);
    expect(overdue.map((h) => h.id)).toEqual(expected);
    const xlsx = await get(safety, '/safety/hazards/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount - 1).toBe(byOffset.length);
  });
});
