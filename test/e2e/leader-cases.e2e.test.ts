import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';

/** A signed-in API session (cookie + CSRF token) for preparing data through the public API. */
async function apiSession(baseUrl: string, username: string, password: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

/** Journey: a county leader (leader01) opens 领导工作 and sees exactly their 包案 cases, then one case's 督办与领导 card. */
describe('我的包案 (leader01)', () => {
  let server: RunningServer;
  let browser: Browser;
  let caseNo = '';
  let caseId = 0;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // the demo county assigns its cases to other leaders: 信访局 assigns one to 王志强 (leader01) through the API
    const xfj = await apiSession(server.baseUrl, 'xfj01', server.demoPassword!);
    const cats = await xfj<{ items: { name: string; children: { id: number; name: string }[] }[] }>('GET', '/petition-categories');
    const catId = cats.items.find((c) => c.name === '政法')!.children[0]!.id;
    const units = await xfj<{ items: { id: number; name: string; kind: string }[] }>('GET', '/units');
    const town = units.items.find((u) => u.kind === 'township')!;
    const leaders = await xfj<{ items: { id: number; name: string }[] }>('GET', '/leaders');
    const wang = leaders.items.find((l) => l.name === '王志强')!;
    const reg = await xfj<{ id: number; caseNo: string }>('POST', '/petitions', {
      channel: 'letter',
      petitioners: [{ name: '周建华', address: `${town.name}` }],
      matterType: 'appeal',
      categoryId: catId,
      placeUnitId: town.id,
      title: '邻里宅基地纠纷调处结果不服',
      content: '来信反映与邻居宅基地界址纠纷经村调解未果，请求依法处理。',
    });
    await xfj('POST', `/petitions/${reg.id}/actions/assign`, {
      leadUnitId: town.id,
      territorialUnitId: town.id,
      leaderId: wang.id,
      note: '请镇党委牵头化解，王书记包案。',
    });
    caseNo = reg.caseNo;
    caseId = reg.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows 我的包案 with the case assigned to leader01 and opens it with the 督办与领导 card', async () => {
    expect(server.demoPassword, `启动输出中应有演示账号密码：\n${server.output()}`).toBeTruthy();
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'leader01', server.demoPassword!);
    // the demo county asked him for 批示: the 工作台 figure opens 待我批示, one row per request
    const awaiting = Number(await page.getByTestId('wb-leader-await').locator('.anwen-figure-value').innerText());
    expect(awaiting).toBeGreaterThan(0);
    await page.getByTestId('wb-leader-await').click();
    await page.getByTestId('awaiting-instruction').locator('tbody tr.ant-table-row').first().waitFor();
    await expect(page.getByTestId('awaiting-instruction').locator('tbody tr.ant-table-row').count()).resolves.toBe(awaiting);
    await screenshot(page, 'leader-awaiting-instruction-1366');
    await page.getByRole('menuitem', { name: /领导工作/ }).click();
    await page.getByRole('tab', { name: '我的包案' }).waitFor();
    const table = page.getByTestId('leader-cases');
    const rows = table.locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    // leader01's cases: the demo county's 包案 of his and the one just assigned
    // by its link: a 督办事项 of leader01's may carry the same number (case numbers of modules can coincide)
    const row = rows.filter({ has: page.locator(`a[href="/xf/${caseId}"]`) });
    await row.waitFor();
    await expect(rows.count()).resolves.toBeGreaterThanOrEqual(2);
    await screenshot(page, 'leader-my-cases-1366');

    await row.getByRole('link', { name: caseNo }).click();
    await page.getByTestId('petition-case').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/xf/${caseId}`);
    const card = page.getByTestId('supervision-card');
    await card.waitFor();
    // a county leader may write a 批示; it then shows on the card
    await card.getByRole('button', { name: /^批\s*示$/ }).click();
    await page.getByLabel('批示内容').fill('请龙蚕镇一周内拿出化解方案，依法依规处理。');
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect(
      card
        .getByText('请龙蚕镇一周内拿出化解方案', { exact: false })
        .waitFor()
        .then(() => true),
    ).resolves.toBe(true);
    await screenshot(page, 'leader-case-instruction-1366');
    expect(errors).toEqual([]);
  });
});
