import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';

async function sheetOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return { name: ws.name, header: (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1), rows };
}

describe('督办 and 包案 list exports: same rows, order and scope as the lists', () => {
  const now = new Date('2026-09-28T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let dept: TestUnit;
  let xfj: LoggedIn;
  let liaison: LoggedIn;
  let town2: LoggedIn;
  let leader: LoggedIn;
  let leaderId = 0;
  const cases: number[] = [];
  let caseAcc = 0;

  const req = (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
  const ok = async (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => {
    const res = await req(who, method, url, payload);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, unknown>;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县人社局' });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    liaison = await loginAs(t, { roles: ['dept_liaison'], unitId: dept.id });
    town2 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    leader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id });
    const db = t.database.db;
    leaderId = Number(
      (
        await db
          .insertInto('leaders')
          .values({ name: '王领导', title: '副县长', unit_id: tree.county.id, user_id: leader.user.id, portfolio: [], oversees_unit_ids: [] })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const cats = (await ok(xfj, 'GET', '/petition-categories')) as { items: { name: string; children: { id: number }[] }[] };
    const catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
    const register = async (extra: Record<string, unknown>) => {
      const { id } = (await ok(xfj, 'POST', '/petitions', {
        channel: 'letter',
        petitioners: [{ name: '李四', address: '龙蚕镇' }],
        matterType: 'appeal',
        categoryId: catId,
        placeUnitId: tree.townships[0].id,
        title: '社保补缴争议',
        content: '原单位未为其足额缴纳社会保险，要求补缴。',
        ...extra,
      })) as { id: number };
      // an accusation is never 交办'd to the unit it accuses (条例第三十条): the township handles it
      await ok(xfj, 'POST', `/petitions/${id}/actions/assign`, { leadUnitId: extra.accusedUnitId === dept.id ? tree.townships[0].id : dept.id, leaderId });
      return id;
    };
    for (let i = 0; i < 3; i++) cases.push(await register({ title: `社保补缴争议${i}` }));
    caseAcc = await register({ matterType: 'accusation', accusedUnitId: dept.id, title: '反映县人社局工作人员违规' });
    for (const id of [...cases, caseAcc]) {
      await ok(xfj, 'POST', `/work-items/${id}/supervision/listing`, { reason: '群众反映强烈，县级挂牌' });
      await ok(xfj, 'POST', `/work-items/${id}/supervision/notices`, { level: 'county', text: '请于期限内报送办理情况' });
      await ok(xfj, 'POST', `/work-items/${id}/supervision/backlog`, {
        plan: '人社局牵头核查参保记录，分期补缴',
        leaderId,
        unitId: dept.id,
        dueDate: '2026-12-31',
      });
    }
    const first = (await ok(liaison, 'GET', '/supervision/notices')) as { items: { id: number; workItemId: number }[] };
    await ok(liaison, 'POST', `/work-items/${first.items[0]!.workItemId}/supervision/notices/${first.items[0]!.id}/reply`, { text: '已核查，正在补缴' });
  });
  afterAll(() => t.close());

  const listIds = async (who: LoggedIn, url: string) => {
    const body = (await ok(who, 'GET', url)) as {
      items: { workItemId?: number; item?: { workItemId: number; refNo: string }; refNo?: string }[];
      total: number;
    };
    return { refNos: body.items.map((i) => i.refNo ?? i.item!.refNo), total: body.total };
  };
  const exportOf = async (who: LoggedIn, url: string) => {
    const res = await req(who, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    return { disposition: String(res.headers['content-disposition']), sheet: await sheetOf(res.rawPayload) };
  };

  const pairs: [string, string][] = [
    ['/supervision/listed?pageSize=200', '/supervision/listed/export.xlsx'],
    ['/supervision/backlog?status=open&pageSize=200', '/supervision/backlog/export.xlsx?status=open'],
    ['/supervision/backlog?status=all&pageSize=200', '/supervision/backlog/export.xlsx?status=all'],
    ['/supervision/notices?status=pending&pageSize=200', '/supervision/notices/export.xlsx?status=pending'],
    ['/supervision/notices?status=all&pageSize=200', '/supervision/notices/export.xlsx?status=all'],
    ['/supervision/notices?status=overdue&pageSize=200', '/supervision/notices/export.xlsx?status=overdue'],
    ['/supervision/listed?q=争议1&pageSize=200', '/supervision/listed/export.xlsx?q=争议1'],
    ['/supervision/listed?order=asc&pageSize=200', '/supervision/listed/export.xlsx?order=asc'],
    ['/supervision/backlog?status=all&order=desc&pageSize=200', '/supervision/backlog/export.xlsx?status=all&order=desc'],
    ['/supervision/notices?status=all&order=desc&q=社保&pageSize=200', '/supervision/notices/export.xlsx?status=all&order=desc&q=社保'],
  ];

  it("each 督办 export holds the list's rows in its order for every caller; the accused unit never gets the 检举控告", async () => {
    const accRef = ((await ok(xfj, 'GET', `/petitions/${caseAcc}`)) as { caseNo: string }).caseNo;
    for (const who of [xfj, liaison, town2]) {
      for (const [listUrl, exportUrl] of pairs) {
        const l = await listIds(who, listUrl);
        const { sheet } = await exportOf(who, exportUrl);
        expect(
          sheet.rows.map((r) => r[0]),
          exportUrl,
        ).toEqual(l.refNos);
        expect(sheet.rows.length, exportUrl).toBe(l.total);
        if (who === liaison) expect(sheet.rows.map((r) => r[0])).not.toContain(accRef);
      }
    }
    expect((await exportOf(xfj, '/supervision/listed/export.xlsx')).sheet.rows.map((r) => r[0])).toContain(accRef);
    expect((await exportOf(liaison, '/supervision/listed/export.xlsx')).sheet.rows).toHaveLength(3);
    expect((await exportOf(town2, '/supervision/listed/export.xlsx')).sheet.rows).toHaveLength(0);
    // the filter matters: one notice was replied, so pending and all differ
    expect((await exportOf(xfj, '/supervision/notices/export.xlsx?status=pending')).sheet.rows).toHaveLength(3);
    expect((await exportOf(xfj, '/supervision/notices/export.xlsx?status=all')).sheet.rows).toHaveLength(4);
  });

  it('search (编号/标题, wildcards literal) and date order filter the lists and their exports alike', async () => {
    const refs = (url: string) => exportOf(xfj, url).then((e) => e.sheet.rows.map((r) => String(r[0])));
    const asc = await refs('/supervision/backlog/export.xlsx?status=all');
    expect(asc).toHaveLength(4);
    expect(await refs('/supervision/backlog/export.xlsx?status=all&order=desc')).toEqual([...asc].reverse());
    expect(await refs('/supervision/listed/export.xlsx?q=争议1')).toHaveLength(1);
    expect(await refs(`/supervision/listed/export.xlsx?q=${encodeURIComponent(asc[0]!)}`)).toEqual([asc[0]]);
    expect(await refs('/supervision/listed/export.xlsx?q=%25')).toHaveLength(0);
    expect((await req(xfj, 'GET', '/supervision/notices/export.xlsx?order=up')).statusCode).toBe(400);
  });

  it('sheets are readable: zh-CN headers, words for states, dates as dates, <list name>_<date>.xlsx', async () => {
    const backlog = await exportOf(xfj, '/supervision/backlog/export.xlsx');
    expect(backlog.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('积案台账_2026-09-28.xlsx')}`);
    expect(backlog.sheet.header.slice(0, 9)).toEqual(['编号', '类型', '标题', '承办单位', '状态', '化解方案', '责任领导', '责任单位', '化解时限']);
    expect(backlog.sheet.rows[0]!.slice(5, 9)).toEqual(['人社局牵头核查参保记录，分期补缴', '王领导', '县人社局', new Date('2026-12-31T00:00:00Z')]);
    expect(backlog.sheet.rows[0]![1]).toBe('信访');
    const notices = await exportOf(xfj, '/supervision/notices/export.xlsx?status=all');
    expect(notices.disposition).toContain(encodeURIComponent('督办通知_2026-09-28.xlsx'));
    const stateCol = notices.sheet.header.indexOf('回复情况');
    expect(notices.sheet.rows.map((r) => r[stateCol]).sort()).toEqual(['已回复', '待回复', '待回复', '待回复']);
    const listed = await exportOf(xfj, '/supervision/listed/export.xlsx');
    expect(listed.disposition).toContain(encodeURIComponent('挂牌督办_2026-09-28.xlsx'));
    // listed at 10:00 Shanghai time, shown as wall-clock time
    expect(listed.sheet.rows[0]![listed.sheet.header.indexOf('挂牌时间')]).toEqual(new Date('2026-09-28T10:00:00Z'));
  });

  it('领导包案 exports equal the 包案 lists (filter open=…), scoped per caller; needs a login; bad filters rejected', async () => {
    for (const [who, base] of [
      [xfj, `/leaders/${leaderId}/cases`],
      [liaison, `/leaders/${leaderId}/cases`],
      [leader, '/my/leader-cases'],
    ] as const) {
      for (const qs of ['', '?open=true', '?open=false']) {
        const l = (await ok(who, 'GET', `${base}${qs}`)) as { items: { refNo: string }[] };
        const { sheet, disposition } = await exportOf(who, `${base}/export.xlsx${qs}`);
        expect(sheet.rows.map((r) => r[0])).toEqual(l.items.map((i) => i.refNo));
        expect(disposition).toContain(encodeURIComponent('领导包案_2026-09-28.xlsx'));
      }
    }
    expect((await exportOf(xfj, `/leaders/${leaderId}/cases/export.xlsx`)).sheet.rows).toHaveLength(4);
    expect((await exportOf(liaison, `/leaders/${leaderId}/cases/export.xlsx`)).sheet.rows).toHaveLength(3);
    expect((await req(xfj, 'GET', `/leaders/${leaderId}/cases/export.xlsx?open=maybe`)).statusCode).toBe(400);
    expect((await req(xfj, 'GET', '/my/leader-cases/export.xlsx')).statusCode).toBe(404); // not a leader account
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/supervision/backlog/export.xlsx' })).statusCode).toBe(401);
  });
});
