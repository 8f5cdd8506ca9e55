import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, openMenu, screenshot } from './support/browser.ts';
import { apiLogin, shanghaiToday } from './support/api.ts';
import { pickOption } from './support/petition-page.ts';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** a 1×1 PNG: a real picture the server recognises by its content */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const ZJJ = '青岚县住房和城乡建设局';
/** a status is re-read after an action's refetch, which a loaded runner shows late */
const POLL = { timeout: 20_000 };

async function pickDay(page: Page, scope: Locator, label: string, day: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(day);
  await page.keyboard.press('Enter');
}

/**
 * 督办通知 (issue 16's proof): dcb01 issues a notice to three units (a paper notice booked with its 补录说明, one unit's
 * deadline already past) → 龙蚕镇 reports back in the console with a photo, 县住建局 through the API → the office 销号s
 * 龙蚕镇's task in the console → the notice's page shows one 已销号, one 待核查 and 碧溪乡 逾期未反馈.
 */
describe('督办通知: 印发 → 两个单位反馈 → 核查销号 → 第三个单位逾期 (dcb01, town_lc01, liaison_zj)', () => {
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

  it('issues, the units report, the office verifies one and the third shows overdue', async () => {
    expect(server.demoPassword, `启动输出中应有演示账号密码：\n${server.output()}`).toBeTruthy();
    const password = server.demoPassword!;
    const today = shanghaiToday();
    const errors: string[] = [];

    // dcb01 issues the notice from the menu
    const office = await newPage(browser);
    office.on('pageerror', (e) => errors.push(e.message));
    await login(office, server.baseUrl, 'dcb01', password);
    await office.goto(`${server.baseUrl}/workbench`);
    await openMenu(office, /督查督办/, '督办通知');
    await office.getByTestId('sv-dispatch-list').waitFor();
    await office.getByTestId('dispatch-new').click();
    const form = office.getByTestId('sv-dispatch-issue');
    await form.waitFor();
    await form.getByLabel('标题').fill('关于限期整改安全隐患的督办通知');
    await form.getByLabel('正文').fill('经县委县政府督查室督查，以下单位存在安全隐患整改不到位的问题，现予督办，请按要求限期整改。');
    await form.getByLabel('反馈要求').fill('请于完成时限前书面反馈整改情况，并附整改后照片。');
    // a paper notice issued before the back-dating window, booked now with its 补录说明 (the server's own window)
    const { backdateWindowDays } = await (await apiLogin(server.baseUrl, 'dcb01', password)).get<{ backdateWindowDays: number }>('/settings/business-date');
    const issuedOn = addDays(today, -(backdateWindowDays + 2));
    await pickDay(office, form, '印发日期', issuedOn);
    await form.getByTestId('backdate-reason').fill('纸质通知已于当日印发，现补录');
    await form.getByTestId('dispatch-add-task').click();
    await form.getByTestId('dispatch-add-task').click();
    const units: [string, string, string][] = [
      ['龙蚕镇', '龙蚕', addDays(today, 10)],
      [ZJJ, '住房', addDays(today, 10)],
      ['碧溪乡', '碧溪', addDays(issuedOn, 1)],
    ];
    for (const [i, [unit, search, due]] of units.entries()) {
      const card = form.getByTestId(`dispatch-task-${i}`);
      await pickOption(office, card, '承办单位', unit, search);
      await pickDay(office, card, '完成时限', due);
      await card.getByLabel('督办事项').fill(`端到端测试：整改${unit.slice(0, 3)}安全隐患`);
    }
    await form.getByTestId('dispatch-submit').click();
    await office.waitForURL(/\/supervision\/dispatches\/\d+$/);
    const dispatchId = Number(/dispatches\/(\d+)$/.exec(office.url())![1]);
    await office.getByTestId('sv-dispatch').waitFor();
    const docNo = await office.getByTestId('dispatch-doc-no').innerText();
    expect(docNo).toMatch(/〔\d{4}〕[1-9]\d*号$/);
    await expect.poll(() => office.getByTestId('task-status-碧溪乡').innerText(), POLL).toContain('逾期未反馈');
    await expect.poll(() => office.getByTestId('task-status-龙蚕镇').innerText(), POLL).toContain('未签收');

    // 龙蚕镇 reports back in the console with a photo
    const town = await newPage(browser);
    town.on('pageerror', (e) => errors.push(e.message));
    await login(town, server.baseUrl, 'town_lc01', password);
    await town.goto(`${server.baseUrl}/workbench`);
    await openMenu(town, /督查督办/, '督办事项');
    await town.getByTestId('sv-task-list').waitFor();
    await town.getByRole('link', { name: '端到端测试：整改龙蚕镇安全隐患' }).click();
    await town.getByTestId('sv-task').waitFor();
    await expect.poll(() => town.getByTestId('task-source').innerText(), POLL).toContain(docNo);
    await town.getByTestId('action-report').click();
    const dialog = town.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByTestId('task-action-text').fill('已对辖区3处隐患完成整改，整改后照片附后。');
    const dir = await mkdtemp(path.join(tmpdir(), 'anwen-e2e-'));
    const photo = path.join(dir, '整改后.png');
    await writeFile(photo, PNG);
    await dialog.locator('input[type=file]').setInputFiles(photo);
    await dialog.locator('.ant-checkbox-wrapper-checked').first().waitFor();
    await dialog.getByRole('button', { name: /^确\s*定$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => town.getByTestId('task-status').innerText(), POLL).toBe('已反馈待核查');
    await town.getByTestId('task-report').waitFor();
    await screenshot(town, 'supervision-notice-town-reported');

    // 县住建局 reports through the API
    const zj = await apiLogin(server.baseUrl, 'liaison_zj', password);
    const mine = await zj.get<{ items: { id: number; unitName: string; source: { id: number } }[] }>('/supervision/tasks');
    const zjTask = mine.items.find((t) => t.source.id === dispatchId);
    expect(zjTask?.unitName).toBe(ZJJ);
    await zj.post(`/supervision/tasks/${zjTask!.id}/actions/report`, { reportText: '已督促施工单位完成整改。' });

    // the office 销号s 龙蚕镇's task in the console
    await office.reload();
    await office.getByTestId('sv-dispatch').waitFor();
    await office.getByTestId('task-link-龙蚕镇').click();
    await office.getByTestId('sv-task').waitFor();
    await office.getByTestId('action-verify').click();
    const verify = office.getByRole('dialog');
    await verify.waitFor();
    await verify.getByTestId('task-action-text').fill('经实地核查，已整改到位，同意销号。');
    await verify.getByRole('button', { name: /^确\s*定$/ }).click();
    await verify.waitFor({ state: 'hidden' });
    await expect.poll(() => office.getByTestId('task-status').innerText(), POLL).toBe('已销号');

    // the notice at a glance: one done, one awaiting verification, 碧溪乡 overdue
    await office.getByTestId('task-source').click();
    await office.getByTestId('sv-dispatch').waitFor();
    await expect.poll(() => office.getByTestId('task-status-龙蚕镇').innerText(), POLL).toContain('已销号');
    await expect.poll(() => office.getByTestId(`task-status-${ZJJ}`).innerText(), POLL).toContain('已反馈待核查');
    await expect.poll(() => office.getByTestId('task-status-碧溪乡').innerText(), POLL).toMatch(/逾期未反馈[\s\S]*逾期 \d+ 天/);
    await screenshot(office, 'supervision-notice-glance');
    const [download] = await Promise.all([office.waitForEvent('download'), office.getByTestId('dispatch-docx').click()]);
    expect(download.suggestedFilename()).toBe(`${docNo}关于限期整改安全隐患的督办通知.docx`);

    // the list's counts open the notice narrowed to that status
    await office.goto(`${server.baseUrl}/supervision/dispatches`);
    await office.getByTestId(`count-late-${dispatchId}`).click();
    await office.waitForURL(/status=late/);
    await office.getByTestId('task-status-碧溪乡').waitFor();
    await expect.poll(() => office.getByTestId('task-status-龙蚕镇').count(), POLL).toBe(0);
    expect(errors).toEqual([]);
  });
});
