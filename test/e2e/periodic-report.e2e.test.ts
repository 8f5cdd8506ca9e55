import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { apiLogin, shanghaiToday, unitId, type ApiSession } from './support/api.ts';

const yesterday = () => shanghaiToday(new Date(Date.now() - 86_400_000));

/**
 * Journey: 督查办 (dcb01) issues a daily 防汛值守日报告 due 17:00 whose special period began yesterday — yesterday's
 * cut-off lies in the past at whatever hour this runs. 龙蚕镇 补报s yesterday's report on its 待报 page (counted late),
 * 碧溪乡 through the API; the office's board shows 城关街道 missing at 17:00, filters to it and reminds it, and
 * 城关街道 finds the reminder in its inbox.
 */
describe('定期报告: a daily report with one unit missing at 17:00', () => {
  let server: RunningServer;
  let browser: Browser;
  let office: ApiSession;
  let defId = 0;
  const period = yesterday();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    office = await apiLogin(server.baseUrl, 'dcb01', server.demoPassword!);
    const units = [await unitId(office, '龙蚕镇'), await unitId(office, '碧溪乡'), await unitId(office, '城关街道')];
    ({ id: defId } = await office.post<{ id: number }>('/periodic-reports', {
      name: '防汛值守日报告',
      fields: [
        { name: '巡查河段', kind: 'number', measure: '处', required: true },
        { name: '转移群众', kind: 'number', measure: '人', required: false },
      ],
      zeroPolicy: 'allowed',
      scopeKind: 'units',
      unitIds: units,
      frequency: 'daily',
      dueTime: '17:00',
      workdaysOnly: false,
      activeFrom: period,
      activeTo: shanghaiToday(),
      periodName: '主汛期',
    }));
    const bx = await apiLogin(server.baseUrl, 'town_bx01', server.demoPassword!);
    await bx.post(`/periodic-reports/${defId}/submissions`, { period, zero: true, values: {} });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('龙蚕镇 补报s yesterday on its 待报 page and is counted late', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'town_lc01', server.demoPassword!);
    await page.goto(`${server.baseUrl}/supervision/reports/mine`);
    await page.getByTestId('reports-mine-page').waitFor();
    const item = page.getByTestId('mine-item').filter({ hasText: '防汛值守日报告' }).filter({ hasText: '缺报' });
    await item.getByRole('button', { name: /补\s*报/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('巡查河段（处）').fill('6');
    await dialog.getByLabel('情况说明').fill('昨日值守正常，补报。');
    await dialog.getByRole('button', { name: /报\s*送/ }).click();
    await page.getByText(/已补报（迟报/).waitFor();
    await screenshot(page, 'periodic-report-late');
    expect(errors).toEqual([]);
  });

  it('the office sees 城关街道 missing at 17:00, filters to it and reminds it', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'dcb01', server.demoPassword!);
    await page.goto(`${server.baseUrl}/supervision/reports`);
    await page.getByTestId('report-list').waitFor();
    await page.getByRole('link', { name: '防汛值守日报告' }).click();
    await page.getByTestId('report-board').waitFor();
    await page.goto(`${server.baseUrl}/supervision/reports/${defId}?period=${period}`);
    await page.getByTestId('report-board').waitFor();
    const board = page.getByTestId('report-board');
    await expect(board.getByTestId('tally-missing').innerText()).resolves.toContain('缺报 1');
    await expect(board.getByTestId('tally-late').innerText()).resolves.toContain('迟报 2');
    await expect(board.innerText()).resolves.toContain('17:00');
    await board.getByTestId('tally-missing').click();
    const rows = board.locator('.ant-table-tbody tr.ant-table-row');
    await page.waitForURL(/status=missing/);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    await expect(rows.first().innerText()).resolves.toContain('城关街道');
    await expect(rows.first().innerText()).resolves.toContain('缺报');
    await screenshot(page, 'periodic-report-missing');
    await rows
      .first()
      .getByRole('button', { name: /提\s*醒/ })
      .click();
    await page.getByText('已提醒 1 个单位').waitFor();
    // the board is read again after the reminder: wait for the row to show it
    await expect.poll(async () => await rows.first().innerText()).toContain('已提醒 1 次');
    expect(errors).toEqual([]);

    const street = await apiLogin(server.baseUrl, 'street_cg01', server.demoPassword!);
    const inbox = await street.get<{ items: { title: string }[] }>('/my/notifications?page=1&pageSize=50');
    expect(inbox.items.map((n) => n.title)).toContain(`【缺报提醒】防汛值守日报告（${Number(period.slice(5, 7))}月${Number(period.slice(8, 10))}日）`);
  });
});
