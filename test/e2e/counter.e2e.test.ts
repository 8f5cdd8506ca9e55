import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { horizontalOverflow, launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { pickOption, pickPath } from './support/petition-page.ts';

const ID_NUMBER = '11010519491231002X';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The day in 青岚县 (UTC+8), `days` from today. */
const shanghaiDay = (days = 0) => new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const zhDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * Journey at the counter: the 信访局 clerk registers a letter that arrived three days ago, with its scan attached, and
 * prints the 登记回执 — the 受理 limit counts from the day the letter was received, not the day it was typed in.
 */
describe('登记 counter: a letter received three days ago, its scan, the 登记回执', () => {
  let server: RunningServer;
  let browser: Browser;
  let scan: string;
  let receiptId = 0;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    scan = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-counter-')), '来信扫描件.pdf');
    fs.writeFileSync(scan, PDF);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openForm = async (page: Page) => {
    await page.goto(`${server.baseUrl}/xf/new`);
    const form = page.getByTestId('petition-register');
    await form.waitFor();
    return form;
  };

  it('registers the letter with its scan and prints a receipt whose 受理 limit runs from the receipt date', async () => {
    const errors: string[] = [];
    const page = await newPage(browser);
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'xfj01', server.demoPassword!);
    const form = await openForm(page);

    await form.getByText('来信', { exact: true }).click();
    const received = shanghaiDay(-3);
    const dateInput = form.getByTestId('received-on').locator('input').or(form.locator('input#receivedOn')).first();
    await dateInput.click();
    await dateInput.fill(received);
    await dateInput.press('Enter');
    await expect(dateInput.inputValue()).resolves.toBe(received);
    // Enter took the date without submitting the half-filled form
    await page.waitForTimeout(300);
    expect(await form.getByText('请选择问题分类').count()).toBe(0);
    await expect(form.innerText()).resolves.toContain('受理期限自收到之日起计算');

    // the scan is chosen in the form, uploaded at once, listed by its name
    await form.locator('input[type=file]').setInputFiles(scan);
    await form.getByTestId('counter-files').getByText('来信扫描件.pdf').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'counter-register-source-1366');

    // ID and phone are checked as they are typed, each message naming its field
    const petitioner = form.getByTestId('petitioner-card').first();
    await petitioner.getByLabel('姓名', { exact: true }).fill('柜台测试人');
    await petitioner.getByLabel('身份证号', { exact: true }).fill('110105194912310021');
    await petitioner.getByText('身份证号：出生日期或末位校验码不正确，请核对').waitFor();
    await petitioner.getByLabel('身份证号', { exact: true }).fill(ID_NUMBER);
    await petitioner.getByText('身份证号：出生日期或末位校验码不正确，请核对').waitFor({ state: 'detached' });
    await petitioner.getByLabel('电话', { exact: true }).fill('1380013');
    await petitioner.getByText(/^电话：应为 11 位手机号/).waitFor();
    await petitioner.getByLabel('电话', { exact: true }).fill('13800138000');
    await petitioner.getByText(/^电话：应为 11 位手机号/).waitFor({ state: 'detached' });

    await form.getByText('申诉求决类', { exact: true }).click();
    await pickPath(page, form, '问题分类', ['城乡建设', '物业管理']);
    await pickOption(page, form, '问题属地', '龙蚕镇', '龙蚕镇');
    await form.getByLabel('标题', { exact: true }).fill('来信反映小区电梯长期停运');
    await form.getByLabel('主要内容', { exact: true }).fill('来信称龙蚕镇某小区两部电梯停运三个月，物业未予维修，老人上下楼困难，请求督促解决。');
    await screenshot(page, 'counter-register-1366');
    await form.getByRole('button', { name: /^登\s*记$/ }).click();

    await page.getByTestId('registered-result').waitFor();
    const caseNo = (await page.getByTestId('registered-caseno').innerText()).trim();
    const code = (await page.getByTestId('registered-querycode').innerText()).trim();
    await page.getByTestId('print-receipt').click();

    // ── the 登记回执 ──
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    const id = Number(new URL(page.url()).pathname.split('/')[2]);
    receiptId = id;
    expect(new URL(page.url()).pathname).toBe(`/xf/${id}/receipt`);
    await expect(page.getByTestId('receipt-caseno').innerText()).resolves.toBe(caseNo);
    await expect(page.getByTestId('receipt-code').innerText()).resolves.toBe(code);
    await expect(page.getByTestId('receipt-channel').innerText()).resolves.toBe('来信');
    await expect(page.getByTestId('receipt-received').innerText()).resolves.toBe(zhDate(received));
    const text = await receipt.innerText();
    expect(text).toContain('信访事项登记回执');
    expect(text).toContain(`您的信访事项已于${zhDate(received)}收到并登记`);
    expect(text).toContain('依照《信访工作条例》第二十二条，本机关自收到之日起15日内');
    expect(text).toContain('查询码仅此一次告知');
    expect(text).not.toMatch(/xf\.|registered|letter|undefined|null/);

    // the clock the receipt quotes is the case's, started on the day received
    const record = (await (await page.request.get(`${server.baseUrl}/api/v1/petitions/${id}`)).json()) as {
      deadlines: { ruleKey: string; startDate: string; dueDate: string }[];
    };
    const route = record.deadlines.find((d) => d.ruleKey === 'xf.dept.route')!;
    expect(route.startDate).toBe(received);
    expect(daysBetween(received, route.dueDate)).toBeGreaterThanOrEqual(15); // 15 days after receipt (a holiday end rolls on)
    expect(daysBetween(received, route.dueDate)).toBeLessThan(15 + 10);
    await expect(page.getByTestId('receipt-due').innerText()).resolves.toBe(`${zhDate(route.dueDate)}前`);
    expect(text).toContain(`至${zhDate(route.dueDate)}`);

    // the scan went in with the case
    const files = (await (await page.request.get(`${server.baseUrl}/api/v1/work-items/${id}/attachments`)).json()) as { items: { name: string }[] };
    expect(files.items.map((f) => f.name)).toEqual(['来信扫描件.pdf']);

    // printed on paper: only the receipt, no menu or buttons
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.anwen-sider').isVisible()).toBe(false);
    expect(await page.getByTestId('receipt-print').isVisible()).toBe(false);
    await expect(receipt.isVisible()).resolves.toBe(true);
    await screenshot(page, 'counter-receipt-print');
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'counter-receipt-1366');

    // reopened later, the receipt no longer knows the code (only its hash is stored)
    await page.reload();
    await receipt.waitFor();
    expect(await page.getByTestId('receipt-code').count()).toBe(0);
    await expect(page.getByText('查询码只在登记时显示').isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it('shows the form and the receipt without sideways scrolling at 820 px and phone width', async () => {
    for (const [name, viewport] of [
      ['820', { width: 820, height: 1180 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const page = await newPage(browser, viewport);
      await login(page, server.baseUrl, 'xfj01', server.demoPassword!);
      const form = await openForm(page);
      await form.getByTestId('received-on').waitFor();
      // a visit: who received it defaults to the clerk, representatives come from the petitioners
      await form.getByText('来访', { exact: true }).click();
      await expect(form.getByTestId('received-by').innerText()).resolves.toContain('（本人）');
      await screenshot(page, `counter-register-${name}`);
      const o = await horizontalOverflow(page);
      expect(o.scrollWidth, `${name}: 登记页不应横向滚动`).toBeLessThanOrEqual(o.innerWidth);
      await page.goto(`${server.baseUrl}/xf/${receiptId}/receipt`);
      await page.getByTestId('receipt').waitFor();
      await screenshot(page, `counter-receipt-${name}`);
      const r = await horizontalOverflow(page);
      expect(r.scrollWidth, `${name}: 回执不应横向滚动`).toBeLessThanOrEqual(r.innerWidth);
      await page.close();
    }
  });
});
