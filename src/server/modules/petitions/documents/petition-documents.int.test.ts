import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { docxEntryText } from '../../../core/documents/index.ts';

interface Doc {
  id: number;
  kind: string;
  number: string;
  fileName: string;
  sha256: string;
  size: number;
}

describe('信访 documents (GB/T 9704 DOCX)', () => {
  let t: TestApp;
  let tree: TestUnitTree;
  let dept: TestUnit;
  let xfj: LoggedIn;
  let liaison: LoggedIn;
  let otherTown: LoggedIn;
  let admin: LoggedIn;
  let catId: number;
  let accepted = 0;
  let assigned = 0;
  const now = new Date('2026-08-05T02:00:00Z');

  const register = async (title: string, name: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/petitions',
      headers: xfj.headers,
      payload: {
        channel: 'letter',
        petitioners: [{ name, idNumber: '11010519491231002X', phone: '13800138000' }],
        matterType: 'appeal',
        categoryId: catId,
        placeUnitId: tree.townships[0].id,
        title,
        content: `${title}，请求依法处理。`,
      },
    });
    expect(res.statusCode).toBe(200);
    return (res.json() as { id: number }).id;
  };
  const act = async (id: number, action: string, payload: Record<string, unknown>, who = xfj) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/petitions/${id}/actions/${action}`, headers: who.headers, payload });
    expect(res.statusCode, res.body).toBe(200);
  };
  const generate = (id: number, kind: string, who = xfj, payload?: { reason: string }) =>
    t.app.inject({ method: 'POST', url: `/api/v1/petitions/${id}/documents/${kind}`, headers: who.headers, ...(payload ? { payload } : {}) });
  const listed = async (id: number) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${id}/documents`, headers: xfj.headers })).json() as {
      items: (Doc & { name: string })[];
      kinds: { kind: string; name: string; needsReason: boolean }[];
    };
  const download = (docId: number, who: LoggedIn) => t.app.inject({ method: 'GET', url: `/api/v1/petition-documents/${docId}/download`, headers: who.headers });

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县人社局' });
    await t.database.db.updateTable('document_issuers').set({ prefix: '青信', mark: '青山县信访局' }).where('unit_id', '=', tree.department.id).execute();
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    liaison = await loginAs(t, { roles: ['dept_liaison'], unitId: dept.id });
    otherTown = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id });
    const cats = (await t.app.inject({ method: 'GET', url: '/api/v1/petition-categories', headers: xfj.headers })).json() as {
      items: { name: string; children: { id: number }[] }[];
    };
    catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
    accepted = await register('拖欠农民工工资', '王小明');
    await act(accepted, 'accept', {});
    assigned = await register('社保缴费年限认定', '李四');
    await act(assigned, 'assign', { leadUnitId: dept.id });
  });
  afterAll(() => t.close());

  it('受理 issued its 受理告知书 with the real name (audited reveal), a 发文字号 without leading zeros, stored with its hash', async () => {
    const auto = await listed(accepted);
    expect(auto.items.map((d) => [d.kind, d.name])).toEqual([['accept_notice', '受理告知书']]);
    const doc = auto.items[0]!;
    expect(doc.number).toBe('青信〔2026〕1号');
    expect(doc.fileName).toMatch(/^受理告知书-.+-2026-\d{6}\.docx$/);

    const dl = await download(doc.id, xfj);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toContain('wordprocessingml');
    expect(dl.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(doc.fileName)}`);
    const xml = await docxEntryText(dl.rawPayload, 'word/document.xml');
    expect(xml).toContain('青信〔2026〕1号');
    expect(xml).toContain('王小明：');
    expect(xml).toContain('青山县信访局');
    expect(xml).toContain('2026年8月5日');
    expect(xml).toContain('拖欠农民工工资');
    // the handling period and its ceiling come from legal_rules, with the article they rest on
    expect(xml).toMatch(/本机关将自受理之日起60日内办结（至2026年10月\d+日）.*延长期限不超过30日.*（《信访工作条例》第三十四条）/);
    expect(xml).not.toMatch(/\{[a-zA-Z]+\}/);

    const stored = await t.database.db.selectFrom('item_documents').select(['sha256', 'size']).where('id', '=', doc.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ sha256: doc.sha256, size: dl.rawPayload.length });
    // one reveal per notice (the 受理告知书 and the 交办告知书 of the other case), by the one who decided
    const reveals = await t.database.db.selectFrom('audit_events').select(['reason', 'actor_id']).where('action', '=', 'personal.reveal').execute();
    expect(reveals).toEqual([
      { reason: '制作送达文书', actor_id: xfj.user.id },
      { reason: '制作送达文书', actor_id: xfj.user.id },
    ]);
    const gen = await t.database.db
      .selectFrom('audit_events')
      .select(['entity_id'])
      .where('action', '=', 'petition.document.generate')
      .orderBy('seq')
      .execute();
    expect(gen.map((g) => g.entity_id)).toEqual([String(accepted), String(assigned)]);
  });

  it('numbers increase per unit and year: the 交办告知书 was 2号, the next document 3号, the 交办单 4号', async () => {
    expect((await listed(assigned)).items.map((d) => [d.name, d.number])).toEqual([['交办告知书', '青信〔2026〕2号']]);
    const secondRes = await generate(accepted, 'accept_notice');
    expect(secondRes.statusCode, secondRes.body).toBe(200);
    const second = secondRes.json() as Doc;
    expect(second.number).toBe('青信〔2026〕3号');
    const slip = await generate(assigned, 'transfer_slip');
    expect(slip.statusCode, slip.body).toBe(200);
    expect((slip.json() as Doc).number).toBe('青信〔2026〕4号');
    const xml = await docxEntryText((await download((slip.json() as Doc).id, xfj)).rawPayload, 'word/document.xml');
    expect(xml).toContain('信访事项交办单');
    expect(xml).toContain('县人社局：');
    // a slip to a unit carries no personal name of the petitioner
    expect(xml).not.toContain('李四');
  });

  it('lists documents and the kinds that make sense now; refuses a kind that does not (409) or is unknown (404)', async () => {
    const list = (await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${accepted}/documents`, headers: xfj.headers })).json() as {
      items: Doc[];
      kinds: { kind: string }[];
    };
    expect(list.items.map((d) => d.number)).toEqual(['青信〔2026〕3号', '青信〔2026〕1号']);
    expect(list.kinds.map((k) => k.kind)).toEqual(['accept_notice']);
    const assignedKinds = (await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${assigned}/documents`, headers: xfj.headers })).json() as {
      kinds: { kind: string }[];
    };
    expect(assignedKinds.kinds.map((k) => k.kind)).toEqual(['transfer_notice', 'transfer_slip', 'supervision_notice']);
    const early = await generate(accepted, 'opinion');
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toBe('DOCUMENT_NOT_APPLICABLE');
    expect((await generate(accepted, 'nonsense')).statusCode).toBe(404);
    // a refused generation consumes no number
    expect(((await generate(assigned, 'supervision_notice')).json() as Doc).number).toBe('青信〔2026〕5号');
  });

  it('download and list are scoped like the petition: out of scope → 404', async () => {
    const docId = (await t.database.db.selectFrom('item_documents').select('id').where('work_item_id', '=', accepted).orderBy('id').executeTakeFirstOrThrow())
      .id;
    expect((await download(Number(docId), otherTown)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${accepted}/documents`, headers: otherTown.headers })).statusCode).toBe(404);
    expect((await generate(accepted, 'accept_notice', otherTown)).statusCode).toBe(404);
    expect((await download(999999, xfj)).statusCode).toBe(404);
    // the lead unit sees its case's documents but may not issue 信访局's slips
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${assigned}/documents`, headers: liaison.headers })).statusCode).toBe(200);
    expect((await generate(assigned, 'transfer_slip', liaison)).statusCode).toBe(403);
  });

  it('不予受理告知书 names the legal route and its period; 延期告知书 and 处理意见书 carry the recorded decision', async () => {
    const rejected = await register('要求撤销行政处罚决定', '赵六');
    await act(rejected, 'reject', { reason: '该事项应当通过行政复议、行政诉讼途径解决。', routes: ['fuyi', 'susong'] });
    const rej = (await generate(rejected, 'reject_notice')).json() as Doc;
    const rejXml = await docxEntryText((await download(rej.id, xfj)).rawPayload, 'word/document.xml');
    expect(rejXml).toContain('赵六：');
    expect(rejXml).toContain('该事项应当通过行政复议、行政诉讼途径解决。');
    expect(rejXml).toMatch(/如不服，你可自知道或应当知道该行政行为之日起\d+日内依法申请行政复议（《中华人民共和国行政复议法》[^；]*；或者可自知道/);
    // one petitioner is addressed as 你, never 你（你们）
    expect(rejXml).not.toContain('你（你们）');
    expect(rejXml).toMatch(/\d+个月内依法提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。/);

    const countyLeader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id });
    await act(accepted, 'extend', { amount: 30, reason: '案情复杂，需多部门会商', approverUserId: countyLeader.user.id });
    const ext = (await generate(accepted, 'extension_notice')).json() as Doc;
    const extXml = await docxEntryText((await download(ext.id, xfj)).rawPayload, 'word/document.xml');
    expect(extXml).toContain('因案情复杂，需多部门会商，经批准，办理期限延长30日');
    await act(accepted, 'reply', { outcome: 'support', facts: '经核实，施工单位拖欠工资属实。', legalBasis: '《保障农民工工资支付条例》第三条。' });
    const kinds = (
      (await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${accepted}/documents`, headers: xfj.headers })).json() as { kinds: { kind: string }[] }
    ).kinds.map((k) => k.kind);
    expect(kinds).toEqual(['accept_notice', 'extension_notice', 'opinion']);
    const op = (await generate(accepted, 'opinion')).json() as Doc;
    const opXml = await docxEntryText((await download(op.id, xfj)).rawPayload, 'word/document.xml');
    expect(opXml).toContain('信访事项处理意见书');
    expect(opXml).toContain('经核实，施工单位拖欠工资属实。');
    expect(opXml).toContain('《保障农民工工资支付条例》第三条。');
    expect(opXml).toContain('予以支持');
    // the 复查 period is printed from legal_rules with its article
    expect(opXml).toContain('可以自收到本意见书之日起30日内，请求原办理机关的上一级机关复查（《信访工作条例》第三十五条）');
    expect((await generate(accepted, 'review_opinion')).statusCode).toBe(409);
  });

  it('after 送达, a 处理意见书 (or an earlier notice) is made by hand only with a stated reason, which the audit keeps', async () => {
    await act(accepted, 'deliver', {});
    const { kinds, items } = await listed(accepted);
    expect(kinds.find((k) => k.kind === 'opinion')).toMatchObject({ needsReason: true });
    const refused = await generate(accepted, 'opinion');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'DOCUMENT_STEP_PASSED', data: { field: 'reason' } });
    expect(refused.json().message).toBe('事项当前为“已送达”，“处理意见书”所属的办理环节已过；确需补制的，请填写补制理由（记入审计）');
    expect((await listed(accepted)).items).toHaveLength(items.length);
    const ok = await generate(accepted, 'opinion', xfj, { reason: '原件送达时污损，重新制作' });
    expect(ok.statusCode, ok.body).toBe(200);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['reason', 'after'])
      .where('action', '=', 'petition.document.generate')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.reason).toBe('补制：原件送达时污损，重新制作');
    expect(audit.after).toMatchObject({ kind: 'opinion', name: '处理意见书', number: (ok.json() as Doc).number });
  });

  it('templates are edited by sys_admin only, audited, and used by the next document', async () => {
    const url = '/api/v1/document-templates/accept_notice';
    expect((await t.app.inject({ method: 'PUT', url, headers: xfj.headers, payload: { title: 'x', body: 'y' } })).statusCode).toBe(403);
    const before = (await t.app.inject({ method: 'GET', url, headers: admin.headers })).json() as { title: string; body: string };
    expect(before.body).toContain('{caseNo}');
    const put = await t.app.inject({
      method: 'PUT',
      url,
      headers: admin.headers,
      payload: { title: '信访事项受理通知', body: '编号{caseNo}的事项已受理。\n\n特此通知。' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['actor_id', 'before', 'after'])
      .where('action', '=', 'document_template.update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(admin.user.id);
    expect(JSON.stringify(audit[0]!.before)).toContain(before.body.slice(0, 20));
    const doc = (await generate(accepted, 'accept_notice', xfj, { reason: '信访人遗失受理告知书，申请补发' })).json() as Doc;
    const xml = await docxEntryText((await download(doc.id, xfj)).rawPayload, 'word/document.xml');
    expect(xml).toContain('信访事项受理通知');
    expect(xml).toMatch(/编号.+-2026-\d{6}的事项已受理。/);
    expect((await t.app.inject({ method: 'PUT', url, headers: admin.headers, payload: { title: 't', body: '缺少{右括号' } })).statusCode).toBe(400);
  });
});
