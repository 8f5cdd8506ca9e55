import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';

/** 统计分析 on the demo county: the numbers open the cases behind them; 导入台账 refuses a file with a bad row. */
describe('信访统计与台账导入', () => {
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

  it('shows indicators whose numbers equal their drill-down lists', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'xfj01', server.demoPassword!);
    await page.getByRole('menuitem', { name: /统计分析/ }).click();
    const table = page.getByTestId('stats-table');
    await table.locator('[data-testid="drill-total-batches-numerator"]').waitFor();
    const total = Number(await table.getByTestId('drill-total-batches-numerator').innerText());
    expect(total, '演示县的信访事项应计入统计').toBeGreaterThan(0);
    await screenshot(page, 'petition-stats');

    for (const id of ['drill-total-batches-numerator', 'drill-total-timelyAcceptance-denominator']) {
      const link = table.getByTestId(id);
      const shown = Number(await link.innerText());
      await link.click();
      const summary = page.getByTestId('drill-summary');
      await summary.waitFor();
      expect(Number(await summary.getAttribute('data-total')), id).toBe(shown);
      if (id.includes('timely')) await screenshot(page, 'petition-stats-drilldown');
      await page.keyboard.press('Escape');
      await summary.waitFor({ state: 'hidden' });
    }
    expect(errors).toEqual([]);
  });

  it('imports nothing when one row of the ledger is wrong, and names the row', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'xfj01', server.demoPassword!);
    const before = (await page.evaluate(async () => (await (await fetch('/api/v1/petitions?pageSize=1')).json()) as { total: number })).total;
    await page.goto(`${server.baseUrl}/xf`);
    await page.getByRole('button', { name: '导入台账' }).click();

    const tpl = await page.evaluate(async () => Array.from(new Uint8Array(await (await fetch('/api/v1/imports/petition_ledger/template.xlsx')).arrayBuffer())));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tpl) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('信访台账')!;
    ws.getRow(2).values = [
      '2026-03-02',
      '来信',
      '',
      '申诉求决类',
      '不存在的类别',
      '不存在的乡镇',
      '导入测试',
      '导入测试内容五个字以上',
      '李四',
      '110105194912310021',
      '13900139000',
    ];
    const file = path.join(os.tmpdir(), `anwen-import-${process.pid}.xlsx`);
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    await page.locator('input[type=file]').setInputFiles(file);
    const report = page.getByTestId('import-report');
    await report.waitFor();
    await expect(report.innerText()).resolves.toContain('未导入任何数据');
    await expect(report.innerText()).resolves.toContain('身份证号');
    await screenshot(page, 'petition-import-report');
    const after = (await page.evaluate(async () => (await (await fetch('/api/v1/petitions?pageSize=1')).json()) as { total: number })).total;
    expect(after).toBe(before);
    fs.rmSync(file, { force: true });
  });
});
