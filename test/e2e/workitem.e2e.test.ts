import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';

/** Journey: from 我的待办 to the item's detail, where the deadline names the rule and its legal source. */
describe('事项详情 (xfj01)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the first to-do row (a 信访 case), then its kernel detail with the deadline with the rule from 《信访工作条例》 and the timeline', async () => {
    expect(server.demoPassword, `启动输出中应有演示账号密码：\n${server.output()}`).toBeTruthy();
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'xfj01', server.demoPassword!);

    // xfj01's demo items are 信访 cases: the row opens the case page, and the same item also has the
    // kernel's generic detail (the one every module's items share)
    const firstRow = page.getByTestId('todo-table').locator('tbody tr.ant-table-row').first();
    await firstRow.waitFor();
    const refNo = (
      await firstRow
        .locator('td')
        .filter({ hasText: /^XF-519901-/ })
        .first()
        .innerText()
    ).trim();
    expect(refNo).toMatch(/^XF-519901-\d{4}-\d{6}$/);
    await firstRow.getByRole('link', { name: refNo }).click();
    await page.getByTestId('petition-case').waitFor();
    const id = /^\/xf\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1];
    expect(id, page.url()).toBeTruthy();
    await expect(page.getByTestId('petition-caseno').innerText()).resolves.toBe(refNo);

    await page.goto(`${server.baseUrl}/work-items/${id}`);
    await page.getByTestId('workitem-page').waitFor();
    await expect(page.getByTestId('workitem-refno').innerText()).resolves.toBe(refNo);
    await expect(page.getByText('信访', { exact: true }).first().isVisible()).resolves.toBe(true);

    // the deadline card: big due date, warning tag, and the rule that produced it with its legal source
    const card = page.getByTestId('deadline-card').first();
    await expect(card.getByTestId('deadline-due').innerText()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(card.locator('[data-warning]').count()).resolves.toBe(1);
    await expect(card.innerText()).resolves.toContain('《信访工作条例》');
    await expect(card.getByTestId('deadline-explanation').innerText()).resolves.not.toBe('');

    // responsibility and the timeline starting with the clock's start
    for (const label of ['承办单位', '责任人', '包案领导']) {
      await expect(page.getByText(label, { exact: true }).isVisible()).resolves.toBe(true);
    }
    const timeline = page.getByTestId('workitem-timeline');
    await expect(timeline.innerText()).resolves.toContain('开始计时');
    await screenshot(page, 'workitem-detail-1366');

    // an id outside the data scope (or missing) is a plain "not found"
    await page.goto(`${server.baseUrl}/work-items/999999999`);
    await page.getByText('未找到该事项').waitFor();
    expect(errors).toEqual([]);
  });
});
