import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot, openMenu } from './support/browser.ts';
import { apiLogin, categoryId, registerLetter, type ApiSession } from './support/api.ts';

interface OutboxRow {
  id: number;
  template: string;
  status: string;
  recipient: string;
  workItemId: number | null;
}

/**
 * Journey: 信访局 decides 不予受理 on a letter with a phone → a message to the petitioner is queued in the
 * same transaction, the delivery job sends it through the default log transport (a masked line in the
 * server log), and the administrator sees it, masked, in 系统管理 → 消息发送.
 */
describe('消息发送 (outbox)', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: ApiSession;
  const PHONE = '13912345678';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    expect(server.demoPassword, server.output()).toBeTruthy();
    api = await apiLogin(server.baseUrl, 'xfj01', server.demoPassword!);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a 不予受理 message is queued, sent by the log transport masked, and listed for the admin', async () => {
    const cat = await categoryId(api, '劳动和社会保障', '拖欠工资');
    const place = (await api.get<{ items: { id: number; kind: string }[] }>('/units')).items.find((u) => u.kind === 'township')!.id;
    const c = await registerLetter(api, {
      title: '对行政处罚决定不服',
      content: '对某局作出的罚款决定不服，要求撤销。',
      categoryId: cat,
      placeUnitId: place,
      petitioner: { name: '赵六', phone: PHONE },
    });
    await api.post(`/petitions/${c.id}/actions/reject`, { reason: '属于行政复议事项，应依法申请复议', routes: ['fuyi'] });

    const admin = await apiLogin(server.baseUrl, 'admin', server.adminPassword);
    const mine = async () => (await admin.get<{ items: OutboxRow[] }>('/admin/outbox?pageSize=200')).items.find((m) => m.workItemId === c.id);
    expect(await mine()).toMatchObject({ template: 'not_accepted', recipient: '139****5678' });
    // the job runs every minute: wait for the log transport
    const deadline = Date.now() + 100_000;
    while ((await mine())?.status !== 'sent' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2000));
    expect((await mine())?.status).toBe('sent');
    expect(server.output()).toMatch(/\[outbox\] #\d+ 短信 → 139\*\*\*\*5678（not_accepted）/);
    expect(server.output()).not.toContain(PHONE);

    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'admin', server.adminPassword);
    await openMenu(page, /系统管理/, /消息发送/);
    await page.getByRole('heading', { name: '消息发送' }).waitFor();
    const row = page
      .getByTestId('outbox-table')
      .locator('tbody tr[data-row-key]', { has: page.locator('[data-template="not_accepted"]') })
      .first();
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('139****5678');
    expect(text).toContain(c.caseNo);
    expect(text).toContain('已发送');
    expect(await page.locator('body').innerText()).not.toContain(PHONE);
    await screenshot(page, 'outbox-admin');
    expect(errors).toEqual([]);
  });
});
