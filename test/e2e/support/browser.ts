import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results/e2e');

/** Debian's Chromium (apt), driven by playwright-core: no browser download. */
export async function launchBrowser(): Promise<Browser> {
  return await chromium.launch({
    executablePath: process.env.ANWEN_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function newPage(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // let Ant Design's open/close animations finish so the picture shows the settled page
  await page.waitForTimeout(400);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Fills the login form and waits until the signed-in shell shows the user's name. */
export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('current-user').waitFor();
}

/** The page must not scroll sideways (tables scroll inside their own box). */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

/**
 * Opens a page through the side menu: the group is clicked only while the item is hidden (a click on an open group
 * folds it, and its items then overlap while they slide away), and the item is clicked again if the first click
 * was caught by a neighbour still moving.
 */
export async function openMenu(page: Page, group: RegExp, item: RegExp | string): Promise<void> {
  const target = page.getByRole('menuitem', { name: item });
  for (let attempt = 1; ; attempt++) {
    if (!(await target.isVisible())) await page.getByRole('menuitem', { name: group }).click();
    try {
      await target.click({ timeout: 5000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}
