import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot, openMenu } from './support/browser.ts';

/** Journey: an administrator reviews the audit trail and checks the hash chain; an auditor sees only 审计日志 under 系统管理. */
describe('审计日志', () => {
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

  it('admin opens 审计日志, sees the login events with their diff, and the chain checks 完整', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'admin', server.adminPassword);

    await openMenu(page, /系统管理/, /审计日志/);
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr[data-row-key]').first().waitFor();

    // the admin's own sign-in is among the newest events (jobs may have written since), by its zh-CN name
    const myLogin = table.locator('tbody tr[data-row-key]', { has: page.locator('[data-action="auth.login"]') }).first();
    await expect(myLogin.innerText()).resolves.toContain('登录');
    await expect(myLogin.innerText()).resolves.toContain('admin');

    // filter to sign-ins only: every row is a login
    await page.getByTestId('audit-filters').locator('.ant-select').first().click();
    await page.keyboard.type('登录');
    // wait for the filtered page itself (networkidle was already reached before the click, so it waited for nothing)
    const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/audit/events?') && new URL(r.url()).searchParams.get('action') === 'auth.login');
    // options show the action's name only, never its code
    await page.locator('.ant-select-item-option', { hasText: /^登录$/ }).click();
    await filtered;
    await page.waitForFunction(() => !document.querySelector('[data-testid="audit-table"] .ant-spin-spinning'));
    // the filter is in the address: the filtered list is a link
    expect(new URL(page.url()).searchParams.get('action')).toBe('auth.login');
    const actions = await table.locator('tbody [data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['auth.login']));

    // expanding a row shows its recorded content as fields
    await table.locator('tbody tr[data-row-key]').first().locator('.ant-table-row-expand-icon').click();
    const seq = await table.locator('tbody tr[data-row-key]').first().getAttribute('data-row-key');
    const diff = page.getByTestId(`audit-diff-${seq}`);
    await expect(diff.isVisible()).resolves.toBe(true);
    // fields by their Chinese names; the raw record's keys only under the folded 技术细节
    const shown = await diff.innerText();
    expect(shown).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b|\{"|undefined/);
    await screenshot(page, 'audit-logins');

    await page.getByRole('button', { name: /校验审计链/ }).click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('完整');
    // the count is the whole chain at the moment of the check (background jobs may append afterwards)
    const total = await page.evaluate(async () => {
      const r = await fetch('/api/v1/audit/events?pageSize=1');
      return ((await r.json()) as { total: number }).total;
    });
    const checked = Number(/共 (\d+) 条/.exec(text)?.[1]);
    expect(checked).toBeGreaterThan(actions.length);
    expect(checked).toBeLessThanOrEqual(total);
    await expect(result.getAttribute('class')).resolves.toContain('success');
    await screenshot(page, 'audit-verified');
    expect(errors).toEqual([]);
  });

  it('an auditor sees 审计日志 but not the other admin pages', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'auditor01', server.demoPassword!);
    await openMenu(page, /系统管理/, /审计日志/);
    await expect(page.getByRole('menuitem', { name: /用户管理/ }).count()).resolves.toBe(0);
    await page.getByTestId('audit-table').locator('tbody tr[data-row-key]').first().waitFor();
    await page.goto(`${server.baseUrl}/admin/users`);
    await page.getByText('无权访问').waitFor();
  });
});
