import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';

/** Journey 1: a 信访局 demo user signs in and lands on 我的待办 with its table, tabs and warning summary. */
describe('我的待办 (xfj01)', () => {
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

  it('signs in and shows the to-do table with both scopes and the warning counts', async () => {
    expect(server.demoPassword, `启动输出中应有演示账号密码：\n${server.output()}`).toBeTruthy();
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // CSP is script-src 'self': anything inline or from another origin would be refused and logged here
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) cspViolations.push(m.text());
    });
    const foreignRequests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.baseUrl) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreignRequests.push(r.url());
    });

    // a wrong password shows the server's zh-CN message on the form
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('用户名').fill('xfj01');
    await page.getByLabel('密码').fill('not-the-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByTestId('login-error').innerText()).resolves.toContain('用户名或密码错误');
    await screenshot(page, 'login-wrong-password');

    await login(page, server.baseUrl, 'xfj01', server.demoPassword!);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByRole('heading', { name: '我的待办' }).isVisible()).resolves.toBe(true);
    const table = page.getByTestId('todo-table');
    await table.waitFor();
    for (const header of ['编号', '类型', '标题', '承办单位', '状态', '最近期限', '预警']) {
      // waited for: the table lays its header out again once its data has arrived
      await table.locator('th', { hasText: header }).first().waitFor({ state: 'visible' });
    }
    // the summary cards carry the counts the API reports
    const todo = await page.evaluate(async () => (await fetch('/api/v1/my/todo?scope=mine&page=1&pageSize=20')).json());
    const { counts, items } = todo as {
      counts: Record<string, number>;
      items: { refNo: string; nearestDue: string | null; warningLevel: string; deadlines: { dueDate: string | null; explanation: string }[] }[];
    };
    for (const level of ['normal', 'approaching', 'overdue', 'severe']) {
      await expect(page.getByTestId(`count-${level}`).innerText()).resolves.toContain(String(counts[level] ?? 0));
    }
    // rows come in the server's order (nearest deadline first) with the warning tag it computed,
    // and hovering the deadline explains how it was computed
    expect(items.length, 'xfj01 should have demo items assigned').toBeGreaterThan(0);
    const first = items[0]!;
    const firstRow = table.locator('tbody tr.ant-table-row').first();
    await expect(firstRow.innerText()).resolves.toContain(first.refNo);
    await expect(firstRow.locator('[data-warning]').getAttribute('data-warning')).resolves.toBe(first.warningLevel);
    await firstRow.locator('.anwen-due').hover();
    const explanation = first.deadlines.find((d) => d.dueDate === first.nearestDue)?.explanation ?? '';
    await page.locator('.ant-tooltip').getByText(explanation.slice(0, 12), { exact: false }).first().waitFor();
    await screenshot(page, 'todo-mine-1366');

    // switching to 本单位 asks the server for the unit's items
    const unitRequest = page.waitForRequest((r) => r.url().includes('/api/v1/my/todo') && r.url().includes('scope=unit'));
    await page.getByRole('tab', { name: '本单位' }).click();
    await unitRequest;
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'todo-unit-1366');

    // a non-admin does not see 系统管理
    await expect(page.getByRole('menuitem', { name: /系统管理/ }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(foreignRequests, 'everything is self-hosted').toEqual([]);
  });
});
