import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { fixedClock } from '../../../core/clock/clock.ts';

/** Reads an .xlsx response: its header row and data rows as plain values. */
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

describe('我的待办 export GET /my/todo/export.xlsx', () => {
  let t: TestApp;
  let tree: TestUnitTree;
  let town: LoggedIn;
  let village: LoggedIn;

  async function items(n: number, owner: TestUnit, prefix: string, due: (i: number) => string | null, assigneeId: number | null = null) {
    const db = t.database.db;
    const rows = await db
      .insertInto('work_items')
      .values(
        Array.from({ length: n }, (_, i) => ({
          module: 'petition',
          ref_no: `${prefix}-${String(i).padStart(3, '0')}`,
          title: `事项${prefix}${i}`,
          state: 'handling',
          open: true,
          owner_unit_id: owner.id,
          owner_unit_path: owner.path,
          assignee_id: assigneeId,
        })),
      )
      .returning('id')
      .execute();
    const dl = rows.flatMap((r, i) => {
      const d = due(i);
      return d
        ? [
            {
              work_item_id: r.id,
              rule_key: 'xf.handle',
              label: '办理期限',
              status: 'running' as const,
              started_at: new Date('2026-07-01T00:00:00Z'),
              start_date: '2026-07-01',
              due_date: d,
              provisional: false,
              explanation: `到期 ${d}`,
            },
          ]
        : [];
    });
    if (dl.length) await db.insertInto('deadlines').values(dl).execute();
  }

  beforeAll(async () => {
    // today (Asia/Shanghai) 2026-08-10
    t = await createTestApp({ clock: fixedClock('2026-08-10T02:00:00Z') });
    tree = await createUnitTree(t);
    town = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    village = await loginAs(t, { roles: ['village_staff'], unitId: tree.villages[0][0].id });
    // 230 items under township 0 (more than one export page of 200), overdue / approaching / none mixed
    await items(230, tree.villages[0][0], 'A', (i) => (i % 3 === 0 ? '2026-08-01' : i % 3 === 1 ? '2026-08-12' : null), village.user.id);
    // out of township 0's scope
    await items(5, tree.villages[1][0], 'B', () => '2026-08-01');
  });
  afterAll(async () => t?.close());

  const list = async (who: LoggedIn, qs: string) => {
    const out: { refNo: string }[] = [];
    let total = 0;
    for (let page = 1; ; page++) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/my/todo?${qs}&page=${page}&pageSize=200`, headers: who.headers });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { refNo: string }[]; total: number };
      out.push(...body.items);
      total = body.total;
      if (body.items.length < 200) break;
    }
    return { refNos: out.map((i) => i.refNo), total };
  };
  const exported = async (who: LoggedIn, qs: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/my/todo/export.xlsx?${qs}`, headers: who.headers });
    expect(res.statusCode, res.body).toBe(200);
    return { res, sheet: await sheetOf(res.rawPayload) };
  };

  it('holds exactly the rows of the list, in its order, for the same scope, filter and sort', async () => {
    for (const qs of [
      'scope=unit&sort=due',
      'scope=unit&sort=created',
      'scope=unit&warning=overdue',
      'scope=mine&warning=approaching',
      'scope=unit&warning=severe',
    ]) {
      const l = await list(town, qs);
      const { sheet } = await exported(town, qs);
      expect(
        sheet.rows.map((r) => r[0]),
        qs,
      ).toEqual(l.refNos);
      expect(sheet.rows.length, qs).toBe(l.total);
    }
    const { sheet } = await exported(town, 'scope=unit&sort=due');
    expect(sheet.rows).toHaveLength(230);
    expect(sheet.rows.some((r) => String(r[0]).startsWith('B-'))).toBe(false);
  });

  it('is a readable workbook: zh-CN header, state and warning in words, the due date as a date, named 本单位待办_<today>.xlsx', async () => {
    const { res, sheet } = await exported(town, 'scope=unit&warning=overdue');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('本单位待办_2026-08-10.xlsx')}`);
    expect(sheet.name).toBe('我的待办');
    expect(sheet.header).toEqual(['编号', '类型', '标题', '承办单位', '承办人', '状态', '最近期限', '预警', '期限明细']);
    expect(sheet.rows[0]!.slice(1, 8)).toEqual([
      '信访',
      '事项A0',
      tree.villages[0][0].name,
      village.user.displayName,
      '办理中',
      new Date('2026-08-01T00:00:00Z'),
      '超期',
    ]);
    const mine = await exported(village, 'scope=mine');
    expect(String(mine.res.headers['content-disposition'])).toContain(encodeURIComponent('我的待办_2026-08-10.xlsx'));
  });

  it('validates like the list and needs a login', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/my/todo/export.xlsx?warning=red', headers: town.headers });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/my/todo/export.xlsx' })).statusCode).toBe(401);
  });
});
