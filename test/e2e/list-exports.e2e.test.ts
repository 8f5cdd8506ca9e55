import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';

/** The first column (编号) of every data row of an .xlsx download. */
async function refNos(page: Page, baseUrl: string, href: string): Promise<string[]> {
  // the context's request API shares the page's session cookie
  const res = await page.request.get(new URL(href, baseUrl).toString());
  expect(res.status(), await res.text().catch(() => '')).toBe(200);
  expect(res.headers()['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.worksheets[0]!.eachRow((row, n) => {
    if (n > 1) out.push(String(row.getCell(1).value));
  });
  return out;
}

/** 导出 Excel on the console lists downloads exactly what the page shows, with the page's current filters. */
describe('list exports in the console (xfj01)', () => {
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

  it('我的待办 (本单位, a warning level) and 督办通知 (全部, a search) export their filtered lists', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'xfj01', server.demoPassword!);

    await page.getByTestId('todo-table').waitFor();
    await page.getByRole('tab', { name: '本单位' }).click();
    await page.getByTestId('count-normal').click();
    const todoHref = await page.getByTestId('todo-export').getAttribute('href');
    expect(todoHref).toContain('/api/v1/my/todo/export.xlsx?');
    const params = new URL(todoHref!, server.baseUrl).searchParams;
    expect([params.get('scope'), params.get('warning'), params.get('sort')]).toEqual(['unit', 'normal', 'due']);
    const listed = (await page.evaluate(async () => (await fetch('/api/v1/my/todo?scope=unit&warning=normal&sort=due&page=1&pageSize=200')).json())) as {
      items: { refNo: string }[];
      total: number;
    };
    const exported = await refNos(page, server.baseUrl, todoHref!);
    expect(exported.length).toBe(listed.total);
    expect(exported.slice(0, listed.items.length)).toEqual(listed.items.map((i) => i.refNo));
    await screenshot(page, 'todo-export-button');

    // a 督办通知 on two demo cases, so the searched list has a row and something to leave out
    const caseNos = (await page.evaluate(async () => {
      const { csrfToken } = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const { items } = (await (await fetch('/api/v1/petitions?page=1&pageSize=2')).json()) as { items: { id: number; caseNo: string }[] };
      for (const it of items) {
        const r = await fetch(`/api/v1/work-items/${it.id}/supervision/notices`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
          body: JSON.stringify({ level: 'county', text: '请于期限内报送办理情况' }),
        });
        if (!r.ok) throw new Error(await r.text());
      }
      return items.map((i) => i.caseNo);
    })) as string[];
    expect(caseNos).toHaveLength(2);
    await page.goto(`${server.baseUrl}/supervision/notices`);
    const list = page.getByTestId('supervision-notices');
    await list.waitFor();
    await list.getByText('全部（含已回复）').click();
    await list.getByTestId('supervision-notices-search').locator('input').fill(caseNos[0]!);
    await list.getByTestId('supervision-notices-search').locator('input').press('Enter');
    const noticeHref = await list.getByTestId('supervision-notices-export').getAttribute('href');
    const np = new URL(noticeHref!, server.baseUrl).searchParams;
    expect([np.get('status'), np.get('q'), np.get('order')]).toEqual(['all', caseNos[0], 'asc']);
    // wait for the searched list (the unfiltered one is on screen until the new page arrives)
    await expect
      .poll(
        async () => {
          const texts = await list.locator('tbody tr.ant-table-row').allInnerTexts();
          return texts.length > 0 && texts.every((t) => t.includes(caseNos[0]!));
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const shown = await list.locator('tbody tr.ant-table-row').count();
    expect(shown).toBeGreaterThanOrEqual(1);
    const rows = await refNos(page, server.baseUrl, noticeHref!);
    expect(rows.length).toBe(shown);
    expect(new Set(rows)).toEqual(new Set([caseNos[0]]));
    await screenshot(page, 'supervision-notices-export-button');
    expect(errors).toEqual([]);
  });
});
