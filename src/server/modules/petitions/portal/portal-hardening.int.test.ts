import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, type TestUnitTree } from '../../../../../test/support/login.ts';
import { pngDeclaring } from '../../../../../test/support/images.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { solvePow } from '../../../../../test/support/portal-captcha.ts';

const CAPTCHA = '7';

/** Issue 12's portal items: image dimensions, file names, the place of the matter, fair tracking limits. */
describe('网上信访 portal hardening', () => {
  // the start of a quarter-hour (and of an hour): fixed windows begin here
  let now = new Date('2026-08-05T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let catId: number;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'anwen-portal-hardening-'));
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now }, config: { dataDir, captchaTestAnswer: CAPTCHA, captchaPowBits: 4 } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    const cat = await t.database.db.selectFrom('petition_categories').select('id').where('parent_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    catId = Number(cat.id);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const submit = async (ip: string, over: Record<string, unknown> = {}) => {
    const captcha = await t.app.inject({ method: 'POST', url: '/api/v1/portal/captcha', remoteAddress: ip });
    expect(captcha.statusCode, captcha.body).toBe(200);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/petitions',
      remoteAddress: ip,
      headers: { 'idempotency-key': `hardening-${++seq}-${Date.now()}` },
      payload: {
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
        captcha: { id: (captcha.json() as { id: string }).id, answer: CAPTCHA, nonce: solvePow((captcha.json() as { id: string }).id, 4) },
      },
    });
  };
  const upload = (ip: string, bytes: Buffer, filename: string, contentType: string) => {
    const boundary = '----anwenHardeningBoundary';
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

  it('an image is refused above the configured pixel dimensions (a 60000×60000 PNG of a few bytes)', async () => {
    const huge = await upload('10.20.0.1', pngDeclaring(60000, 60000), 'photo.png', 'image/png');
    expect(huge.statusCode, huge.body).toBe(400);
    expect(huge.json()).toMatchObject({ error: 'PORTAL_IMAGE_TOO_LARGE', data: { field: 'file' } });
    expect(huge.json().message).toContain('60000×60000');
    expect(huge.json().message).toContain('10000 像素');
    const strip = await upload('10.20.0.1', pngDeclaring(10_001, 20), 'strip.png', 'image/png');
    expect(strip.json().error).toBe('PORTAL_IMAGE_TOO_LARGE');
    const damaged = await upload('10.20.0.1', pngDeclaring(0, 0), 'zero.png', 'image/png');
    expect(damaged.json().error).toBe('PORTAL_IMAGE_INVALID');
    const photo = await upload('10.20.0.1', pngDeclaring(4032, 3024), 'photo.png', 'image/png');
    expect(photo.statusCode, photo.body).toBe(200);
  });

  it('an uploaded file name loses bidi-override characters ("invoice\\u202Efdp.exe")', async () => {
    const res = await upload('10.21.0.1', pngDeclaring(10, 10), 'invoice\u202Efdp\u2066.exe', 'image/png');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().name).toBe('invoicefdp.png');
    const stored = await t.database.db.selectFrom('uploads').select('name').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(stored.name).toBe('invoicefdp.png');
  });

  it('the place of the matter must be a township/street or village/community (a department id is refused)', async () => {
    const ip = '10.22.0.1';
    for (const placeUnitId of [tree.department.id, tree.county.id]) {
      const res = await submit(ip, { placeUnitId });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ error: 'UNIT_INVALID', data: { field: 'placeUnitId' } });
      expect(res.json().message).toContain('乡镇');
    }
    expect((await t.database.db.selectFrom('petitions').select('id').where('place_unit_id', '=', tree.department.id).execute()).length).toBe(0);
    for (const placeUnitId of [tree.townships[1].id, tree.villages[1][0].id]) {
      const res = await submit(ip, { placeUnitId, phone: `1391234${String(placeUnitId).padStart(4, '0').slice(-4)}` });
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  it('after wrong track attempts the owner gets in within minutes (told when), guessing stays limited, and a guess from elsewhere never locks the owner out', async () => {
    const owner = '10.23.0.1';
    const sub = (await submit(owner, { phone: '13400001111' })).json() as { caseNo: string; queryCode: string };
    const right = { caseNo: sub.caseNo, queryCode: sub.queryCode, phoneTail: '1111' };
    const track = (ip: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/portal/track', remoteAddress: ip, payload });
    const wrong = (i: number) => ({ ...right, queryCode: `WRONG${String(i).padStart(3, '0')}` });
    now = new Date(now.getTime() + 60_000);

    // someone guessing from another address, ten times: the owner is not affected
    for (let i = 0; i < 10; i++) expect([404, 429]).toContain((await track('10.23.9.9', wrong(i))).statusCode);
    expect((await track('10.23.9.9', right)).statusCode).toBe(429); // and the guesser learns nothing more
    expect((await track(owner, right)).statusCode).toBe(200);

    // ten wrong attempts from the owner's own address (a mistyping petitioner, or a guesser behind the same NAT)
    const answers = [];
    for (let i = 10; i < 20; i++) answers.push(await track(owner, wrong(i)));
    expect(answers.slice(0, 5).map((a) => a.statusCode)).toEqual([404, 404, 404, 404, 404]);
    expect(answers.slice(5).map((a) => a.statusCode)).toEqual([429, 429, 429, 429, 429]);
    // the right code waits too (a guess must not learn that it was right), told when to come back
    const wait = await track(owner, right);
    expect(wait.statusCode).toBe(429);
    const retryAfter = Number(wait.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(wait.json().message).toMatch(/请在 [1-5] 分钟后再试/);
    // within that short window the owner gets in
    now = new Date(now.getTime() + retryAfter * 1000);
    const back = await track(owner, right);
    expect(back.statusCode, back.body).toBe(200);

    // guessing across case numbers from one address is bounded too: 20 failures, then every case number waits
    const scanner = '10.23.7.7';
    const stem = sub.caseNo.slice(0, sub.caseNo.lastIndexOf('-')); // XF-<county>-<year>
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++)
      for (let i = 0; i < 5; i++)
        statuses.push((await track(scanner, { caseNo: `${stem}-${String(900000 + n).padStart(6, '0')}`, queryCode: `GUESS${i}XX` })).statusCode);
    expect(statuses).toEqual([...Array<number>(20).fill(404), ...Array<number>(5).fill(429)]);
    const blocked = await track(scanner, { ...right });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toContain('查询失败次数过于频繁');
  });
});
