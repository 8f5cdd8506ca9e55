import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';

/** 安全生产 loose ends on the demo county: statistics cards drill down, the enterprise page, duty rosters read-only for others. */
describe('安全生产：统计卡片、企业页面、值班表权限', () => {
  let server: RunningServer;
  let browser: Browser;
  const noRawCodes = async (page: Page) => {
    const text = await page.locator('main').innerText();
    // never state codes, rule keys or raw JSON on screen
    expect(text).not.toMatch(/\b(reported|rectifying|verifying|closed|general|major|construction|industrial_trade|on_post)\b|[{}"]\w+"?:/);
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the items behind every total card of the hazard statistics', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'safety01', server.demoPassword!);
    await page.goto(`${server.baseUrl}/stats?module=hazard`);
    const card = page.getByTestId('card-hazards');
    await card.getByText('查看明细').waitFor();
    const shown = Number((await card.locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''));
    expect(shown).toBeGreaterThan(0);
    await card.click();
    const summary = page.getByTestId('drill-summary');
    await summary.waitFor();
    expect(Number(await summary.getAttribute('data-total'))).toBe(shown);
    await screenshot(page, 'safety-stats-card-drill');
    await page.keyboard.press('Escape');
    await summary.waitFor({ state: 'hidden' });
    // an indicator card opens its denominator's items, the same number as shown
    const denominator = page.getByTestId('card-rectifyRate-denominator');
    const n = Number(await denominator.innerText());
    await denominator.click();
    await summary.waitFor();
    expect(Number(await summary.getAttribute('data-total'))).toBe(n);
    await page.keyboard.press('Escape');
    // keyboard: Enter on a count card opens it too
    await page.getByTestId('card-open').focus();
    await page.keyboard.press('Enter');
    await summary.waitFor();
    expect(errors).toEqual([]);
  });

  it('shows an enterprise with its licences, hazards, accidents and inspections, in words (desktop and phone)', async () => {
    for (const [name, viewport] of [
      ['desktop', { width: 1366, height: 768 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const page = await newPage(browser, viewport);
      await login(page, server.baseUrl, 'safety01', server.demoPassword!);
      const id = await page.evaluate(async () => {
        const list = (await (await fetch('/api/v1/safety/enterprises?q=%E6%BB%A8%E6%B1%9F%E8%8A%B1%E5%9B%AD&pageSize=5')).json()) as {
          items: { id: number }[];
        };
        return list.items[0]!.id;
      });
      await page.goto(`${server.baseUrl}/safety/enterprises/${id}`);
      const detail = page.getByTestId('enterprise-detail');
      await detail.waitFor();
      const accidents = detail.locator('.ant-card', { hasText: '生产安全事故' });
      await accidents.getByText('高处坠落', { exact: false }).or(accidents.getByText('建筑施工')).first().waitFor();
      await expect.poll(async () => accidents.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
      await detail.locator('.ant-card', { hasText: '监督检查' }).waitFor();
      await screenshot(page, `safety-enterprise-${name}`);
      await noRawCodes(page);
      // a licensed enterprise: each licence with its expiry state in words
      const fuel = await page.evaluate(async () => {
        const list = (await (await fetch('/api/v1/safety/enterprises?q=%E9%BE%99%E8%9A%95%E5%8A%A0%E6%B2%B9%E7%AB%99&pageSize=5')).json()) as {
          items: { id: number }[];
        };
        return list.items[0]!.id;
      });
      await page.goto(`${server.baseUrl}/safety/enterprises/${fuel}`);
      const licences = page.locator('.ant-card', { hasText: '证照' }).first();
      await expect.poll(async () => licences.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
      expect(await licences.locator('tbody tr.ant-table-row').first().innerText()).toMatch(/有效|天后到期|今天到期|已过期/);
      await screenshot(page, `safety-enterprise-licences-${name}`);
      await noRawCodes(page);
      await page.context().close();
    }
  });

  it('lets the 应急管理局 read a township’s roster without offering to edit it; the township edits its own', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'safety01', server.demoPassword!);
    await page.goto(`${server.baseUrl}/safety/duty/roster`);
    await page.getByTestId('duty-generate').waitFor();
    const picker = page.getByRole('combobox', { name: '单位' });
    await picker.click();
    await picker.fill('龙蚕镇');
    await page.locator('.ant-select-item-option', { hasText: '龙蚕镇' }).first().click();
    await page.getByTestId('duty-read-only').waitFor();
    expect(await page.getByTestId('duty-generate').count()).toBe(0);
    expect(await page.getByRole('button', { name: '登记敏感时期' }).count()).toBe(0);
    await screenshot(page, 'safety-duty-read-only');
    await page.goto(`${server.baseUrl}/safety/duty/handovers`);
    await page.getByRole('tab', { name: '交接班记录', selected: true }).waitFor();

    const town = await newPage(browser);
    await login(town, server.baseUrl, 'town_lc01', server.demoPassword!);
    await town.goto(`${server.baseUrl}/safety/duty/roster`);
    await town.getByTestId('duty-generate').waitFor();
    expect(await town.getByTestId('duty-unit').count()).toBe(0);
  });
});
