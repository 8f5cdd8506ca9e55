import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { docxEntryText } from '../../../core/documents/index.ts';

interface Doc {
  id: number;
  number: string;
}

describe('发文字号: each issuing unit’s 代字 set by an administrator, numbers per unit/代字/year without gaps, documents stored by work item', () => {
  let t: TestApp;
  let tree: TestUnitTree;
  let dept: TestUnit;
  let xfj: LoggedIn;
  let countyXfj: LoggedIn;
  let admin: LoggedIn;
  let catId = 0;
  let caseA = 0;
  let caseB = 0;
  let now = new Date('2026-08-05T02:00:00Z');

  const req = (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
  const slip = async (id: number, who = xfj) => {
    const res = await req(who, 'POST', `/petitions/${id}/documents/transfer_slip`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Doc;
  };
  const setIssuer = async (unitId: number, prefix: string, mark: string) => {
    const res = await req(admin, 'PUT', `/units/${unitId}/document-issuer`, { prefix, mark });
    expect(res.statusCode, res.body).toBe(200);
  };
  const assigned = async (title: string) => {
    const res = await req(xfj, 'POST', '/petitions', {
      channel: 'letter',
      petitioners: [{ name: '王小明', idNumber: '11010519491231002X', phone: '13800138000' }],
      matterType: 'appeal',
      categoryId: catId,
      placeUnitId: tree.townships[0].id,
      title,
      content: `${title}，请求依法处理。`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = (res.json() as { id: number }).id;
    expect((await req(xfj, 'POST', `/petitions/${id}/actions/assign`, { leadUnitId: dept.id })).statusCode).toBe(200);
    return id;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县人社局' });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    // a second issuing unit: 信访 staff at the county level (sees the county's cases)
    countyXfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.county.id });
    admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id });
    const cats = (await req(xfj, 'GET', '/petition-categories')).json() as { items: { name: string; children: { id: number }[] }[] };
    catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
    caseA = await assigned('拖欠农民工工资');
    caseB = await assigned('社保缴费年限认定');
    // each 交办 issued its 交办告知书 under the test unit's 代字 (T<id>); from here on the units have none until an admin sets it
    await t.database.db.deleteFrom('document_issuers').where('unit_id', 'in', [tree.department.id, tree.county.id]).execute();
  });
  const byHand = () =>
    t.database.db.selectFrom('item_documents').select(['work_item_id', 'number']).where('kind', '<>', 'transfer_notice').orderBy('id').execute();
  afterAll(() => t.close());

  it('refuses to generate while the unit has no 代字, naming the unit and where to set it; nothing is numbered or stored', async () => {
    const res = await req(xfj, 'POST', `/petitions/${caseA}/documents/transfer_slip`);
    expect(res.statusCode).toBe(409);
    const body = res.json() as { error: string; message: string };
    expect(body.error).toBe('DOCUMENT_ISSUER_NOT_SET');
    expect(body.message).toBe(
      `“${tree.department.name}”尚未设置发文代字和机关标志，不能制作文书。请系统管理员在“单位管理”中编辑该单位，填写发文代字（如 青信）和机关标志（发文机关全称）后再制作`,
    );
    expect(await t.database.db.selectFrom('document_sequences').select(['prefix', 'last']).execute()).toEqual([{ prefix: `T${tree.department.id}`, last: 2 }]);
    expect(await byHand()).toEqual([]);
    expect(await t.database.db.selectFrom('audit_events').select('seq').where('action', '=', 'petition.document.generate').execute()).toHaveLength(2);
    // the administrator's view says it is not set; no 代字 is made up from the unit's name
    const view = (await req(admin, 'GET', `/units/${tree.department.id}/document-issuer`)).json() as { prefix: string; configured: boolean };
    expect(view).toMatchObject({ prefix: '', configured: false });
  });

  it('once set, numbers 1, 2, 3 … without leading zeros under the 机关标志 set, stored by work item', async () => {
    await setIssuer(tree.department.id, '青信', '青山县人民政府信访局');
    const first = await slip(caseA);
    expect(first.number).toBe('青信〔2026〕1号');
    const dl = await req(xfj, 'GET', `/petition-documents/${first.id}/download`);
    const xml = await docxEntryText(dl.rawPayload, 'word/document.xml');
    expect(xml).toContain('青山县人民政府信访局');
    expect(xml).toContain('青信〔2026〕1号');
    expect((await slip(caseB)).number).toBe('青信〔2026〕2号');
    expect((await slip(caseA)).number).toBe('青信〔2026〕3号');
    const stored = await byHand();
    expect(stored.map((d) => [Number(d.work_item_id), d.number])).toEqual([
      [caseA, '青信〔2026〕1号'],
      [caseB, '青信〔2026〕2号'],
      [caseA, '青信〔2026〕3号'],
    ]);
    const listed = (await req(xfj, 'GET', `/petitions/${caseA}/documents`)).json() as { items: Doc[] };
    expect(listed.items.map((d) => d.number)).toEqual(['青信〔2026〕3号', '青信〔2026〕1号', `T${tree.department.id}〔2026〕1号`]);
  });

  it('each unit counts in its own sequence; a refused generation takes no number', async () => {
    expect((await req(countyXfj, 'POST', `/petitions/${caseA}/documents/transfer_slip`)).json().error).toBe('DOCUMENT_ISSUER_NOT_SET');
    await setIssuer(tree.county.id, '青府信', '青山县人民政府');
    expect((await slip(caseA, countyXfj)).number).toBe('青府信〔2026〕1号');
    // not applicable (the case has no acceptance): refused before any number is taken
    expect((await req(xfj, 'POST', `/petitions/${caseA}/documents/accept_notice`)).statusCode).toBe(409);
    expect((await slip(caseB)).number).toBe('青信〔2026〕4号');
    expect((await slip(caseB, countyXfj)).number).toBe('青府信〔2026〕2号');
  });

  it('a new 代字 starts its own sequence, the old one continues when it returns; a new year starts at 1', async () => {
    await setIssuer(tree.department.id, '青访', '青山县人民政府信访局');
    expect((await slip(caseA)).number).toBe('青访〔2026〕1号');
    await setIssuer(tree.department.id, '青信', '青山县人民政府信访局');
    expect((await slip(caseA)).number).toBe('青信〔2026〕5号');
    now = new Date('2027-01-04T02:00:00Z');
    xfj = await loginAs(t, { roles: ['xfj_staff'], username: xfj.user.username }); // the session expired with the jump in time
    expect((await slip(caseA)).number).toBe('青信〔2027〕1号');
    expect((await slip(caseB)).number).toBe('青信〔2027〕2号');
  });

  it('documents generated at the same time get consecutive numbers, none repeated and none skipped', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => req(xfj, 'POST', `/petitions/${i % 2 ? caseA : caseB}/documents/transfer_slip`)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(200));
    const numbers = results.map((r) => (r.json() as Doc).number).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect(numbers).toEqual([3, 4, 5, 6, 7, 8].map((n) => `青信〔2027〕${n}号`));
    const seq = await t.database.db
      .selectFrom('document_sequences')
      .select(['prefix', 'year', 'last'])
      .where('unit_id', '=', tree.department.id)
      .where('prefix', 'not like', 'T%')
      .orderBy('prefix')
      .orderBy('year')
      .execute();
    expect(seq).toEqual([
      { prefix: '青信', year: 2026, last: 5 },
      { prefix: '青信', year: 2027, last: 8 },
      { prefix: '青访', year: 2026, last: 1 },
    ]);
  });
});
