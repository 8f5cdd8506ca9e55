import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, openMenu, screenshot } from './support/browser.ts';
import { docxParagraphs } from '../../src/server/core/documents/read-docx.ts';

const OK = /^(确\s*定|发\s*布)$/;
const monthLabel = () => {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月`;
};

/**
 * The 督查室 (dcb01) on the demo county: 考核与问责 → this month's period → 计算 → a township's score drilled down to
 * its items → 发布 → 印发考核通报, whose DOCX names the first-ranked township → 龙蚕镇 (town_lc01) reads it and confirms
 * → the office sees 龙蚕镇 已阅.
 */
describe('考核: compute → drill down → publish → 通报 → read receipt', () => {
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

  it('runs the month’s 考核 to a 通报 a township confirms reading', async () => {
    expect(server.demoPassword, `启动输出中应有演示账号密码：\n${server.output()}`).toBeTruthy();
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'dcb01', server.demoPassword!);
    await openMenu(page, /考核与问责/, /考核与问责/);
    await page.waitForURL(/\/assessment/);

    // the current period is the one shown first, computed by the demo but not published
    const label = monthLabel();
    await page.getByText(`${label}（已计算，待发布）`).waitFor();
    const towns = page.locator('.ant-table-wrapper').filter({ hasText: '乡镇（街道）排名' });
    await towns.locator('tbody tr.ant-table-row').first().waitFor();

    // 计算 again: the ranking comes back
    await page.getByRole('button', { name: /^计\s*算$/ }).click();
    await page.getByText('已按当前指标计算').waitFor();
    await towns.locator('tbody tr.ant-table-row').first().waitFor();

    // a township's score drills down to the items behind it
    const lc = towns.locator('tbody tr.ant-table-row').filter({ hasText: '龙蚕镇' });
    const figures = lc.locator('td a');
    const n = await figures.count();
    let drilled = false;
    for (let i = 0; i < n && !drilled; i++) {
      const a = figures.nth(i);
      if (Number(await a.innerText()) === 0) continue;
      const expected = Number(await a.innerText());
      await a.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('计入的事项').first().waitFor();
      await dialog.locator('tbody tr.ant-table-row').first().waitFor();
      await expect(dialog.innerText()).resolves.toContain(`共 ${expected} 件`);
      await screenshot(page, 'assessment-drill');
      await dialog.locator('.ant-modal-close').click();
      await dialog.waitFor({ state: 'hidden' });
      drilled = true;
    }
    expect(drilled, '龙蚕镇应至少有一项得分计入了事项').toBe(true);

    // 发布, then 印发考核通报
    const first = (await towns.locator('tbody tr.ant-table-row').first().locator('td').nth(1).innerText()).trim();
    await page.getByRole('button', { name: /^发\s*布$/ }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: OK }).click();
    await page.getByText(`${label}（已发布）`).waitFor();
    await page.getByRole('button', { name: '印发考核通报' }).click();
    await page.getByText('考核通报已印发').waitFor();
    const notice = page.getByTestId('assessment-notice');
    await notice.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), notice.getByRole('link', { name: '下载通报' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const text = (await docxParagraphs(await readFile(await download.path()))).join('\n');
    expect(text).toContain(`关于${label}乡镇（街道）和县直部门考核情况的通报`);
    expect(text).toMatch(new RegExp(`第1名\\s*${first}`));
    await expect(notice.innerText()).resolves.toMatch(/龙蚕镇\s*未阅/);

    // 龙蚕镇 reads it and confirms
    const town = await newPage(browser);
    town.on('pageerror', (e) => errors.push(e.message));
    await login(town, server.baseUrl, 'town_lc01', server.demoPassword!);
    await town.goto(`${server.baseUrl}/assessment`);
    await town.getByText(`${label}（已发布）`).waitFor();
    const mine = town.getByTestId('assessment-notice');
    await mine.getByText('未阅', { exact: true }).waitFor();
    await mine.getByRole('button', { name: '确认已阅' }).click();
    await town.getByText('已确认阅读').waitFor();
    await mine.getByText(/^已阅/).waitFor();

    // the office sees 龙蚕镇 已阅
    await page.reload();
    await page.getByText(`${label}（已发布）`).waitFor();
    const office = page.getByTestId('assessment-notice');
    await office.getByText('龙蚕镇 已阅').waitFor();
    await screenshot(page, 'assessment-notice-read');
    expect(errors).toEqual([]);
  }, 240_000);
});
