import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { solvePow } from '../../../../../test/support/portal-captcha.ts';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const CAPTCHA = '7';

describe('网上信访 portal API (no staff session)', () => {
  let now = new Date('2026-08-05T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let xfj: LoggedIn;
  let catId: number;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anwen-portal-'));
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now }, config: { dataDir, captchaTestAnswer: CAPTCHA, captchaPowBits: 4 } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    // the 信访局 issues the 处理意见书 the citizen downloads: its 代字 is set, as an administrator would
    await t.database.db.updateTable('document_issuers').set({ prefix: '青信', mark: '青山县信访局' }).where('unit_id', '=', tree.department.id).execute();
    const cat = await t.database.db.selectFrom('petition_categories').select('id').where('parent_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    catId = Number(cat.id);
    // small limits so the tests reach them (each test uses its own client address)
    await t.database.db
      .insertInto('settings')
      .values({ key: 'portal.rate_limits', value: JSON.stringify({ submitPerIp: { max: 4 }, submitPerPhone: { max: 3 }, trackFailuresPerIp: { max: 5 } }) })
      .execute();
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const captcha = async (ip: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/portal/captcha', remoteAddress: ip });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as { id: string; image: string; pow: { bits: number } };
    expect(c.image).toMatch(/^data:image\/png;base64,/);
    return { id: c.id, answer: CAPTCHA, nonce: solvePow(c.id, c.pow.bits) };
  };
  const body = (over: Record<string, unknown> = {}) => ({
    matterType: 'appeal',
    categoryId: catId,
    placeUnitId: tree.villages[0][0].id,
    title: '村道硬化工程拖欠工资',
    content: '村道硬化工程施工队拖欠我们八名工人工资共计六万元，多次讨要未果，请求协调解决。',
    anonymous: false,
    name: '王小明',
    idNumber: '11010519491231002X',
    phone: '13912345678',
    attachments: [],
    consent: true,
    noticeVersion: '2025-01',
    ...over,
  });
  const submit = async (ip: string, over: Record<string, unknown> = {}, key = `key-${++seq}-${Date.now()}`) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/petitions',
      remoteAddress: ip,
      headers: { 'idempotency-key': key },
      payload: { ...body(over), captcha: await captcha(ip) },
    });
  const upload = (ip: string, bytes: Buffer, filename: string, contentType: string) => {
    const boundary = '----anwenTestBoundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/attachments',
      remoteAddress: ip,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
  };
  const act = async (id: number, action: string, payload: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/petitions/${id}/actions/${action}`, headers: xfj.headers, payload });
    expect(res.statusCode, res.body).toBe(200);
  };
  type CitizenCase = {
    caseNo: string;
    state: string;
    stateName: string;
    timeline: { at: string; text: string }[];
    handlingUnit: string;
    deadlines: { label: string; dueDate: string; ruleName: string; source: string; provisional: boolean; provisionalReason: string | null }[];
    documents: { id: number; kindName: string; paragraphs: string[] }[];
    actions: { code: string; until?: string; choices?: { value: string; name: string }[] }[];
    evaluation?: { result: string; resultName: string; comment: string };
  };

  it('a staff session cookie on the same site is ignored by the portal (no CSRF refusal)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/portal/captcha', remoteAddress: '10.0.0.9', headers: { cookie: xfj.cookie } });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('meta, categories and places need no login', async () => {
    const meta = (await t.app.inject({ method: 'GET', url: '/api/v1/portal/meta' })).json() as {
      noticeVersion: string;
      notice: string;
      matterTypes: { code: string; anonymousAllowed: boolean }[];
      limits: { maxFiles: number };
      evaluationDays: number;
      reviewApplyDays: number;
      acceptDays: number;
      handleDays: number;
      reviewAnswerDays: number;
    };
    expect(meta.noticeVersion).toBe('2025-01');
    // the 办事指南's periods come from the legal rules, not from the page
    expect(meta).toMatchObject({ acceptDays: 15, handleDays: 60, reviewAnswerDays: 30 });
    expect(meta.notice).toContain('个人信息');
    expect(meta.matterTypes.map((m) => [m.code, m.anonymousAllowed])).toEqual([
      ['suggestion', true],
      ['accusation', true],
      ['appeal', false],
    ]);
    expect(meta.reviewApplyDays).toBe(30);
    const places = (await t.app.inject({ method: 'GET', url: '/api/v1/portal/places' })).json() as { items: { id: number; children: { id: number }[] }[] };
    const town = places.items.find((p) => p.id === tree.townships[0].id);
    expect(town?.children.map((c) => c.id)).toEqual(tree.villages[0].map((v) => v.id));
    expect(places.items.some((p) => p.id === tree.department.id)).toBe(false);
    const cats = (await t.app.inject({ method: 'GET', url: '/api/v1/portal/categories' })).json() as { items: { children: { id: number }[] }[] };
    expect(cats.items.flatMap((c) => c.children.map((x) => x.id))).toContain(catId);
  });

  it('full citizen flow: submit with an attachment → staff accept and reply → track shows the reply → evaluate → apply for 复查 with its deadline', async () => {
    const ip = '10.1.0.1';
    const up = await upload(ip, PNG, '现场照片.png', 'image/png');
    expect(up.statusCode, up.body).toBe(200);
    const file = up.json() as { token: string; type: string; name: string };
    expect(file).toMatchObject({ type: 'image/png', name: '现场照片.png' });
    expect(readdirSync(path.join(dataDir, 'attachments'))).toContain(
      (await t.database.db.selectFrom('uploads').select('sha256').executeTakeFirstOrThrow()).sha256,
    );

    const res = await submit(ip, { attachments: [file.token] });
    expect(res.statusCode, res.body).toBe(200);
    const sub = res.json() as {
      caseNo: string;
      queryCode: string;
      replayed: boolean;
      message: string;
      deadlines: { dueDate: string; provisional: boolean; provisionalReason: string | null }[];
    };
    expect(sub.replayed).toBe(false);
    expect(sub.message).toContain(sub.queryCode);
    expect(sub.deadlines.length).toBeGreaterThan(0);
    // right after a submission the 受理 decision is not taken: every date shown is 暂定, and the reason says so
    for (const d of sub.deadlines) expect(d).toMatchObject({ provisional: true, provisionalReason: expect.stringContaining('是否受理尚未决定') });
    const id = Number((await t.database.db.selectFrom('petitions').select('id').where('case_no', '=', sub.caseNo).executeTakeFirstOrThrow()).id);
    expect((await t.database.db.selectFrom('petitions').select('channel').where('id', '=', id).executeTakeFirstOrThrow()).channel).toBe('online');

    // staff see the attachment, scoped like the case
    const list = (await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${id}/attachments`, headers: xfj.headers })).json() as {
      items: { id: number; type: string }[];
    };
    expect(list.items).toHaveLength(1);
    const dl = await t.app.inject({ method: 'GET', url: `/api/v1/petition-attachments/${list.items[0]!.id}`, headers: xfj.headers });
    expect(dl.statusCode).toBe(200);
    expect(Buffer.compare(dl.rawPayload, PNG)).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${id}/attachments` })).statusCode).toBe(401);

    // the phone tail is required for a named case
    const noTail = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/track',
      remoteAddress: ip,
      payload: { caseNo: sub.caseNo, queryCode: sub.queryCode },
    });
    expect(noTail.statusCode).toBe(404);
    const tracked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/track',
      remoteAddress: ip,
      payload: { caseNo: sub.caseNo, queryCode: sub.queryCode.toLowerCase(), phoneTail: '5678' },
    });
    expect(tracked.statusCode, tracked.body).toBe(200);
    const { token: firstToken, case: c0 } = tracked.json() as { token: string; case: CitizenCase };
    let token = firstToken;
    expect(c0).toMatchObject({ caseNo: sub.caseNo, state: 'registered', stateName: '已登记，待受理', actions: [{ code: 'withdraw' }] });
    expect(c0.timeline.map((e) => e.text)).toEqual(['信访事项已登记']);
    // the unit handling it is named: before any 交办, the unit that registered it (the configured intake unit)
    const owner = await t.database.db
      .selectFrom('work_items as w')
      .innerJoin('units as u', 'u.id', 'w.owner_unit_id')
      .select('u.name')
      .where('w.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(c0.handlingUnit).toBe(owner.name);
    // before the 受理 decision every deadline the citizen sees is 暂定, with its reason in words
    expect(c0.deadlines.length).toBeGreaterThan(0);
    for (const d of c0.deadlines) expect(d, d.label).toMatchObject({ provisional: true, provisionalReason: expect.stringContaining('是否受理尚未决定') });
    const view = () => t.app.inject({ method: 'GET', url: '/api/v1/portal/case', headers: { 'x-track-token': token } });

    await act(id, 'accept', { occurredOn: '2026-08-05', note: '内部备注：请劳动监察大队张三核查' });
    await act(id, 'reply', { outcome: 'support', facts: '经查拖欠属实，已督促施工方于8月底前支付', legalBasis: '《保障农民工工资支付条例》' });
    now = new Date('2026-08-20T02:00:00Z');
    xfj = await loginAs(t, { roles: ['xfj_staff'], username: xfj.user.username }); // the session expired with the jump in time
    await act(id, 'deliver', { occurredOn: '2026-08-20' });
    // the 受理告知书 and the 处理意见书 were issued by the decisions themselves; a 处理意见书 made by hand after 送达 needs a reason
    const late = await t.app.inject({ method: 'POST', url: `/api/v1/petitions/${id}/documents/opinion`, headers: xfj.headers });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toBe('DOCUMENT_STEP_PASSED');

    // the track token lasted 30 minutes: ask again
    expect((await view()).statusCode).toBe(401);
    token = (
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/portal/track',
          remoteAddress: ip,
          payload: { caseNo: sub.caseNo, queryCode: sub.queryCode, phoneTail: '5678' },
        })
      ).json() as { token: string }
    ).token;
    const c1 = (await view()).json() as CitizenCase;
    expect(c1.stateName).toBe('处理意见已送达');
    expect(c1.timeline.map((e) => e.text)).toEqual(['信访事项已登记', '信访事项已受理，进入办理（见《受理告知书》）', '已出具处理意见书', '处理意见书已送达']);
    // citizen-safe: no staff names, no internal notes
    expect(JSON.stringify(c1)).not.toContain('张三');
    expect(JSON.stringify(c1)).not.toContain(xfj.user.displayName);
    expect(c1.documents.map((d) => d.kindName)).toEqual(['受理告知书', '处理意见书']);
    const opinion = c1.documents[1]!;
    // the reply is readable in the page: its text, read from the issued DOCX, facts and legal basis included
    const replyText = opinion.paragraphs.join('\n');
    expect(replyText).toContain('经查拖欠属实，已督促施工方于8月底前支付');
    expect(replyText).toContain('《保障农民工工资支付条例》');
    expect(replyText).not.toMatch(/<w:|&amp;/);
    const doc = await t.app.inject({ method: 'GET', url: `/api/v1/portal/documents/${opinion.id}`, headers: { 'x-track-token': token } });
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const evalAction = c1.actions.find((a) => a.code === 'evaluate');
    const review = c1.actions.find((a) => a.code === 'apply_review');
    expect(evalAction?.until).toMatch(/^2026-/);
    // the evaluation's choices come with their names; once accepted, no date is 暂定 for want of a 受理 decision
    expect(evalAction?.choices?.map((c) => c.name)).toEqual(['满意', '基本满意', '不满意']);
    for (const d of c1.deadlines) expect(d.provisionalReason ?? '', d.label).not.toContain('受理');
    expect(review?.until).toMatch(/^2026-09-/);
    expect(c1.actions.some((a) => a.code === 'withdraw')).toBe(false);

    const evalKey = 'eval-key-0001';
    const evaluate = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/case/actions/evaluate',
        headers: { 'x-track-token': token, 'idempotency-key': evalKey },
        payload: { result: 'unsatisfied', comment: '<script>alert(1)</script>款项仍未到账' },
      });
    const e1 = await evaluate();
    expect(e1.statusCode, e1.body).toBe(200);
    expect((e1.json() as CitizenCase).evaluation).toMatchObject({
      result: 'unsatisfied',
      resultName: '不满意',
      comment: '<script>alert(1)</script>款项仍未到账',
    });
    expect((await evaluate()).statusCode).toBe(200); // a retry with the same key does not act twice
    expect(
      await t.database.db.selectFrom('audit_events').select('seq').where('action', '=', 'petition.evaluate').where('entity_id', '=', String(id)).execute(),
    ).toHaveLength(1);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/case/actions/evaluate',
      headers: { 'x-track-token': token, 'idempotency-key': 'eval-key-0002' },
      payload: { result: 'satisfied' },
    });
    expect(again.statusCode).toBe(409);

    const ap = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/case/actions/apply_review',
      headers: { 'x-track-token': token, 'idempotency-key': 'review-key-01' },
      payload: { reason: '工资仍未支付，申请复查' },
    });
    expect(ap.statusCode, ap.body).toBe(200);
    const c2 = ap.json() as CitizenCase;
    expect(c2.stateName).toBe('复查办理中');
    const fucha = c2.deadlines.find((d) => d.label.includes('复查'));
    expect(fucha?.dueDate).toMatch(/^2026-09-/);
    expect(fucha?.source).toBeTruthy();
    // application and opening are written in one transaction: same moment, either order
    expect(
      c2.timeline
        .slice(-2)
        .map((e) => e.text)
        .sort(),
    ).toEqual(['复查已立案，进入办理', '您已提出复查申请'].sort());
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['actor_name', 'actor_id'])
      .where('action', '=', 'petition.apply_review')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_name: '信访人（网上）', actor_id: null });
  });

  it('an Idempotency-Key retry returns the first case (no second petition, no second captcha needed); the key is required', async () => {
    const ip = '10.2.0.1';
    const key = 'retry-key-123456';
    const first = await submit(ip, { phone: '13700000001' }, key);
    expect(first.statusCode, first.body).toBe(200);
    // the retry carries the spent captcha of the first attempt
    const retry = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/petitions',
      remoteAddress: ip,
      headers: { 'idempotency-key': key },
      payload: { ...body({ phone: '13700000001' }), captcha: { id: 'spent', answer: 'x', nonce: '0' } },
    });
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ caseNo: first.json().caseNo, queryCode: first.json().queryCode, replayed: true });
    expect(await t.database.db.selectFrom('intake_idempotency').select('work_item_id').where('key', '=', key).execute()).toHaveLength(1);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/petitions',
      remoteAddress: ip,
      headers: { 'idempotency-key': key },
      payload: { ...body({ phone: '13700000001', title: '另一件事情' }), captcha: await captcha(ip) },
    });
    expect(changed.statusCode).toBe(409);
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/petitions',
      remoteAddress: ip,
      payload: { ...body(), captcha: await captcha(ip) },
    });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error).toBe('PORTAL_IDEMPOTENCY_KEY_REQUIRED');
  });

  it('the same Idempotency-Key sent three times at once makes one case, and all three answer with it', async () => {
    const ip = '10.2.0.7';
    const key = 'burst-key-7654321';
    const payloads = await Promise.all([1, 2, 3].map(async () => ({ ...body({ phone: '13700000077' }), captcha: await captcha(ip) })));
    // another submission first, so that the three wait together for the next batch: one batch, three claims of one key
    const other = { ...body({ phone: '13700000078' }), captcha: await captcha(ip) };
    const [, ...answers] = await Promise.all([
      t.app.inject({ method: 'POST', url: '/api/v1/portal/petitions', remoteAddress: ip, headers: { 'idempotency-key': 'burst-other-1' }, payload: other }),
      ...payloads.map((payload) =>
        t.app.inject({ method: 'POST', url: '/api/v1/portal/petitions', remoteAddress: ip, headers: { 'idempotency-key': key }, payload }),
      ),
    ]);
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    const cases = answers.map((a) => a.json() as { caseNo: string; replayed: boolean });
    expect(new Set(cases.map((c) => c.caseNo)).size).toBe(1);
    expect(cases.filter((c) => !c.replayed)).toHaveLength(1);
    expect(await t.database.db.selectFrom('intake_idempotency').select('work_item_id').where('key', '=', key).execute()).toHaveLength(1);
  });

  it('rate limits: per client address and per phone, 429 with Retry-After and a zh-CN sentence', async () => {
    const ip = '10.3.0.1';
    for (let i = 0; i < 3; i++) expect((await submit(ip, { phone: `1360000000${i}` })).statusCode).toBe(200);
    const wrongCaptcha = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/petitions',
      remoteAddress: ip,
      headers: { 'idempotency-key': 'wrong-captcha-1' },
      payload: { ...body(), captcha: { ...(await captcha(ip)), answer: '999' } },
    });
    expect(wrongCaptcha.json().error).toBe('PORTAL_CAPTCHA_WRONG');
    const limited = await submit(ip, { phone: '13600000009' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().message).toMatch(/提交过于频繁，请在 \d+ 分钟后再试/);
    // another address is not limited by this one; the same phone from many addresses is
    for (let i = 0; i < 3; i++) expect((await submit(`10.3.1.${i}`, { phone: '13500000000' })).statusCode).toBe(200);
    const byPhone = await submit('10.3.1.9', { phone: '13500000000' });
    expect(byPhone.statusCode).toBe(429);
    expect(byPhone.json().message).toContain('同一手机号提交');
  });

  it('oversized, disguised and unknown files are refused with clear messages; unclaimed tokens are checked', async () => {
    const ip = '10.4.0.1';
    const big = await upload(ip, Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 + 10)]), 'big.png', 'image/png');
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: 'PORTAL_FILE_TOO_LARGE' });
    expect(big.json().message).toContain('5MB');
    const exeAsPng = await upload(ip, EXE, 'photo.png', 'image/png');
    expect(exeAsPng.statusCode).toBe(400);
    expect(exeAsPng.json().error).toBe('PORTAL_FILE_TYPE');
    const pdfAsPng = await upload(ip, PDF, 'photo.png', 'image/png');
    expect(pdfAsPng.statusCode).toBe(200);
    expect(pdfAsPng.json()).toMatchObject({ type: 'application/pdf', name: 'photo.pdf' });
    const traversal = await upload(ip, PDF, '../../etc/passwd.pdf', 'application/pdf');
    expect(traversal.json().name).toBe('passwd.pdf');
    const notMultipart = await t.app.inject({ method: 'POST', url: '/api/v1/portal/attachments', remoteAddress: ip, payload: { file: 'x' } });
    expect(notMultipart.statusCode).toBe(400);
    const bogus = await submit(ip, { attachments: ['not-a-real-token-123'] });
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json().error).toBe('PORTAL_ATTACHMENT_INVALID');
  });

  it('script in content is stored and returned as plain text; control characters are refused naming the field', async () => {
    const ip = '10.5.0.1';
    const script = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const res = await submit(ip, {
      matterType: 'suggestion',
      anonymous: true,
      name: undefined,
      idNumber: undefined,
      phone: undefined,
      title: `建议${script}`,
      content: `内容${script}请处理`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const sub = res.json() as { caseNo: string; queryCode: string };
    const row = await t.database.db
      .selectFrom('petitions')
      .select(['title', 'content', 'anonymous'])
      .where('case_no', '=', sub.caseNo)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: `建议${script}`, content: `内容${script}请处理`, anonymous: true });
    const tracked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/track',
      remoteAddress: ip,
      payload: { caseNo: sub.caseNo, queryCode: sub.queryCode },
    });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.headers['content-type']).toContain('application/json');
    expect((tracked.json() as { case: { title: string } }).case.title).toBe(`建议${script}`);
    const ctl = await submit(ip, { title: '标题\u0007响铃' });
    expect(ctl.statusCode).toBe(400);
    expect(ctl.json().data.field).toBe('title');
    const appealAnon = await submit(ip, { anonymous: true });
    expect(appealAnon.statusCode).toBe(400);
    expect(appealAnon.json().data.field).toBe('anonymous');
  });

  it('tracks a case by its number however it is typed, and by the number printed before numbers carried XF', async () => {
    const ip = '10.5.1.1';
    const res = await submit(ip, { matterType: 'suggestion', anonymous: true, name: undefined, idNumber: undefined, phone: undefined });
    expect(res.statusCode, res.body).toBe(200);
    const sub = res.json() as { caseNo: string; queryCode: string };
    expect(sub.caseNo).toMatch(/^XF-/);
    const track = (caseNo: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/portal/track', remoteAddress: ip, payload: { caseNo, queryCode: sub.queryCode } });
    // (the test county's code starts with a letter, so 'XF' glued to it is left to the unit test, with digits)
    const bare = sub.caseNo.slice(3);
    for (const typed of [`xf-${bare}`, ` ＸＦ－${bare.replace(/-/g, '－')} `, bare]) expect((await track(typed)).statusCode, typed).toBe(200);
    // a receipt issued before prefixes printed the bare number: it still finds the case, with or without the XF
    await t.database.db.updateTable('petitions').set({ case_no: bare }).where('case_no', '=', sub.caseNo).execute();
    await t.database.db.updateTable('work_items').set({ ref_no: bare }).where('module', '=', 'petition').where('ref_no', '=', sub.caseNo).execute();
    for (const typed of [bare, `XF-${bare}`]) expect((await track(typed)).statusCode, typed).toBe(200);
    expect((await track(`JF-${bare}`)).statusCode).toBe(404);
  });

  it('a wrong number, code or phone tail all answer the same 404; repeated failures are rate limited', async () => {
    const ip = '10.6.0.1';
    const sub = (await submit(ip, { phone: '13400000000' })).json() as { caseNo: string; queryCode: string };
    const track = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/portal/track', remoteAddress: ip, payload });
    const answers = await Promise.all([
      track({ caseNo: sub.caseNo, queryCode: 'ABCDEFGH', phoneTail: '0000' }),
      track({ caseNo: `${sub.caseNo.slice(0, -1)}9`, queryCode: sub.queryCode, phoneTail: '0000' }),
      track({ caseNo: sub.caseNo, queryCode: sub.queryCode, phoneTail: '1111' }),
    ]);
    for (const a of answers) {
      expect(a.statusCode).toBe(404);
      expect(a.body).toBe(answers[0]!.body);
    }
    expect(answers[0]!.json().error).toBe('PORTAL_TRACK_NOT_FOUND');
    await track({ caseNo: sub.caseNo, queryCode: 'ZZZZZZZZ', phoneTail: '0000' });
    await track({ caseNo: sub.caseNo, queryCode: 'YYYYYYYY', phoneTail: '0000' });
    // the limit is reached: even the right code waits now
    const limited = await track({ caseNo: sub.caseNo, queryCode: sub.queryCode, phoneTail: '0000' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // another client with the right code gets in
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/track',
      remoteAddress: '10.6.0.2',
      payload: { caseNo: sub.caseNo, queryCode: sub.queryCode, phoneTail: '0000' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/portal/case', headers: { 'x-track-token': 'forged-token' } })).statusCode).toBe(401);
  });

  it('guidance names the legal route and points to the same person’s open case only when ID and phone both match', async () => {
    const ip = '10.7.0.1';
    expect((await submit(ip, { phone: '13300000000', idNumber: '110105194912310029'.slice(0, 17) + 'X' })).statusCode).toBe(200);
    const guide = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/portal/guidance', remoteAddress: ip, payload: { matterType: 'appeal', ...payload } });
    const court = (await guide({ title: '不服法院判决', content: '对一审判决不服' })).json() as { legalRoute: { kind: string; text: string } };
    expect(court.legalRoute.kind).toBe('litigation');
    expect(court.legalRoute.text).toContain('第十四条');
    expect(((await guide({ title: '劳动争议', content: '公司解除劳动合同未给经济补偿金' })).json() as { legalRoute: { kind: string } }).legalRoute.kind).toBe(
      'arbitration',
    );
    expect(((await guide({ title: '路灯不亮', content: '小区路灯坏了' })).json() as { legalRoute: unknown }).legalRoute).toBeNull();
    const both = (await guide({ title: 'x', content: 'y', idNumber: '11010519491231002X', phone: '13300000000' })).json() as {
      openCases: { caseNoTail: string; stateName: string }[];
    };
    expect(both.openCases).toHaveLength(1);
    expect(both.openCases[0]).toMatchObject({ stateName: '已登记，待受理' });
    expect(both.openCases[0]!.caseNoTail).toMatch(/^…\d{6}$/);
    expect(JSON.stringify(both)).not.toContain('工资');
    const onlyId = (await guide({ title: 'x', content: 'y', idNumber: '11010519491231002X', phone: '13300000009' })).json() as { openCases: unknown[] };
    expect(onlyId.openCases).toEqual([]);
  });

  it('after 交办 the track page names the 主办单位 the case was handed to as its 承办单位', async () => {
    const ip = '10.8.0.9';
    const sub = (await submit(ip, { phone: '13200000009' })).json() as { caseNo: string; queryCode: string };
    const row = await t.database.db.selectFrom('petitions').select('id').where('case_no', '=', sub.caseNo).executeTakeFirstOrThrow();
    const township = tree.townships[0];
    await act(Number(row.id), 'assign', { leadUnitId: township.id });
    const tracked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/track',
      remoteAddress: ip,
      payload: { caseNo: sub.caseNo, queryCode: sub.queryCode, phoneTail: '0009' },
    });
    expect(tracked.statusCode, tracked.body).toBe(200);
    const unit = await t.database.db.selectFrom('units').select('name').where('id', '=', township.id).executeTakeFirstOrThrow();
    expect((tracked.json() as { case: CitizenCase }).case.handlingUnit).toBe(unit.name);
  });

  it('the petitioner can withdraw an open case, saying why; the case then reads 已撤回 (not 已办结)', async () => {
    const ip = '10.8.0.1';
    const sub = (await submit(ip, { phone: '13200000000' })).json() as { caseNo: string; queryCode: string };
    const { token } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/track',
        remoteAddress: ip,
        payload: { caseNo: sub.caseNo, queryCode: sub.queryCode, phoneTail: '0000' },
      })
    ).json() as { token: string };
    const noKey = await t.app.inject({ method: 'POST', url: '/api/v1/portal/case/actions/withdraw', headers: { 'x-track-token': token }, payload: {} });
    expect(noKey.statusCode).toBe(400);
    // the reason is required: a blank one is refused in Chinese and nothing changes
    for (const payload of [{}, { reason: '   ' }]) {
      const blank = await t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/case/actions/withdraw',
        headers: { 'x-track-token': token, 'idempotency-key': `withdraw-blank-${JSON.stringify(payload).length}` },
        payload,
      });
      expect(blank.statusCode, blank.body).toBe(400);
      expect(blank.json().message).toMatch(/理由：必填|请填写撤回理由/);
    }
    const still = await t.database.db
      .selectFrom('work_items')
      .innerJoin('petitions', 'petitions.id', 'work_items.id')
      .select('state')
      .where('case_no', '=', sub.caseNo)
      .executeTakeFirstOrThrow();
    expect(still.state).toBe('registered');
    const w = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/case/actions/withdraw',
      headers: { 'x-track-token': token, 'idempotency-key': 'withdraw-0001' },
      payload: { reason: '问题已自行解决' },
    });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ state: 'withdrawn', stateName: '已撤回', actions: [] });
    const row = await t.database.db
      .selectFrom('petitions')
      .innerJoin('work_items', 'work_items.id', 'petitions.id')
      .select(['decisions', 'open'])
      .where('case_no', '=', sub.caseNo)
      .executeTakeFirstOrThrow();
    expect(row.open).toBe(false);
    expect(row.decisions).toMatchObject({ withdrawal: { reason: '问题已自行解决' } });
    const evalClosed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/case/actions/evaluate',
      headers: { 'x-track-token': token, 'idempotency-key': 'eval-after-w' },
      payload: { result: 'satisfied' },
    });
    expect(evalClosed.statusCode).toBe(409);
  });
});
