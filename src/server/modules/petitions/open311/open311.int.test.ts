import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';

/**
 * Conformance: drives /open311/v2 as a GeoReport v2 client does — discovery of services, a service
 * definition, form-encoded POST with api_key, GET by id, GET list with every filter, tokens, errors in
 * both formats — and checks what must never be published.
 */
describe('Open311 GeoReport v2', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let admin: LoggedIn;
  let xfj: LoggedIn;
  let apiKey: string;
  let otherKey: string;
  let serviceCode: string;
  let serviceName: string;
  const xml = new XMLParser({ isArray: (name) => ['service', 'request', 'error', 'attribute', 'value'].includes(name), parseTagValue: false });

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (format: 'json' | 'xml', fields: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/open311/v2/requests.${format}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: form(fields),
    });
  const get = (url: string) => t.app.inject({ method: 'GET', url: `/open311/v2/${url}` });
  const staff = (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
  const issueKey = async (appName: string, ratePerMinute = 100) => {
    const res = await staff(admin, 'POST', '/open311/keys', { appName, ratePerMinute });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: number; apiKey: string; keyPrefix: string };
  };
  const valid = (extra: Record<string, string> = {}) => ({
    api_key: apiKey,
    service_code: serviceCode,
    lat: '29.5812',
    long: '105.0631',
    description: '村口道路路灯已经坏了三个月，晚上出行很不方便，希望尽快修复。',
    ...extra,
  });

  const publicIdOf = async (caseNo: string) =>
    (await t.database.db.selectFrom('petitions').select('public_id').where('case_no', '=', caseNo).executeTakeFirstOrThrow()).public_id;

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id });
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    apiKey = (await issueKey('平安通 App')).apiKey;
    otherKey = (await issueKey('另一合作应用')).apiKey;
  });
  afterAll(() => t.close());

  it('services.json and services.xml list the public categories with every required field', async () => {
    const res = await get('services.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const services = res.json() as Record<string, unknown>[];
    expect(services.length).toBeGreaterThan(5);
    for (const s of services) {
      expect(Object.keys(s).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
      expect(s.service_code).toMatch(/^\d+$/);
      expect(s.type).toBe('realtime');
    }
    const cats = await t.database.db.selectFrom('petition_categories').select(['id', 'parent_id', 'name']).execute();
    const first = services[0]!;
    const cat = cats.find((c) => String(c.id) === first.service_code)!;
    expect(first.service_name).toBe(cat.name);
    expect(first.group).toBe(cats.find((c) => Number(c.id) === Number(cat.parent_id))!.name);
    // a group (parent with children) is not itself a service
    expect(services.some((s) => s.service_code === String(cat.parent_id))).toBe(false);
    serviceCode = String(first.service_code);
    serviceName = String(first.service_name);

    const x = await get('services.xml');
    expect(x.headers['content-type']).toMatch(/application\/xml/);
    const doc = xml.parse(x.body) as { services: { service: { service_code: string }[] } };
    expect(doc.services.service.map((s) => s.service_code)).toEqual(services.map((s) => s.service_code));
  });

  it('services/{code} gives the definition; an unknown code is a 404 in the error format of either kind', async () => {
    const def = (await get(`services/${serviceCode}.json`)).json() as { service_code: string; attributes: { code: string; values: { key: string }[] }[] };
    expect(def.service_code).toBe(serviceCode);
    expect(def.attributes.find((a) => a.code === 'matter_type')!.values.map((v) => v.key)).toEqual(['suggestion', 'accusation', 'appeal']);
    const defXml = xml.parse((await get(`services/${serviceCode}.xml`)).body) as {
      service_definition: { service_code: string; attributes: { attribute: { code: string }[] } };
    };
    expect(defXml.service_definition.attributes.attribute.map((a) => a.code)).toEqual(['matter_type', 'place_unit_id']);

    const missing = await get('services/999999.json');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: expect.stringContaining('999999') }]);
    const missingXml = await get('services/999999.xml');
    expect(missingXml.statusCode).toBe(404);
    expect((xml.parse(missingXml.body) as { errors: { error: { code: string }[] } }).errors.error[0]!.code).toBe('404');
  });

  it('POST requests without a valid api_key is 403 in the spec format (JSON and XML); a revoked key too', async () => {
    const { api_key: _k, ...noKey } = valid();
    const res = await post('json', noKey);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    const wrong = await post('xml', { ...noKey, api_key: 'o311_guessed' });
    expect(wrong.statusCode).toBe(403);
    expect((xml.parse(wrong.body) as { errors: { error: { code: string; description: string }[] } }).errors.error[0]).toMatchObject({ code: '403' });

    const revoked = await issueKey('将被吊销的应用');
    expect((await post('json', valid({ api_key: revoked.apiKey }))).statusCode).toBe(201);
    expect((await staff(admin, 'POST', `/open311/keys/${revoked.id}/revoke`, { reason: '合作终止' })).statusCode).toBe(200);
    expect((await post('json', valid({ api_key: revoked.apiKey }))).statusCode).toBe(403);
  });

  it('POST requests validates location, description and contact, naming the field', async () => {
    const { lat: _a, long: _b, ...noLocation } = valid();
    const r1 = await post('json', noLocation);
    expect(r1.statusCode).toBe(400);
    expect((r1.json() as { description: string }[])[0]!.description).toMatch(/位置/);
    const r2 = await post('json', valid({ description: '太短了' }));
    expect(r2.statusCode).toBe(400);
    expect((r2.json() as { description: string }[])[0]!.description).toMatch(/^description/);
    expect((await post('json', valid({ lat: '29.5' }))).statusCode).toBe(201); // long given by valid()
    const { long: _c, ...latOnly } = valid();
    expect((await post('json', { ...latOnly, address_string: '' })).statusCode).toBe(400);
    expect((await post('json', valid({ service_code: '999999' }))).statusCode).toBe(400);
    expect((await post('json', valid({ 'attribute[matter_type]': 'appeal' }))).statusCode).toBe(400); // 申诉求决 needs a name
  });

  it('a form-encoded report becomes an online petition: place from attribute[place_unit_id], petitioner from the contact fields, encrypted', async () => {
    const village = tree.villages[0][1];
    const res = await post(
      'json',
      valid({
        first_name: '小明',
        last_name: '王',
        phone: '13912345678',
        email: 'wang@example.com',
        account_id: 'acct-77',
        device_id: 'dev-1',
        'attribute[place_unit_id]': String(village.id),
      }),
    );
    expect(res.statusCode).toBe(201);
    const [created] = res.json() as { service_request_id: string; service_notice: string; account_id: string }[];
    // a random public id, never the case number (the citizen gets that, with the 查询码, in the notice)
    expect(created!.service_request_id).toMatch(/^[0-9a-f]{32}$/);
    expect(created!.account_id).toBe('acct-77');
    const code = /查询码 ([A-Z0-9]{8})/.exec(created!.service_notice)![1]!;

    const p = await t.database.db.selectFrom('petitions').selectAll().where('public_id', '=', created!.service_request_id).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ channel: 'online', matter_type: 'suggestion', category_id: Number(serviceCode), anonymous: false });
    expect(created!.service_notice).toContain(`编号 ${p.case_no}，`);
    expect(Number(p.place_unit_id)).toBe(village.id);
    expect(p.title.startsWith(`${serviceName}：村口道路`)).toBe(true);
    const person = await t.database.db.selectFrom('petitioners').selectAll().where('petition_id', '=', p.id).executeTakeFirstOrThrow();
    expect(person.name_masked).toMatch(/^王/);
    expect(person.phone_enc).not.toContain('13912345678');
    // the code in the notice is the case's real 查询码
    const { hashQueryCode } = await import('../../../kernel/numbering/index.ts');
    expect(p.query_code_hash).toBe(hashQueryCode(code));

    // a place outside the county falls back to the county
    const outside = await post('json', valid({ 'attribute[place_unit_id]': '999999' }));
    const outsideCase = (outside.json() as { service_request_id: string }[])[0]!.service_request_id;
    const q = await t.database.db.selectFrom('petitions').select('place_unit_id').where('public_id', '=', outsideCase).executeTakeFirstOrThrow();
    expect(Number(q.place_unit_id)).toBe(tree.county.id);
  });

  it('JSON bodies are accepted too, and POST requests.xml answers in XML', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      payload: {
        api_key: apiKey,
        service_code: serviceCode,
        address_string: '龙蚕镇龙头村三组',
        description: '希望在村委会旁边增设一处垃圾分类投放点。',
        attribute: { matter_type: 'suggestion' },
      },
    });
    expect(res.statusCode).toBe(201);
    const doc = xml.parse(res.body) as { service_requests: { request: { service_request_id: string; service_notice: string }[] } };
    const id = doc.service_requests.request[0]!.service_request_id;
    const p = await t.database.db.selectFrom('petitions').select(['anonymous', 'channel']).where('public_id', '=', id).executeTakeFirstOrThrow();
    expect(p).toEqual({ anonymous: true, channel: 'online' });
  });

  it('GET requests/{id} publishes state, unit, dates and what the client sent — never personal data or the code', async () => {
    const res = await post(
      'json',
      valid({ first_name: '红', last_name: '李', phone: '13800001111', address_string: '碧溪乡碧水村', media_url: 'https://img.example.com/1.jpg' }),
    );
    const [created] = res.json() as { service_request_id: string; service_notice: string }[];
    const code = /查询码 ([A-Z0-9]{8})/.exec(created!.service_notice)![1]!;
    const one = await get(`requests/${created!.service_request_id}.json`);
    expect(one.statusCode).toBe(200);
    const [r] = one.json() as Record<string, unknown>[];
    expect(r).toMatchObject({
      service_request_id: created!.service_request_id,
      status: 'open',
      status_notes: '已登记',
      service_code: serviceCode,
      service_name: serviceName,
      description: valid().description,
      agency_responsible: tree.county.name,
      address: '碧溪乡碧水村',
      lat: 29.5812,
      long: 105.0631,
      media_url: 'https://img.example.com/1.jpg',
      requested_datetime: '2026-11-23T10:00:00+08:00',
    });
    const due = await t.database.db
      .selectFrom('deadlines as d')
      .innerJoin('petitions as p', 'p.id', 'd.work_item_id')
      .select('d.due_date')
      .where('p.public_id', '=', created!.service_request_id)
      .where('d.status', '=', 'running')
      .orderBy('d.due_date')
      .executeTakeFirstOrThrow();
    expect(r!.expected_datetime).toBe(`${due.due_date}T23:59:59+08:00`);
    for (const secret of ['李红', '13800001111', '1111', code]) expect(one.body).not.toContain(secret);

    const x = xml.parse((await get(`requests/${created!.service_request_id}.xml`)).body) as { service_requests: { request: Record<string, string>[] } };
    expect(x.service_requests.request[0]).toMatchObject({
      service_request_id: created!.service_request_id,
      status: 'open',
      agency_responsible: tree.county.name,
    });

    const notFound = await get('requests/519999-2026-999999.json');
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json()).toEqual([{ code: 404, description: expect.any(String) }]);

    const token = (await get(`tokens/${created!.service_request_id}.json`)).json() as { token: string; service_request_id: string }[];
    expect(token).toEqual([{ token: created!.service_request_id, service_request_id: created!.service_request_id }]);
  });

  it('staff-registered petitions are listed without their text; a 检举控告 only to the partner app that sent it, never with text', async () => {
    const staffReg = await staff(xfj, 'POST', '/petitions', {
      channel: 'letter',
      petitioners: [{ name: '张三', phone: '13700002222' }],
      matterType: 'suggestion',
      categoryId: Number(serviceCode),
      placeUnitId: tree.townships[0].id,
      title: '张三反映集市占道',
      content: '张三反映集市占道经营，影响通行。',
    });
    expect(staffReg.statusCode).toBe(200);
    const staffCase = await publicIdOf((staffReg.json() as { caseNo: string }).caseNo);
    const accused = await staff(xfj, 'POST', '/petitions', {
      channel: 'letter',
      anonymous: true,
      matterType: 'accusation',
      accusedUnitId: tree.townships[1].id,
      categoryId: Number(serviceCode),
      placeUnitId: tree.townships[1].id,
      title: '检举某站所违规收费',
      content: '检举某站所违规收费。',
    });
    const accusedCase = await publicIdOf((accused.json() as { caseNo: string }).caseNo);

    const listed = (await get(`requests.json?service_request_id=${staffCase},${accusedCase}`)).json() as Record<string, unknown>[];
    expect(listed.map((r) => r.service_request_id)).toEqual([staffCase]);
    expect(listed[0]).not.toHaveProperty('description');
    expect(JSON.stringify(listed)).not.toContain('张三');
    expect((await get(`requests/${accusedCase}.json`)).statusCode).toBe(404);

    const viaApp = await post('json', valid({ 'attribute[matter_type]': 'accusation', description: '检举某村干部优亲厚友，低保评定不公开不公平。' }));
    const appCase = (viaApp.json() as { service_request_id: string }[])[0]!.service_request_id;
    expect((await get(`requests/${appCase}.json`)).statusCode).toBe(404);
    expect((await get(`requests/${appCase}.json?api_key=${encodeURIComponent(otherKey)}`)).statusCode).toBe(404);
    const own = await get(`requests/${appCase}.json?api_key=${encodeURIComponent(apiKey)}`);
    expect(own.statusCode).toBe(200);
    expect((own.json() as Record<string, unknown>[])[0]).not.toHaveProperty('description');
  });

  it('the public list does not reveal, by gaps in its ids, that a hidden case stands between two listed ones', async () => {
    const register = async (matterType: string) => {
      const res = await staff(xfj, 'POST', '/petitions', {
        channel: 'letter',
        anonymous: true,
        matterType,
        ...(matterType === 'accusation' ? { accusedUnitId: tree.townships[1].id } : {}),
        categoryId: Number(serviceCode),
        placeUnitId: tree.townships[0].id,
        title: matterType === 'accusation' ? '检举某站所违规收费' : '建议增设公交站',
        content: matterType === 'accusation' ? '检举某站所违规收费。' : '建议在镇卫生院门口增设公交站。',
      });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { caseNo: string }).caseNo;
    };
    // three consecutive case numbers: public, hidden (检举控告), public
    const before = await register('suggestion');
    const hidden = await register('accusation');
    const after = await register('suggestion');
    const seq = (caseNo: string) => Number(caseNo.split('-').at(-1));
    expect([seq(hidden) - seq(before), seq(after) - seq(hidden)]).toEqual([1, 1]);

    const listed = (await get('requests.json')).json() as { service_request_id: string; requested_datetime: string }[];
    const ids = listed.map((r) => r.service_request_id);
    expect(ids).toContain(await publicIdOf(before));
    expect(ids).toContain(await publicIdOf(after));
    expect(ids).not.toContain(await publicIdOf(hidden));
    // no id carries a case number or any sequence: random, unordered, none a number in a row
    const body = JSON.stringify(listed);
    for (const caseNo of [before, hidden, after]) expect(body).not.toContain(caseNo);
    expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
    // and a case number asked for by id answers nothing: probing numbers cannot find where hidden cases are
    expect((await get(`requests/${before}.json`)).statusCode).toBe(404);
    expect(((await get(`requests.json?service_request_id=${before},${after}`)).json() as unknown[]).length).toBe(0);
  });

  it('GET requests filters by service_code, status, start_date/end_date; agency and status follow the case', async () => {
    const [a] = (await post('json', valid())).json() as { service_request_id: string }[];
    const id = Number((await t.database.db.selectFrom('petitions').select('id').where('public_id', '=', a!.service_request_id).executeTakeFirstOrThrow()).id);
    const assign = await staff(xfj, 'POST', `/petitions/${id}/actions/assign`, { leadUnitId: tree.townships[0].id });
    expect(assign.statusCode).toBe(200);
    const [assigned] = (await get(`requests/${a!.service_request_id}.json`)).json() as Record<string, unknown>[];
    expect(assigned).toMatchObject({ status: 'open', status_notes: '已交办', agency_responsible: tree.townships[0].name });

    const [b] = (await post('json', valid())).json() as { service_request_id: string }[];
    const bid = Number((await t.database.db.selectFrom('petitions').select('id').where('public_id', '=', b!.service_request_id).executeTakeFirstOrThrow()).id);
    expect((await staff(xfj, 'POST', `/petitions/${bid}/actions/reject`, { reason: '不属于信访事项', routes: ['susong'] })).statusCode).toBe(200);

    const closed = (await get('requests.json?status=closed')).json() as Record<string, unknown>[];
    expect(closed.map((r) => r.service_request_id)).toContain(b!.service_request_id);
    expect(closed.every((r) => r.status === 'closed' && r.expected_datetime === null)).toBe(true);
    const open = (await get('requests.json?status=open')).json() as Record<string, unknown>[];
    expect(open.map((r) => r.service_request_id)).toContain(a!.service_request_id);
    expect(open.every((r) => r.status === 'open')).toBe(true);

    const all = (await get('requests.json')).json() as Record<string, unknown>[];
    const other = all.find((r) => r.service_code !== serviceCode);
    const byCode = (await get(`requests.json?service_code=${serviceCode}`)).json() as Record<string, unknown>[];
    expect(byCode.length).toBeGreaterThan(0);
    expect(byCode.every((r) => r.service_code === serviceCode)).toBe(true);
    if (other) expect(byCode).not.toContainEqual(other);

    expect(((await get('requests.json?start_date=2026-11-24T00:00:00%2B08:00')).json() as unknown[]).length).toBe(0);
    expect(((await get('requests.json?start_date=2026-11-23&end_date=2026-11-23')).json() as unknown[]).length).toBe(all.length);
    expect(((await get('requests.json?end_date=2026-11-22T23:59:59Z')).json() as unknown[]).length).toBe(0);
    const bad = await get('requests.xml?start_date=yesterday');
    expect(bad.statusCode).toBe(400);
    expect((xml.parse(bad.body) as { errors: { error: { code: string }[] } }).errors.error[0]!.code).toBe('400');
  });

  it('an Idempotency-Key retry answers with the same request and never creates a second petition', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('petitions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const first = (await post('json', valid(), { 'idempotency-key': 'retry-1' })).json() as { service_request_id: string }[];
    const again = await post('json', valid(), { 'idempotency-key': 'retry-1' });
    expect(again.statusCode).toBe(201);
    expect((again.json() as { service_request_id: string }[])[0]!.service_request_id).toBe(first[0]!.service_request_id);
    expect(await count()).toBe(before + 1);
    const reused = await post('json', valid({ description: '另一件事：夜间施工噪音扰民，影响休息。' }), { 'idempotency-key': 'retry-1' });
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toEqual([{ code: 409, description: expect.any(String) }]);
  });

  it('markup in a report is stored as text and escaped in XML', async () => {
    const script = '<script>alert(1)</script> 路灯坏了很久一直没人修理';
    const [c] = (await post('json', valid({ description: script }))).json() as { service_request_id: string }[];
    const res = await get(`requests/${c!.service_request_id}.xml`);
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('&lt;script&gt;');
    expect((xml.parse(res.body) as { service_requests: { request: { description: string }[] } }).service_requests.request[0]!.description).toBe(script);
  });

  it('each api key has its own rate limit; past it, 429 in the spec format with Retry-After', async () => {
    const limited = await issueKey('限流测试应用', 2);
    expect((await post('json', valid({ api_key: limited.apiKey }))).statusCode).toBe(201);
    expect((await post('json', valid({ api_key: limited.apiKey }))).statusCode).toBe(201);
    const third = await post('json', valid({ api_key: limited.apiKey }));
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(third.json()).toEqual([{ code: 429, description: expect.stringContaining('每分钟最多 2 次') }]);
    // another partner is not affected
    expect((await post('json', valid())).statusCode).toBe(201);
  });

  it('unknown resources answer 404 in the spec format', async () => {
    const res = await get('nothing.json');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual([{ code: 404, description: expect.any(String) }]);
  });
});
