import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { horizontalOverflow, launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { pickOption, pickSearched } from './support/petition-page.ts';

/** A signed-in API session for preparing data through the public API (as leader-cases.e2e does). */
async function apiSession(baseUrl: string, username: string, password: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

const NOTICE = '请龙蚕镇于回复期限内报告宅基地纠纷调处进展及下一步措施。';
const REPLY = '已约见双方当事人，镇司法所现场勘界，下周三前出具调处意见。';

/** Journey: 信访局 issues a 督办通知 on a case → 龙蚕镇's user replies on the case's 督办 card (phone) → 信访局 sees the reply in 督查督办. */
describe('督办通知 and its reply', () => {
  let server: RunningServer;
  let browser: Browser;
  let caseId = 0;
  let caseNo = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const xfj = await apiSession(server.baseUrl, 'xfj01', server.demoPassword!);
    const cats = await xfj<{ items: { name: string; children: { id: number }[] }[] }>('GET', '/petition-categories');
    const catId = cats.items.find((c) => c.name === '政法')!.children[0]!.id;
    const units = await xfj<{ items: { id: number; name: string }[] }>('GET', '/units');
    const town = units.items.find((u) => u.name === '龙蚕镇')!.id;
    const reg = await xfj<{ id: number; caseNo: string }>('POST', '/petitions', {
      channel: 'letter',
      petitioners: [{ name: '周建华' }],
      matterType: 'appeal',
      categoryId: catId,
      placeUnitId: town,
      title: '宅基地界址纠纷久拖未决',
      content: '来信反映与邻居宅基地界址纠纷经村调解未果，请求依法处理。',
    });
    await xfj('POST', `/petitions/${reg.id}/actions/assign`, { leadUnitId: town, territorialUnitId: town, note: '请龙蚕镇依法调处。' });
    caseId = reg.id;
    caseNo = reg.caseNo;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openCard = async (page: Page) => {
    await page.goto(`${server.baseUrl}/xf/${caseId}`);
    const card = page.getByTestId('supervision-card');
    await card.waitFor();
    await card.locator('.ant-card-body').waitFor();
    return card;
  };

  it('信访局 issues, the unit replies on the 督办 card, 信访局 sees the reply', async () => {
    expect(server.demoPassword, `启动输出中应有演示账号密码：\n${server.output()}`).toBeTruthy();
    const errors: string[] = [];

    // 1. 信访局 issues a county 督办通知 from the case page
    const xfjPage = await newPage(browser);
    xfjPage.on('pageerror', (e) => errors.push(e.message));
    await login(xfjPage, server.baseUrl, 'xfj01', server.demoPassword!);
    let card = await openCard(xfjPage);
    await card.getByRole('button', { name: '发督办通知' }).click();
    await xfjPage.getByLabel('督办内容').fill(NOTICE);
    await xfjPage.getByRole('button', { name: /确\s*定|OK/ }).click();
    const issued = card.locator('[data-testid^="notice-"]').filter({ hasText: NOTICE });
    await issued.waitFor();
    await expect(issued.getByTestId('notice-state').innerText()).resolves.toMatch(/待回复/);

    // 2. 龙蚕镇 replies on a phone: the reply form shows the notice and its limit
    const townPage = await newPage(browser, { width: 390, height: 844 });
    townPage.on('pageerror', (e) => errors.push(e.message));
    await login(townPage, server.baseUrl, 'town_lc01', server.demoPassword!);
    card = await openCard(townPage);
    await card.getByRole('button', { name: '回复督办' }).click();
    const dialog = townPage.getByRole('dialog');
    await expect(
      dialog
        .getByText(NOTICE)
        .waitFor()
        .then(() => true),
    ).resolves.toBe(true);
    await dialog.getByLabel(/回复内容/).fill(REPLY);
    await screenshot(townPage, 'supervision-reply-form-390');
    const overflow = await horizontalOverflow(townPage);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    const replied = card.locator('[data-testid^="notice-"]').filter({ hasText: NOTICE });
    await expect(replied.getByTestId('notice-reply').innerText()).resolves.toContain(REPLY);
    await expect(replied.getByTestId('notice-state').innerText()).resolves.toBe('已回复');
    // answered once: no reply button is left
    await expect(card.getByRole('button', { name: '回复督办' }).count()).resolves.toBe(0);
    const after = await horizontalOverflow(townPage);
    expect(after.scrollWidth).toBeLessThanOrEqual(after.innerWidth);

    // 3. 信访局 sees the reply in 督查督办 → 督办通知 (全部)
    await xfjPage.goto(`${server.baseUrl}/supervision/notices`);
    const list = xfjPage.getByTestId('supervision-notices');
    await list.waitFor();
    await list.getByText('全部（含已回复）').click();
    const row = list.locator('tbody tr.ant-table-row').filter({ hasText: caseNo });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain(REPLY);
    await expect(row.getByTestId('notice-state').innerText()).resolves.toBe('已回复');
    await screenshot(xfjPage, 'supervision-notices-replied-1366');
    const desk = await horizontalOverflow(xfjPage);
    expect(desk.scrollWidth).toBeLessThanOrEqual(desk.innerWidth);
    expect(errors).toEqual([]);
  });

  it("信访局 records a leader's reception with the case picked by its number; the record lists the case", async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'xfj01', server.demoPassword!);
    await page.goto(`${server.baseUrl}/leaders/records`);
    await page.getByRole('button', { name: '登记接访记录' }).click();
    const form = page.getByTestId('reception-record-form');
    await form.waitFor();
    await pickOption(page, form, '接访领导', '王志强');
    await form.getByLabel(/接访情况/).fill('王志强同志接待周建华，听取宅基地界址纠纷情况，要求龙蚕镇两周内调处到位。');
    await pickSearched(page, form.getByTestId('case-picker'), caseNo);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /登\s*记/ })
      .click();
    const row = page.locator('tbody tr.ant-table-row').filter({ hasText: '要求龙蚕镇两周内调处到位' });
    await row.waitFor();
    await expect(row.getByRole('link', { name: caseNo }).count()).resolves.toBe(1);
    await expect(row.innerText()).resolves.toContain('王志强');
    await screenshot(page, 'leader-reception-record-1366');
    expect(errors).toEqual([]);
  });

  it('admin previews the 交办单 template filled from the case (nothing numbered or stored)', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'admin', server.adminPassword);
    await page.goto(`${server.baseUrl}/admin/document-templates`);
    await page.getByTestId('template-transfer_slip').click();
    await expect(page.getByTestId('template-body').inputValue()).resolves.toContain('{caseNo}');
    await pickSearched(page, page.getByTestId('case-picker'), caseNo);
    await page.getByRole('button', { name: /预\s*览/ }).click();
    const preview = page.getByTestId('template-preview');
    await preview.waitFor();
    await expect(preview.innerText()).resolves.toContain(`编号${caseNo}`);
    await expect(preview.innerText()).resolves.toContain('信访事项交办单');
    await screenshot(page, 'admin-document-template-preview-1366');
    expect(errors).toEqual([]);
  });
});
