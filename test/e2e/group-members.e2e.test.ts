import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';

interface UnitRow {
  id: number;
  name: string;
  kind: string;
}
interface UnitDetail extends UnitRow {
  members: { id: number; name: string; kind: string; duty: string | null }[];
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  return (await page.evaluate(async (p) => (await fetch(p)).json(), `/api/v1${path}`)) as T;
}

const MEETING = '青岚县信访工作联席会议';
const CONVENER = '青岚县信访局';
const LEAVING = '青岚县退役军人事务局';
const JOINING = '青岚县发展和改革局';
const JOINING_DUTY = '配合化解涉及项目建设的信访事项';

/**
 * 单位管理 → a joint meeting's member units: listed with their duties, replaced through 设置成员单位
 * (one member removed, one added with a duty, the others' duties kept), and a refused save shows the
 * server's zh-CN reason inside the dialog.
 */
describe('领导小组 / 联席会议成员单位', () => {
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

  it('shows and replaces the member units of the 信访工作联席会议', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'admin', server.adminPassword);
    const list = (await apiGet<{ items: UnitRow[] }>(page, '/units')).items;
    const meeting = list.find((u) => u.name === MEETING && u.kind === 'joint_meeting');
    expect(meeting, '演示数据中应有信访工作联席会议').toBeTruthy();
    const before = await apiGet<UnitDetail>(page, `/units/${meeting!.id}`);
    expect(before.members.map((m) => m.name)).toContain(LEAVING);
    expect(before.members.map((m) => m.name)).not.toContain(JOINING);

    await page.goto(`${server.baseUrl}/admin/units`);
    await page.getByPlaceholder('按名称或编码筛选').fill('联席会议');
    await page.getByTestId('unit-tree').getByText(MEETING, { exact: true }).click();
    const card = page.getByTestId('unit-members');
    await card.getByText(`成员单位（${before.members.length}）`).waitFor();
    const convenerRow = card.getByRole('row').filter({ hasText: CONVENER });
    await expect.poll(() => convenerRow.innerText()).toContain('牵头单位（联席会议办公室）');
    // members read in the unit tree's order (信访局 is the meeting's first department in the tree)
    expect(await card.locator('.ant-table-tbody tr.ant-table-row').first().innerText()).toContain(CONVENER);
    await screenshot(page, 'group-members-card');

    // ── 设置成员单位: drop one member, add another with a duty ──
    await card.getByRole('button', { name: '设置成员单位' }).click();
    const dialog = page.getByRole('dialog', { name: /设置成员单位/ });
    await dialog.getByRole('button', { name: `移除${LEAVING}` }).click();
    await dialog.getByRole('combobox', { name: '成员单位' }).fill('发展和改革');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: JOINING }).first().click();
    await dialog.getByLabel(`${JOINING}的职责`).fill(JOINING_DUTY);
    await dialog.getByText(`已选 ${before.members.length} 个成员单位`).waitFor();
    await screenshot(page, 'group-members-modal');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByRole('row').filter({ hasText: JOINING }).getByText(JOINING_DUTY).waitFor();
    expect(await card.getByRole('row').filter({ hasText: LEAVING }).count()).toBe(0);

    const after = await apiGet<UnitDetail>(page, `/units/${meeting!.id}`);
    const names = after.members.map((m) => m.name);
    expect(names).toContain(JOINING);
    expect(names).not.toContain(LEAVING);
    expect(after.members.find((m) => m.name === JOINING)?.duty).toBe(JOINING_DUTY);
    // members the admin did not touch keep their duty
    expect(after.members.find((m) => m.name === CONVENER)?.duty).toBe('牵头单位（联席会议办公室）');

    // ── a refused save: the request is altered on the wire to make the meeting its own member ──
    await page.route('**/api/v1/units/*/members', async (route) => {
      const body = route.request().postDataJSON() as { memberIds: number[] };
      await route.continue({ postData: JSON.stringify({ ...body, memberIds: [...body.memberIds, meeting!.id] }) });
    });
    await card.getByRole('button', { name: '设置成员单位' }).click();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const error = dialog.getByTestId('unit-members-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('不能把自身设为成员单位');
    await screenshot(page, 'group-members-error');
    await page.unroute('**/api/v1/units/*/members');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const unchanged = await apiGet<UnitDetail>(page, `/units/${meeting!.id}`);
    expect(unchanged.members.map((m) => m.id).sort()).toEqual(after.members.map((m) => m.id).sort());

    // ── a member unit shows which groups it belongs to ──
    await page.getByPlaceholder('按名称或编码筛选').fill(JOINING);
    await page.getByTestId('unit-tree').getByText(JOINING, { exact: true }).click();
    await page.getByTestId('unit-member-of').getByText(MEETING).waitFor();
    await screenshot(page, 'group-members-member-of');
  });
});
