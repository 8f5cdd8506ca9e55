import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { pickOption } from './support/petition-page.ts';
import { docxParagraphs } from '../../src/server/core/documents/read-docx.ts';

const OK = /^确\s*定$/;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Journey of a township's staff (town_lc01, 龙蚕镇): from the 集中排查 in progress, register a dispute found by the
 * screening → accept it with the parties' consent → reach a written agreement → sign and seal it → make the
 * 人民调解协议书 (DOCX downloaded and read) → the 司法确认 window shown → performance → 回访, closed.
 */
describe('矛盾纠纷: 排查 → 调解 → 协议书 → 司法确认期限 → 回访 (town_lc01)', () => {
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

  /** Opens an action of the dispute page, lets `fill` fill its form, confirms, waits for the new state. */
  const act = async (page: Page, code: string, fill: (dialog: Locator) => Promise<void>, state: string) => {
    await page.getByTestId(`action-${code}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await fill(dialog);
    const ok = dialog.getByRole('button', { name: OK });
    await ok.click();
    // the dialog closes, or shows why not (a field error or the server's refusal): fail with those words, not a timeout
    const problems = dialog.locator('.ant-form-item-explain-error, .ant-alert-error');
    await Promise.race([dialog.waitFor({ state: 'hidden' }), problems.first().waitFor()]);
    if (await dialog.isVisible()) throw new Error(`${code} 未完成：${(await problems.allInnerTexts()).join('；')}`);
    await page.getByTestId('dispute-detail').getByText(state, { exact: true }).first().waitFor();
  };

  it('registers a dispute from the screening and mediates it to a signed agreement, its 协议书, 司法确认 window and 回访', async () => {
    expect(server.demoPassword, `启动输出中应有演示账号密码：\n${server.output()}`).toBeTruthy();
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'town_lc01', server.demoPassword!);

    // the campaign: 零报告 and 未报告 are told apart
    await page.goto(`${server.baseUrl}/disputes/campaigns`);
    await page.getByTestId('campaign-list').getByRole('link', { name: '龙蚕镇岁末年初矛盾纠纷集中排查' }).click();
    const campaign = page.getByTestId('campaign-detail');
    await campaign.waitFor();
    await expect(campaign.innerText()).resolves.toMatch(/零报告[\s\S]*未报告/);
    await campaign.getByRole('link', { name: '登记排查发现的纠纷' }).click();

    // register: the source and the campaign come from the screening
    const form = page.getByTestId('dispute-register');
    await form.waitFor();
    await form.getByText('排查发现', { exact: true }).waitFor();
    await form.getByText('龙蚕镇岁末年初矛盾纠纷集中排查（集中排查）').waitFor();
    await pickOption(page, form, '纠纷类型', '邻里纠纷');
    await pickOption(page, form, '发生地（村、社区）', '龙头村');
    await form.getByLabel('纠纷简要情况').fill('龙头村四组两户因房前屋后一棵核桃树的归属发生争执，一方已将树砍倒，另一方要求赔偿。');
    await form.getByPlaceholder('姓名或名称').nth(0).fill('鲁长生');
    await form.getByPlaceholder('姓名或名称').nth(1).fill('冉德才');
    await form.getByTestId('dispute-submit').click();
    const detail = page.getByTestId('dispute-detail');
    await detail.waitFor();
    await detail.getByText('待受理', { exact: true }).first().waitFor();
    await expect(detail.innerText()).resolves.toContain('冉*才');

    // art. 17: accepted with every party's consent
    await act(
      page,
      'accept',
      async (d) => {
        await d.getByText('各方当事人均同意调解').click();
        await pickOption(page, d, '调解方式（三调联动）', '人民调解');
        await d.getByLabel('调解员', { exact: true }).fill('唐红梅');
      },
      '调解中',
    );
    // art. 29: the written agreement with its contents
    const due = addDays(today(), 10);
    await act(
      page,
      'agree',
      async (d) => {
        await pickOption(page, d, '协议形式', '书面协议（制作调解协议书）');
        await d.getByLabel('纠纷的主要事实、争议事项').fill('核桃树归属及砍树的赔偿');
        await d.getByLabel('各方当事人的责任').fill('冉德才未经协商砍树，负主要责任。');
        await d.getByLabel('当事人达成调解协议的内容').fill('冉德才赔偿鲁长生核桃树损失八百元，树木归冉德才所有。');
        await d.getByLabel('履行的方式').fill('现金当面支付，镇调委会见证');
        const date = d.getByLabel('履行的期限');
        await date.click();
        await date.fill(due);
        await date.press('Enter');
        // the typed date is taken only once the picker has closed with it in the field
        await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
        await expect.poll(async () => (await date.inputValue()).trim()).toBe(due);
      },
      '协议待签署',
    );
    await act(
      page,
      'sign',
      async (d) => {
        await d.getByText('各方当事人已签名（盖章、按指印）').click();
        await d.getByText('调解员已签名').click();
        await d.getByText('已加盖印章（调解委员会或行政机关）').click();
      },
      '履行中',
    );

    // art. 33: the 司法确认 window from the day it took effect, on the kernel clock
    const window = page.getByTestId('confirm-window');
    await window.waitFor();
    const text = await window.innerText();
    expect(text).toContain('第三十三条');
    expect(text).toContain(`协议自 ${today()} 起生效`);
    expect(text).toMatch(/在 \d{4}-\d{2}-\d{2} 前共同向人民法院申请司法确认/);
    await screenshot(page, 'dispute-agreement-1366');

    // the 人民调解协议书, downloaded and read: the parties in full, the terms, the signature lines and the seal
    await page.getByTestId('documents-generate').click();
    await page.getByRole('menuitem', { name: '人民调解协议书' }).click();
    const row = page.getByTestId('document-row').first();
    await row.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: '人民调解协议书' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const paragraphs = (await docxParagraphs(await readFile(await download.path()))).join('\n');
    for (const part of ['人民调解协议书', '鲁长生', '冉德才', '负主要责任', '赔偿鲁长生核桃树损失八百元', due, '人民调解员（签名）', '（印章）', '按指印'])
      expect(paragraphs).toContain(part);

    // art. 31: performance, then the 回访 closes it
    await act(page, 'perform', async (d) => d.getByLabel('履行情况').fill('冉德才已当面支付八百元。'), '已履行待回访');
    await act(page, 'revisit', async (d) => d.getByLabel('回访情况').fill('回访双方，已无争议。'), '已调结');
    // mediated by the committee of the village where it arose (the default 调处单位): resolved at village level
    await expect(detail.innerText()).resolves.toContain('化解层级：村（社区）');
    await screenshot(page, 'dispute-closed-1366');
    expect(errors).toEqual([]);
  });
});
