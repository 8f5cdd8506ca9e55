import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, openMenu, screenshot } from './support/browser.ts';
import { docxParagraphs } from '../../src/server/core/documents/read-docx.ts';

const HEADER = ['问题描述', '责任单位', '包案领导', '完成时限', '销号标准', '关联事项编号'];

/** A 问题清单 as staff keep it in Excel (written with exceljs, as the office's own file would be). */
async function sheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题清单');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const statistic = async (page: Page, testId: string) => Number(/(\d+)\s*$/.exec(await page.getByTestId(testId).innerText())?.[1] ?? NaN);

/**
 * Journey of the demo's 专项行动: the 信访局 (xfj01) opens “信访积案化解年” from the menu → 从Excel导入 a 问题清单 with one bad
 * row (the error is shown against its row and column, nothing is listed) → the fixed file is checked and 确认列入 → the rows
 * are on the list → 登记调度 → 印发工作简报 → the DOCX names the action and the figures the page shows.
 */
describe('专项行动: 从Excel导入问题清单 → 调度 → 印发工作简报 (xfj01)', () => {
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

  it('imports a 问题清单 from Excel all or nothing, records a 调度 and issues a 工作简报', async () => {
    expect(server.demoPassword, `启动输出中应有演示账号密码：\n${server.output()}`).toBeTruthy();
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'xfj01', server.demoPassword!);
    await page.goto(`${server.baseUrl}/workbench`);
    await openMenu(page, /督查督办/, /专项行动$/);
    await page.getByTestId('sv-action-list').waitFor();
    await page
      .getByRole('link', { name: /信访积案化解年/ })
      .first()
      .click();
    await page.waitForURL(/\/supervision\/actions\/\d+/);
    await page.getByTestId('sv-action-page').waitFor();
    const rows = page.locator('#items tbody tr.ant-table-row');
    const before = await rows.count();
    expect(before).toBeGreaterThan(0);

    // a 完成时限 a month ahead of the demo's today (the server's clock is the wall clock here)
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const good = ['某村民反映宅基地确权问题', '银汉镇', '赵立新', due, '依法确权，当事人无异议'];
    const second = ['某企业职工反映社保补缴问题', '碧溪乡', '郑伟', due, '补缴到位，当事人签字认可'];

    await page.getByTestId('action-import-items').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles({
      name: '问题清单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await sheet([good, ['某小区业主反映停车收费问题', '不存在的镇', '王志强', due, '收费公示，业主无异议']]),
    });
    const preview = dialog.getByTestId('import-preview');
    await preview.getByText('其中 1 行有误').waitFor();
    await preview.getByText('责任单位：没有名为“不存在的镇”的单位（或已停用）').waitFor();
    await expect(dialog.getByTestId('import-confirm').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'supervision-action-import-error');

    await dialog.locator('input[type=file]').setInputFiles({
      name: '问题清单（改）.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await sheet([good, second]),
    });
    await preview.getByText('全部无误').waitFor();
    await dialog.getByTestId('import-confirm').click();
    await page.getByText('已从 Excel 列入 2 个问题').waitFor();
    await expect(rows.count()).resolves.toBe(before + 2);
    await page.locator('#items').getByText('某企业职工反映社保补缴问题').waitFor();

    // 登记调度 today
    await page.getByTestId('action-dispatch').click();
    const dispatch = page.getByRole('dialog', { name: '登记调度' });
    await dispatch.getByLabel('调度情况（各单位汇报的进展）').fill('各乡镇汇报积案化解进展，新列入两个问题');
    await dispatch.getByLabel('存在问题').fill('个别积案化解进度滞后');
    await dispatch.getByRole('button', { name: /保\s*存/ }).click();
    await dispatch.waitFor({ state: 'hidden' });

    // 印发工作简报: the figures it prints are the page's
    const total = await rows.count();
    const done = await statistic(page, 'action-count-done');
    const late = await statistic(page, 'action-count-late');
    await page.getByTestId('action-issue-briefing').click();
    const link = page.getByTestId('briefing-download-1');
    await link.waitFor();
    await screenshot(page, 'supervision-action-briefing');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('“信访积案化解年”专项行动工作简报（第1期）.docx');
    const text = (await docxParagraphs(await readFile(await download.path()))).join('\n');
    expect(text).toContain('第1期');
    expect(text).toContain('“信访积案化解年”专项行动工作简报');
    expect(text).toContain(`问题清单共列入问题${total}个，已销号${done}个`);
    expect(text).toContain(`逾期未反馈${late}个`);
    expect(text).toContain('银汉镇：列入问题');
    expect(text).toContain('个别积案化解进度滞后');
    expect(text).toContain('青岚县委县政府督查室');
    expect(errors).toEqual([]);
  });
});
