import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { apiLogin, registerLetter, shanghaiToday, unitId } from './support/api.ts';
import { pickOption } from './support/petition-page.ts';

/** Journey: 信访局 links a case to another by its number on the case page, follows the link, and removes it with a reason. */
describe('关联事项 (xfj01)', () => {
  let server: RunningServer;
  let browser: Browser;
  const cases: { id: number; caseNo: string }[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const api = await apiLogin(server.baseUrl, 'xfj01', server.demoPassword!);
    const cats = await api.get<{ items: { name: string; children: { id: number }[] }[] }>('/petition-categories');
    const [cat, town] = [cats.items.find((c) => c.name === '政法')!.children[0]!.id, await unitId(api, '龙蚕镇')];
    for (const title of ['村道积水反映', '村道积水多次反映未果，联名上访'])
      cases.push(
        await registerLetter(api, {
          title,
          content: `${title}，请依法处理。`,
          categoryId: cat,
          placeUnitId: town,
          petitioner: { name: '王五', phone: '13900139001' },
        }),
      );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('adds a link by case number, shows it from both ends and removes it with a reason', async () => {
    const [first, second] = [cases[0]!, cases[1]!];
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'xfj01', server.demoPassword!);

    await page.goto(`${server.baseUrl}/xf/${first.id}`);
    const card = page.getByTestId('item-links-card');
    await card.getByText('暂无关联事项').waitFor();
    await card.getByTestId('item-links-add').click();
    const dialog = page.getByRole('dialog', { name: '添加关联事项' });
    await dialog.getByLabel('对方事项编号').fill(second.caseNo);
    // case numbers of different modules can coincide (a 督办事项 may share a 信访 number): the type says which
    await pickOption(page, dialog, '对方事项类型', '信访');
    await pickOption(page, dialog, '关联类型', '升级为（对方事项显示“由…升级”）');
    await dialog.getByLabel('关联说明').fill('多次反映未果后联名上访');

    // 补录说明 is asked for only for a date older than the back-dating window (30 days), and is required then
    const today = shanghaiToday();
    const setDate = async (day: string) => {
      await dialog.getByLabel('发生日期', { exact: true }).fill(day);
      await dialog.getByLabel('发生日期', { exact: true }).press('Enter');
    };
    await expect(dialog.getByTestId('backdate-reason').count()).resolves.toBe(0);
    await setDate(shanghaiToday(new Date(Date.now() - 40 * 86_400_000)));
    await dialog.getByTestId('backdate-reason').waitFor();
    await dialog.getByRole('button', { name: '确认关联' }).click();
    await dialog.getByText('请填写补录说明').waitFor();
    await screenshot(page, 'item-links-backdate-1366');
    await setDate(today);
    await dialog.getByTestId('backdate-reason').waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: '确认关联' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = card.getByTestId('item-link');
    await expect(row.innerText()).resolves.toContain('升级为');
    await expect(row.innerText()).resolves.toContain(second.caseNo);
    await screenshot(page, 'item-links-card-1366');

    // follow the link: the other case reads it the other way round
    await row.getByRole('link', { name: new RegExp(second.caseNo) }).click();
    await page.waitForURL(`**/xf/${second.id}`);
    const back = page.getByTestId('item-links-card').getByTestId('item-link').filter({ hasText: '由…升级' });
    await back.waitFor();
    await expect(back.innerText()).resolves.toContain(first.caseNo);

    // the same link again is refused with the server's message
    await page.getByTestId('item-links-card').getByTestId('item-links-add').click();
    const again = page.getByRole('dialog', { name: '添加关联事项' });
    await again.getByLabel('对方事项编号').fill(first.caseNo);
    await pickOption(page, again, '对方事项类型', '信访');
    await pickOption(page, again, '关联类型', '升级为（对方事项显示“由…升级”）');
    await again.getByRole('button', { name: '确认关联' }).click();
    await page.getByText('不能重复关联').first().waitFor();
    await again.getByRole('button', { name: /^取\s?消$/ }).click();

    // remove with a reason; the timeline keeps both events
    await back.getByRole('button', { name: /^解\s?除$/ }).click();
    const remove = page.getByRole('dialog', { name: /解除关联/ });
    await remove.getByRole('button', { name: '确认解除' }).click();
    await remove.getByText('解除关联须说明理由').waitFor();
    await remove.getByLabel('解除理由').fill('经核实系同一事项的重复登记，另行合并处理');
    await remove.getByRole('button', { name: '确认解除' }).click();
    await remove.waitFor({ state: 'hidden' });
    await page.getByTestId('item-links-card').getByText('暂无关联事项').waitFor();
    await page.reload();
    const timeline = await page.getByTestId('petition-case').innerText();
    expect(timeline).toContain(`关联：由 ${first.caseNo} 升级`);
    expect(timeline).toContain('理由：经核实系同一事项的重复登记');
    expect(errors).toEqual([]);
  });
});
