import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { horizontalOverflow, launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { apiLogin, categoryId, registerLetter, unitId, type ApiSession } from './support/api.ts';

const OK = /^确\s*定$/;

/**
 * The 信访 list as a clerk works it: a row action without opening the case, the deadline columns in view on a
 * tablet, a session that ends while a dialog is open, a failed load that offers 重试.
 */
describe('信访事项 list: row actions, tablet width, expired session, failed request', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: ApiSession;
  const cases: { id: number; caseNo: string }[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiLogin(server.baseUrl, 'xfj01', server.demoPassword!);
    const [cat, place] = await Promise.all([categoryId(api, '劳动和社会保障', '拖欠工资'), unitId(api, '龙蚕镇')]);
    for (const n of [1, 2]) {
      cases.push(
        await registerLetter(api, {
          title: `列表操作测试来信${n}`,
          content: '某工地拖欠农民工工资三个月，多次讨要未果。',
          categoryId: cat,
          placeUnitId: place,
          petitioner: { name: `列表测试${n}` },
        }),
      );
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const state = async (id: number) => (await api.get<{ state: string }>(`/petitions/${id}`)).state;
  const openList = async (page: Page, query = '') => {
    await page.goto(`${server.baseUrl}/xf${query}`);
    await page.getByTestId('petition-table').locator('.ant-table-tbody').waitFor();
  };

  it('受理 from the row: one click opens the case’s own form, the list shows the new state', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'xfj01', server.demoPassword!);
    await openList(page, `?q=${encodeURIComponent(cases[0]!.caseNo)}`);
    const row = page.locator('tr', { hasText: cases[0]!.caseNo });
    await row.getByTestId('row-accept').click();
    const form = page.getByTestId('action-form-accept');
    await form.waitFor();
    await form.getByLabel('说明', { exact: true }).fill('经审查属于本机关受理范围');
    await screenshot(page, 'petition-list-row-accept');
    await page.locator('.ant-modal').filter({ has: form }).getByRole('button', { name: OK }).click();
    await page.getByText(`${cases[0]!.caseNo} 已受理`).waitFor();
    await expect.poll(() => state(cases[0]!.id)).toBe('handling');
    // the row reloads: no 受理 any more, 催办 now that the handling period runs
    await row.getByTestId('row-urge').waitFor();
    await expect(row.getByTestId('row-accept').count()).resolves.toBe(0);
    await page.close();
  });

  it('keeps 预警 and 期限 in view at 820 px, also with the table scrolled to its end', async () => {
    for (const width of [1366, 820]) {
      const page = await newPage(browser, { width, height: width === 820 ? 1180 : 768 });
      await login(page, server.baseUrl, 'xfj01', server.demoPassword!);
      await openList(page);
      const table = page.getByTestId('petition-table');
      await table.locator('.ant-table-row').first().waitFor();
      await screenshot(page, `petition-list-${width}`);
      const inView = async () => {
        for (const title of ['预警', '期限']) {
          const box = (await table
            .locator('th', { hasText: new RegExp(`^${title}$`) })
            .first()
            .boundingBox())!;
          expect(box, title).toBeTruthy();
          expect(box.x, `${title} @${width}`).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, `${title} @${width}`).toBeLessThanOrEqual(width);
        }
        const due = (await table.locator('.ant-table-row').first().locator('td').nth(2).boundingBox())!;
        expect(due.x + due.width).toBeLessThanOrEqual(width);
      };
      await inView();
      await table
        .locator('.ant-table-content, .ant-table-body')
        .first()
        .evaluate((el) => (el.scrollLeft = el.scrollWidth));
      await page.waitForTimeout(200);
      await inView();
      if (width === 820) await screenshot(page, 'petition-list-820-scrolled');
      // the page itself never scrolls sideways: the table scrolls in its own box
      const o = await horizontalOverflow(page);
      expect(o.scrollWidth).toBeLessThanOrEqual(o.innerWidth);
      await page.close();
    }
  });

  it('a session that ends inside an open dialog: says so, signs in again there, the typed text is kept and the submit succeeds', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'xfj01', server.demoPassword!);
    await openList(page, `?q=${encodeURIComponent(cases[1]!.caseNo)}`);
    await page.locator('tr', { hasText: cases[1]!.caseNo }).getByTestId('row-accept').click();
    const form = page.getByTestId('action-form-accept');
    await form.waitFor();
    const typed = '来信反映的问题属于本机关职责，依法受理';
    await form.getByLabel('说明', { exact: true }).fill(typed);
    // the session ends (signed out elsewhere / expired): the browser no longer holds it
    await page.context().clearCookies();
    const modal = page.locator('.ant-modal').filter({ has: form });
    await modal.getByRole('button', { name: OK }).click();
    const expired = page.getByTestId('session-expired');
    await expired.waitFor();
    await expect(expired.innerText()).resolves.toContain('不会丢失');
    await screenshot(page, 'session-expired-dialog');
    await expired.getByLabel('密码').fill(server.demoPassword!);
    await expired.getByTestId('session-expired-login').click();
    await expired.waitFor({ state: 'hidden' });
    // still on the same dialog, with what was typed
    await expect(form.getByLabel('说明', { exact: true }).inputValue()).resolves.toBe(typed);
    // the dialog says why the first submit did not go through, and that the text is still there
    await expect(modal.getByTestId('action-error').innerText()).resolves.toContain('重新登录');
    await screenshot(page, 'session-expired-after-login');
    // the sign-in dialog has gone (its closing animation no longer covers the form)
    await expect.poll(() => page.locator('.ant-modal').count()).toBe(1);
    // by its place, not its name: a loading button reads "loading 确定"
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText(`${cases[1]!.caseNo} 已受理`).waitFor();
    await expect.poll(() => state(cases[1]!.id)).toBe('handling');
    await page.close();
  });

  it('a failed load shows the error with 重试 — not “暂无…” or an empty table — and 重试 loads the list', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'xfj01', server.demoPassword!);
    let fail = true;
    await page.route(
      (url) => url.pathname === '/api/v1/petitions',
      async (route) => {
        if (fail) await route.fulfill({ status: 503, contentType: 'text/plain', body: 'unavailable' });
        else await route.continue();
      },
    );
    await page.goto(`${server.baseUrl}/xf`);
    const error = page.getByTestId('petition-table-error');
    await error.waitFor();
    await error.getByRole('button', { name: /重\s*试/ }).waitFor();
    await expect(page.getByText('暂无信访事项').count()).resolves.toBe(0);
    await expect(page.getByTestId('petition-table').locator('.ant-table').count()).resolves.toBe(0);
    await screenshot(page, 'petition-list-failed');
    fail = false;
    await error.getByRole('button', { name: /重\s*试/ }).click();
    await page.getByTestId('petition-table').locator('.ant-table-row').first().waitFor();
    await expect(error.count()).resolves.toBe(0);
    await page.close();
  });
});
