import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { apiLogin, categoryId, previewDue, registerLetter, shanghaiToday, unitId, type ApiSession } from './support/api.ts';
import {
  allowedActions,
  decisionsText,
  openAction,
  pickOption,
  pickOptionContaining,
  pickOptions,
  runningClock,
  runningDue,
  submitAction,
  timelineText,
  waitForState,
} from './support/petition-page.ts';

/**
 * The rest of the statutory chain in the console, as staff click it: 不予受理 with the legal routes,
 * 转送, 交办 → 退回 within 5 working days → the sender's decision (both ways), 受理 → 延期 with an
 * approver, 处理意见书 → 送达 → 复查 and 复核 as linked cases → 终结, and a repeat petition after 终结
 * that can only be answered 不再受理. Cases are registered through the API (the intake form has its
 * own journey in petitions.e2e.test.ts); every decision is taken in the browser. The server runs on
 * the real clock, so expected due dates come from the server's own calendar (GET /deadlines/preview).
 */
describe('信访 chain in the console: 不予受理, 转送, 退回, 延期, 复查 → 复核 → 终结, 不再受理', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: ApiSession;
  let xfj: Page;
  let zj: Page;
  let today: string;
  let fixtures: { categoryId: number; placeUnitId: number };
  const errors: string[] = [];
  const ID_NUMBER = '11010519491231002X';
  const TITLE = '拆迁安置房迟迟未交付，请求按协议安置';

  const openCase = async (page: Page, id: number, state: string) => {
    await page.goto(`${server.baseUrl}/xf/${id}`);
    await page.getByTestId('petition-case').waitFor();
    await waitForState(page, state);
  };
  const register = (title: string, idNumber?: string) =>
    registerLetter(api, {
      title,
      content: `${title}。信访人多次反映，要求依法处理。`,
      ...fixtures,
      petitioner: { name: '测试信访人', idNumber, phone: '13800138000' },
    });

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    expect(server.demoPassword, `启动输出中应有演示账号密码：\n${server.output()}`).toBeTruthy();
    api = await apiLogin(server.baseUrl, 'xfj01', server.demoPassword!);
    fixtures = { categoryId: await categoryId(api, '城乡建设', '物业管理'), placeUnitId: await unitId(api, '龙蚕镇') };
    today = shanghaiToday();
    xfj = await newPage(browser);
    xfj.on('pageerror', (e) => errors.push(e.message));
    await login(xfj, server.baseUrl, 'xfj01', server.demoPassword!);
    zj = await newPage(browser);
    zj.on('pageerror', (e) => errors.push(e.message));
    await login(zj, server.baseUrl, 'liaison_zj', server.demoPassword!);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('不予受理 tells the legal routes with their periods and sources, and stops the clocks', async () => {
    const c = await register('要求撤销法院民事判决');
    await openCase(xfj, c.id, 'registered');
    expect(await allowedActions(xfj)).toEqual(expect.arrayContaining(['accept', 'reject', 'transfer', 'assign']));
    await runningClock(xfj, 'xf.dept.route').first().waitFor();

    const form = await openAction(xfj, 'reject');
    await form.getByLabel('理由', { exact: true }).fill('所诉事项已由人民法院作出生效判决，属于诉讼程序解决的事项。');
    await pickOptions(xfj, form, '告知的法定途径', ['行政复议', '行政诉讼']);
    await expect(form.locator('.ant-select-selection-item').allInnerTexts()).resolves.toEqual(['行政复议', '行政诉讼']);
    // 补录说明 appears only for a 发生日期 older than the back-dating window (30 days), as a required field
    const occurredOn = form.getByLabel('发生日期', { exact: true });
    await expect(form.getByTestId('backdate-reason').count()).resolves.toBe(0);
    await occurredOn.fill(shanghaiToday(new Date(Date.now() - 40 * 86_400_000)));
    await occurredOn.press('Enter');
    await form.getByTestId('backdate-reason').waitFor();
    await screenshot(xfj, 'petition-chain-reject-backdate');
    await occurredOn.fill(shanghaiToday());
    await occurredOn.press('Enter');
    await form.getByTestId('backdate-reason').waitFor({ state: 'detached' });
    await screenshot(xfj, 'petition-chain-reject-form');
    await submitAction(xfj, 'reject');
    await waitForState(xfj, 'closed');

    const rules = await api.get<{ key: string; amount: number; source: string }[]>('/rules');
    const fuyi = rules.find((r) => r.key === 'legal.fuyi')!;
    const susong = rules.find((r) => r.key === 'legal.susong')!;
    const decisions = await decisionsText(xfj);
    expect(decisions).toContain('不予受理');
    expect(decisions).toContain('告知的法定途径');
    expect(decisions).toContain(`${fuyi.amount}日内依法申请行政复议（${fuyi.source}）`);
    expect(decisions).toContain(`${susong.amount}个月内依法提起行政诉讼（${susong.source}）`);
    expect(decisions).not.toContain('legalRoutes');
    await expect(runningClock(xfj, 'xf.dept.route').count()).resolves.toBe(0);
    expect(await timelineText(xfj)).toContain('不予受理');
    expect(await allowedActions(xfj)).toEqual([]);
    await screenshot(xfj, 'petition-chain-rejected');
  });

  it('转送 to a unit outside the county ends the case here and records where it went', async () => {
    const c = await register('反映市级国有企业职工安置问题');
    await openCase(xfj, c.id, 'registered');
    const form = await openAction(xfj, 'transfer');
    await form.getByLabel('转送单位', { exact: true }).fill('青州市人力资源和社会保障局');
    await submitAction(xfj, 'transfer');
    await waitForState(xfj, 'transferred');
    const decisions = await decisionsText(xfj);
    expect(decisions).toContain('转送');
    expect(decisions).toContain('青州市人力资源和社会保障局');
    await expect(runningClock(xfj, 'xf.dept.route').count()).resolves.toBe(0);
    expect(await timelineText(xfj)).toContain('转送');
  });

  let mainId = 0;

  it('交办 → 退回 within 5 working days → 同意退回; re-交办 → 退回 → 不同意退回 keeps the lead unit', async () => {
    const c = await register(TITLE, ID_NUMBER);
    mainId = c.id;
    await openCase(xfj, c.id, 'registered');
    const assign = async () => {
      const form = await openAction(xfj, 'assign');
      await pickOption(xfj, form, '主办单位', '青岚县住房和城乡建设局', '住房');
      await submitAction(xfj, 'assign');
      await waitForState(xfj, 'assigned');
    };
    await assign();
    // the objection window: 5 working days from today on the server's calendar
    expect(await runningDue(xfj, 'xf.transfer.objection')).toBe(await previewDue(api, 'xf.transfer.objection', today));

    await openCase(zj, c.id, 'assigned');
    expect(await allowedActions(zj)).toEqual(expect.arrayContaining(['accept', 'object']));
    const objectForm = await openAction(zj, 'object');
    await expect(objectForm.innerText()).resolves.toContain('5个工作日');
    await objectForm.getByLabel('退回理由', { exact: true }).fill('该小区安置房由城关街道负责交付，不属于本局职责。');
    await submitAction(zj, 'object');
    await waitForState(zj, 'objected');
    expect(await decisionsText(zj)).toContain('不属于本局职责');

    await openCase(xfj, c.id, 'objected');
    let decide = await openAction(xfj, 'decide_objection');
    await pickOption(xfj, decide, '决定', '同意退回（重新交办）');
    await submitAction(xfj, 'decide_objection');
    await waitForState(xfj, 'registered');
    await expect(xfj.getByTestId('parties-card').innerText()).resolves.toContain('尚未交办');
    expect(await decisionsText(xfj)).toContain('同意退回（重新交办）');

    await assign();
    await openCase(zj, c.id, 'assigned');
    await openAction(zj, 'object').then((f) => f.getByLabel('退回理由', { exact: true }).fill('仍认为应由属地街道办理。'));
    await submitAction(zj, 'object');
    await waitForState(zj, 'objected');

    await openCase(xfj, c.id, 'objected');
    decide = await openAction(xfj, 'decide_objection');
    await pickOption(xfj, decide, '决定', '不同意退回（维持交办）');
    await decide.getByLabel('说明', { exact: true }).fill('安置协议由住建局签订，仍由住建局主办。');
    await submitAction(xfj, 'decide_objection');
    await waitForState(xfj, 'assigned');
    await expect(xfj.getByTestId('parties-card').innerText()).resolves.toContain('青岚县住房和城乡建设局');
    const timeline = await timelineText(xfj);
    expect(timeline).toContain('退回（异议）');
    expect(timeline).toContain('处理退回');
    await screenshot(xfj, 'petition-chain-objection-overruled');
  });

  it('受理 starts the 60-day clock; 延期 with an approver and a reason moves the due date', async () => {
    await openCase(zj, mainId, 'assigned');
    await openAction(zj, 'accept');
    await submitAction(zj, 'accept');
    await waitForState(zj, 'handling');
    const due = await runningDue(zj, 'xf.handle');
    expect(due).toBe(await previewDue(api, 'xf.handle', today));

    const form = await openAction(zj, 'extend');
    await expect(form.innerText()).resolves.toContain('延期最长30日');
    await form.getByLabel('延长天数', { exact: true }).fill('30');
    await form.getByLabel('理由', { exact: true }).fill('需委托第三方评估安置房质量，调查未能在期限内完成。');
    // the picker offers the unit's other staff and the county leaders — never the requester herself
    await pickOptionContaining(zj, form, '批准人', '王志强');
    await submitAction(zj, 'extend');
    await zj.getByTestId('decisions-card').getByText('延期 · 延期后届满日').waitFor();
    const extended = await runningDue(zj, 'xf.handle');
    // 60 + 30 calendar days from 受理, moved off a rest day only forward; and later than before
    const plus90 = new Date(`${today}T00:00:00Z`);
    plus90.setUTCDate(plus90.getUTCDate() + 90);
    expect(extended >= plus90.toISOString().slice(0, 10) && extended > due, `延期后 ${extended}，原 ${due}`).toBe(true);
    const decisions = await decisionsText(zj);
    expect(decisions).toContain('延期');
    expect(decisions).toContain(extended);
    expect(decisions).toContain('需委托第三方评估安置房质量');
    expect(decisions).not.toContain('[object Object]');
    expect(await timelineText(zj)).toContain('延期');
    // a second extension beyond the 30-day cap is refused inside the form, nothing changes
    const again = await openAction(zj, 'extend');
    await again.getByLabel('延长天数', { exact: true }).fill('1');
    await again.getByLabel('理由', { exact: true }).fill('再次延期');
    await pickOptionContaining(zj, again, '批准人', '王志强');
    await expect(submitAction(zj, 'extend')).rejects.toThrow(/超过法定上限/);
    await zj.keyboard.press('Escape');
    expect(await runningDue(zj, 'xf.handle')).toBe(extended);
    await screenshot(zj, 'petition-chain-extended');
  });

  it('处理意见书 → 送达 → 复查 → 复核 → 终结, each review a linked case with its own clock', async () => {
    await openCase(zj, mainId, 'handling');
    const reply = await openAction(zj, 'reply');
    await pickOption(zj, reply, '处理结果', '解释说明');
    await reply.getByLabel('查明事实', { exact: true }).fill('安置房因开发商资金问题延期，已督促于明年三月前交付。');
    await reply.getByLabel('法律依据', { exact: true }).fill('《国有土地上房屋征收与补偿条例》第二十五条');
    await submitAction(zj, 'reply');
    await waitForState(zj, 'replied');
    await openAction(zj, 'deliver');
    await submitAction(zj, 'deliver');
    await waitForState(zj, 'delivered');
    expect(await runningDue(zj, 'xf.fucha.apply')).toBe(await previewDue(api, 'xf.fucha.apply', today));

    // 信访局 records the 复查 application: a new linked case, straight into 办理中 with a 30-day answer clock
    const reviewStep = async (fromId: number, stage: '复查' | '复核', answerRule: string): Promise<number> => {
      await openCase(xfj, fromId, 'delivered');
      await openAction(xfj, 'apply_review');
      await submitAction(xfj, 'apply_review');
      await waitForState(xfj, 'under_review');
      const link = xfj.getByTestId('links-card').getByRole('link').filter({ hasText: stage });
      await link.click();
      await xfj.waitForURL((u) => u.pathname !== `/xf/${fromId}`);
      await waitForState(xfj, 'handling');
      await expect(xfj.getByTestId('petition-stage').innerText()).resolves.toBe(stage);
      const heading = await xfj.locator('.anwen-page-title').innerText();
      expect(heading.startsWith(`${stage}：`) && heading.endsWith(TITLE)).toBe(true);
      expect(await runningDue(xfj, answerRule)).toBe(await previewDue(api, answerRule, today));
      // its back link leads to the case it reviews
      await expect(xfj.getByTestId('links-card').innerText()).resolves.toContain('原事项');
      const reviewId = Number(new URL(xfj.url()).pathname.split('/').pop());
      const form = await openAction(xfj, 'reply');
      await pickOption(xfj, form, '处理结果', '不予支持');
      await form.getByLabel('查明事实', { exact: true }).fill(`${stage}认为原处理意见事实清楚，维持原意见。`);
      await form.getByLabel('法律依据', { exact: true }).fill(stage === '复查' ? '《信访工作条例》第三十五条' : '《信访工作条例》第三十六条');
      await submitAction(xfj, 'reply');
      await waitForState(xfj, 'replied');
      await openAction(xfj, 'deliver');
      await submitAction(xfj, 'deliver');
      return reviewId;
    };
    const fuchaId = await reviewStep(mainId, '复查', 'xf.fucha.answer');
    await waitForState(xfj, 'delivered');
    const fuheId = await reviewStep(fuchaId, '复核', 'xf.fuhe.answer');
    // delivering the 复核 opinion ends the matter: 终结, on all three linked cases
    await waitForState(xfj, 'terminated');
    expect(await allowedActions(xfj)).toEqual([]);
    await screenshot(xfj, 'petition-chain-terminated');
    for (const id of [fuchaId, mainId]) {
      await openCase(xfj, id, 'terminated');
      expect(await timelineText(xfj)).toContain('随关联的复查/复核事项');
    }
    expect(fuheId).not.toBe(fuchaId);
  });

  it('a new petition on the same facts after 终结 is flagged and can only be answered 不再受理', async () => {
    const c = await register(TITLE, ID_NUMBER);
    await openCase(xfj, c.id, 'registered');
    await xfj.locator('[data-flag="afterTermination"]').waitFor();
    expect(await allowedActions(xfj)).toEqual(['refuse_again']);
    const form = await openAction(xfj, 'refuse_again');
    await form.getByLabel('说明', { exact: true }).fill('同一事实已经复核终结，依法不再受理。');
    await submitAction(xfj, 'refuse_again');
    await waitForState(xfj, 'closed');
    expect(await decisionsText(xfj)).toContain('不再受理');
    expect(await timelineText(xfj)).toContain('不再受理');
    await screenshot(xfj, 'petition-chain-refused-again');
    expect(errors).toEqual([]);
  });
});
