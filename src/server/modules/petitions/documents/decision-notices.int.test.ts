import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';

interface Registered {
  id: number;
  caseNo: string;
  queryCode: string;
}
interface PortalDoc {
  id: number;
  kindName: string;
  number: string;
  title: string;
  paragraphs: string[];
}

/**
 * 《信访工作条例》: every decision the petitioner is told of in writing issues its notice by itself — in the
 * decision's transaction, numbered under the deciding unit's 代字 without gaps, from the admin-edited template —
 * the petitioner reads it on the portal, and the message (outbox) is written after it and names it.
 */
describe('decisions issue their written notices, then the message that names them', () => {
  let t: TestApp;
  let tree: TestUnitTree;
  let dept: TestUnit;
  let xfj: LoggedIn;
  let liaison: LoggedIn;
  let leader: LoggedIn;
  let catId = 0;
  let ip = 0;
  const now = new Date('2026-08-05T02:00:00Z');

  const req = (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
  const register = async (title: string): Promise<Registered> => {
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
    return res.json() as Registered;
  };
  const act = async (id: number, action: string, payload: Record<string, unknown> = {}, who = xfj) => {
    const res = await req(who, 'POST', `/petitions/${id}/actions/${action}`, payload);
    expect(res.statusCode, res.body).toBe(200);
  };
  /** the documents the petitioner reads on the portal (case number + 查询码 + phone tail, as they would) */
  const portalDocs = async (c: Registered): Promise<PortalDoc[]> => {
    const tracked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/track',
      remoteAddress: `10.77.0.${++ip}`,
      payload: { caseNo: c.caseNo, queryCode: c.queryCode, phoneTail: '8000' },
    });
    expect(tracked.statusCode, tracked.body).toBe(200);
    return (tracked.json() as { case: { documents: PortalDoc[] } }).case.documents;
  };
  const docsOf = (id: number) =>
    t.database.db
      .selectFrom('item_documents')
      .select(['id', 'kind', 'number', 'created_at', sql<string>`xmin::text`.as('tx')])
      .where('work_item_id', '=', id)
      .orderBy('id')
      .execute();
  const messagesOf = (id: number) =>
    t.database.db
      .selectFrom('outbox_messages')
      .select(['id', 'template', 'document_id', 'preview', 'created_at', sql<string>`xmin::text`.as('tx')])
      .where('work_item_id', '=', id)
      .orderBy('id')
      .execute();

  /**
   * The decision just taken on `c` (case `onId`, the 复查/复核 case or the case itself) issued one notice of `kind`
   * numbered `number`; the petitioner reads it on the portal as `name`; and one message `template` was written
   * after it, in the same transaction, referencing it. Returns the message text.
   */
  const expectNotice = async (c: Registered, o: { onId?: number; kind: string; number: string; name: string; template: string }) => {
    const id = o.onId ?? c.id;
    const doc = (await docsOf(id)).at(-1)!;
    expect(doc).toMatchObject({ kind: o.kind, number: o.number });
    const shown = (await portalDocs(c)).find((d) => d.id === Number(doc.id));
    expect(shown, `${o.name} on the portal`).toMatchObject({ kindName: o.name, number: o.number, title: `${o.name}（${o.number}）` });
    expect(shown!.paragraphs.join('')).not.toMatch(/\{[a-zA-Z]+\}|你（你们）/);
    const msg = (await messagesOf(id)).at(-1)!;
    expect(msg).toMatchObject({ template: o.template, document_id: Number(doc.id) });
    // one transaction: the same PostgreSQL transaction id wrote both rows; the document row first (the message references it)
    expect(msg.tx).toBe(doc.tx);
    expect(new Date(msg.created_at).getTime()).toBeGreaterThanOrEqual(new Date(doc.created_at).getTime());
    const text = msg.preview;
    expect(text).toContain(o.number);
    return { text, docId: Number(doc.id), paragraphs: shown!.paragraphs };
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    await t.database.db.updateTable('document_issuers').set({ prefix: '青信', mark: '青山县信访局' }).where('unit_id', '=', tree.department.id).execute();
    dept = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县人社局' });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    liaison = await loginAs(t, { roles: ['dept_liaison'], unitId: dept.id });
    leader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id });
    const cats = (await req(xfj, 'GET', '/petition-categories')).json() as { items: { name: string; children: { id: number }[] }[] };
    catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
  });
  afterAll(() => t.close());

  let a: Registered;

  it('受理 → 受理告知书 青信〔2026〕1号, with the handling period from legal_rules; then the message naming it', async () => {
    a = await register('拖欠农民工工资');
    await act(a.id, 'accept');
    const n = await expectNotice(a, { kind: 'accept_notice', number: '青信〔2026〕1号', name: '受理告知书', template: 'accepted' });
    expect(n.paragraphs.join('')).toMatch(/自受理之日起60日内办结（至2026年10月\d+日）.*（《信访工作条例》第三十四条）/);
    expect(n.text).toMatch(/已于2026-08-05受理，办理期限至2026-10-\d+。受理告知书（青信〔2026〕1号）可凭编号和查询码在网上信访查看/);
  });

  it('不予受理 → 不予受理告知书 2号 naming each legal route with its period and article (复议, 劳动仲裁)', async () => {
    const b = await register('解除劳动合同未付经济补偿金');
    await act(b.id, 'reject', {
      reason: '该事项属于劳动争议，应当通过劳动仲裁途径解决。',
      routes: ['fuyi', 'zhongcai'],
      otherRoute: '也可以向县劳动人事争议调解组织申请调解。',
    });
    const n = await expectNotice(b, { kind: 'reject_notice', number: '青信〔2026〕2号', name: '不予受理告知书', template: 'not_accepted' });
    const body = n.paragraphs.join('');
    expect(body).toContain('60日内依法申请行政复议（《中华人民共和国行政复议法》（2023）第二十条）');
    expect(body).toContain('1年内向劳动人事争议仲裁委员会申请仲裁（《中华人民共和国劳动争议调解仲裁法》第二十七条）');
    expect(n.text).toContain('依法不予受理');
    // a route typed with its own full stop is printed with one
    expect(n.text).not.toContain('。。');
    expect(body).toContain('也可以向县劳动人事争议调解组织申请调解。');
    expect(body).not.toContain('。。');
  });

  it('转送 → 转送告知书 3号 telling to which organ it went', async () => {
    const c = await register('异地社保关系转移');
    await act(c.id, 'transfer', { toUnitName: '市人力资源和社会保障局' });
    const n = await expectNotice(c, { kind: 'transfer_notice', number: '青信〔2026〕3号', name: '转送告知书', template: 'transferred' });
    expect(n.paragraphs.join('')).toMatch(
      /已于2026年8月5日将该事项转送市人力资源和社会保障局办理。市人力资源和社会保障局应当自收到之日起15日内书面告知你是否受理（《信访工作条例》第二十三条）/,
    );
    expect(n.text).toContain('已转送市人力资源和社会保障局办理');
  });

  it('交办 → 交办告知书 4号 by 信访局; the 承办单位’s 受理 → its own 受理告知书 under its own 代字 (1号 of its sequence)', async () => {
    const d = await register('工伤待遇核定');
    await act(d.id, 'assign', { leadUnitId: dept.id });
    const n = await expectNotice(d, { kind: 'transfer_notice', number: '青信〔2026〕4号', name: '交办告知书', template: 'assigned' });
    expect(n.paragraphs.join('')).toContain('交办县人社局办理');
    expect(n.text).toContain('已交由县人社局办理');
    await act(d.id, 'accept', {}, liaison);
    await expectNotice(d, { kind: 'accept_notice', number: `T${dept.id}〔2026〕1号`, name: '受理告知书', template: 'accepted' });
  });

  it('延期 → 延期告知书 5号 with the reason and the new due date', async () => {
    await act(a.id, 'extend', { amount: 30, reason: '案情复杂，需多部门会商', approverUserId: leader.user.id });
    const n = await expectNotice(a, { kind: 'extension_notice', number: '青信〔2026〕5号', name: '延期告知书', template: 'extended' });
    expect(n.paragraphs.join('')).toContain('因案情复杂，需多部门会商，经批准，办理期限延长30日');
  });

  it('出具意见 → 处理意见书 6号; its message says what happened — the evaluation and 复查 periods are told at 送达, which names the served opinion', async () => {
    await act(a.id, 'reply', { outcome: 'support', facts: '经核实，施工单位拖欠工资属实。', legalBasis: '《保障农民工工资支付条例》第三条。' });
    const n = await expectNotice(a, { kind: 'opinion', number: '青信〔2026〕6号', name: '处理意见书', template: 'replied' });
    expect(n.text).toContain('处理意见书（青信〔2026〕6号）已出具');
    expect(n.text).not.toMatch(/\d+日内可评价/);
    expect(n.text).toContain('评价和申请复查的期限自送达之日起计算');

    const before = (await docsOf(a.id)).length;
    await act(a.id, 'deliver', { occurredOn: '2026-08-05' });
    expect(await docsOf(a.id)).toHaveLength(before);
    const served = (await messagesOf(a.id)).at(-1)!;
    expect(served).toMatchObject({ template: 'delivered', document_id: n.docId });
    const text = served.preview;
    expect(text).toMatch(/处理意见书已于2026-08-05送达。请于2026-09-\d+前评价办理工作；不服的，可于2026-09-\d+前申请复查。/);
  });

  it('复查 and 复核: 复查意见书 7号 and 复核意见书 8号, each named by its stage in the portal and the messages', async () => {
    await act(a.id, 'apply_review');
    const fucha = Number((await t.database.db.selectFrom('petitions').select('id').where('review_of', '=', a.id).executeTakeFirstOrThrow()).id);
    const opened = (await messagesOf(a.id)).at(-1)!;
    expect(opened).toMatchObject({ template: 'review_opened', document_id: null });
    expect(opened.preview).toMatch(/的复查申请已登记，编号.+，复查答复期限至/);

    await act(fucha, 'reply', { outcome: 'explain', facts: '复查查明：工资已于8月底支付。', legalBasis: '《保障农民工工资支付条例》。' });
    const r1 = await expectNotice(a, { onId: fucha, kind: 'review_opinion', number: '青信〔2026〕7号', name: '复查意见书', template: 'replied' });
    // the petitioner follows the matter by the original case's number (a 复查 case has no 查询码 of its own)
    expect(r1.text).toContain(`您的信访事项${a.caseNo}的复查意见书（青信〔2026〕7号）已出具`);
    expect(r1.paragraphs.join('')).toContain('向复查机关的上一级机关请求复核（《信访工作条例》第三十六条）');
    await act(fucha, 'deliver');
    expect((await messagesOf(fucha)).at(-1)!.preview).toMatch(/复查意见书已于2026-08-05送达。.*可于2026-09-\d+前申请复核。/);

    await act(fucha, 'apply_review');
    const fuhe = Number((await t.database.db.selectFrom('petitions').select('id').where('review_of', '=', fucha).executeTakeFirstOrThrow()).id);
    await act(fuhe, 'reply', { outcome: 'explain', facts: '复核查明：处理意见正确。', legalBasis: '《信访工作条例》第三十六条。' });
    const r2 = await expectNotice(a, { onId: fuhe, kind: 'review_opinion', number: '青信〔2026〕8号', name: '复核意见书', template: 'replied' });
    expect(r2.text).toContain('本复核意见为终结意见');
    const names = (await portalDocs(a)).map((d) => d.kindName);
    expect(names).toEqual(['受理告知书', '延期告知书', '处理意见书', '复查意见书', '复核意见书']);
    for (const id of [a.id, fucha, fuhe]) for (const m of await messagesOf(id)) expect(m.preview, m.template).not.toContain('复查/复核');
  });

  it('不再受理 → 不再受理告知书 9号 and a message', async () => {
    const e = await register('再次要求补发工资');
    await t.database.db.updateTable('petitions').set({ after_termination: true }).where('id', '=', e.id).execute();
    await act(e.id, 'refuse_again');
    const n = await expectNotice(e, { kind: 'refuse_again_notice', number: '青信〔2026〕9号', name: '不再受理告知书', template: 'not_accepted_again' });
    expect(n.paragraphs.join('')).toContain('《信访工作条例》第三十六条');
    expect(n.text).toContain('依法不再受理');
  });

  it('a unit without 代字 cannot decide: refused in Chinese naming the unit, nothing written — no decision, notice, number or message', async () => {
    const bare = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县信访局（未设代字）', issuer: false });
    const bareXfj = await loginAs(t, { roles: ['xfj_staff'], unitId: bare.id });
    const f = await register('路灯不亮');
    const [docs, msgs, seqs] = await Promise.all([docsOf(f.id), messagesOf(f.id), t.database.db.selectFrom('document_sequences').selectAll().execute()]);
    const res = await req(bareXfj, 'POST', `/petitions/${f.id}/actions/accept`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: 'DECISION_ISSUER_NOT_SET',
      message:
        '“县信访局（未设代字）”尚未设置发文代字和机关标志，不能制作“受理告知书”，本次“受理”未办理（未作任何更改）。请系统管理员在“单位管理”中编辑该单位，填写发文代字（如 青信）和机关标志（发文机关全称）后再办理',
    });
    const state = await t.database.db.selectFrom('work_items').select('state').where('id', '=', f.id).executeTakeFirstOrThrow();
    expect(state.state).toBe('registered');
    expect(await docsOf(f.id)).toEqual(docs);
    expect(await messagesOf(f.id)).toEqual(msgs);
    expect(await t.database.db.selectFrom('document_sequences').selectAll().execute()).toEqual(seqs);
    const audited = await t.database.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'petition.accept')
      .where('entity_id', '=', String(f.id))
      .execute();
    expect(audited).toEqual([]);
    // the next decision by the 信访局 continues its sequence without a gap
    await act(f.id, 'accept');
    await expectNotice(f, { kind: 'accept_notice', number: '青信〔2026〕10号', name: '受理告知书', template: 'accepted' });
  });
});
