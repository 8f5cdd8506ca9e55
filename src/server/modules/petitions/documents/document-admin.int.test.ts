import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';

describe("document administration: template list, preview, units' 发文代字 / 机关标志", () => {
  let t: TestApp;
  let tree: TestUnitTree;
  let xfj: LoggedIn;
  let admin: LoggedIn;
  let petitionId = 0;
  const now = new Date('2026-08-05T02:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id });
    const cats = (await t.app.inject({ method: 'GET', url: '/api/v1/petition-categories', headers: xfj.headers })).json() as {
      items: { name: string; children: { id: number }[] }[];
    };
    const catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
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
        title: '拖欠农民工工资',
        content: '拖欠工资，请求依法处理。',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    petitionId = (res.json() as { id: number }).id;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/petitions/${petitionId}/actions/accept`, headers: xfj.headers, payload: {} })).statusCode).toBe(
      200,
    );
  });
  afterAll(() => t.close());

  it('lists the 9 kinds with the placeholders, for admins only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/document-templates', headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { kind: string; name: string }[]; placeholders: { key: string }[] };
    expect(body.items.map((i) => i.kind)).toEqual([
      'accept_notice',
      'reject_notice',
      'refuse_again_notice',
      'transfer_notice',
      'transfer_slip',
      'extension_notice',
      'opinion',
      'review_opinion',
      'supervision_notice',
    ]);
    expect(body.placeholders.map((p) => p.key)).toEqual(expect.arrayContaining(['caseNo', 'receivedDate', 'legalRoutes']));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/document-templates', headers: xfj.headers })).statusCode).toBe(403);
  });

  it('previews a draft filled from a case without numbering, storing or revealing, and names unknown placeholders', async () => {
    const before = await t.database.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/document-templates/accept_notice/preview',
      headers: admin.headers,
      payload: { title: '受理告知书', body: '事项 {caseNo}（{title}）于{receivedDate}收到。\n\n拼错的 {caseNumber}。', petitionId },
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as { title: string; addressee: string; paragraphs: string[]; unknownPlaceholders: string[]; notApplicable: string | null };
    const caseNo = (await t.database.db.selectFrom('petitions').select('case_no').where('id', '=', petitionId).executeTakeFirstOrThrow()).case_no;
    expect(p.paragraphs[0]).toBe(`事项 ${caseNo}（拖欠农民工工资）于2026年8月5日收到。`);
    expect(p.unknownPlaceholders).toEqual(['caseNumber']);
    expect(p.addressee).not.toContain('王小明');
    expect(p.notApplicable).toBeNull();
    const after = await t.database.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // only the 受理告知书 the 受理 itself issued has a number
    expect(await t.database.db.selectFrom('document_sequences').select(['prefix', 'last']).execute()).toEqual([{ prefix: `T${tree.department.id}`, last: 1 }]);
    // a case the admin cannot see (unknown id) is a 404
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/document-templates/accept_notice/preview',
      headers: admin.headers,
      payload: { title: 'x', body: 'y', petitionId: 999999 },
    });
    expect(missing.statusCode).toBe(404);
  });

  it("sets a unit's 发文代字 and 机关标志 (audited), which the next document uses", async () => {
    await t.database.db.deleteFrom('document_issuers').where('unit_id', '=', tree.department.id).execute();
    const get = await t.app.inject({ method: 'GET', url: `/api/v1/units/${tree.department.id}/document-issuer`, headers: admin.headers });
    expect(get.json()).toEqual({ unitId: tree.department.id, prefix: '', mark: tree.department.name, configured: false });
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/units/${tree.department.id}/document-issuer`,
      headers: admin.headers,
      payload: { prefix: '青 信', mark: '青山县信访局' },
    });
    expect(bad.statusCode).toBe(400);
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/units/${tree.department.id}/document-issuer`,
      headers: admin.headers,
      payload: { prefix: '青访', mark: '青山县人民政府信访局' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ prefix: '青访', mark: '青山县人民政府信访局', configured: true });
    const audit = await t.database.db.selectFrom('audit_events').select(['after']).where('action', '=', 'unit.document_issuer').execute();
    expect(audit.map((a) => a.after)).toEqual([{ prefix: '青访', mark: '青山县人民政府信访局' }]);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/v1/units/${tree.department.id}/document-issuer`,
          headers: xfj.headers,
          payload: { prefix: 'X', mark: 'XX' },
        })
      ).statusCode,
    ).toBe(403);

    const doc = await t.app.inject({ method: 'POST', url: `/api/v1/petitions/${petitionId}/documents/accept_notice`, headers: xfj.headers });
    expect(doc.statusCode, doc.body).toBe(200);
    expect((doc.json() as { number: string }).number).toBe('青访〔2026〕1号');
  });
});
