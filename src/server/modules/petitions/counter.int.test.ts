import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../test/support/login.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const ID = '11010519491231002X';

interface Registered {
  id: number;
  caseNo: string;
  queryCode: string;
  receivedAt: string;
  deadlines: { label: string; dueDate: string | null; ruleName: string }[];
}
interface CaseRecord {
  receivedAt: string;
  visit: { receivedBy?: number; receivedByName?: string; representatives?: string[] } | null;
  deadlines: { ruleKey: string; startDate: string; dueDate: string; ruleSource: string }[];
}

describe('the counter (登记): receipt date, files, 接待人, representatives, field names', () => {
  let t: TestApp;
  let tree: TestUnitTree;
  let clerk: LoggedIn;
  let colleague: LoggedIn;
  let townClerk: LoggedIn;
  let catId = 0;
  // Monday 3 August 2026, 10:00 in 青岚县
  const now = new Date('2026-08-03T02:00:00Z');

  const post = (who: LoggedIn, url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, payload: payload as object });
  const get = (who: LoggedIn, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.headers });
  const upload = (who: LoggedIn, bytes: Buffer, filename: string) => {
    const boundary = '----anwenCounterBoundary';
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/petitions/uploads',
      headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
  };
  const letter = (extra: Record<string, unknown> = {}) => ({
    channel: 'letter',
    petitioners: [{ name: '王五', idNumber: ID, phone: '13800138000' }],
    matterType: 'appeal',
    categoryId: catId,
    placeUnitId: tree.townships[0].id,
    title: '宅基地确权争议',
    content: '与邻居宅基地界址有争议，请求依法确权。',
    ...extra,
  });
  const visit = (extra: Record<string, unknown> = {}) => ({
    ...letter(),
    channel: 'visit',
    petitioners: ['赵一', '钱二', '孙三', '李四', '周五', '吴六'].map((name) => ({ name })),
    visit: { persons: 6, representatives: ['赵一', '钱二'] },
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    const named = async (displayName: string) => {
      const who = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
      await t.database.db.updateTable('users').set({ display_name: displayName }).where('id', '=', who.user.id).execute();
      return who;
    };
    clerk = await named('登记员甲');
    colleague = await named('接待员乙');
    townClerk = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    const cats = (await get(clerk, '/petition-categories')).json() as { items: { name: string; children: { id: number }[] }[] };
    catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
  });
  afterAll(() => t.close());

  it('starts the clocks on the day a letter was received, not the day it is typed in', async () => {
    const today = await post(clerk, '/petitions', letter());
    const late = await post(clerk, '/petitions', letter({ receivedAt: '2026-07-31T00:00:00+08:00' }));
    expect(late.statusCode, late.body).toBe(200);
    const r = late.json() as Registered;
    expect(r.receivedAt.slice(0, 10)).toBe('2026-07-30'); // 31 July 00:00 in Shanghai
    const record = (await get(clerk, `/petitions/${r.id}`)).json() as CaseRecord;
    const route = record.deadlines.find((d) => d.ruleKey === 'xf.dept.route')!;
    expect(route.startDate).toBe('2026-07-31');
    expect(route.ruleSource).toContain('第二十二条');
    const todayRoute = ((await get(clerk, `/petitions/${(today.json() as Registered).id}`)).json() as CaseRecord).deadlines.find(
      (d) => d.ruleKey === 'xf.dept.route',
    )!;
    expect(todayRoute.startDate).toBe('2026-08-03');
    expect(route.dueDate < todayRoute.dueDate).toBe(true);
    expect(r.deadlines[0]).toMatchObject({ dueDate: route.dueDate });
  });

  it('refuses a receipt date in the future and one past the back-dating window without a 补录 reason, naming the field', async () => {
    const future = await post(clerk, '/petitions', letter({ receivedAt: '2026-08-04T09:00:00+08:00' }));
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ data: { field: 'receivedAt' } });
    expect(future.json().message).toContain('收到日期');
    const old = await post(clerk, '/petitions', letter({ receivedAt: '2026-06-01T09:00:00+08:00' }));
    expect(old.statusCode).toBe(400);
    expect(old.json()).toMatchObject({ data: { field: 'backdateReason' } });
    expect(old.json().message).toContain('补录说明');
    const explained = await post(clerk, '/petitions', letter({ receivedAt: '2026-06-01T09:00:00+08:00', backdateReason: '信件夹在档案中，今日清理时发现' }));
    expect(explained.statusCode, explained.body).toBe(200);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('reason')
      .where('action', '=', 'petition.register')
      .where('entity_id', '=', String((explained.json() as Registered).id))
      .executeTakeFirstOrThrow();
    expect(audit.reason).toBe('补录：信件夹在档案中，今日清理时发现');
  });

  it('stores the scanned letter with the new case in the same registration, once', async () => {
    const up = await upload(clerk, PDF, '来信扫描件.pdf');
    expect(up.statusCode, up.body).toBe(200);
    const { token, name, type } = up.json() as { token: string; name: string; type: string };
    expect({ name, type }).toEqual({ name: '来信扫描件.pdf', type: 'application/pdf' });
    const res = await post(clerk, '/petitions', letter({ attachments: [token] }));
    expect(res.statusCode, res.body).toBe(200);
    const id = (res.json() as Registered).id;
    const files = (await get(clerk, `/work-items/${id}/attachments`)).json() as { items: { name: string }[] };
    expect(files.items.map((f) => f.name)).toEqual(['来信扫描件.pdf']);
    // the same file cannot be attached to a second case, and that registration leaves no case behind
    const before = await t.database.db
      .selectFrom('petitions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const again = await post(clerk, '/petitions', letter({ attachments: [token] }));
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toContain('附件');
    const after = await t.database.db
      .selectFrom('petitions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // only a registering clerk uploads at the counter; not signed in is 401
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/petitions/uploads' })).statusCode).toBe(401);
    expect((await upload(clerk, Buffer.from('not a scan'), 'x.pdf')).statusCode).toBe(400);
  });

  it('records who received a visit: the clerk by default, or a colleague of the unit, never someone of another unit', async () => {
    const staff = (await get(clerk, '/petitions/receptionists')).json() as { items: { id: number; name: string; me: boolean }[] };
    expect(staff.items.map((u) => u.name)).toEqual(expect.arrayContaining(['登记员甲', '接待员乙']));
    expect(staff.items.find((u) => u.me)!.name).toBe('登记员甲');
    expect(staff.items.some((u) => u.id === townClerk.user.id)).toBe(false);

    const mine = (await post(clerk, '/petitions', visit())).json() as Registered;
    expect(((await get(clerk, `/petitions/${mine.id}`)).json() as CaseRecord).visit).toMatchObject({ receivedBy: clerk.user.id, receivedByName: '登记员甲' });
    const theirs = await post(clerk, '/petitions', visit({ visit: { persons: 6, representatives: ['赵一'], receivedBy: colleague.user.id } }));
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(((await get(clerk, `/petitions/${(theirs.json() as Registered).id}`)).json() as CaseRecord).visit).toMatchObject({ receivedByName: '接待员乙' });
    const stranger = await post(clerk, '/petitions', visit({ visit: { persons: 6, receivedBy: townClerk.user.id } }));
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().message).toContain('接待人');
  });

  it('takes representatives only from the petitioners listed, at most the legal number', async () => {
    const outsider = await post(clerk, '/petitions', visit({ visit: { persons: 6, representatives: ['赵一', '郑七'] } }));
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().message).toBe('提交的内容不符合要求：来访信息的第 2 个代表：“郑七”不在信访人名单中，请从信访人中选择');
    const six = await post(clerk, '/petitions', visit({ visit: { persons: 6, representatives: ['赵一', '钱二', '孙三', '李四', '周五', '吴六'] } }));
    expect(six.statusCode).toBe(400);
    expect(six.json().message).toContain('代表：集体访推选代表不超过 5 人');
    expect(six.json().message).not.toContain('visit.');
  });

  it('names the field in Chinese when an ID number or phone is wrong', async () => {
    const badId = await post(clerk, '/petitions', letter({ petitioners: [{ name: '王五', idNumber: '110105194912310021' }] }));
    expect(badId.statusCode).toBe(400);
    expect(badId.json().message).toBe('提交的内容不符合要求：第 1 个信访人的身份证号码：无效（应为18位，出生日期和末位校验码须正确）');
    const badPhone = await post(clerk, '/petitions', letter({ petitioners: [{ name: '王五' }, { name: '王六', phone: '1380013' }] }));
    expect(badPhone.json().message).toBe('提交的内容不符合要求：第 2 个信访人的电话号码：无效（应为11位手机号或带区号的固定电话）');
    const noName = await post(clerk, '/petitions', letter({ petitioners: [{ name: ' ' }] }));
    expect(noName.json().message).toBe('提交的内容不符合要求：第 1 个信访人的姓名：必填');
  });
});
