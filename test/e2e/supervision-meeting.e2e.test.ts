import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, openMenu, screenshot } from './support/browser.ts';
import { docxParagraphs } from '../../src/server/core/documents/read-docx.ts';

/**
 * Journey of the demo meetings: the 信访局 (xfj01) opens 会议 from the menu → its 信访工作联席会议 shows the two petitions
 * discussed and each decision's 督办事项 (one 已销号, one 办理中) → the petition's page shows the meeting among its links,
 * back to the meeting; the 信访局 corrects the place after the 纪要 went out (a reason, shown in the 修改记录) and 撤销s
 * the 办理中 督办事项 (the 已销号 one offers no 撤销); the 维稳办 (wwb01) 印发 the 纪要 of its 会商研判会 and the DOCX names
 * the dispute and the task.
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
      .getByRole('link', { name: /^XF-519901-/ })
      .first()
      .click();
    const item = page.getByTestId('item-meeting');
    await item.waitFor();
    await expect(item.innerText()).resolves.toContain('第1项议题');
    await item.getByRole('link').click();
    await page.waitForURL(meetingUrl);

    // the convener corrects the place after 印发: the screen asks for the reason, the 修改记录 shows it
    await page.getByTestId('meeting-edit').click();
    const edit = page.getByRole('dialog', { name: '修改会议信息' });
    await edit.getByLabel('会议地点').fill('县信访局二楼会议室');
    await edit.getByTestId('meeting-edit-save').click();
    await edit.getByText('纪要已印发，请说明修改理由').waitFor();
    await edit.getByLabel('修改理由').fill('会议地点记录有误');
    await edit.getByTestId('meeting-edit-save').click();
    await edit.waitFor({ state: 'hidden' });
    await meeting.getByText('县信访局二楼会议室', { exact: true }).waitFor();
    const history = page.getByTestId('meeting-history');
    await history.getByText('理由：会议地点记录有误').waitFor();
    await expect(history.innerText()).resolves.toContain('→ 县信访局二楼会议室');

    // 撤销 the 办理中 督办事项 of the second decision; the 已销号 one cannot be withdrawn
    await expect(decisions.nth(0).getByTestId('task-withdraw').count()).resolves.toBe(0);
    await decisions.nth(1).getByTestId('task-withdraw').click();
    const withdraw = page.getByRole('dialog', { name: /^撤销督办事项/ });
    await withdraw.getByText('以“已撤销”办结').waitFor();
    await withdraw.getByLabel('撤销理由').fill('信访人诉求已在复查中一并处理');
    await withdraw.getByRole('button', { name: /^撤\s*销$/ }).click();
    await withdraw.waitFor({ state: 'hidden' });
    await decisions.nth(1).getByText('已撤销').waitFor();
    await history.getByText('理由：信访人诉求已在复查中一并处理').waitFor();
    await screenshot(page, 'supervision-meeting-withdrawn');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'supervision-meeting-phone');

    // the 督查办 keeps the meeting types where the county's other settings live; a type in use offers 停用, not 删除
    const dcb = await newPage(browser);
    dcb.on('pageerror', (e) => errors.push(e.message));
    await login(dcb, server.baseUrl, 'dcb01', server.demoPassword!);
    await dcb.goto(`${server.baseUrl}/admin/meeting-types`);
    const types = dcb.getByTestId('meeting-types');
    await types
      .getByRole('row', { name: /可停用/ })
      .first()
      .waitFor();
    await screenshot(dcb, 'meeting-types');

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
