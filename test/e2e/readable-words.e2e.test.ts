import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot, openMenu } from './support/browser.ts';

/** What a reader must never meet on a case page or in the audit log: JSON, codes, id arrows, rule keys. */
function offences(text: string): string[] {
  const found: string[] = [];
  if (/\{"|\[\{/.test(text)) found.push('raw JSON');
  // codes such as petition.assign or xf.handle (e-mail-like and domain-like strings excluded: none on these pages)
  for (const m of text.matchAll(/\b[a-z_]+\.[a-z_]+\b/g)) found.push(`code ${m[0]}`);
  if (/[:：]\s*空\s*→\s*\d/.test(text)) found.push('id arrow');
  if (/事项 #\d/.test(text)) found.push('事项 #id');
  if (/\b(assigneeId|unitId|parties|instructed)\b/.test(text)) found.push('field code');
  return found;
}

const settled = (page: Page) => page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton'));

/** Journey: a clerk reads demo cases and an administrator the audit log at 1366×768, in words, names and case numbers. */
describe('words people read: case pages and the audit log', () => {
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

  it('the clerk’s case pages show timelines and deadline cards without codes, ids or JSON', async () => {
    expect(server.demoPassword).toBeTruthy();
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'xfj01', server.demoPassword!);
    await page.goto(`${server.baseUrl}/xf`);
    const links = page.locator('.ant-table-tbody tr[data-row-key] a[href^="/xf/"]');
    await links.first().waitFor();
    const hrefs = [...new Set(await links.evaluateAll((els) => els.map((e) => e.getAttribute('href')!)))].slice(0, 6);
    expect(hrefs.length).toBeGreaterThan(3);
    let shot = false;
    for (const href of hrefs) {
      await page.goto(`${server.baseUrl}${href}`);
      const timeline = page.getByTestId('workitem-timeline');
      await timeline.waitFor();
      await settled(page);
      const text = await page.locator('main, .ant-layout-content').first().innerText();
      expect(offences(text), `${href}: ${text.slice(0, 2000)}`).toEqual([]);
      if (!shot && /(^|\n)交办\d/.test(await timeline.innerText())) {
        // the 交办 entry names the units it went to
        expect(await timeline.innerText()).toMatch(/主办：/);
        await timeline.scrollIntoViewIfNeeded();
        await screenshot(page, 'readable-case-timeline-1366');
        shot = true;
      }
    }
    expect(shot).toBe(true);
  });

  it('the audit log names the case, the unit or the person and says what happened', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'admin', server.adminPassword);
    await openMenu(page, /系统管理/, /审计日志/);
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr[data-row-key]').first().waitFor();
    await settled(page);
    const newest = await table.locator('tbody').innerText();
    expect(offences(newest), newest.slice(0, 2000)).toEqual([]);
    // the responsibility set by the demo cases' 交办
    await page.goto(`${server.baseUrl}/admin/audit?action=work_item.parties`);
    await table.locator('tbody tr[data-row-key]').first().waitFor();
    await settled(page);
    const rows = await table.locator('tbody').innerText();
    expect(rows).toMatch(/(XF|JF|WP|DB|SG|YH)-519901-2026-\d{6}/);
    expect(rows).toMatch(/主办：/);
    expect(offences(rows), rows.slice(0, 2000)).toEqual([]);
    await screenshot(page, 'readable-audit-1366');
  });
});
