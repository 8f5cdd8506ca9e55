import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { horizontalOverflow, launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { apiLogin, previewDue, shanghaiToday, type ApiSession } from './support/api.ts';
import { openAction, pickOption, submitAction, waitForState } from './support/petition-page.ts';

/**
 * 网上信访 on a phone (360×640): a citizen submits an appeal with a photo, gets the case number and
 * query code; 信访局 (xfj01) accepts it and answers with a 处理意见书 in the console; the citizen
 * tracks the case with the codes, sees the reply and downloads the document, rates it and applies for
 * 复查 within the window the server computes. The captcha runs in its test mode (the server reads
 * ANWEN_CAPTCHA_TEST_ANSWER; never honoured in production).
 */
const CAPTCHA_ANSWER = '2468';
const PHONE = { width: 360, height: 640 };
// a real 1×1 PNG: the server sniffs the content, not the name
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
// text dressed up as a picture: the browser believes the name, the server must not
const FAKE_PNG = Buffer.from('<html><script>alert(1)</script></html>');
// shown back to the citizen as text, never as markup
const TITLE = '小区物业<b>乱收费</b>问题';

/** Every aria-label on the page speaks Chinese. */
async function expectChineseAriaLabels(page: Page, where: string): Promise<void> {
  const labels = await page.$$eval('[aria-label]', (els) => els.map((e) => `${e.tagName.toLowerCase()}: ${e.getAttribute('aria-label') ?? ''}`));
  const english = labels.filter((l) => !/[\u3400-\u9fff]/.test(l.slice(l.indexOf(':') + 1)));
  expect(english, `${where}：英文 aria-label`).toEqual([]);
}

/** The focused element's data: is it inside the box, and is it the box's first form field. */
async function focusIn(page: Page, testId: string): Promise<{ inside: boolean; first: boolean; tag: string }> {
  return await page.evaluate((id) => {
    const box = document.querySelector(`[data-testid="${id}"]`);
    const active = document.activeElement;
    const first = box?.querySelector('input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled]), [role="switch"]');
    return { inside: !!box && !!active && box.contains(active), first: !!first && first === active, tag: active?.tagName ?? '' };
  }, testId);
}

/** Presses Tab until the focused element matches (at most `max` times); true when it got there. */
async function tabUntil(page: Page, matches: () => Promise<boolean>, max = 40): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    if (await matches()) return true;
    await page.keyboard.press('Tab');
  }
  return await matches();
}

/** Elements in document order: true when `a` comes before `b`. */
async function comesBefore(page: Page, a: string, b: string): Promise<boolean> {
  return await page.evaluate(
    ([x, y]) => {
      const ex = document.querySelector(`[data-testid="${x}"]`);
      const ey = document.querySelector(`[data-testid="${y}"]`);
      return !!ex && !!ey && (ex.compareDocumentPosition(ey) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    },
    [a, b],
  );
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await horizontalOverflow(page);
  expect(scrollWidth, `页面横向溢出：${scrollWidth} > ${innerWidth}`).toBeLessThanOrEqual(innerWidth);
}

describe('网上信访 on a phone: submit → 信访局 replies in the console → the citizen reads, rates and applies for 复查', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: ApiSession;
  let citizen: Page;
  let today: string;
  const errors: string[] = [];
  let caseNo = '';
  let queryCode = '';
  // every script the citizen's pages load, across all the journeys below: none of the console's, no Ant Design
  const scripts: string[] = [];
  const consoleScripts = () => scripts.filter((u) => /vendor-antd|vendor-echarts|\/console-/.test(u));

  beforeAll(async () => {
    process.env.ANWEN_CAPTCHA_TEST_ANSWER = CAPTCHA_ANSWER; // inherited by `anwen start`
    server = await startServer();
    browser = await launchBrowser();
    expect(server.demoPassword, `启动输出中应有演示账号密码：\n${server.output()}`).toBeTruthy();
    api = await apiLogin(server.baseUrl, 'xfj01', server.demoPassword!);
    today = shanghaiToday();
    citizen = await newPage(browser, PHONE);
    citizen.on('pageerror', (e) => errors.push(e.message));
    citizen.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
  });
  afterAll(async () => {
    delete process.env.ANWEN_CAPTCHA_TEST_ANSWER;
    await browser?.close();
    await server?.stop();
  });

  it('the home page loads no Ant Design and none of the staff console; a larger-text mode is kept across visits', async () => {
    await citizen.goto(`${server.baseUrl}/portal`);
    await citizen.getByTestId('home-submit').waitFor();
    await citizen.waitForLoadState('networkidle');
    expect(scripts.length).toBeGreaterThan(0);
    expect(consoleScripts()).toEqual([]);
    await expectChineseAriaLabels(citizen, '首页');
    await expectNoSidewaysScroll(citizen);
    await screenshot(citizen, 'portal-home');

    // 适老化: 大字模式 is a pressed toggle, bigger text, and still on after a reload
    const toggle = citizen.getByTestId('large-text');
    const size = () =>
      citizen
        .getByTestId('home-submit')
        .locator('strong')
        .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const normal = await size();
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await size()).toBeGreaterThan(normal);
    await citizen.reload();
    await citizen.getByTestId('home-submit').waitFor();
    await expect(citizen.getByTestId('large-text').getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await size()).toBeGreaterThan(normal);
    await expectNoSidewaysScroll(citizen);
    await screenshot(citizen, 'portal-home-large');
    await citizen.getByTestId('large-text').click();
    await expect(citizen.getByTestId('large-text').getAttribute('aria-pressed')).resolves.toBe('false');
    expect(await size()).toBe(normal);
  });

  it('submits an appeal with a photo and shows the case number and query code', async () => {
    await citizen.goto(`${server.baseUrl}/portal`);
    await citizen.getByTestId('home-submit').waitFor();
    await citizen.getByTestId('home-submit').click();

    // 1 事项类型: each explained, anonymity marked
    await expect(citizen.getByTestId('matter-accusation').innerText()).resolves.toContain('可匿名');
    await expect(citizen.getByTestId('matter-appeal').innerText()).resolves.toContain('需实名');
    await citizen.getByTestId('matter-appeal').click();
    await expectChineseAriaLabels(citizen, '第 1 步');
    await citizen.getByRole('button', { name: /下一步/ }).click();
    // the new step's first field has the focus (keyboard and screen-reader users start there)
    await expect(focusIn(citizen, 'step-1')).resolves.toMatchObject({ inside: true, first: true });
    await expect(citizen.getByTestId('step-announce').innerText()).resolves.toContain('第 2 步');

    // 2 诉求: the phone's own pickers for place and category, counters, attachments checked by the server's content sniffing
    await citizen.getByRole('button', { name: /下一步/ }).click();
    await expect(citizen.getByTestId('step-1').getByRole('alert').first().innerText()).resolves.toBe('请选择问题发生在哪个乡镇或街道');
    await expect(focusIn(citizen, 'step-1')).resolves.toMatchObject({ inside: true, first: true });
    await citizen.getByLabel('问题属地：乡镇/街道', { exact: true }).selectOption({ label: '龙蚕镇' });
    await citizen.getByLabel('村/社区（可选）', { exact: true }).selectOption({ label: '龙蚕村' });
    await citizen.getByLabel('问题分类', { exact: true }).selectOption({ label: '城乡建设' });
    await citizen.getByLabel('具体类别', { exact: true }).selectOption({ label: '物业管理' });
    await citizen.getByLabel('标题', { exact: true }).fill(TITLE);
    await citizen
      .getByLabel('具体内容', { exact: true })
      .fill('物业公司今年起每户加收“二次供水费”每月30元，没有业主大会决议，也没有公示收费依据，请求依法处理并退还。');
    const fileInput = citizen.locator('input[type="file"]');
    await fileInput.setInputFiles({ name: '伪装.png', mimeType: 'image/png', buffer: FAKE_PNG });
    await expect(citizen.getByTestId('upload-errors').innerText()).resolves.toContain('伪装.png');
    await fileInput.setInputFiles({ name: '收费单.png', mimeType: 'image/png', buffer: PNG });
    await citizen.getByTestId('upload-list').locator('[data-status="done"]').filter({ hasText: '收费单.png' }).waitFor();
    await expectNoSidewaysScroll(citizen);
    await screenshot(citizen, 'portal-submit-matter');
    await expectChineseAriaLabels(citizen, '第 2 步');
    await citizen.getByRole('button', { name: /下一步/ }).click();
    await expect(focusIn(citizen, 'step-2')).resolves.toMatchObject({ inside: true, first: true });

    // 3 信访人: an appeal cannot be anonymous
    await expect(citizen.getByText('需要实名提交').count()).resolves.toBe(1);
    await citizen.getByLabel('姓名', { exact: true }).fill('李秀英');
    await citizen.getByLabel('手机号', { exact: true }).fill('13912345678');
    await citizen.getByLabel('身份证号（可选）', { exact: true }).fill('511901198001010028');
    await citizen.getByRole('button', { name: /下一步/ }).click();
    await expect(focusIn(citizen, 'step-3')).resolves.toMatchObject({ inside: true, first: true });

    // 4 提交: guidance, the full notice with a required consent, the captcha
    await citizen.getByTestId('guidance').getByText('正在核对…').waitFor({ state: 'detached' });
    await expect(citizen.getByTestId('notice').innerText()).resolves.not.toBe('');
    await citizen.getByTestId('captcha-image').waitFor();
    await citizen.getByTestId('submit').click();
    await expect(citizen.getByText('请阅读并同意个人信息处理告知').count()).resolves.toBe(1);
    await citizen.getByLabel('我已阅读并同意《个人信息处理告知》').check();
    await citizen.getByLabel('验证码', { exact: true }).fill(CAPTCHA_ANSWER);
    // the picture is a PNG (no SVG whose paths name the digits); the proof of work runs in the page meanwhile
    await expect(citizen.getByTestId('captcha-image').getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
    await citizen.getByTestId('captcha-status').getByText('安全校验已完成').waitFor({ timeout: 30_000 });
    await expectNoSidewaysScroll(citizen);
    await expectChineseAriaLabels(citizen, '第 4 步');
    await screenshot(citizen, 'portal-submit-confirm');
    // the accessible kind: no picture, nothing to type, more work; then back to the picture
    await citizen.getByTestId('captcha-mode').click();
    await citizen.getByTestId('captcha-accessible').waitFor();
    await expect(citizen.getByTestId('captcha-image').count()).resolves.toBe(0);
    await citizen.getByTestId('captcha-status').getByText('安全校验已完成').waitFor({ timeout: 60_000 });
    await screenshot(citizen, 'portal-submit-accessible');
    await citizen.getByTestId('captcha-mode').click();
    await citizen.getByTestId('captcha-image').waitFor();
    await citizen.getByLabel('验证码', { exact: true }).fill(CAPTCHA_ANSWER);
    // the first answer is lost on the way back (the server did register it): the page offers a retry
    // that sends the same Idempotency-Key, so the retry answers that case instead of making a second one
    const keys: string[] = [];
    await citizen.route('**/api/v1/portal/petitions', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await citizen.getByTestId('submit').click();
    await expect(citizen.getByTestId('submit-error').innerText()).resolves.toContain('网络连接失败');
    await expect(citizen.getByTestId('submit').innerText()).resolves.toMatch(/重试提交/);
    await citizen.getByTestId('submit').click();

    const result = citizen.getByTestId('submit-result');
    await result.waitFor();
    caseNo = (await citizen.getByTestId('case-no').innerText()).trim();
    queryCode = (await citizen.getByTestId('query-code').innerText()).trim();
    expect(caseNo).not.toBe('');
    expect(queryCode).not.toBe('');
    await expect(result.innerText()).resolves.toContain('请截图或抄写保存');
    expect(keys.length).toBe(2);
    expect(keys[0]!.length).toBeGreaterThanOrEqual(8);
    expect(keys[1]).toBe(keys[0]);
    await citizen.unroute('**/api/v1/portal/petitions');
    // the 受理 decision is not taken yet: every date shown is 暂定, and the page says why
    const due = await citizen.getByTestId('submit-deadlines').innerText();
    expect(due).toContain('暂定');
    expect(due).toContain('是否受理尚未决定');
    await expectNoSidewaysScroll(citizen);
    await screenshot(citizen, 'portal-submit-result');
    expect(consoleScripts()).toEqual([]);
  });

  it('the track page puts the timeline first, names the 承办单位 and keeps withdrawal folded away and confirmed', async () => {
    await citizen.goto(`${server.baseUrl}/portal/track`);
    await citizen.getByLabel('信访件编号', { exact: true }).fill(caseNo);
    await citizen.getByLabel('查询码', { exact: true }).fill(queryCode);
    await citizen.getByLabel('手机号后4位', { exact: true }).fill('5678');
    await citizen.getByRole('button', { name: /查\s*询/ }).click();
    await citizen.getByTestId('portal-case').waitFor();
    await expect(citizen.getByTestId('case-state').getAttribute('data-state')).resolves.toBe('registered');
    await expect(citizen.getByTestId('case-handling-unit').innerText()).resolves.toMatch(/^承办单位：\S*信访局$/);
    await expect(citizen.getByTestId('case-state').innerText()).resolves.toBe('已登记，待受理');
    await expect(citizen.getByTestId('case-deadlines').innerText()).resolves.toMatch(/暂定[\s\S]*是否受理尚未决定/);
    for (const later of ['case-documents', 'case-details', 'withdraw-section']) {
      expect(await comesBefore(citizen, 'case-timeline', later), `办理经过应在 ${later} 之前`).toBe(true);
    }
    // withdrawal: folded, a reason required, then asked again before anything is sent
    const withdraw = citizen.getByTestId('action-submit-withdraw');
    await expect(withdraw.isVisible()).resolves.toBe(false);
    await citizen.getByTestId('withdraw-section').locator('summary').click();
    await withdraw.click();
    const reason = citizen.getByTestId('action-withdraw').getByLabel('撤回原因');
    await expect(citizen.getByTestId('action-withdraw').getByRole('alert').innerText()).resolves.toBe('请写明撤回的原因');
    await expect(reason.evaluate((e) => e === document.activeElement)).resolves.toBe(true);
    await reason.fill('已与物业协商解决');
    await withdraw.click();
    const confirm = citizen.getByTestId('withdraw-confirm');
    await expect(confirm.innerText()).resolves.toContain('确定撤回吗');
    // the confirmation opens on its safe answer
    await expect(confirm.getByRole('button', { name: /再想想/ }).evaluate((e) => e === document.activeElement)).resolves.toBe(true);
    await expectChineseAriaLabels(citizen, '查询页（撤回确认）');
    await expectNoSidewaysScroll(citizen);
    await screenshot(citizen, 'portal-case-withdraw-confirm');
    await confirm.getByRole('button', { name: /再想想/ }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect(citizen.getByTestId('case-state').getAttribute('data-state')).resolves.toBe('registered');
    await citizen.getByTestId('track-leave').click();
    await citizen.getByLabel('信访件编号', { exact: true }).waitFor();
  });

  it('信访局 accepts the online petition and answers with a 处理意见书 in the console', async () => {
    const { items } = await api.get<{ items: { id: number; caseNo: string }[] }>(`/petitions?q=${encodeURIComponent(caseNo)}`);
    const id = items.find((i) => i.caseNo === caseNo)?.id;
    expect(id, `信访局应能查到 ${caseNo}`).toBeTruthy();
    // the lost answer and its retry made one petition, not two
    const sameTitle = await api.get<{ total: number }>(`/petitions?q=${encodeURIComponent('乱收费</b>问题')}`);
    expect(sameTitle.total).toBe(1);
    const staff = await newPage(browser);
    staff.on('pageerror', (e) => errors.push(e.message));
    await login(staff, server.baseUrl, 'xfj01', server.demoPassword!);
    await staff.goto(`${server.baseUrl}/xf/${id}`);
    await staff.getByTestId('petition-case').waitFor();
    await waitForState(staff, 'registered');
    // the photo the citizen uploaded is on the case, under the name it was uploaded with
    await expect(staff.getByTestId('attachments-card').innerText()).resolves.toContain('收费单.png');
    await openAction(staff, 'accept');
    await submitAction(staff, 'accept');
    await waitForState(staff, 'handling');
    const reply = await openAction(staff, 'reply');
    await pickOption(staff, reply, '处理结果', '支持');
    await reply.getByLabel('查明事实', { exact: true }).fill('经查，物业公司加收二次供水费未经业主大会决议，已责令停止收取并退还。');
    await reply.getByLabel('法律依据', { exact: true }).fill('《物业管理条例》第四十条');
    await submitAction(staff, 'reply');
    await waitForState(staff, 'replied');
    // the 出具处理意见书 decision issued the 处理意见书 itself (after the 受理告知书 of 受理): the 文书 card lists both
    const docs = staff.getByTestId('documents-card');
    await docs
      .getByText(/处理意见书/)
      .first()
      .waitFor();
    await expect(docs.innerText()).resolves.toContain('受理告知书');
    await screenshot(staff, 'portal-staff-opinion');
    await openAction(staff, 'deliver');
    await submitAction(staff, 'deliver');
    await waitForState(staff, 'delivered');
    await staff.context().close();
  });

  it('the citizen tracks the case, downloads the 处理意见书, rates it and applies for 复查 with its deadline', async () => {
    await citizen.goto(`${server.baseUrl}/portal/track`);
    // a wrong code reveals nothing
    await citizen.getByLabel('信访件编号', { exact: true }).fill(caseNo);
    await citizen.getByLabel('查询码', { exact: true }).fill('WRONG000');
    await citizen.getByLabel('手机号后4位', { exact: true }).fill('5678');
    await citizen.getByRole('button', { name: /查\s*询/ }).click();
    await expect(citizen.getByTestId('track-error').innerText()).resolves.toContain('未查到');

    await citizen.getByLabel('查询码', { exact: true }).fill(queryCode);
    await citizen.getByRole('button', { name: /查\s*询/ }).click();
    const view = citizen.getByTestId('portal-case');
    await view.waitFor();
    // the title comes back as text: the tags are visible characters, no <b> element was created
    await expect(view.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(TITLE);
    await expect(view.locator('h1 b').count()).resolves.toBe(0);
    await expect(citizen.getByTestId('case-state').getAttribute('data-state')).resolves.toBe('delivered');
    await expect(citizen.getByTestId('case-timeline').innerText()).resolves.toContain('受理');
    await expectNoSidewaysScroll(citizen);
    await screenshot(citizen, 'portal-case-replied');

    const docs = citizen.getByTestId('case-documents');
    await expect(docs.innerText()).resolves.toContain('处理意见书');
    // the reply is readable in the page, not only as a DOCX
    const replyText = docs.locator('[data-testid^="document-text-"]', { hasText: '二次供水费' }).first();
    await expect(replyText.innerText()).resolves.toContain('经查，物业公司加收二次供水费未经业主大会决议');
    expect(await comesBefore(citizen, 'case-timeline', 'case-documents')).toBe(true);
    await expectChineseAriaLabels(citizen, '查询页');
    await citizen.setViewportSize({ width: 820, height: 1180 });
    await expectNoSidewaysScroll(citizen);
    await screenshot(citizen, 'portal-case-replied-820');
    await citizen.setViewportSize(PHONE);
    const [download] = await Promise.all([
      citizen.waitForEvent('download'),
      docs
        .getByRole('button', { name: /下\s*载/ })
        .first()
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const saved = await download.path();
    expect(saved).toBeTruthy();

    // 评价 within the window
    const evaluate = citizen.getByTestId('action-evaluate');
    await evaluate.getByLabel('基本满意').check();
    await evaluate.getByLabel('意见（可选）').fill('退费到位，希望以后收费先公示。');
    await evaluate.getByTestId('action-submit-evaluate').click();
    const evaluation = citizen.getByTestId('case-evaluation');
    await evaluation.waitFor();
    await expect(evaluation.innerText()).resolves.toContain('基本满意');
    expect(await evaluation.innerText()).not.toContain('basically_satisfied');
    await expect(evaluation.innerText()).resolves.toContain('希望以后收费先公示');

    // 申请复查: the last day the server's calendar gives the window, then the review's own deadline
    const lastDay = await previewDue(api, 'xf.fucha.apply', today);
    const review = citizen.getByTestId('action-apply_review');
    await expect(review.innerText()).resolves.toContain(lastDay);
    await review.getByLabel('复查理由').fill('退还金额只算了半年，实际收了十个月。');
    await review.getByTestId('action-submit-apply_review').click();
    await review.waitFor({ state: 'detached' });
    const answerDue = await previewDue(api, 'xf.fucha.answer', today);
    const deadlines = citizen.getByTestId('case-deadlines');
    await expect(deadlines.innerText()).resolves.toContain('复查');
    await expect(deadlines.innerText()).resolves.toContain(answerDue);
    await expectNoSidewaysScroll(citizen);
    await screenshot(citizen, 'portal-review-applied');
    expect(consoleScripts()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a keyboard alone reaches 提交: every step starts on its first field', async () => {
    const kb = await newPage(browser, PHONE);
    kb.on('pageerror', (e) => errors.push(e.message));
    const active = () =>
      kb.evaluate(() => ({
        tag: document.activeElement?.tagName ?? '',
        type: (document.activeElement as HTMLInputElement | null)?.type ?? '',
        text: (document.activeElement as HTMLElement | null)?.innerText ?? '',
        value: (document.activeElement as HTMLInputElement | null)?.value ?? '',
      }));
    await kb.goto(`${server.baseUrl}/portal`);
    await kb.getByTestId('home-submit').waitFor();
    expect(await tabUntil(kb, async () => (await kb.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'home-submit')).toBe(true);
    await kb.keyboard.press('Enter');
    // 1 事项: the radio group by Tab, the choice by arrow keys, Enter goes on
    await kb.getByTestId('step-0').waitFor();
    expect(await tabUntil(kb, async () => (await active()).type === 'radio')).toBe(true);
    for (let i = 0; i < 3 && (await active()).value !== 'appeal'; i++) await kb.keyboard.press('ArrowDown');
    expect((await active()).value).toBe('appeal');
    await kb.keyboard.press('Enter');
    // 2 诉求: the place picker has the focus; the phone's own pickers answer to the arrow keys
    await expect(focusIn(kb, 'step-1')).resolves.toMatchObject({ inside: true, first: true });
    const focusOn = (id: string) => tabUntil(kb, async () => (await kb.evaluate(() => document.activeElement?.id)) === id);
    const chosen = (id: string) => kb.evaluate((i) => (document.getElementById(i) as HTMLSelectElement | null)?.selectedOptions[0]?.text ?? '', id);
    for (const [id, option] of [
      ['town', '龙蚕镇'],
      ['village', '龙蚕村'],
      ['categoryGroup', '城乡建设'],
      ['category', '物业管理'],
    ] as const) {
      expect(await focusOn(id), id).toBe(true);
      for (let i = 0; i < 60 && (await chosen(id)) !== option; i++) await kb.keyboard.press('ArrowDown');
      expect(await chosen(id), id).toBe(option);
    }
    expect(await focusOn('title')).toBe(true);
    await kb.keyboard.type('路灯坏了三个月没人修');
    expect(await focusOn('content')).toBe(true);
    await kb.keyboard.type('村口到小学的三盏路灯从八月起不亮，孩子晚上放学看不见路，请尽快修好。');
    expect(await tabUntil(kb, async () => /下一步/.test((await active()).text))).toBe(true);
    await kb.keyboard.press('Enter');
    // 3 信访人
    await expect(focusIn(kb, 'step-2')).resolves.toMatchObject({ inside: true, first: true });
    await kb.keyboard.type('王建国');
    await kb.keyboard.press('Tab');
    await kb.keyboard.type('13812340000');
    await kb.keyboard.press('Enter');
    // 4 提交: the consent box first, then the captcha, then the button
    await expect(focusIn(kb, 'step-3')).resolves.toMatchObject({ inside: true, first: true });
    expect((await active()).type).toBe('checkbox');
    await kb.keyboard.press('Space');
    await expect(kb.getByLabel('我已阅读并同意《个人信息处理告知》').isChecked()).resolves.toBe(true);
    expect(await tabUntil(kb, async () => (await kb.evaluate(() => document.activeElement?.id)) === 'captchaAnswer')).toBe(true);
    await kb.keyboard.type(CAPTCHA_ANSWER);
    expect(await tabUntil(kb, async () => (await kb.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'submit')).toBe(true);
    await expectChineseAriaLabels(kb, '键盘填写到提交');
    await screenshot(kb, 'portal-keyboard-submit');
    await kb.context().close();
    expect(errors).toEqual([]);
  });
});
