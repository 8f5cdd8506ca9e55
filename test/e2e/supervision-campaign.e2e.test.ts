import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { pickOption } from './support/petition-page.ts';
import { docxParagraphs } from '../../src/server/core/documents/read-docx.ts';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Journey of the 督查办 (dcb01) and a target township (town_lc01): plan a campaign → record a finding with a problem →
 * issue the 通报 (DOCX downloaded and read for the township's finding) → the township sees it and objects within the window.
 */
describe('督查: 方案 → 督查记录 → 通报 → 被督查单位异议 (dcb01, town_lc01)', () => {
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

  it('plans, records, issues the 通报 and the township objects', async () => {
    expect(server.demoPassword, `启动输出中应有演示账号密码：\n${server.output()}`).toBeTruthy();
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'dcb01', server.demoPassword!);

    // plan
    await page.goto(`${server.baseUrl}/supervision/campaigns`);
    await page.getByTestId('campaign-plan').click();
    const form = page.getByTestId('sv-campaign-plan');
    await form.waitFor();
    await form.getByLabel('督查名称').fill('端到端测试信访稳定工作督查');
    await form.getByPlaceholder('开始日期').click();
    await form.getByPlaceholder('开始日期').fill(addDays(today(), -1));
    await page.keyboard.press('Enter');
    await form.getByPlaceholder('结束日期').fill(addDays(today(), 3));
    await page.keyboard.press('Enter');
    await form.getByLabel('督查内容（每行一项）').fill('信访积案化解进度');
    await form.getByLabel('组长').fill('黄涛');
    await pickOption(page, form, '本组督查的单位', '龙蚕镇', '龙蚕');
    await form.getByTestId('plan-submit').click();
    await page.waitForURL(/\/supervision\/campaigns\/\d+$/);
    const id = Number(/campaigns\/(\d+)$/.exec(page.url())![1]);

    // record a finding with a problem
    const campaign = page.getByTestId('sv-campaign');
    await campaign.waitFor();
    await page.getByTestId('record-龙蚕镇').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('一听：听取汇报').fill('听取镇党委关于信访积案化解的汇报');
    await dialog.getByTestId('add-problem').click();
    await dialog.getByTestId('problem-0-description').fill('端到端测试：2件积案未落实包案领导');
    await dialog.getByTestId('problem-0-requirement').fill('一周内落实包案领导并接访');
    await dialog.getByPlaceholder('请选择日期').last().click();
    await dialog.getByPlaceholder('请选择日期').last().fill(addDays(today(), 30));
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('端到端测试：2件积案未落实包案领导').first().waitFor();

    // issue the 通报 and read the DOCX
    await page.getByTestId('issue-bulletin').click();
    const issue = page.getByRole('dialog');
    await issue.waitFor();
    await issue.getByRole('button', { name: /^印\s*发$/ }).click();
    await issue.waitFor({ state: 'hidden' });
    const link = page.getByTestId('bulletin-download');
    await link.waitFor();
    await screenshot(page, 'supervision-campaign-issued');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^青督查〔\d{4}〕\d+号.*\.docx$/);
    const text = (await docxParagraphs(await readFile(await download.path()))).join('\n');
    expect(text).toContain('龙蚕镇');
    expect(text).toContain('端到端测试：2件积案未落实包案领导');
    expect(text).toContain('《政府督查工作条例》第十七条');

    // the township sees its finding and objects within the window
    const town = await newPage(browser);
    await login(town, server.baseUrl, 'town_lc01', server.demoPassword!);
    await town.goto(`${server.baseUrl}/supervision/campaigns/${id}`);
    await town.getByTestId('sv-campaign').waitFor();
    await expect(town.getByTestId('objection-window').innerText()).resolves.toContain('《政府督查工作条例》第十七条');
    await town.getByTestId('respond').click();
    const respond = town.getByRole('dialog');
    await respond.waitFor();
    await respond.getByTestId('response-content').fill('端到端测试异议：包案领导已于督查前落实，附会议纪要。');
    await respond.getByRole('button', { name: /^提\s*交$/ }).click();
    await respond.waitFor({ state: 'hidden' });
    await town.getByText('待复核').first().waitFor();
    await town.getByText('异议（申请复核）').first().waitFor();
    await screenshot(town, 'supervision-campaign-objection');
    expect(errors).toEqual([]);
  });
});
