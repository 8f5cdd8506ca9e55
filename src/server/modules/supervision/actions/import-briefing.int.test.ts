import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { docxParagraphs } from '../../../core/documents/index.ts';

interface PreviewRow {
  row: number;
  ok: boolean;
  errors: string[];
  title: string;
  unitName: string;
  leaderName: string;
  dueDate: string;
}
interface Body {
  id: number;
  issueNo: number;
  message: string;
  rows: PreviewRow[];
  imported: number;
  ids: number[];
  whole: boolean;
  items: { title: string; unitName: string; leaderName: string | null; status: string; taskId: number; linked: { refNo: string } | null }[];
  briefings: { id: number; issueNo: number; total: number; closed: number; overdue: number; issuerName: string }[];
}

describe(`专项行动: 问题清单 from Excel and the 工作简报 (${TEST_BACKEND})`, () => {
  // Beijing 2026-09-07 (a Monday) 10:00
  let now = new Date('2026-09-07T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let office: TestUnit;
  let xfj: LoggedIn;
  let town0: LoggedIn;
  let town1: LoggedIn;
  let dcb: LoggedIn;
  let id = 0;
  let townAction = 0;

  const api = async (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    const json = (res.headers['content-type'] ?? '').toString().includes('json');
    return { status: res.statusCode, body: (json ? res.json() : {}) as Body, raw: res.rawPayload, headers: res.headers };
  };
  const signIn = async () => {
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id, username: 'im_xfj' });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'im_town0' });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id, username: 'im_town1' });
    dcb = await loginAs(t, { roles: ['dcb_staff'], unitId: office.id, username: 'im_dcb' });
  };
  const count = async (table: 'sv_action_items' | 'supervision_tasks' | 'sv_action_briefings') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** the action's own template, filled in as staff would (the header row kept, rows below it) */
  const filled = async (actionId: number, rows: (string | Date)[][]) => {
    const tpl = await api(actionId === townAction ? town0 : xfj, 'GET', `/supervision/actions/${actionId}/items/template.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.raw as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('问题清单')!;
    rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(i + 2, j + 1).value = v)));
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  };
  const upload = (who: LoggedIn, actionId: number, fileBase64: string, confirm: boolean) =>
    api(who, 'POST', `/supervision/actions/${actionId}/items/import`, { fileBase64, filename: '问题清单.xlsx', confirm });

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    office = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县委县政府督查室' });
    await signIn();
    const db = t.database.db;
    for (const name of ['李明', '王强'])
      await db.insertInto('leaders').values({ name, title: '副县长', unit_id: tree.county.id, user_id: null, portfolio: [], oversees_unit_ids: [] }).execute();
    await db
      .insertInto('work_items')
      .values({
        module: 'petition',
        ref_no: 'XF-2024-0031',
        title: '某小区业主反映房产证办理问题',
        state: 'handling',
        owner_unit_id: tree.townships[0].id,
        owner_unit_path: tree.townships[0].path,
      })
      .execute();
    await db
      .insertInto('work_items')
      .values({
        module: 'petition',
        ref_no: 'XF-2024-0099',
        title: '邻镇的信访件',
        state: 'handling',
        owner_unit_id: tree.townships[1].id,
        owner_unit_path: tree.townships[1].path,
      })
      .execute();
    const action = (over: object) => ({
      name: '“信访积案化解年”专项行动',
      category: 'petition_backlog',
      periodFrom: '2026-09-01',
      periodTo: '2026-12-31',
      goals: '全县信访积案化解率达到90%以上',
      rhythm: 'weekly',
      leadUnitId: tree.department.id,
      members: [{ role: 'head', name: '李明' }],
      ...over,
    });
    id = (await api(xfj, 'POST', '/supervision/actions', action({}))).body.id;
    townAction = (
      await api(town0, 'POST', '/supervision/actions', action({ name: '龙蚕镇矛盾纠纷大排查', category: 'dispute', leadUnitId: tree.townships[0].id }))
    ).body.id;
    expect(id).toBeGreaterThan(0);
    expect(townAction).toBeGreaterThan(0);
  });
  afterAll(() => t?.close());

  it('the template names the columns in Chinese and says how to fill them; a unit that does not lead gets none', async () => {
    const tpl = await api(xfj, 'GET', `/supervision/actions/${id}/items/template.xlsx`);
    expect(tpl.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.raw as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['问题清单', '填写说明']);
    const header = (wb.getWorksheet('问题清单')!.getRow(1).values as unknown[]).filter(Boolean);
    expect(header).toEqual(['问题描述*', '责任单位*', '包案领导*', '完成时限*', '销号标准*', '关联事项编号', '关联事项类型']);
    expect(JSON.stringify(wb.getWorksheet('填写说明')!.getSheetValues())).toContain('一行也不列入');
    expect((await api(town1, 'GET', `/supervision/actions/${id}/items/template.xlsx`)).status).toBe(403);
  });

  it('a file with bad rows: every row checked, each error names its column; nothing is listed, not even on confirm', async () => {
    const file = await filled(id, [
      ['张某某反映征地补偿问题', tree.townships[0].name, '李明', '2026-09-30', '当事人签订息诉罢访协议'],
      ['李某反映土地承包纠纷', '不存在的镇', '张三', '2026-02-30', '纠纷调解结案'],
      ['刘某反映拖欠工程款', tree.townships[1].name, '王强', '2026-08-20', '工程款支付到位', 'XF-NONE'],
      ['', tree.townships[1].name, '王强', new Date(Date.UTC(2026, 9, 30)), ''],
    ]);
    const before = await count('supervision_tasks');
    const preview = await upload(xfj, id, file, false);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const rows = preview.body.rows;
    expect(rows.map((r) => [r.row, r.ok])).toEqual([
      [2, true],
      [3, false],
      [4, false],
      [5, false],
    ]);
    expect(rows[0]).toMatchObject({ unitName: tree.townships[0].name, leaderName: '李明', dueDate: '2026-09-30' });
    expect(rows[1]!.errors).toEqual([
      '责任单位：没有名为“不存在的镇”的单位（或已停用）',
      '包案领导：县领导名单中没有“张三”（或已停用）',
      '完成时限：“2026-02-30”不是有效日期，请写成 2026-12-31 的形式',
    ]);
    expect(rows[2]!.errors).toEqual(['完成时限：2026-08-20 早于行动开始日期 2026-09-01', '关联事项编号：没有找到编号为 XF-NONE 的事项']);
    // an Excel date cell reads as its day; the empty required cells are named
    expect(rows[3]).toMatchObject({ dueDate: '2026-10-30' });
    expect(rows[3]!.errors).toEqual(['问题描述：不能为空', '销号标准：不能为空']);
    const confirm = await upload(xfj, id, file, true);
    expect(confirm.body.imported).toBe(0);
    expect(await count('supervision_tasks')).toBe(before);
    expect(await count('sv_action_items')).toBe(0);
  });

  it('a good file: the preview writes nothing; confirm lists every row through the form’s path, the 积案 linked', async () => {
    const file = await filled(id, [
      ['某小区业主反映房产证办理问题', tree.townships[0].name, '李明', '2026-09-30', '房产证办理到位', 'XF-2024-0031', '信访'],
      ['李某反映土地承包纠纷', `${tree.townships[0].name}/${tree.villages[0][0].name}`, '王强（副县长）', '2026/10/15', '纠纷调解结案'],
      ['刘某反映拖欠工程款', tree.townships[1].name, '王强', '2026-09-10', '工程款支付到位'],
    ]);
    const preview = await upload(xfj, id, file, false);
    expect(
      preview.body.rows.every((r) => r.ok),
      JSON.stringify(preview.body.rows),
    ).toBe(true);
    expect(preview.body.imported).toBe(0);
    expect(await count('sv_action_items')).toBe(0);
    const done = await upload(xfj, id, file, true);
    expect(done.status).toBe(200);
    expect(done.body.imported).toBe(3);
    expect(done.body.ids).toHaveLength(3);
    const d = (await api(xfj, 'GET', `/supervision/actions/${id}`)).body;
    expect(d.items.map((i) => [i.title, i.unitName, i.leaderName])).toEqual([
      ['某小区业主反映房产证办理问题', tree.townships[0].name, '李明'],
      ['李某反映土地承包纠纷', tree.villages[0][0].name, '王强'],
      ['刘某反映拖欠工程款', tree.townships[1].name, '王强'],
    ]);
    expect(d.items[0]!.linked).toMatchObject({ refNo: 'XF-2024-0031' });
    const audit = await t.database.db.selectFrom('audit_events').select('after').where('action', '=', 'supervision.action.items').executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain('问题清单.xlsx');
    // a township cannot import into an action it does not lead
    expect((await upload(town1, id, file, true)).status).toBe(403);
  });

  it('a township-led action lists only its own area: a unit outside is refused per row, and by the form too', async () => {
    const file = await filled(townAction, [
      ['村民反映灌溉水渠堵塞', tree.villages[0][0].name, '李明', '2026-09-30', '水渠疏通'],
      ['村民反映宅基地纠纷', tree.villages[1][0].name, '李明', '2026-09-30', '调解结案'],
      ['邻镇的积案', tree.townships[1].name, '李明', '2026-09-30', '化解', 'XF-2024-0031'],
    ]);
    const r = await upload(town0, townAction, file, true);
    expect(r.status).toBe(200);
    expect(r.body.imported).toBe(0);
    expect(r.body.rows.map((x) => x.ok)).toEqual([true, false, false]);
    expect(r.body.rows[1]!.errors[0]).toContain(`${tree.villages[1][0].name}不在${tree.townships[0].name}辖区内`);
    expect(r.body.rows[2]!.errors[0]).toContain(`${tree.townships[1].name}不在${tree.townships[0].name}辖区内`);
    const leader = Number((await t.database.db.selectFrom('leaders').select('id').where('name', '=', '李明').executeTakeFirstOrThrow()).id);
    const form = await api(town0, 'POST', `/supervision/actions/${townAction}/items`, {
      items: [{ title: '村民反映宅基地纠纷', unitId: tree.villages[1][0].id, leaderId: leader, dueDate: '2026-09-30', standard: '调解结案' }],
    });
    expect(form.status).toBe(400);
    expect(form.body.message).toContain('辖区内');
    // the 关联编号 must be one the importer sees: the neighbour's petition reads as not found
    const outOfSight = await upload(
      town0,
      townAction,
      await filled(townAction, [['村民反映灌溉水渠堵塞', tree.villages[0][0].name, '李明', '2026-09-30', '水渠疏通', 'XF-2024-0099']]),
      false,
    );
    expect(outOfSight.body.rows[0]!.errors).toEqual(['关联事项编号：没有找到编号为 XF-2024-0099 的事项']);
  });

  it('refuses a file too big or not an Excel before reading it, in Chinese', async () => {
    const many = Array.from({ length: 201 }, (_, i) => [`问题${i + 1}`, tree.townships[0].name, '李明', '2026-09-30', '化解']);
    const tooMany = await upload(xfj, id, await filled(id, many), false);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain('一次最多导入 200 行');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('问题清单');
    ws.addRow(['问题描述', '责任单位', '包案领导', '完成时限', '销号标准']);
    for (let i = 0; i < 1100; i++) ws.addRow([`问题${i}`, '某镇', '李明', '2026-09-30', '化解']);
    const huge = await upload(xfj, id, Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), false);
    expect(huge.status).toBe(400);
    expect(huge.body.message).toContain('工作表超过 1000 行');
    const junk = await upload(xfj, id, Buffer.from('不是表格').toString('base64'), false);
    expect(junk.status).toBe(400);
    expect(junk.body.message).toContain('无法读取该文件');
    expect(await count('sv_action_items')).toBe(3);
  });

  it('工作简报: 第N期 per action, the 督查室 as issuer, the figures the action page shows; units never see it', async () => {
    const early = await api(xfj, 'POST', `/supervision/actions/${id}/briefings`);
    expect(early.status).toBe(400);
    expect(early.body.message).toContain('筹备');
    expect((await api(xfj, 'POST', `/supervision/actions/${id}/status`, { status: 'running' })).status).toBe(200);
    // Monday 2026-09-21: one row closed, one past its 09-10 deadline; a 调度 recorded
    now = new Date('2026-09-21T02:00:00Z');
    await signIn();
    let d = (await api(xfj, 'GET', `/supervision/actions/${id}`)).body;
    const task = d.items[0]!.taskId;
    const act = (who: LoggedIn, name: string, payload: object) => api(who, 'POST', `/supervision/tasks/${task}/actions/${name}`, payload);
    expect((await act(town0, 'start', {})).status).toBe(200);
    expect((await act(town0, 'report', { reportText: '房产证已办理' })).status).toBe(200);
    expect((await act(xfj, 'verify', { note: '核实属实' })).status).toBe(200);
    expect(
      (
        await api(xfj, 'POST', `/supervision/actions/${id}/dispatches`, {
          dispatchedOn: '2026-09-21',
          form: 'meeting',
          reported: '各乡镇汇报积案化解进展',
          problems: '个别积案化解进度滞后',
          nextSteps: '包案领导本周带案下访',
        })
      ).status,
    ).toBe(200);
    expect((await api(town0, 'POST', `/supervision/actions/${id}/briefings`)).status).toBe(403);

    const first = await api(xfj, 'POST', `/supervision/actions/${id}/briefings`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.issueNo).toBe(1);
    expect((await api(dcb, 'POST', `/supervision/actions/${id}/briefings`)).body.issueNo).toBe(2);
    // another action's 期号 counts on its own
    expect((await api(town0, 'POST', `/supervision/actions/${townAction}/status`, { status: 'running' })).status).toBe(200);
    expect((await api(town0, 'POST', `/supervision/actions/${townAction}/briefings`)).body.issueNo).toBe(1);

    d = (await api(xfj, 'GET', `/supervision/actions/${id}`)).body;
    const page = {
      total: d.items.length,
      closed: d.items.filter((i) => i.status === 'done').length,
      overdue: d.items.filter((i) => i.status === 'late').length,
    };
    expect(page).toEqual({ total: 3, closed: 1, overdue: 1 });
    expect(d.briefings.map((b) => b.issueNo)).toEqual([2, 1]);
    expect(d.briefings[1]).toMatchObject({ ...page, issuerName: '县委县政府督查室' });

    const file = await api(xfj, 'GET', `/supervision/actions/${id}/briefings/${first.body.id}/docx`);
    expect(file.status).toBe(200);
    expect(String(file.headers['content-disposition'])).toContain('briefing-1');
    const text = (await docxParagraphs(file.raw as Buffer)).join('\n');
    expect(text).toContain('工作简报');
    expect(text).toContain('第1期');
    expect(text).toContain('“信访积案化解年”专项行动工作简报');
    expect(text).toContain('问题清单共列入问题3个，已销号1个');
    expect(text).toContain('逾期未反馈1个');
    expect(text).toContain(`${tree.townships[1].name}：列入问题1个，已销号0个，逾期未反馈1个`);
    expect(text).toContain('个别积案化解进度滞后');
    expect(text).toContain('9月14日至9月20日');
    expect(text).toContain('县委县政府督查室');

    // a township sees its own rows but no 简报 (it names every unit's figures)
    const own = (await api(town1, 'GET', `/supervision/actions/${id}`)).body;
    expect(own.items.map((i) => i.title)).toEqual(['刘某反映拖欠工程款']);
    expect(own.briefings).toEqual([]);
    expect((await api(town1, 'GET', `/supervision/actions/${id}/briefings/${first.body.id}/docx`)).status).toBe(404);
    expect(await count('sv_action_briefings')).toBe(3);
  });
});
