import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { apiLogin, categoryId, unitId } from './support/api.ts';
import { openAction, submitAction, waitForState } from './support/petition-page.ts';

/** No codes, ids or raw JSON where people read. */
async function expectReadable(page: Page): Promise<void> {
  const text = await page.locator('main, .ant-layout-content').first().innerText();
  expect(text).not.toMatch(/[{[]"|\b(assigned|handling|objected|delivered|registered|petition\.|work_item\.|xf\.[a-z]|undefined|null|NaN)\b/);
}

/**
 * The township's side of a 交办: xfj01 交办s a case to 龙蚕镇; town_lc01 finds it on her first screen with its
 * working-day countdown and hands it to 周文斌 (town_lc02), who finds it under 分配给我 and accepts it; a county
 * leader's first screen (工作台) drills down to an overdue item.
 */
describe('交办 to a township, seen from the township, and the leader’s 工作台', () => {
  let server: RunningServer;
  let browser: Browser;
  let caseNo: string;
  let caseId: number;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const xfj = await apiLogin(server.baseUrl, 'xfj01', server.demoPassword!);
    const lc = await unitId(xfj, '龙蚕镇');
    const reg = await xfj.post<{ id: number; caseNo: string }>('/petitions', {
      channel: 'letter',
      matterType: 'appeal',
      petitioners: [{ name: '周建华' }],
      categoryId: await categoryId(xfj, '城乡建设', '城市管理'),
      placeUnitId: lc,
      title: '龙蚕镇场镇排水沟堵塞雨天倒灌',
      content: '来信反映场镇老街排水沟长期堵塞，雨天污水倒灌进商户，请求尽快疏通。',
    });
    await xfj.post(`/petitions/${reg.id}/actions/assign`, { leadUnitId: lc, territorialUnitId: lc, note: '请龙蚕镇组织疏通并答复信访人。' });
    caseNo = reg.caseNo;
    caseId = reg.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the township its 交办 case with a countdown; she names a 经办人, who accepts it', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'town_lc01', server.demoPassword!);
    // first screen: the figures, then 我的待办 — the case is the unit's, not yet anyone's
    await page.getByTestId('workbench-figures').waitFor();
    await page.getByTestId('wb-unit').click();
    const table = page.getByTestId('todo-table');
    const row = table.locator('tbody tr.ant-table-row', { hasText: caseNo });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('龙蚕镇'); // 承办单位 is the 主办, not 信访局
    expect(text).not.toContain('信访局');
    expect(text).toMatch(/剩\d个工作日|今日到期/);
    expect(text).toContain('未指定');
    await screenshot(page, 'unit-todo-1366');
    await expectReadable(page);

    await row.getByTestId(`assign-${caseId}`).click();
    const dialog = page.getByRole('dialog', { name: /指定经办人/ });
    await dialog.getByTestId('assignee-select').click();
    await page.locator('.ant-select-item-option', { hasText: '周文斌' }).click();
    await screenshot(page, 'unit-assign-dialog-1366');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(
      row
        .getByText('周文斌')
        .waitFor()
        .then(() => true),
    ).resolves.toBe(true);

    // tablet and phone widths: the countdown column still shows
    await page.setViewportSize({ width: 820, height: 1000 });
    await screenshot(page, 'unit-todo-820');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'unit-todo-phone');
    expect(errors).toEqual([]);
    await page.close();

    // 周文斌 finds it under 分配给我 and accepts it
    const zhou = await newPage(browser);
    await login(zhou, server.baseUrl, 'town_lc02', server.demoPassword!);
    const mine = zhou.getByTestId('todo-table').locator('tbody tr.ant-table-row', { hasText: caseNo });
    await mine.waitFor();
    await mine.getByRole('link', { name: caseNo }).click();
    await zhou.getByTestId('petition-case').waitFor();
    await openAction(zhou, 'accept');
    await submitAction(zhou, 'accept');
    await waitForState(zhou, 'handling');
    await screenshot(zhou, 'assignee-accepted-1366');
    await zhou.close();
  });

  it('lands a county leader on the 工作台, whose overdue figure drills down to an overdue item', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'leader01', server.demoPassword!);
    await page.getByTestId('workbench').waitFor();
    await page.getByTestId('wb-ranking').locator('tbody tr.ant-table-row').first().waitFor();
    await page.locator('canvas').first().waitFor();
    // not four zeros: the county has cases in progress, some overdue
    const inProgress = Number(await page.getByTestId('wb-unit').locator('.anwen-figure-value').innerText());
    expect(inProgress).toBeGreaterThan(0);
    await screenshot(page, 'leader-workbench-1366');
    await expectReadable(page);

    const overdueLink = page.getByTestId('wb-due-by-unit').locator('a[data-testid$="-overdue"]').filter({ hasNotText: /^0$/ }).first();
    const figure = Number((await overdueLink.innerText()).trim());
    await overdueLink.click();
    const table = page.getByTestId('todo-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const first = await table.locator('tbody tr.ant-table-row').first().innerText();
    expect(first).toMatch(/超期\d+天/);
    // the number drills down to exactly its items
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(figure);
    await screenshot(page, 'leader-drill-overdue-1366');

    await page.goto(`${server.baseUrl}/workbench`);
    await page.getByTestId('workbench').waitFor();
    await page.setViewportSize({ width: 820, height: 1100 });
    await screenshot(page, 'leader-workbench-820');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'leader-workbench-phone');
    expect(errors).toEqual([]);
  });
});
