import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { horizontalOverflow, launchBrowser, login, newPage, screenshot } from './support/browser.ts';

const VIEWPORTS = [
  { name: 'desktop-1366', width: 1366, height: 768 },
  { name: 'tablet-820', width: 820, height: 1180 },
];

const PAGES = ['/', '/admin/users', '/admin/units', '/admin/leaders', '/admin/rules', '/admin/calendar', '/xf', '/admin/audit'];

/** Journey 3: the shell fits a 1366×768 office screen and an 820 px tablet without sideways scrolling. */
describe('layout at office and tablet sizes', () => {
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

  for (const vp of VIEWPORTS) {
    it(`renders every main page without horizontal overflow at ${vp.width}×${vp.height}`, async () => {
      const page = await newPage(browser, { width: vp.width, height: vp.height });
      await login(page, server.baseUrl, 'admin', server.adminPassword);
      for (const p of PAGES) {
        await page.goto(server.baseUrl + p);
        await page.getByTestId('current-user').waitFor();
        await page.waitForLoadState('networkidle');
        const { scrollWidth, innerWidth } = await horizontalOverflow(page);
        expect(scrollWidth, `${p} at ${vp.width}px`).toBeLessThanOrEqual(innerWidth);
        await screenshot(page, `layout-${vp.name}${p === '/' ? '-todo' : p.replaceAll('/', '-')}`);
      }
      // the side menu is reachable at this width (expanded or as icons)
      await expect(page.getByRole('menuitem', { name: /我的待办/ }).count()).resolves.toBeGreaterThan(0);
    });
  }

  it('moves the menu into a drawer on a narrow phone-sized screen', async () => {
    const page = await newPage(browser, { width: 600, height: 900 });
    await login(page, server.baseUrl, 'admin', server.adminPassword);
    await page.getByRole('button', { name: '打开菜单' }).click();
    // 矛盾纠纷 is a module with pages of its own: its group opens, its 纠纷台账 closes the drawer
    await page.getByRole('menuitem', { name: /矛盾纠纷/ }).click();
    await page.getByRole('menuitem', { name: /纠纷台账/ }).click();
    await page.locator('.ant-drawer-content').waitFor({ state: 'hidden' });
    await page.getByTestId('dispute-list').waitFor();
    const { scrollWidth, innerWidth } = await horizontalOverflow(page);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await screenshot(page, 'layout-narrow-600-disputes');
  });
});
