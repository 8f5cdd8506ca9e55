import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { loadPersonalDataKeys } from '../../../core/personal-data/index.ts';
import { prepareRegistration, registerInTransaction } from '../register-petition.ts';

const ID = '11010519491231002X';

describe('信访台账 Excel: export of the list, template, all-or-nothing import', () => {
  const now = new Date('2026-03-10T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let xfj: LoggedIn;
  let catId: number;
  let subName: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    const cats = (await t.app.inject({ method: 'GET', url: '/api/v1/petition-categories', headers: xfj.headers })).json() as {
      items: { id: number; name: string; children: { id: number; name: string }[] }[];
    };
    const sub = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!;
    catId = sub.id;
    subName = `劳动和社会保障/${sub.name}`;
  });
  afterAll(() => t.close());

  const load = async (payload: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(payload as unknown as ArrayBuffer);
    return wb;
  };
  const count = async (table: 'petitions' | 'audit_events', action?: string) => {
    let q = t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (action) q = (q as unknown as typeof q).where('action' as never, '=', action as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  it('exports the list with its filters, personal data masked', async () => {
    const base = {
      petitioners: [{ name: '张三丰', idNumber: ID, phone: '13800138000' }],
      matterType: 'appeal',
      categoryId: catId,
      placeUnitId: tree.townships[0].id,
      content: '工地拖欠农民工工资，多次讨要未果。',
    };
    for (const [channel, title] of [
      ['visit', '来访拖欠工资'],
      ['letter', '来信反映噪声'],
      ['visit', '集体来访讨薪'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/petitions',
        headers: xfj.headers,
        payload: { ...base, channel, title, ...(channel === 'visit' ? { visit: { persons: 6 } } : {}) },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    // one of them 交办'd to a township with a 包案领导: the ledger names both
    const leader = await t.database.db
      .insertInto('leaders')
      .values({ name: '王建国', title: '副县长', unit_id: tree.department.id, portfolio: [], oversees_unit_ids: [] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const visits = (await t.app.inject({ method: 'GET', url: '/api/v1/petitions?channel=visit', headers: xfj.headers })).json() as {
      items: { id: number; title: string }[];
    };
    const assigned = visits.items.find((i) => i.title === '来访拖欠工资')!;
    const assign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/petitions/${assigned.id}/actions/assign`,
      headers: xfj.headers,
      payload: { leadUnitId: tree.townships[0].id, leaderId: Number(leader.id) },
    });
    expect(assign.statusCode, assign.body).toBe(200);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/petitions?channel=visit', headers: xfj.headers })).json() as {
      total: number;
      items: { caseNo: string }[];
    };
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/petitions/export.xlsx?channel=visit', headers: xfj.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ws = (await load(res.rawPayload)).getWorksheet('信访台账')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '编号',
      '预警',
      '期限',
      '渠道',
      '类型',
      '分类',
      '标题',
      '属地',
      '主办单位',
      '包案领导',
      '状态',
      '标记',
      '信访人（脱敏）',
      '登记日期',
      '受理日期',
      '答复日期',
      '评价',
    ]);
    // the heading is frozen and filterable; columns are wide enough to read
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:Q1');
    expect(ws.getColumn(header.indexOf('标题') + 1).width).toBeGreaterThanOrEqual(30);
    // dates are real Excel dates (sortable and filterable in Excel), read back as their day
    const rows = ws
      .getRows(2, ws.rowCount - 1)!
      .map((r) => (r.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)));
    expect(rows.map((r) => r[0])).toEqual(list.items.map((i) => i.caseNo));
    expect(rows).toHaveLength(list.total);
    expect(rows[0]).toEqual(expect.arrayContaining(['来访', '申诉求决类', '集体来访讨薪', '已登记', '集体访、重复信访', '张*丰', '2026-03-10', '2026-03-25']));
    // 预警 in words next to its due date, 主办单位 and 包案领导 by name
    expect(rows[0]![header.indexOf('预警')]).toBe('正常');
    const assignedRow = rows.find((r) => r[header.indexOf('标题')] === '来访拖欠工资')!;
    expect(assignedRow[header.indexOf('主办单位')]).toBe(tree.townships[0].name);
    expect(assignedRow[header.indexOf('包案领导')]).toBe('王建国（副县长）');
    expect(ws.getCell(2, header.indexOf('期限') + 1).value).toBeInstanceOf(Date);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('张三丰');
    expect(text).not.toContain(ID);
    expect(text).toContain('张*');
    // out of scope: a township with no part in these cases exports an empty ledger
    const town = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    const empty = await t.app.inject({ method: 'GET', url: '/api/v1/petitions/export.xlsx', headers: town.headers });
    expect((await load(empty.rawPayload)).getWorksheet('信访台账')!.rowCount).toBe(1);
    // every filter of the list works on its export (one schema): 超期未评价 too — none of these is past its window
    const evalOverdue = await t.app.inject({ method: 'GET', url: '/api/v1/petitions/export.xlsx?flag=evalOverdue', headers: xfj.headers });
    expect(evalOverdue.statusCode).toBe(200);
    expect((await load(evalOverdue.rawPayload)).getWorksheet('信访台账')!.rowCount).toBe(1);
  });

  const ledger = async (rows: (string | number | Date)[][]) => {
    const tpl = await t.app.inject({ method: 'GET', url: '/api/v1/imports/petition_ledger/template.xlsx', headers: xfj.headers });
    expect(tpl.statusCode).toBe(200);
    const wb = await load(tpl.rawPayload);
    const ws = wb.getWorksheet('信访台账')!;
    for (const [i, r] of rows.entries()) ws.getRow(i + 2).values = r;
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  };
  // 登记日期, 渠道, 人次, 类型, 问题类别, 问题属地, 标题, 内容, 信访人姓名, 身份证号, 联系电话
  const row = (extra: Partial<Record<number, string | number | Date>> = {}) => {
    const r: (string | number | Date)[] = [
      new Date('2026-03-02T00:00:00Z'),
      '来信',
      '',
      '申诉求决类',
      subName,
      tree.townships[0].name,
      '导入的拖欠工资事项',
      '某工地拖欠工资三个月未发。',
      '李四',
      '',
      '13900139000',
    ];
    for (const [k, v] of Object.entries(extra)) r[Number(k)] = v!;
    return r;
  };

  it('one bad row: the report names it and NOTHING is imported', async () => {
    const before = await count('petitions');
    const fileBase64 = await ledger([row(), row({ 9: '110105194912310021' }), row({ 1: '来访', 2: 8 })]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/petition_ledger',
      headers: xfj.headers,
      payload: { fileBase64, filename: '台账.xlsx' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { rows: { row: number; ok: boolean; errors: string[] }[]; imported: number };
    expect(body.imported).toBe(0);
    expect(body.rows.map((r) => [r.row, r.ok])).toEqual([
      [2, true],
      [3, false],
      [4, true],
    ]);
    expect(body.rows[1]!.errors.join()).toContain('身份证号');
    expect(await count('petitions')).toBe(before);
  });

  it('all rows good: registered like manual intake, with numbers, clocks and audit', async () => {
    const before = {
      petitions: await count('petitions'),
      register: await count('audit_events', 'petition.register'),
      imports: await count('audit_events', 'petition.import'),
    };
    const fileBase64 = await ledger([row(), row({ 1: '来访', 2: 8, 6: '集体讨薪' }), row({ 0: '2026-03-05', 1: '网上', 3: '建议意见类', 8: '', 10: '' })]);
    // a 建议意见 without a name is anonymous only when said so
    const missing = (await t.app.inject({ method: 'POST', url: '/api/v1/imports/petition_ledger', headers: xfj.headers, payload: { fileBase64 } })).json() as {
      imported: number;
      rows: { row: number; errors: string[] }[];
    };
    expect(missing.imported).toBe(0);
    expect(missing.rows[2]!.errors.join()).toContain('信访人');

    const ok = await ledger([
      row(),
      row({ 1: '来访', 2: 8, 6: '集体讨薪' }),
      [...row({ 0: '2026-03-05', 1: '网上', 3: '建议意见类', 8: '', 10: '' }), '', '是'],
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports/petition_ledger', headers: xfj.headers, payload: { fileBase64: ok } });
    const body = res.json() as { rows: { row: number; ok: boolean; id: number; no: string }[]; imported: number };
    expect(body.imported, res.body).toBe(3);
    expect(body.rows.every((r) => r.ok && /^XF-T[0-9a-f]+-2026-\d{6}$/.test(r.no))).toBe(true);
    expect(await count('petitions')).toBe(before.petitions + 3);
    expect(await count('audit_events', 'petition.register')).toBe(before.register + 3);
    expect(await count('audit_events', 'petition.import')).toBe(before.imports + 1);
    // a ledger holds past cases: importing it texts nobody (rows carry phones)
    const receipts = await t.database.db
      .selectFrom('outbox_messages')
      .select('id')
      .where(
        'work_item_id',
        'in',
        body.rows.map((r) => r.id),
      )
      .execute();
    expect(receipts).toHaveLength(0);
    const visit = (await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${body.rows[1]!.id}`, headers: xfj.headers })).json() as {
      flags: { collective: boolean };
      deadlines: { ruleKey: string; dueDate: string }[];
      receivedAt: string;
    };
    expect(visit.flags.collective).toBe(true);
    // the 15-day routing clock runs from the ledger's 登记日期, not from the day of the import
    expect(visit.deadlines.find((d) => d.ruleKey === 'xf.dept.route')!.dueDate).toBe('2026-03-17');
  });

  it('only 信访局 may import; a non-Excel file is refused', async () => {
    const dept = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县住建局' });
    const liaison = await loginAs(t, { roles: ['dept_liaison'], unitId: dept.id });
    const fileBase64 = await ledger([row()]);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/imports/petition_ledger', headers: liaison.headers, payload: { fileBase64 } })).statusCode).toBe(
      403,
    );
    const junk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/petition_ledger',
      headers: xfj.headers,
      payload: { fileBase64: Buffer.from('not excel').toString('base64') },
    });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().message).toContain('.xlsx');
  });

  it('a failure after some rows were registered rolls all of them back (one transaction)', async () => {
    const before = { petitions: await count('petitions'), register: await count('audit_events', 'petition.register') };
    const keys = loadPersonalDataKeys({ secret: t.config.secretKey, dataDir: t.config.dataDir });
    const actor = { userId: xfj.user.id, name: xfj.user.displayName, unitId: xfj.user.unitId, ip: '127.0.0.1' };
    const body = {
      channel: 'letter' as const,
      anonymous: false,
      petitioners: [{ name: '周九' }],
      matterType: 'appeal' as const,
      categoryId: catId,
      placeUnitId: tree.townships[0].id,
      title: '事务回滚测试',
      content: '第二条登记失败时第一条也不得留下。',
      urgency: 'normal' as const,
      skippedLevel: false,
      lawRelated: false,
    };
    const attempt = t.database.db.transaction().execute(async (trx) => {
      await registerInTransaction(trx, [prepareRegistration({ keys, user: xfj.user, actor, now, body })]);
      await registerInTransaction(trx, [prepareRegistration({ keys, user: xfj.user, actor, now, body: { ...body, placeUnitId: 987654321 } })]);
    });
    await expect(attempt).rejects.toThrow('问题属地单位不存在');
    expect(await count('petitions')).toBe(before.petitions);
    expect(await count('audit_events', 'petition.register')).toBe(before.register);
  });
});
