import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, openMenu, screenshot } from './support/browser.ts';
import { docxParagraphs } from '../../src/server/core/documents/read-docx.ts';

/**
 * Journey of the demo meetings: the 信访局 (xfj01) opens 会议 from the menu → its 信访工作联席会议 shows the two petitions
 * discussed and each decision's 督办事项 (one 已销号, one 办理中) → the petition's page shows the meeting among its links,
 * back to the meeting; the 维稳办 (wwb01) 印发 the 纪要 of its 会商研判会 and the DOCX names the dispute and the task.
 */
describe('会议: 联席会议 → 议定事项的督办事项 → 事项页的关联 → 印发纪要 (xfj01, wwb01)', () => {
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

  it('follows a meeting to its tasks and its items and back, and issues the 纪要', async () => {
    expect(server.demoPassword, `启动输出中应有演示账号密码：\n${server.output()}`).toBeTruthy();
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'xfj01', server.demoPassword!);
    await page.goto(`${server.baseUrl}/workbench`);
    await openMenu(page, /督查督办/, /会议$/);
    await page.getByTestId('sv-meeting-list').waitFor();
    await page.getByRole('link', { name: /月信访工作联席会议$/ }).click();
    await page.waitForURL(/\/supervision\/meetings\/\d+$/);
    const meetingUrl = page.url();
    const meeting = page.getByTestId('sv-meeting');
    await meeting.waitFor();
    const decisions = page.getByTestId('meeting-decision');
    await expect(decisions.count()).resolves.toBe(2);
    await decisions.nth(0).getByText('已销号').waitFor();
    await decisions.nth(1).getByText('办理中').waitFor();
    await screenshot(page, 'supervision-meeting');

    // a petition discussed: its page lists the meeting, which leads back
    await meeting
      .getByRole('link', { name: /^519901-/ })
      .first()
      .click();
    const item = page.getByTestId('item-meeting');
    await item.waitFor();
    await expect(item.innerText()).resolves.toContain('第1项议题');
    await item.getByRole('link').click();
    await page.waitForURL(meetingUrl);

    // the 维稳办 issues the 纪要 of its 会商研判会
    const wwb = await newPage(browser);
    wwb.on('pageerror', (e) => errors.push(e.message));
    await login(wwb, server.baseUrl, 'wwb01', server.demoPassword!);
    await wwb.goto(`${server.baseUrl}/supervision/meetings`);
    await wwb.getByRole('link', { name: '矛盾纠纷会商研判会' }).click();
    await wwb.getByTestId('meeting-issue').click();
    await wwb
      .getByRole('dialog')
      .getByRole('button', { name: /^印\s*发$/ })
      .click();
    const link = wwb.getByTestId('minutes-download');
    await link.waitFor();
    const [download] = await Promise.all([wwb.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^青政法〔\d{4}〕\d+号矛盾纠纷会商研判会纪要\.docx$/);
    const text = (await docxParagraphs(await readFile(await download.path()))).join('\n');
    expect(text).toContain('会商');
    expect(text).toContain('龙蚕镇组织镇村两级调解组织再次调解');
    expect(text).toMatch(/责任单位：龙蚕镇，于\d{4}年\d{1,2}月\d{1,2}日前完成/);
    expect(errors).toEqual([]);
  });
});
