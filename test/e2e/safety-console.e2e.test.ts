import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { horizontalOverflow, launchBrowser, login, newPage, openMenu, screenshot } from './support/browser.ts';
import { pickOptions } from './support/petition-page.ts';
import { shanghaiToday } from './support/api.ts';

/** No raw codes on a clerk's screen: no JSON, no state or kind codes, no rule keys. */
async function expectReadable(page: Page): Promise<void> {
  const text = await page.locator('main, .ant-layout-content').first().innerText();
  expect(text).not.toMatch(/[{}[\]"]|\b(general|special|random|unannounced|covert|pending|hazards|pass|fail|inspector_signature|undefined|null)\b/);
}

/** Journey: safety01 (县应急管理局) works the 安全生产 console — 隐患台账, 企业登记册, a 双随机 draw with its seed, a plan's detail and record. */
describe('安全生产 console (safety01)', () => {
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

  it('ledger → filter → hazard; register → enterprise; 双随机 draw → seed and targets; plan detail → record', async () => {
    expect(server.demoPassword, `启动输出中应有演示账号密码：\n${server.output()}`).toBeTruthy();
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'safety01', server.demoPassword!);

    // 隐患台账: filter to 待整改, open one hazard
    await openMenu(page, /安全生产/, '隐患台账');
    const ledger = page.getByTestId('hazard-list');
    await ledger.locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByRole('tab', { name: '待整改' }).click();
    await page.waitForURL(/state=reported/);
    await ledger.locator('tbody tr.ant-table-row').first().waitFor();
    const rows = ledger.locator('tbody tr.ant-table-row');
    // the filtered answer replaces the first page's rows
    await expect.poll(async () => (await rows.allInnerTexts()).every((t) => t.includes('待整改')), { timeout: 15_000 }).toBe(true);
    const refNo = await rows.first().locator('a').first().innerText();
    await rows.first().locator('a').first().click();
    await page.waitForURL(/\/safety\/hazards\/\d+$/);
    await page.getByText(refNo).first().waitFor();

    // 企业登记册 → one enterprise
    await openMenu(page, /安全生产/, '企业登记册');
    await page.getByText('青岚县华丰化工有限公司').first().click();
    await page.waitForURL(/\/safety\/enterprises\/\d+$/);
    await page.getByText('甲类储罐区', { exact: false }).first().waitFor();

    // 监督检查 → 双随机抽查: fill the form, draw with a stated seed
    await openMenu(page, /安全生产/, '监督检查');
    await page.getByTestId('inspection-list').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'safety-console-inspections');
    await page.getByTestId('new-draw').click();
    const form = page.getByTestId('draw-form');
    await form.getByTestId('draw-title').fill('端到端测试双随机抽查');
    const today = shanghaiToday();
    const end = new Date(Date.parse(`${today}T00:00:00Z`) + 20 * 86_400_000).toISOString().slice(0, 10);
    await form.getByPlaceholder('开始日期').click();
    await form.getByPlaceholder('开始日期').fill(today);
    await page.keyboard.press('Enter');
    await form.getByPlaceholder('结束日期').fill(end);
    await page.keyboard.press('Enter');
    await form.getByLabel('抽取数量').fill('3');
    await pickOptions(page, form, '执法检查人员库', ['杨建军（青岚县应急管理局）', '唐红梅（龙蚕镇）', '马丽（青岚县住房和城乡建设局）']);
    await form.getByTestId('draw-seed').fill('E2E-摇号-0815');
    await screenshot(page, 'safety-console-draw-form');
    await form.getByTestId('draw-submit').click();
    await page.waitForURL(/\/safety\/inspections\/\d+\?drawn=1$/);
    await expect(page.getByTestId('draw-seed-value').innerText()).resolves.toContain('E2E-摇号-0815');
    await expect(page.getByTestId('draw-replay').innerText()).resolves.toContain('复核一致');
    await expect(page.getByTestId('plan-targets').locator('tbody tr.ant-table-row').count()).resolves.toBe(3);
    for (const text of await page.getByTestId('plan-targets').locator('tbody tr.ant-table-row').allInnerTexts()) expect(text).toContain('待检查');
    await expectReadable(page);
    await screenshot(page, 'safety-console-draw-result');

    // back to the list: the demo 大检查 → its detail → one record with its documents and hazards
    await page.getByRole('link', { name: '← 检查计划' }).click();
    await page
      .getByTestId('inspection-list')
      .getByRole('link', { name: /九小场所消防安全大检查/ })
      .click();
    await page.waitForURL(/\/safety\/inspections\/\d+$/);
    const targets = page.getByTestId('plan-targets');
    await targets.locator('tbody tr.ant-table-row').first().waitFor();
    await expect(targets.getByText('发现隐患 2 项').count()).resolves.toBe(1);
    await expectReadable(page);
    await targets
      .locator('tbody tr.ant-table-row', { hasText: '丝绸织造厂' })
      .getByRole('link', { name: /安检记/ })
      .click();
    await page.waitForURL(/\/safety\/inspection-records\/\d+$/);
    await page.getByTestId('record-docx').waitFor();
    await page.getByTestId('order-docx').waitFor();
    await page.getByText('登记的隐患（2 项）').waitFor();
    await expectReadable(page);
    await screenshot(page, 'safety-console-record');

    // nothing spills sideways at a tablet's and a phone's width
    for (const width of [820, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 1180 });
      await page.waitForTimeout(300);
      const { scrollWidth, innerWidth } = await horizontalOverflow(page);
      expect(scrollWidth, `${width}px`).toBeLessThanOrEqual(innerWidth + 1);
    }
    expect(errors).toEqual([]);
  });
});
