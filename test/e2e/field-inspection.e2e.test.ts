import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { apiLogin, shanghaiToday, type ApiSession } from './support/api.ts';

/**
 * Issue 14's field journey on a phone: safety01 is sent to 龙蚕镇永兴五金建材店 today; he opens 现场检查 while there is
 * signal, loses it, records a failed item with a photo and both signatures, and the record waits on the phone; when
 * the signal returns it is sent once and the failed item is a hazard; the enterprise (qy_demo01, on its phone)
 * rectifies with a 整改后 photo, and safety01 verifies it → 已销号.
 */
const PHONE = { width: 390, height: 844 };
const PLAN_TITLE = '现场检查演练：五金建材店消防安全检查';
const ENTERPRISE = '龙蚕镇永兴五金建材店';
const FINDING = '仓库通往后门的安全出口被货架和纸箱堵塞，无法正常疏散';
/** a second target, also recorded from the office while the phone is offline: the phone's copy becomes 需要处理 */
const OTHER_TITLE = '现场检查演练：加油站复查';
const OTHER = '青岚县龙蚕加油站';
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function phone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    permissions: ['geolocation'],
    geolocation: { latitude: 28.123456, longitude: 112.654321, accuracy: 12 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

/** A signature: a few strokes drawn with the pointer across the canvas. */
async function sign(page: Page, testId: string): Promise<void> {
  const canvas = page.getByTestId(testId);
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 18, box.y + box.height * (0.6 - 0.25 * Math.sin(i / 2)), { steps: 2 });
  await page.mouse.up();
}

describe('现场检查 on a phone: offline record → synced once → hazard → rectified → 销号', () => {
  let server: RunningServer;
  let browser: Browser;
  let safety: ApiSession;
  let planId = 0;
  let otherPlanId = 0;
  let itemCount = 0;
  let checklistItems: { id: number }[] = [];
  const today = shanghaiToday();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    safety = await apiLogin(server.baseUrl, 'safety01', server.demoPassword!);
    const me = await safety.get<{ user: { id: number } }>('/auth/me');
    const enterprises = await safety.get<{ items: { id: number; name: string }[] }>(`/safety/enterprises?q=${encodeURIComponent(ENTERPRISE)}`);
    const enterpriseId = enterprises.items.find((e) => e.name === ENTERPRISE)!.id;
    const others = await safety.get<{ items: { id: number; name: string }[] }>(`/safety/enterprises?q=${encodeURIComponent(OTHER)}`);
    const lists = await safety.get<{ items: { id: number; name: string; items: { id: number }[] }[] }>('/safety/checklists');
    const checklist = lists.items.find((l) => l.name === '九小场所消防安全检查表')!;
    itemCount = checklist.items.length;
    checklistItems = checklist.items;
    const plan = await safety.post<{ id: number }>('/safety/inspections', {
      kind: 'general',
      title: PLAN_TITLE,
      periodFrom: today,
      periodTo: today,
      checklistId: checklist.id,
      enterpriseIds: [enterpriseId],
      inspectorIds: [me.user.id],
    });
    planId = plan.id;
    otherPlanId = (
      await safety.post<{ id: number }>('/safety/inspections', {
        kind: 'general',
        title: OTHER_TITLE,
        periodFrom: today,
        periodTo: today,
        checklistId: checklist.id,
        enterpriseIds: [others.items.find((e) => e.name === OTHER)!.id],
        inspectorIds: [me.user.id],
      })
    ).id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('records offline, syncs once when back online, and the hazard goes through rectification to 销号', async () => {
    const { context, page } = await phone(browser);
    const recordPosts: string[] = [];
    // the records that reached the server (an attempt without signal fails before it and is not counted)
    page.on('requestfinished', (r) => {
      if (r.method() === 'POST' && /\/inspection-targets\/\d+\/record$/.test(r.url())) recordPosts.push(r.headers()['idempotency-key'] ?? '');
    });
    await login(page, server.baseUrl, 'safety01', server.demoPassword!);
    await page.goto(`${server.baseUrl}/field`);
    const card = page.getByTestId('field-target').filter({ hasText: PLAN_TITLE });
    await card.waitFor();
    await expect(card.innerText()).resolves.toContain(ENTERPRISE);
    // a real photo, made by the phone's own browser
    const jpeg = Buffer.from(
      await page.evaluate(() => {
        const c = document.createElement('canvas');
        c.width = 2400;
        c.height = 1800;
        const g = c.getContext('2d')!;
        g.fillStyle = '#8a6d3b';
        g.fillRect(0, 0, 2400, 1800);
        g.fillStyle = '#c00';
        g.fillRect(600, 400, 1200, 900);
        return c.toDataURL('image/jpeg', 0.95).split(',')[1]!;
      }),
      'base64',
    );
    await screenshot(page, 'field-targets-phone');

    // into the valley
    await context.setOffline(true);
    await page.getByTestId('field-status').getByText('离线').waitFor();
    await card.click();
    await page.getByText('判定依据：').first().waitFor();
    const first = page.getByTestId('item-1');
    await first.getByText('不合格', { exact: true }).click();
    await first.getByPlaceholder(/在哪里、是什么问题/).fill(FINDING);
    await first.locator('.ant-select').click();
    await page.locator('.ant-select-item-option').first().click();
    await first.getByPlaceholder(/后厨、二楼配电间/).fill('仓库后门');
    const due = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    await first.locator('input[type="date"]').fill(due);
    for (let i = 2; i <= itemCount; i++) await page.getByTestId(`item-${i}`).getByText('合格', { exact: true }).click();
    await page.getByTestId('photo-input').setInputFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.getByAltText('现场照片1').waitFor();
    // compressed on the phone: the longer side at most 1600 px
    const width = await page.getByAltText('现场照片1').evaluate((img: HTMLImageElement) => img.naturalWidth);
    expect(width).toBeLessThanOrEqual(1600);
    await page.getByText(/位置：北纬 28\.123456/).waitFor();
    await sign(page, 'sign-inspector');
    await page.getByPlaceholder(/姓名及职务/).fill('陈永兴（店主）');
    await sign(page, 'sign-party');
    await screenshot(page, 'field-form-phone');
    await page.getByRole('button', { name: /提\s*交/ }).click();

    // kept on the phone, nothing sent
    await page.getByTestId('outbox-entry').filter({ hasText: ENTERPRISE }).getByText('待发送').waitFor();
    await expect(page.getByTestId('queue-waiting').innerText()).resolves.toBe('待发送 1 条');
    await screenshot(page, 'field-queued-offline');
    // the phone reloads the page in the valley: it comes back from the phone's own copy, the record still waiting
    await page.reload();
    await page.getByTestId('outbox-entry').filter({ hasText: ENTERPRISE }).getByText('待发送').waitFor();
    await card.waitFor();
    expect(recordPosts).toEqual([]);
    const before = await safety.get<{ items: { recordId: number | null }[] }>(`/safety/inspections/${planId}`);
    expect(before.items[0]!.recordId).toBeNull();

    // the second target, all 合格, also kept on the phone …
    await page.getByTestId('field-target').filter({ hasText: OTHER_TITLE }).click();
    for (let i = 1; i <= itemCount; i++) await page.getByTestId(`item-${i}`).getByText('合格', { exact: true }).click();
    await sign(page, 'sign-inspector');
    await sign(page, 'sign-party');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await expect(page.getByTestId('queue-waiting').innerText()).resolves.toBe('待发送 2 条');
    // … while the same target is recorded from elsewhere (another device, another key)
    const otherTarget = (await safety.get<{ items: { id: number }[] }>(`/safety/inspections/${otherPlanId}`)).items[0]!.id;
    const elsewhere = await safety.post<{ recordNo: string }>(
      `/safety/inspection-targets/${otherTarget}/record`,
      {
        inspectedAt: new Date().toISOString(),
        results: checklistItems.map((i) => ({ itemId: i.id, outcome: 'pass' })),
        inspectorSignature: PNG,
        partySignature: PNG,
      },
      { 'idempotency-key': 'office-desk-0001' },
    );

    // out of the valley: sent by itself, once
    await context.setOffline(false);
    // (after an offline reload the session is checked again first: on 'online', or within 15 s)
    await page.getByTestId('sent-entry').filter({ hasText: ENTERPRISE }).waitFor({ timeout: 45_000 });
    await expect(page.getByTestId('queue-waiting').innerText()).resolves.toBe('待发送 0 条');
    await expect(page.getByTestId('sent-entry').first().innerText()).resolves.toContain('登记隐患 1 处');
    // the other one comes back refused: 需要处理, with who recorded it and what to do
    const refused = page.getByTestId('outbox-entry').filter({ hasText: OTHER });
    await refused.getByText('需要处理').waitFor();
    await expect(refused.innerText()).resolves.toContain(`已由杨建军提交检查记录（${elsewhere.recordNo}）`);
    await expect(refused.innerText()).resolves.toContain('处理办法');
    await expect(page.getByTestId('queue-refused').innerText()).resolves.toBe('需要处理 1 条');
    await screenshot(page, 'field-synced');
    // each record was sent once, each under its own key
    expect(recordPosts).toHaveLength(2);
    expect(new Set(recordPosts).size).toBe(2);
    for (const k of recordPosts) expect(k).toMatch(/^field-[0-9a-f]{32}$/);
    // the inspector checks and drops the phone's copy
    await refused.getByRole('button', { name: '删除本机记录' }).click();
    await page
      .getByRole('button', { name: /删\s*除/ })
      .last()
      .click();
    await refused.waitFor({ state: 'detached' });
    const after = await safety.get<{ items: { recordId: number | null }[] }>(`/safety/inspections/${planId}`);
    expect(after.items).toHaveLength(1);
    const recordId = after.items[0]!.recordId!;
    expect(recordId).toBeGreaterThan(0);
    const record = await safety.get<{
      hazards: { id: number; description: string }[];
      latitude: number | null;
      files: { kind: string }[];
      results: { outcome: string; finding: string | null }[];
    }>(`/safety/inspection-records/${recordId}`);
    expect(record.hazards).toHaveLength(1);
    expect(record.hazards[0]!.description).toBe(FINDING);
    expect(record.latitude).toBeCloseTo(28.123456, 5);
    expect(record.files.map((f) => f.kind).sort()).toEqual(['inspector_signature', 'party_signature', 'photo']);
    expect(record.results.filter((r) => r.outcome === '不符合').map((r) => r.finding)).toEqual([FINDING]);
    const hazardId = record.hazards[0]!.id;
    await context.close();

    // the enterprise, on its phone, rectifies with a 整改后 photo
    const ent = await phone(browser);
    await login(ent.page, server.baseUrl, 'qy_demo01', server.demoPassword!);
    await ent.page.goto(`${server.baseUrl}/safety/hazards/${hazardId}`);
    await ent.page.getByText(FINDING).first().waitFor();
    const act = async (p: Page, name: RegExp, fill?: [RegExp, string]) => {
      await p.getByRole('button', { name }).click();
      const dialog = p.getByRole('dialog');
      if (fill) await dialog.getByLabel(fill[0]).fill(fill[1]);
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      await dialog.waitFor({ state: 'hidden' });
    };
    await act(ent.page, /开始整改/);
    await ent.page
      .getByTestId('item-attachments')
      .locator('input[type="file"]')
      .nth(1)
      .setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await ent.page.getByText('已上传整改后照片').waitFor();
    await act(ent.page, /整改完成，申请验收/, [/整改情况/, '已清理仓库后门通道的货架和纸箱，安全出口保持畅通，并在门上张贴禁止堆放标识']);
    await expect.poll(async () => (await safety.get<{ state: string }>(`/safety/hazards/${hazardId}`)).state, { timeout: 15_000 }).toBe('verifying');
    await screenshot(ent.page, 'field-hazard-rectified-enterprise');
    await ent.context.close();

    // the checker verifies: 已销号
    const checker = await newPage(browser);
    await login(checker, server.baseUrl, 'safety01', server.demoPassword!);
    await checker.goto(`${server.baseUrl}/safety/hazards/${hazardId}`);
    // the enterprise's photo is shown under its label 整改后, the inspector's under 检查发现
    const photos = checker.getByTestId('item-attachments');
    await photos.getByText('整改后', { exact: true }).waitFor();
    await photos.getByText('检查发现', { exact: true }).waitFor();
    await photos.getByRole('img', { name: /^整改后：after/ }).waitFor();
    await act(checker, /复查验收，销号/, [/复查验收结论/, '现场复查，安全出口已清理畅通，同意销号']);
    await checker.getByText('已销号').first().waitFor();
    await expect.poll(async () => (await safety.get<{ state: string }>(`/safety/hazards/${hazardId}`)).state, { timeout: 15_000 }).toBe('closed');
    await screenshot(checker, 'field-hazard-closed');
  });
});
