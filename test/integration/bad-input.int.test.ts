import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type InjectOptions, type LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { loginAs, type LoggedIn } from '../support/login.ts';
import { TEST_BACKEND } from '../support/test-db.ts';
import { ensureLegalClock } from '../../src/server/kernel/deadlines/seed-legal-clock.ts';
import { frameworkErrors, installErrorHandler } from '../../src/server/core/http/error-handler.ts';

/**
 * Issue 12, "no 5xx on bad input": each value the outside probe sent, on the route it was sent to. Every
 * answer is a 400 (or another 4xx) in Chinese that names the field; fuzz-routes.int.test.ts covers every route.
 */
describe(`bad input answers 4xx in Chinese, naming the field (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let staff: LoggedIn;
  let admin: LoggedIn;
  let apiKey: string;

  const inject = (opts: InjectOptions): Promise<LightMyRequestResponse> => t.app.inject(opts);
  const api = (who: LoggedIn | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    inject({ method, url: `/api/v1${url}`, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  /** a 400 VALIDATION_FAILED naming `field`, whose message is Chinese and carries `label` */
  const refused = (res: LightMyRequestResponse, field: string, label: string) => {
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json() as { error: string; message: string; data?: { field?: string } };
    expect(body.error).toBe('VALIDATION_FAILED');
    expect(body.data?.field).toBe(field);
    expect(body.message).toContain(label);
    expect(body.message).not.toMatch(/Invalid|expected|received|Required/);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await ensureLegalClock(t.database.db);
    staff = await loginAs(t, { roles: ['xfj_staff'] });
    admin = await loginAs(t, { roles: ['sys_admin'] });
    apiKey = ((await api(admin, 'POST', '/open311/keys', { appName: '坏输入测试' })).json() as { apiKey: string }).apiKey;
  });
  afterAll(() => t.close());

  it('NUL bytes in the login username, captcha id, search q, titles and notes are refused before SQL (they gave 500 "invalid byte sequence")', async () => {
    refused(await api(null, 'POST', '/auth/login', { username: 'admin\u0000', password: 'x' }), 'username', '用户名');
    const portal = await api(null, 'POST', '/api/v1/portal/petitions'.replace('/api/v1', ''), {
      matterType: 'suggestion',
      categoryId: 1,
      placeUnitId: 1,
      title: '道路维修',
      content: '村口道路破损严重，请维修。',
      consent: true,
      noticeVersion: '1',
      captcha: { id: 'abc\u0000', answer: '1234' },
    });
    refused(portal, 'captcha.id', '验证码的编号');
    for (const url of ['/petitions', '/work-items', '/users', '/supervision/listed', '/supervision/backlog/export.xlsx', '/petitions/export.xlsx']) {
      refused(await api(url === '/users' ? admin : staff, 'GET', `${url}?q=${encodeURIComponent('a\u0000b')}`), 'q', '搜索词');
    }
    const leaderTitle = await api(admin, 'POST', '/leaders', {
      name: '张三',
      title: '副县长\u0000',
      unitId: admin.user.unitId,
      portfolio: [],
      overseesUnitIds: [],
    });
    refused(leaderTitle, 'title', '标题');
    refused(await api(staff, 'POST', '/work-items/1/supervision/notices', { text: '请尽快办理\u0000' }), 'text', '内容');
    // a control character other than NUL too (only \t \n \r pass)
    refused(await api(staff, 'POST', '/work-items/1/supervision/listing', { reason: '挂牌\u0007督办' }), 'reason', '理由');
  });

  it('impossible dates (2026-02-30) are refused on statistics, drill-down, export, petition filters, reception days/records and staff POSTs', async () => {
    const bad = '2026-02-30';
    refused(await api(staff, 'GET', `/stats/petition?from=${bad}&to=2026-03-31`), 'from', '开始日期');
    refused(await api(staff, 'GET', `/stats/petition/items?from=2026-01-01&to=${bad}`), 'to', '结束日期');
    refused(await api(staff, 'GET', `/stats/petition/export.xlsx?from=${bad}&to=2026-03-31`), 'from', '开始日期');
    refused(await api(staff, 'GET', `/petitions?from=${bad}`), 'from', '开始日期');
    // the Excel export answered 200 and was cut mid-stream
    refused(await api(staff, 'GET', `/petitions/export.xlsx?to=${bad}`), 'to', '结束日期');
    refused(await api(staff, 'GET', `/reception-days?from=${bad}`), 'from', '开始日期');
    refused(await api(staff, 'GET', `/reception-records?to=${bad}`), 'to', '结束日期');
    refused(await api(staff, 'POST', '/work-items/1/assistance', { kind: 'relief', agency: '民政局', description: '临时救助', date: bad }), 'date', '日期');
    refused(await api(staff, 'GET', `/audit/events?from=${bad}`).then(() => api(admin, 'GET', `/audit/events?from=${bad}`)), 'from', '开始日期');
    refused(await api(staff, 'GET', `/deadlines/preview?rule=xf.handle&from=2026-04-31`), 'from', '开始日期');
    // year 0000 and month 13 too (PostgreSQL: date/time field value out of range)
    refused(await api(staff, 'GET', '/petitions?from=0000-01-01'), 'from', '开始日期');
    refused(await api(staff, 'GET', '/petitions?to=2026-13-01'), 'to', '结束日期');
  });

  it('integers beyond the database column (sort 2^31) are refused, not a 500 "out of range for type integer"', async () => {
    refused(
      await api(admin, 'POST', '/leaders', { name: '李四', title: '副县长', unitId: admin.user.unitId, portfolio: [], overseesUnitIds: [], sort: 2 ** 31 }),
      'sort',
      '排序号',
    );
    refused(await api(staff, 'GET', '/petitions?page=1e308'), 'page', '页码');
  });

  it('Open311 refuses impossible dates and NUL bytes in address_string / address_id, in its own error format', async () => {
    for (const q of ['start_date=2026-02-30', 'end_date=2026-02-30T09:00:00%2B08:00', 'start_date=2026-04-31T00:00:00Z']) {
      const res = await inject({ method: 'GET', url: `/open311/v2/requests.json?${q}` });
      expect(res.statusCode, q).toBe(400);
      const [error] = res.json() as { code: number; description: string }[];
      expect(error!.description).toMatch(/(start_date|end_date) 应为真实存在的 W3C 日期时间/);
    }
    expect((await inject({ method: 'GET', url: '/open311/v2/requests.json?start_date=2026-02-28' })).statusCode).toBe(200);
    for (const field of ['address_string', 'address_id']) {
      const res = await inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: { api_key: apiKey, service_code: '1', description: '路灯损坏多日，夜间通行不便。', [field]: '龙头村\u0000' },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json() as { description: string }[])[0]!.description).toBe(`${field}：含有不可见的控制字符（如 NUL），请删除后重新输入`);
    }
  });

  it("Fastify's own 4xx are Chinese: broken or empty JSON, a content type it cannot read, an array body, an undecodable URL", async () => {
    const post = (payload: string, type: string) => inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': type }, payload });
    const cases: [LightMyRequestResponse, number, string][] = [
      [await post('{"username":', 'application/json'), 400, '请求内容不是有效的 JSON'],
      [await post('', 'application/json'), 400, '请求内容为空：声明为 JSON 的请求须带有 JSON 内容'],
      [await post('<login/>', 'application/xml'), 415, '不支持该内容类型（Content-Type），请以 JSON（application/json）提交'],
      [await post('[]', 'application/json'), 400, '提交的内容不符合要求：请求内容：应为对象（{…}），收到的是列表（[…]）'],
      [await inject({ method: 'GET', url: '/api/v1/petitions/%E0%A4%A' }), 400, '网址格式不正确（含有无法识别的字符编码）'],
    ];
    for (const [res, status, message] of cases) {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().message).toBe(message);
    }
  });

  it('the safety net: a PostgreSQL "invalid input" error that slips past a schema answers 400, not 500', async () => {
    const app = Fastify({ logger: false, frameworkErrors });
    installErrorHandler(app);
    app.get('/nul', async () => {
      throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    });
    app.get('/date', async () => {
      throw Object.assign(new Error('date/time field value out of range: "2026-02-30"'), { code: '22008' });
    });
    for (const url of ['/nul', '/date']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'VALIDATION_FAILED' });
      expect(res.json().message).toMatch(/系统不能接受的值/);
    }
    await app.close();
  });
});
