import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot, openMenu } from './support/browser.ts';
import { pickOption } from './support/petition-page.ts';

interface UnitRow {
  id: number;
  name: string;
  kind: string;
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  return (await page.evaluate(async (p) => (await fetch(p)).json(), `/api/v1${path}`)) as T;
}

/**
 * Journey 2: admin creates a village under a township and a user in it; the user signs in with the
 * initial password and must change it. Also: admin loads next year's working-day calendar in the UI.
 */
describe('系统管理', () => {
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

  it('creates a unit and a user; the new user is asked to change the initial password', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'admin', server.adminPassword);

    // ── 单位管理: a new village under the first township ──
    const units = await apiGet<{ items: UnitRow[] } | UnitRow[]>(page, '/units');
    const list = Array.isArray(units) ? units : units.items;
    const township = list.find((u) => u.kind === 'township');
    expect(township, '演示数据中应有乡镇').toBeTruthy();
    const villageName = `${township!.name}e2e测试村`;
    const villageCode = `E2E-V-${Date.now().toString(36).toUpperCase()}`;

    await openMenu(page, /系统管理/, '单位管理');
    await page.getByPlaceholder('按名称或编码筛选').fill(township!.name);
    await page.getByTestId('unit-tree').getByText(township!.name, { exact: true }).first().click();
    await page.getByRole('button', { name: '新建下级单位' }).click();
    const unitDialog = page.getByRole('dialog', { name: /新建下级单位/ });
    await unitDialog.getByLabel('单位名称').fill(villageName);
    await unitDialog.getByLabel('单位编码').fill(villageCode);
    await screenshot(page, 'admin-unit-form');
    await unitDialog.getByRole('button', { name: /保\s*存/ }).click();
    await unitDialog.waitFor({ state: 'hidden' });
    await page.getByPlaceholder('按名称或编码筛选').fill(villageName);
    await page.getByTestId('unit-tree').getByText(villageName, { exact: true }).waitFor();
    const created = (await apiGet<{ items: UnitRow[] }>(page, '/units')).items.find((u) => u.name === villageName);
    expect(created?.kind).toBe('village');
    await screenshot(page, 'admin-unit-created');

    // a new unit (selected after creation) has no 代字/机关标志: its edit form says it cannot issue documents until they are set
    await page.getByRole('button', { name: /编\s*辑$/ }).click();
    const editDialog = page.getByRole('dialog', { name: '编辑单位' });
    await expect(editDialog.getByTestId('unit-issuer-unset').innerText()).resolves.toContain('设置前本单位不能出具文书');
    await screenshot(page, 'admin-unit-issuer-unset');
    await editDialog.getByRole('button', { name: /^取\s*消$/ }).click();
    await editDialog.waitFor({ state: 'hidden' });

    // ── 用户管理: a village staff user in the new unit ──
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    const userDialog = page.getByRole('dialog', { name: '新建用户' });
    const username = `e2e${Date.now().toString(36)}`;
    await userDialog.getByLabel('用户名（登录名）').fill(username);
    await userDialog.getByLabel('姓名').fill('测试员');
    await pickOption(page, userDialog, '所属单位', villageName, villageName);
    await pickOption(page, userDialog, '角色', '村（社区）工作人员', '村', { multiple: true });
    await userDialog.getByRole('button', { name: /保\s*存/ }).click();
    const secret = page.getByTestId('one-time-password');
    await secret.waitFor();
    const initialPassword = (await secret.innerText()).trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(8);
    await screenshot(page, 'admin-user-created');
    await page.getByRole('button', { name: '我已记下' }).click();

    const users = await apiGet<{ items: { username: string; unitId: number; mustChangePassword: boolean }[] }>(page, `/users?q=${username}`);
    expect(users.items).toEqual([expect.objectContaining({ username, unitId: created!.id, mustChangePassword: true })]);

    // ── the new user signs in and must change the password ──
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL(/\/login$/);
    await login(page, server.baseUrl, username, initialPassword);
    const pwDialog = page.getByRole('dialog', { name: '修改密码' });
    await pwDialog.waitFor();
    await screenshot(page, 'new-user-must-change-password');
    await pwDialog.getByLabel('当前密码').fill(initialPassword);
    await pwDialog.getByLabel('新密码', { exact: true }).fill('Qingshi2026x');
    await pwDialog.getByLabel('确认新密码').fill('Qingshi2026x');
    await pwDialog.getByRole('button', { name: '确认修改' }).click();
    await pwDialog.waitFor({ state: 'hidden' });
    await screenshot(page, 'new-user-after-password-change');
    const me = await apiGet<{ user: { mustChangePassword: boolean; unitId: number } }>(page, '/auth/me');
    expect(me.user).toMatchObject({ mustChangePassword: false, unitId: created!.id });
    await page.getByTestId('todo-table').waitFor();
  });

  it('loads a new calendar year from pasted JSON; its days are listed and the year counts as covered', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'admin', server.adminPassword);
    const before = await apiGet<{ coveredYears: number[]; warning?: string }>(page, '/calendar/status');
    const year = Math.max(...before.coveredYears) + 1;
    await page.goto(`${server.baseUrl}/admin/calendar`);
    await page.getByRole('button', { name: '加载新年度' }).click();
    const dialog = page.getByRole('dialog', { name: '加载年度工作日历' });
    const json = {
      year,
      source: `国务院办公厅关于${year}年部分节假日安排的通知（端到端测试）`,
      days: [
        { date: `${year}-01-01`, kind: 'holiday', name: '元旦' },
        { date: `${year}-10-01`, kind: 'holiday', name: '国庆节' },
        { date: `${year}-10-09`, kind: 'workday', name: '国庆节调休上班' },
      ],
    };
    // a broken paste is refused in the dialog with the reason, before anything is sent
    await dialog.getByRole('textbox').fill(JSON.stringify({ ...json, days: [{ date: `${year}-02-30`, kind: 'holiday', name: 'x' }] }));
    await dialog.getByRole('button', { name: /加\s*载/ }).click();
    await dialog.getByText('不是真实日期').waitFor();

    await dialog.getByRole('textbox').fill(JSON.stringify(json));
    await dialog.getByRole('button', { name: /加\s*载/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: `${year}-10-09` }).waitFor();
    await screenshot(page, 'admin-calendar-loaded');
    const after = await apiGet<{ coveredYears: number[]; warning?: string }>(page, '/calendar/status');
    expect(after.coveredYears).toContain(year);
    // the shell's "calendar missing" banner follows the new status without a reload
    if (before.warning && !after.warning) await page.getByTestId('calendar-banner').waitFor({ state: 'detached' });
    const days = await apiGet<{ days: { date: string; kind: string }[] }>(page, `/calendar/days?year=${year}`);
    expect(days.days).toEqual(expect.arrayContaining([expect.objectContaining({ date: `${year}-10-09`, kind: 'workday' })]));
  });
});
