import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { apiLogin, previewDue, shanghaiToday, unitId, type ApiSession } from './support/api.ts';
import { pickOption } from './support/petition-page.ts';

const daysAgo = (n: number) => shanghaiToday(new Date(Date.now() - n * 86_400_000));

/** A signed-in session that can also upload a file (multipart) to an item, as the console does. */
async function uploader(baseUrl: string, username: string, password: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async (itemId: number, name: string): Promise<number> => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
      'hex',
    );
    const form = new FormData();
    form.append('file', new Blob([png], { type: 'image/png' }), name);
    const r = await fetch(`${baseUrl}/api/v1/work-items/${itemId}/attachments`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken }, body: form });
    if (!r.ok) throw new Error(`上传失败：${r.status} ${await r.text()}`);
    const { items } = (await r.json()) as { items: { id: number; name: string }[] };
    return items.filter((a) => a.name === name).at(-1)!.id;
  };
}

/**
 * Journey: 维稳办 (wwb01) lists a project for a 稳评 — the builder as assessment subject is refused on the form — and
 * records its first step on the page; a second project, assessed over the past weeks, is decided and its filing is
 * refused while an archive item is missing, then filed once the item is registered.
 */
describe('社会稳定风险评估 (wwb01)', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: ApiSession;
  let filedId = 0;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiLogin(server.baseUrl, 'wwb01', server.demoPassword!);
    const upload = await uploader(server.baseUrl, 'wwb01', server.demoPassword!);
    // a project assessed since 45 days ago (entered now: 补录), up to its decision
    const start = daysAgo(45);
    const backdate = { backdateReason: '按纸质台账补录' };
    const created = await api.post<{ id: number }>('/risk/assessments', {
      matterKind: 'project',
      matterName: '汉江南岸防洪堤加固工程',
      responsibleUnitId: await unitId(api, '青岚县水利局'),
      builderName: '青岚县水务投资有限公司',
      placeUnitId: await unitId(api, '城关街道'),
      planYear: Number(shanghaiToday().slice(0, 4)),
      counted: true,
      subjectKind: 'third_party',
      subjectName: '汉中安和社会风险评估咨询有限公司',
      occurredOn: start,
      ...backdate,
    });
    filedId = created.id;
    const act = (action: string, body: object) => api.post(`/risk/assessments/${filedId}/actions/${action}`, body);
    await act('completeStep', { summary: '列入年度稳评清单。', occurredOn: start, ...backdate });
    await act('completeStep', { summary: '制定评估工作方案。', attachmentIds: [await upload(filedId, '评估工作方案.png')], occurredOn: start, ...backdate });
    // 征求意见 is a minimum period: the step may close from the day after it has run (not on its last day)
    const commentEnds = await previewDue(api, 'wp.comment', start);
    const consulted = new Date(Date.parse(`${commentEnds}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const on = { occurredOn: consulted, backdateReason: '按纸质台账补录' };
    await act('completeStep', { summary: '公示、征求意见期满，召开座谈会1次。', attachmentIds: [await upload(filedId, '座谈会纪要.png')], ...on });
    await act('recordAnalysis', {
      legality: '已取得初步设计批复，符合防洪规划。',
      reasonableness: '不涉及征地，施工便道占用临时补偿到位。',
      feasibility: '资金已落实，汛前完工可行。',
      controllability: '施工噪声影响少数住户，可控。',
      ...on,
    });
    await act('completeStep', { summary: '分析论证完成。', ...on });
    await act('setLevel', { level: 'low', basis: '群众普遍支持，个别住户意见可化解。', ...on });
    await act('completeStep', { summary: '确定为低风险。', ...on });
    await act('completeStep', { summary: '形成评估报告。', attachmentIds: [await upload(filedId, '社会稳定风险评估报告.png')], ...on });
    await act('decide', { decision: 'implement', decidedBy: '县政府常务会议', ...on });
    for (const code of ['matter', 'plan', 'publicity', 'survey', 'hearing', 'opinions', 'analysis', 'report', 'measures'])
      await act('markArchive', { code, note: '纸质档案存县水利局', ...on });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses the builder as assessment subject, then lists the project and records its first step', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'wwb01', server.demoPassword!);
    await page.goto(`${server.baseUrl}/risk/assessments`);
    await page.getByTestId('risk-list').waitFor();
    await page.getByTestId('risk-register').click();
    const dialog = page.getByRole('dialog', { name: '列入稳评事项清单' });
    await dialog.getByLabel('事项名称').fill('城北新区安置小区建设项目');
    await pickOption(page, dialog, '责任单位（项目主管部门）', '青岚县住房和城乡建设局', '住房');
    await dialog.getByLabel('项目建设（业主）单位').fill('青岚县城市建设投资有限公司');
    await dialog.getByText('委托第三方机构').click();
    await dialog.getByLabel('第三方评估机构名称').fill('青岚县城市建设投资有限公司');
    await dialog.getByRole('button', { name: /列入清单/ }).click();
    await expect(dialog.getByTestId('risk-register-error').innerText()).resolves.toContain('不能交由项目建设单位或业主自行评估');
    await screenshot(page, 'risk-subject-refused');
    await dialog.getByText('责任单位自行组织').click();
    await dialog.getByRole('button', { name: /列入清单/ }).click();
    await page.getByTestId('risk-detail').waitFor();
    const steps = page.getByTestId('risk-steps');
    await expect(steps.innerText()).resolves.toContain('调查论证、听取意见');
    await page.getByRole('button', { name: '完成“确定评估事项”' }).click();
    const own = page.getByRole('dialog', { name: '完成“确定评估事项”' });
    await own.getByLabel('本步骤工作情况').fill('经县政府常务会议研究，列入本年度稳评清单。');
    await own.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByRole('button', { name: '完成“制定评估方案”' }).waitFor();
    await screenshot(page, 'risk-first-step');
    expect(errors).toEqual([]);
  });

  it('blocks the filing while an archive item is missing, and files once it is registered', async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.baseUrl, 'wwb01', server.demoPassword!);
    await page.goto(`${server.baseUrl}/risk/assessments/${filedId}`);
    await page.getByTestId('risk-detail').waitFor();
    const archive = page.getByTestId('risk-archive');
    // the filing is blocked, and the page says by which missing item
    await expect(page.getByTestId('risk-file-blocked').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('risk-archive-missing').innerText()).resolves.toContain('尚缺 1 项档案资料：集体研究审定会议纪要（决策意见）');
    await expect(api.post(`/risk/assessments/${filedId}/actions/file`, {})).rejects.toThrow('档案资料目录尚缺 1 项');
    await screenshot(page, 'risk-filing-blocked');

    await archive.getByRole('button', { name: /登\s*记/ }).click();
    const mark = page.getByRole('dialog', { name: /登记档案资料/ });
    await mark.getByLabel('说明（如纸质档案的存放位置）').fill('县政府常务会议纪要，存县水利局档案室');
    await mark.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('risk-archive-missing').waitFor({ state: 'detached' });
    await expect(archive.innerText()).resolves.not.toContain('缺\n');

    await page.getByRole('button', { name: '报送备案（县维稳办、县发改局）' }).click();
    const again = page.getByRole('dialog', { name: '报送备案（县维稳办、县发改局）' });
    await again.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('已备案，跟踪化解中').first().waitFor();
    await expect(page.getByTestId('risk-detail').innerText()).resolves.toContain('已报县维稳办、县发改局');
    await screenshot(page, 'risk-filed');
    expect(errors).toEqual([]);
  });
});
