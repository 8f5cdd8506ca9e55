import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { horizontalOverflow, launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { apiLogin } from './support/api.ts';

interface UnitRow {
  unitId: number;
  unitName: string;
  isTownship: boolean;
  overdue: number;
}

/**
 * Journey: a county leader (leader01) goes from the 工作台 to the 领导驾驶舱, clicks a township's overdue count on the
 * township map and sees exactly those overdue items; the command-centre screen (1920×1080, dark) fits without scrolling.
 */
describe('领导驾驶舱 (leader01)', () => {
  let server: RunningServer;
  let browser: Browser;
  let town: UnitRow;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const leader = await apiLogin(server.baseUrl, 'leader01', server.demoPassword!);
    const units = await leader.get<{ units: UnitRow[] }>('/dashboard/units?scope=county&period=month');
    // the demo county has overdue cases 交办'd to townships; the worst comes first
    const towns = units.units.filter((u) => u.isTownship && u.overdue > 0);
    expect(towns.length, JSON.stringify(units.units)).toBeGreaterThan(0);
    town = towns[0]!;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("drills from a township's overdue count on the map to its overdue items", async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'leader01', server.demoPassword!);
    await page.getByTestId('wb-open-dashboard').click();
    await page.getByTestId('dashboard-figures').waitFor();
    await expect.poll(async () => page.getByTestId('dashboard-as-of').innerText()).toMatch(/数据时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    const tile = page.getByTestId(`map-unit-${town.unitId}-overdue`);
    await expect.poll(async () => tile.innerText()).toBe(`超期 ${town.overdue}`);
    await screenshot(page, 'leader-dashboard-1366');
    await tile.click();
    await page.getByTestId('dashboard-items').waitFor();
    await expect.poll(async () => page.getByRole('heading', { level: 4 }).innerText()).toContain(`${town.unitName} · 全部类型 · 超期`);
    await expect.poll(async () => page.getByTestId('dashboard-items').innerText()).toContain(`共 ${town.overdue} 件`);
    const rows = page.locator('[data-testid="dashboard-items"] .ant-table-tbody tr.ant-table-row');
    await expect.poll(async () => rows.count()).toBe(Math.min(20, town.overdue));
    // every row is handled within the township and opens its item
    for (const text of await rows.allInnerTexts()) expect(text).toContain(town.unitName);
    await screenshot(page, 'leader-dashboard-items');
    await rows.first().getByRole('link').first().click();
    await expect.poll(() => new URL(page.url()).pathname).not.toBe('/dashboard/items');
    await page.close();
  }, 120_000);

  it('shows the command-centre screen at 1920×1080, dark, without overflow', async () => {
    const page = await newPage(browser, { width: 1920, height: 1080 });
    await login(page, server.baseUrl, 'leader01', server.demoPassword!);
    await page.goto(`${server.baseUrl}/dashboard`);
    await page.getByTestId('dashboard-figures').waitFor();
    await page.getByTestId('dashboard-screen').click();
    await page.locator('.anwen-cockpit-screen').waitFor();
    await page.getByTestId('dashboard-map').waitFor();
    await page.waitForTimeout(600);
    const overflow = await horizontalOverflow(page);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
    // nothing inside the screen is cut off below the fold: the screen is exactly the viewport and its panels fit in it
    const fits = await page.evaluate(() => {
      const el = document.querySelector('.anwen-cockpit-screen') as HTMLElement;
      return { scrollHeight: el.scrollHeight, clientHeight: el.clientHeight, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
    });
    expect(fits.scrollHeight).toBeLessThanOrEqual(fits.clientHeight);
    expect(fits.scrollWidth).toBeLessThanOrEqual(fits.clientWidth);
    const bg = await page.locator('.anwen-cockpit-overlay').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(7, 23, 43)');
    await screenshot(page, 'leader-dashboard-screen-1920');
    await page.keyboard.press('Escape');
    await expect.poll(async () => page.locator('.anwen-cockpit-screen').count()).toBe(0);
    await page.close();
  }, 120_000);

  it('reads on a tablet and a phone without sideways scrolling', async () => {
    for (const [name, viewport] of [
      ['820', { width: 820, height: 1180 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const page = await newPage(browser, viewport);
      await login(page, server.baseUrl, 'leader01', server.demoPassword!);
      await page.goto(`${server.baseUrl}/dashboard`);
      await page.getByTestId('dashboard-map').waitFor();
      const overflow = await horizontalOverflow(page);
      expect(overflow.scrollWidth, name).toBeLessThanOrEqual(overflow.innerWidth);
      await screenshot(page, `leader-dashboard-${name}`);
      await page.close();
    }
  }, 120_000);
});
