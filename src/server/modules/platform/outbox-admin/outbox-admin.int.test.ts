import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { deliverDueMessages, type OutgoingMessage } from '../../../core/outbox/index.ts';
import { loadPersonalDataKeys } from '../../../core/personal-data/index.ts';

interface Msg {
  id: number;
  channel: string;
  recipient: string;
  template: string;
  templateName: string;
  preview: string;
  caseNo: string | null;
  workItemId: number | null;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
}
interface Page {
  items: Msg[];
  total: number;
  counts: Record<string, number>;
}

describe('petition events → outbox; 系统管理 → 消息发送 API', () => {
  let current = new Date('2026-08-03T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let dept: TestUnit;
  let xfj: LoggedIn;
  let liaison: LoggedIn;
  let admin: LoggedIn;
  let catId: number;
  let caseId = 0;
  let caseNo = '';

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dept = await insertUnit(t, { parentId: tree.county.id, kind: 'department', name: '县人社局' });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    liaison = await loginAs(t, { roles: ['dept_liaison'], unitId: dept.id });
    admin = await loginAs(t, { roles: ['sys_admin'] });
    const cats = (await t.app.inject({ method: 'GET', url: '/api/v1/petition-categories', headers: xfj.headers })).json() as {
      items: { name: string; children: { id: number }[] }[];
    };
    catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
  });
  afterAll(() => t.close());

  const register = async (extra: Record<string, unknown> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/petitions',
      headers: xfj.headers,
      payload: {
        channel: 'letter',
        petitioners: [
          { name: '张三', phone: '13800138000' },
          { name: '李四', phone: '138 0013 8000' }, // the same phone: one message
          { name: '王五' },
        ],
        matterType: 'appeal',
        categoryId: catId,
        placeUnitId: tree.townships[0].id,
        title: '工地拖欠农民工工资',
        content: '某建筑工地拖欠农民工工资共计八万元，机密细节不应出现在短信里。',
        ...extra,
      },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as { id: number; caseNo: string; queryCode: string };
  };
  const act = (id: number, action: string, payload: Record<string, unknown>, who = xfj) =>
    t.app.inject({ method: 'POST', url: `/api/v1/petitions/${id}/actions/${action}`, headers: who.headers, payload });
  const list = async (query = '', who = admin) => t.app.inject({ method: 'GET', url: `/api/v1/admin/outbox${query}`, headers: who.headers });
  const allMessagesOf = async (id: number) => ((await list('?pageSize=200')).json() as Page).items.filter((m) => m.workItemId === id);
  // the messages of the handling steps (the 登记回执 is checked on its own)
  const messagesOf = async (id: number) => (await allMessagesOf(id)).filter((m) => m.template !== 'registered');

  it('受理 and 延期 each enqueue one SMS per distinct phone, with the due date and the reason, never the content', async () => {
    const r = await register();
    caseId = r.id;
    caseNo = r.caseNo;
    const receipts = (await allMessagesOf(caseId)).filter((m) => m.template === 'registered');
    expect(receipts).toHaveLength(1); // 登记回执 with the case number (the 查询码 masked in the preview)
    expect(receipts[0]!.preview).toContain(caseNo);
    expect(receipts[0]!.preview).not.toContain(r.queryCode);
    expect(await messagesOf(caseId)).toHaveLength(0);
    expect((await act(caseId, 'assign', { leadUnitId: dept.id })).statusCode).toBe(200);
    // 交办 tells the petitioner to which unit it went (after its 交办告知书, which the message names)
    expect((await messagesOf(caseId)).map((m) => m.template)).toEqual(['assigned']);
    current = new Date('2026-08-05T02:00:00Z');
    liaison = await loginAs(t, { roles: ['dept_liaison'], username: liaison.user.username });
    xfj = await loginAs(t, { roles: ['xfj_staff'], username: xfj.user.username });
    admin = await loginAs(t, { roles: ['sys_admin'], username: admin.user.username });
    expect((await act(caseId, 'accept', { occurredOn: '2026-08-05' }, liaison)).statusCode).toBe(200);
    const accepted = (await messagesOf(caseId)).filter((m) => m.template === 'accepted');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({
      channel: 'sms',
      recipient: '138****8000',
      template: 'accepted',
      templateName: '受理告知',
      caseNo,
      status: 'pending',
      attempts: 0,
    });
    expect(accepted[0]!.preview).toContain(caseNo);
    expect(accepted[0]!.preview).toContain('2026-08-05');
    expect(accepted[0]!.preview).toContain('2026-10-08');

    const approver = await loginAs(t, { roles: ['dept_liaison'], unitId: dept.id });
    expect((await act(caseId, 'extend', { amount: 30, reason: '需补充调查取证', approverUserId: approver.user.id }, liaison)).statusCode).toBe(200);
    const extended = (await messagesOf(caseId)).find((m) => m.template === 'extended')!;
    expect(extended.preview).toContain('需补充调查取证');
    expect(extended.preview).toMatch(/延长至2026-1\d-\d\d/);

    const all = JSON.stringify((await list('?pageSize=200')).json());
    expect(all).not.toContain('13800138000');
    expect(all).not.toContain('机密细节');
    expect(all).not.toContain('body');
  });

  it('不予受理 names the legal route; a refused action leaves no message', async () => {
    const r = await register({ title: '对行政处罚不服' });
    const bad = await act(r.id, 'reject', { reason: '属于行政复议事项', routes: ['fuyi'] }, liaison); // not yet the liaison's case: refused, nothing written
    expect(bad.statusCode).toBe(404);
    expect(await messagesOf(r.id)).toHaveLength(0);
    expect((await act(r.id, 'reject', { reason: '属于行政复议事项', routes: ['fuyi'] })).statusCode).toBe(200);
    const [m] = await messagesOf(r.id);
    expect(m).toMatchObject({ template: 'not_accepted' });
    expect(m!.preview).toContain('行政复议');
  });

  it('处理意见书 tells the rating window and the 复查 route; 复查 opened tells the new number', async () => {
    current = new Date('2026-09-01T02:00:00Z');
    liaison = await loginAs(t, { roles: ['dept_liaison'], username: liaison.user.username });
    xfj = await loginAs(t, { roles: ['xfj_staff'], username: xfj.user.username });
    admin = await loginAs(t, { roles: ['sys_admin'], username: admin.user.username });
    expect((await act(caseId, 'reply', { outcome: 'support', facts: '查明拖欠属实', legalBasis: '《保障农民工工资支付条例》' }, liaison)).statusCode).toBe(200);
    const replied = (await messagesOf(caseId)).find((m) => m.template === 'replied')!;
    // written, not yet served: the periods run from 送达, so this message only says what happened
    expect(replied.preview).toContain('处理意见书');
    expect(replied.preview).toContain('评价和申请复查的期限自送达之日起计算');
    // served on 09-02, the 复查 request received on 09-10: both recorded on 09-10
    current = new Date('2026-09-10T02:00:00Z');
    liaison = await loginAs(t, { roles: ['dept_liaison'], username: liaison.user.username });
    xfj = await loginAs(t, { roles: ['xfj_staff'], username: xfj.user.username });
    admin = await loginAs(t, { roles: ['sys_admin'], username: admin.user.username });
    expect((await act(caseId, 'deliver', { occurredOn: '2026-09-02' }, liaison)).statusCode).toBe(200);
    const served = (await messagesOf(caseId)).find((m) => m.template === 'delivered')!;
    expect(served.preview).toMatch(/处理意见书已于2026-09-02送达。请于2026-10-\d\d前评价办理工作；不服的，可于2026-10-\d\d前申请复查。/);
    const applied = (await act(caseId, 'apply_review', { occurredOn: '2026-09-10' })).json() as { links: { reviews: { id: number }[] } };
    const reviewId = applied.links.reviews[0]!.id;
    const review = (await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${reviewId}`, headers: xfj.headers })).json() as { caseNo: string };
    const opened = (await messagesOf(caseId)).find((m) => m.template === 'review_opened')!;
    expect(opened.preview).toContain(review.caseNo);
    expect(opened.preview).toContain('复查');
  });

  it('only system administrators see the outbox; filters by status and channel', async () => {
    expect((await list('', xfj)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/outbox' })).statusCode).toBe(401);
    const page = (await list('?status=pending&channel=sms&pageSize=2')).json() as Page;
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(page.counts.pending);
    expect(page.items.every((m) => m.status === 'pending' && m.channel === 'sms')).toBe(true);
    expect(((await list('?channel=email')).json() as Page).total).toBe(0);
    expect((await list('?status=bogus')).statusCode).toBe(400);
  });

  it('delivery failures show with their reason; retry (audited) makes a dead message due again and it is sent', async () => {
    const keys = loadPersonalDataKeys({ secret: t.config.secretKey, dataDir: t.config.dataDir });
    const sent: OutgoingMessage[] = [];
    const failing = { name: 'fake', send: async () => Promise.reject(new Error('网关不可用')) };
    await deliverDueMessages({ db: t.database.db, keys, transports: { sms: failing }, now: current });
    const failed = ((await list('?status=failed')).json() as Page).items;
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatchObject({ attempts: 1, lastError: '网关不可用' });
    expect(failed[0]!.nextAttemptAt).toBe(new Date(current.getTime() + 60_000).toISOString());

    const target = failed[0]!.id;
    // not retryable while pending or sent
    const pending = ((await list('?status=pending')).json() as Page).items;
    if (pending[0])
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/admin/outbox/${pending[0].id}/retry`, headers: admin.headers, payload: {} })).statusCode).toBe(
        409,
      );
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/admin/outbox/${target}/retry`, headers: xfj.headers, payload: {} })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/admin/outbox/999999/retry', headers: admin.headers, payload: {} })).statusCode).toBe(404);

    await t.database.db.updateTable('outbox_messages').set({ status: 'dead', attempts: 8 }).where('id', '=', target).execute();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/outbox/${target}/retry`,
      headers: admin.headers,
      payload: { reason: '短信网关已恢复' },
    });
    expect(res.statusCode).toBe(200);
    const again = ((await list('?pageSize=200')).json() as Page).items.find((m) => m.id === target)!;
    expect(again).toMatchObject({ status: 'pending', attempts: 0 });
    const audit = await t.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'outbox.retry').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_type: 'outbox_message', entity_id: String(target), reason: '短信网关已恢复' });

    const ok = { name: 'fake', send: async (m: OutgoingMessage) => void sent.push(m) };
    await deliverDueMessages({ db: t.database.db, keys, transports: { sms: ok }, now: current });
    expect(sent.map((m) => m.id)).toContain(target);
    expect(sent.find((m) => m.id === target)!.to).toBe('13800138000');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/admin/outbox/${target}/retry`, headers: admin.headers, payload: {} })).json()).toMatchObject({
      error: 'OUTBOX_NOT_RETRYABLE',
    });
  });
});
