import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, newPage, screenshot } from './support/browser.ts';
import { apiLogin, categoryId, unitId } from './support/api.ts';
import { docxParagraphs } from '../../src/server/core/documents/read-docx.ts';

/**
 * Issue 17's journey: 信访局 decides 不予受理 on a letter (an administrative penalty: the law's route is 行政复议);
 * the 不予受理告知书 is issued with the decision, numbered under 信访局's 代字; the petitioner finds it on the portal
 * with the case number and query code, reads it in the page and downloads the DOCX, which carries the same number.
 */
const PHONE = '13822224444';

describe('网上信访: the petitioner downloads the 不予受理告知书 issued with the decision', () => {
  let server: RunningServer;
  let browser: Browser;
  let caseNo = '';
  let queryCode = '';
  let number = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const xfj = await apiLogin(server.baseUrl, 'xfj01', server.demoPassword!);
    const reg = await xfj.post<{ id: number; caseNo: string; queryCode: string }>('/petitions', {
      channel: 'letter',
      matterType: 'appeal',
      petitioners: [{ name: '钱桂兰', phone: PHONE }],
      categoryId: await categoryId(xfj, '劳动和社会保障', '拖欠工资'),
      placeUnitId: await unitId(xfj, '龙蚕镇'),
      title: '对罚款决定不服',
      content: '来信称对县某局作出的罚款决定不服，要求撤销罚款。',
    });
    caseNo = reg.caseNo;
    queryCode = reg.queryCode;
    await xfj.post(`/petitions/${reg.id}/actions/reject`, { reason: '属于行政复议事项，应依法申请行政复议', routes: ['fuyi'] });
    const docs = await xfj.get<{ items: { kind: string; number: string }[] }>(`/petitions/${reg.id}/documents`);
    number = docs.items.find((d) => d.kind === 'reject_notice')?.number ?? '';
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds the notice on the portal, reads it in the page and downloads it with its number', async () => {
    expect(number, '不予受理告知书应随决定生成并编号').toMatch(/^青信〔\d{4}〕\d+号$/);
    const citizen = await newPage(browser, { width: 390, height: 844 });
    await citizen.goto(`${server.baseUrl}/portal/track`);
    await citizen.getByLabel('信访件编号', { exact: true }).fill(caseNo);
    await citizen.getByLabel('查询码', { exact: true }).fill(queryCode);
    await citizen.getByLabel('手机号后4位', { exact: true }).fill(PHONE.slice(-4));
    await citizen.getByRole('button', { name: /查\s*询/ }).click();
    await citizen.getByTestId('portal-case').waitFor();
    await expect(citizen.getByTestId('case-state').innerText()).resolves.toContain('不予受理');

    const docs = citizen.getByTestId('case-documents');
    const item = docs.locator('li', { hasText: '不予受理告知书' });
    await expect(item.innerText()).resolves.toContain(number);
    // the notice is readable in the page: the route and its period are told
    const text = await item.locator('[data-testid^="document-text-"]').innerText();
    expect(text).toContain('行政复议');
    await screenshot(citizen, 'portal-reject-notice');

    const [download] = await Promise.all([citizen.waitForEvent('download'), item.getByRole('button', { name: /下\s*载/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const saved = await download.path();
    // the DOCX itself carries the same 发文字号
    const paragraphs = await docxParagraphs(await readFile(saved));
    expect(paragraphs.join('\n')).toContain(number);
  });
});
