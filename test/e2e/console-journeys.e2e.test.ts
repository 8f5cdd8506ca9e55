import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { apiLogin, categoryId, registerLetter, unitId, type ApiSession } from './support/api.ts';
import { pickOption } from './support/petition-page.ts';

/**
 * The 信访局 clerk's list work end to end: 批量交办 of selected rows to a township, which then finds them in its
 * 我的待办 (本单位); 催办 from a row, which reaches the township as a 督办通知; a named filter saved, picked again
 * and deleted.
 */
describe('信访 list journeys: 批量交办, 催办, 常用筛选', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: ApiSession;
  const TOKEN = `批量交办旅程${Date.now() % 100000}`;
  const batch: { id: number; caseNo: string }[] = [];
  let urged: { id: number; caseNo: string };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiLogin(server.baseUrl, 'xfj01', server.demoPassword!);
    const [cat, place] = await Promise.all([categoryId(api, '劳动和社会保障', '拖欠工资'), unitId(api, '龙蚕镇')]);
    const letter = (n: number) =>
      registerLetter(api, {
        title: `${TOKEN}来信${n}`,
        content: '某工地拖欠农民工工资三个月，多次讨要未果。',
        categoryId: cat,
        placeUnitId: place,
        petitioner: { name: `旅程测试${n}` },
      });
    for (const n of [1, 2]) batch.push(await letter(n));
    urged = await letter(3);
    await api.post(`/petitions/${urged.id}/actions/accept`, { note: '属于本机关职责，依法受理' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signedIn = async (username: string, viewport?: { width: number; height: number }): Promise<Page> => {
    const page = await newPage(browser, viewport);
    await login(page, server.baseUrl, username, server.demoPassword!);
    return page;
  };

  it('批量交办: select two rows, 交办 them to 龙蚕镇 at once; 龙蚕镇 finds both in 我的待办 (本单位)', async () => {
    const page = await signedIn('xfj01');
    await page.goto(`${server.baseUrl}/xf?q=${encodeURIComponent(TOKEN)}`);
    const table = page.getByTestId('petition-table');
    for (const c of batch) await table.locator('tr', { hasText: c.caseNo }).waitFor();
    for (const c of batch) await table.locator('tr', { hasText: c.caseNo }).locator('.ant-checkbox-input').check();
    await expect(page.getByTestId('batch-assign').innerText()).resolves.toContain('（2）');
    await page.getByTestId('batch-assign').click();
    const form = page.getByTestId('batch-assign-form');
    await form.waitFor();
    await pickOption(page, form, '主办单位', '龙蚕镇', '龙蚕');
    await screenshot(page, 'journey-batch-assign-form');
    const modal = page.locator('.ant-modal').filter({ has: form });
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    const results = page.getByTestId('batch-results');
    await results.waitFor();
    await expect.poll(() => results.innerText()).toContain('2 件已交办');
    await screenshot(page, 'journey-batch-assign-done');
    for (const c of batch) expect((await api.get<{ state: string }>(`/petitions/${c.id}`)).state).toBe('assigned');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.close();

    // the township's 我的待办, 本单位 tab: both cases, with their deadline
    const lc = await signedIn('town_lc01');
    await lc.goto(`${server.baseUrl}/todo?scope=unit`);
    const todo = lc.getByTestId('todo-table');
    for (const c of batch) await todo.locator('tr', { hasText: c.caseNo }).waitFor();
    const row = await todo.locator('tr', { hasText: batch[0]!.caseNo }).innerText();
    expect(row).toMatch(/\d{4}-\d{2}-\d{2}/);
    await screenshot(lc, 'journey-batch-assign-township-todo');
    await lc.close();
  });

  it('催办 from a row: a 督办通知 with a reply due date from the rules, listed under 督查督办', async () => {
    const page = await signedIn('xfj01');
    await page.goto(`${server.baseUrl}/xf?q=${encodeURIComponent(urged.caseNo)}`);
    const row = page.getByTestId('petition-table').locator('tr', { hasText: urged.caseNo });
    await row.getByTestId('row-urge').click();
    const modal = page.locator('.ant-modal', { hasText: `催办 ${urged.caseNo}` });
    await modal.waitFor();
    await modal.getByLabel('催办内容').fill('请于本周内答复信访人，并回复办理进展。');
    await modal.getByRole('button', { name: /发出催办/ }).click();
    const toast = page.locator('.ant-message', { hasText: `已向承办单位催办 ${urged.caseNo}` });
    await toast.waitFor();
    const due = /应于 (\d{4}-\d{2}-\d{2}) 前回复/.exec(await toast.innerText())?.[1];
    expect(due).toBeTruthy();
    await screenshot(page, 'journey-urge-sent');
    await page.close();

    // the case's 督办 record carries the notice; the supervising view lists it
    const sup = await api.get<{ notices: { text: string; replyDue: string }[] }>(`/work-items/${urged.id}/supervision`);
    expect(sup.notices.map((n) => n.text)).toContain('请于本周内答复信访人，并回复办理进展。');
    expect(sup.notices.find((n) => n.text.startsWith('请于本周内'))?.replyDue).toBe(due);
    const notices = await signedIn('xfj01');
    await notices.goto(`${server.baseUrl}/supervision/notices?q=${encodeURIComponent(urged.caseNo)}`);
    await notices.getByTestId('supervision-notices').locator('tr', { hasText: urged.caseNo }).waitFor();
    await screenshot(notices, 'journey-urge-in-supervision');
    await notices.close();
  });

  it('常用筛选: saves the current filter under a name, opens it again from the plain list, deletes it', async () => {
    const page = await signedIn('xfj01');
    await page.goto(`${server.baseUrl}/xf?q=${encodeURIComponent(TOKEN)}&tab=assigned`);
    const table = page.getByTestId('petition-table');
    await table.locator('tr', { hasText: batch[0]!.caseNo }).waitFor();
    await page.getByTestId('petition-table-saved-filters').click();
    await page.getByRole('menuitem', { name: /保存当前筛选/ }).click();
    await page.getByTestId('saved-filter-name').fill('批量交办旅程');
    await page.locator('.ant-modal', { hasText: '保存当前筛选' }).locator('.ant-modal-footer .ant-btn-primary').click();
    // the button names the filter in use (the 已保存 toast lasts 3 s and can come and go before a loaded runner looks)
    await expect.poll(() => page.getByTestId('petition-table-saved-filters').innerText()).toContain('批量交办旅程');

    await page.goto(`${server.baseUrl}/xf`);
    await table.locator('.ant-table-row').first().waitFor();
    await expect(page.getByTestId('petition-table-saved-filters').innerText()).resolves.not.toContain('批量交办旅程');
    await page.getByTestId('petition-table-saved-filters').click();
    await page.getByRole('menuitem', { name: /批量交办旅程/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(TOKEN);
    expect(new URL(page.url()).searchParams.get('tab')).toBe('assigned');
    await table.locator('tr', { hasText: batch[1]!.caseNo }).waitFor();
    await screenshot(page, 'journey-saved-filter-applied');

    // another person does not see it
    const other = await apiLogin(server.baseUrl, 'xfj02', server.demoPassword!);
    expect(await other.get<unknown[]>('/my/saved-filters?list=petition-table')).toEqual([]);

    await page.getByTestId('petition-table-saved-filters').click();
    await page
      .getByRole('menuitem', { name: /批量交办旅程/ })
      .getByTestId('saved-filter-delete')
      .click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /删\s*除/ })
      .click();
    await page.getByText('已删除').waitFor();
    expect(await api.get<unknown[]>('/my/saved-filters?list=petition-table')).toEqual([]);
    await page.close();
  });
});
