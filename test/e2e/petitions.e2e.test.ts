import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';
// the shared case-page steps: a single Select closes by itself after a pick (an Escape there could close the whole form)
import { allowedActions, openAction, pickOption, pickPath, submitAction, waitForState } from './support/petition-page.ts';

/** A valid 18-digit test ID (GB 11643 example number, checksum X) and a phone of the reserved test range. */
const ID_NUMBER = '11010519491231002X';
const PHONE = '13800138000';

/**
 * Journey: 信访局 registers a 6-person visit (集体访), 交办 to 住建局 with 属地 and 包案领导; the 住建局 liaison
 * 受理s, issues the 处理意见书, 送达s it and records 满意. Each step is checked on the case page.
 */
describe('信访 journey: 集体访 → 交办 → 受理 → 处理意见书 → 送达 → 评价', () => {
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

  it('walks a group visit through the statutory chain', async () => {
    expect(server.demoPassword, `启动输出中应有演示账号密码：\n${server.output()}`).toBeTruthy();
    const errors: string[] = [];

    // ── 登记 by 信访局 ──
    const xfj = await newPage(browser);
    xfj.on('pageerror', (e) => errors.push(e.message));
    await login(xfj, server.baseUrl, 'xfj01', server.demoPassword!);
    await xfj.getByRole('menuitem', { name: /信访/ }).click();
    await xfj.getByTestId('petition-table').waitFor();
    await xfj.getByRole('button', { name: /登\s*记/ }).click();
    const form = xfj.getByTestId('petition-register');
    await form.waitFor();

    await form.getByText('来访', { exact: true }).click();
    await expect(form.getByTestId('collective-hint').count()).resolves.toBe(0);
    await form.getByLabel('人次', { exact: true }).fill('6');
    await form.getByTestId('collective-hint').waitFor();
    await expect(form.getByTestId('collective-hint').innerText()).resolves.toContain('集体访');

    const petitioner = form.getByTestId('petitioner-card').first();
    await petitioner.getByLabel('姓名', { exact: true }).fill('测试信访人');
    await petitioner.getByLabel('身份证号', { exact: true }).fill(ID_NUMBER);
    await petitioner.getByLabel('电话', { exact: true }).fill(PHONE);
    await petitioner.getByLabel('地址', { exact: true }).fill('青岚县龙蚕镇龙头村');
    await form.getByText('申诉求决类', { exact: true }).click();
    await expect(form.getByTestId('matter-help').innerText()).resolves.toContain('诉求');

    await pickPath(xfj, form, '问题分类', ['城乡建设', '物业管理']);
    await pickOption(xfj, form, '问题属地', '龙蚕镇', '龙蚕镇');
    await form.getByLabel('标题', { exact: true }).fill('小区物业停水停电，六户居民集体反映');
    await form.getByLabel('主要内容', { exact: true }).fill('龙蚕镇某小区物业公司自上月起多次无故停水停电，居民多次协商未果，请求督促解决。');
    await screenshot(xfj, 'petition-register-collective');
    await form.getByRole('button', { name: /^登\s*记$/ }).click();

    const result = xfj.getByTestId('registered-result');
    await result.waitFor();
    const caseNo = (await xfj.getByTestId('registered-caseno').innerText()).trim();
    expect(caseNo).toMatch(/^XF-\d{6}-\d{4}-\d{6}$/);
    await expect(xfj.getByTestId('registered-querycode').innerText()).resolves.toMatch(/^[A-Z0-9]{8}$/);
    await expect(result.innerText()).resolves.toContain('集体访');
    await expect(result.innerText()).resolves.toContain('仅显示这一次');
    await screenshot(xfj, 'petition-registered-querycode');
    await xfj.getByRole('button', { name: /查看事项/ }).click();

    // ── the case page: 已登记, flags, the routing clock with its explanation ──
    await xfj.getByTestId('petition-case').waitFor();
    const caseUrl = xfj.url();
    expect(new URL(caseUrl).pathname).toMatch(/^\/xf\/\d+$/);
    await expect(xfj.getByTestId('petition-caseno').innerText()).resolves.toBe(caseNo);
    await waitForState(xfj, 'registered');
    await expect(xfj.getByTestId('petition-stage').innerText()).resolves.toBe('初次');
    await expect(xfj.locator('[data-flag="collective"]').count()).resolves.toBe(1);
    await expect(xfj.getByTestId('deadline-explanation').first().innerText()).resolves.not.toBe('');
    // personal data masked; reveal asks for a reason first
    const people = xfj.getByTestId('petitioners-card');
    await expect(people.innerText()).resolves.not.toContain(ID_NUMBER);
    await people
      .getByRole('button', { name: /查\s*看/ })
      .nth(1)
      .click();
    const revealModal = xfj.locator('.ant-modal').filter({ hasText: '查看理由' });
    await revealModal.getByRole('button', { name: /^查\s*看$/ }).click();
    await revealModal.getByText('请填写查看理由').waitFor();
    await revealModal.getByLabel('查看理由', { exact: true }).fill('电话核实信访人身份');
    await revealModal.getByRole('button', { name: /^查\s*看$/ }).click();
    await expect(people.getByTestId('revealed-value').innerText()).resolves.toBe(ID_NUMBER);

    expect(await allowedActions(xfj)).toEqual(expect.arrayContaining(['accept', 'assign', 'reject']));
    await screenshot(xfj, 'petition-case-registered');

    // ── 交办 to 住建局 with 属地 龙蚕镇 and 包案领导 ──
    const assign = await openAction(xfj, 'assign');
    await pickOption(xfj, assign, '主办单位', '青岚县住房和城乡建设局', '住房');
    await pickOption(xfj, assign, '属地单位', '龙蚕镇', '龙蚕镇');
    await pickOption(xfj, assign, '包案领导', '郑伟（副县长）');
    await submitAction(xfj, 'assign');
    await waitForState(xfj, 'assigned');
    const parties = await xfj.getByTestId('parties-card').innerText();
    expect(parties).toContain('青岚县住房和城乡建设局');
    expect(parties).toContain('龙蚕镇');
    expect(parties).toContain('郑伟');
    await expect(xfj.getByTestId('workitem-timeline').innerText()).resolves.toContain('交办');
    await screenshot(xfj, 'petition-case-assigned');

    // ── the 住建局 liaison accepts, replies, delivers, records the evaluation ──
    const zj = await newPage(browser);
    zj.on('pageerror', (e) => errors.push(e.message));
    await login(zj, server.baseUrl, 'liaison_zj', server.demoPassword!);
    await zj.goto(caseUrl);
    await waitForState(zj, 'assigned');
    expect(await allowedActions(zj)).toEqual(expect.arrayContaining(['accept', 'object']));
    await openAction(zj, 'accept');
    await submitAction(zj, 'accept');
    await waitForState(zj, 'handling');
    const handleCard = zj.getByTestId('deadline-card').filter({ has: zj.locator('[data-rule-key="xf.handle"]') });
    await handleCard.first().waitFor();
    await expect(handleCard.first().getByTestId('deadline-due').innerText()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(handleCard.first().getByTestId('deadline-explanation').innerText()).resolves.not.toBe('');
    await screenshot(zj, 'petition-case-handling');

    const reply = await openAction(zj, 'reply');
    await pickOption(zj, reply, '处理结果', '支持');
    await reply.getByLabel('查明事实', { exact: true }).fill('经核查，物业公司因欠缴电费被停电，已责令其补缴并恢复供水供电。');
    await reply.getByLabel('法律依据', { exact: true }).fill('《物业管理条例》第四十七条');
    await submitAction(zj, 'reply');
    await waitForState(zj, 'replied');
    await expect(zj.getByTestId('decisions-card').innerText()).resolves.toContain('支持');

    await openAction(zj, 'deliver');
    await submitAction(zj, 'deliver');
    await waitForState(zj, 'delivered');

    const evaluate = await openAction(zj, 'evaluate');
    await pickOption(zj, evaluate, '评价', '满意');
    await submitAction(zj, 'evaluate');
    await zj.getByTestId('decisions-card').getByText('满意', { exact: true }).waitFor();
    await screenshot(zj, 'petition-case-evaluated');

    // the list shows the case with its flag
    await xfj.goto(`${server.baseUrl}/xf`);
    const row = xfj.getByTestId('petition-table').locator('tbody tr.ant-table-row').filter({ hasText: caseNo });
    await row.waitFor();
    await expect(row.locator('[data-flag="collective"]').count()).resolves.toBe(1);

    expect(errors).toEqual([]);
  });
});
