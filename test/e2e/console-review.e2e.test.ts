import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiLogin } from './support/api.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { horizontalOverflow, launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { DEMO_USERS } from '../../src/server/seed/demo-county-data.ts';

/**
 * Screenshot review of every console list page, at a desk (1366×768) and on a tablet (820 px): the page never
 * scrolls sideways, the columns a list is read by (预警, 期限 and the other fixed ones) stay in view also with the
 * table scrolled to its end, and the visible text holds no code words — no JSON, no state codes or rule keys, no
 * field names, no undefined/null/NaN. The pictures are kept in test-results/e2e/review-*.png for a person to look at.
 */

/** State codes and words a reader must never meet (the machines' and the clocks' own). */
const CODE_WORDS =
  /\b(registered|assigned|objected|handling|replied|delivered|reviewing|closed|terminated|running|paused|stopped|approaching|overdue|severe|pending|county|township|calendar_days|working_days)\b/;

function offences(text: string, allowed: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  if (/\{"|\[\{/.test(text)) found.push('raw JSON');
  for (const m of text.matchAll(/\b(undefined|null|NaN|Invalid Date)\b/g)) found.push(m[0]);
  // rule keys and action codes (xf.handle, petition.assign), snake_case codes and camelCase field names
  for (const m of text.matchAll(/\b[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+\b/g)) if (!allowed.has(m[0])) found.push(`code ${m[0]}`);
  for (const m of text.matchAll(/\b[a-z][a-z0-9]*(_[a-z0-9]+)+\b/g)) if (!allowed.has(m[0])) found.push(`code ${m[0]}`);
  for (const m of text.matchAll(/\b[a-z]+[A-Z][A-Za-z]*\b/g)) if (!allowed.has(m[0])) found.push(`field ${m[0]}`);
  const state = CODE_WORDS.exec(text);
  if (state) found.push(`state ${state[0]}`);
  return found;
}

interface Review {
  name: string;
  user: 'xfj01' | 'town_lc01' | 'leader01' | 'admin';
  path: string;
  /** a table the page must show (its rows or its empty state) before it is judged */
  table?: string;
}

const PAGES: Review[] = [
  { name: 'workbench-xfj', user: 'xfj01', path: '/workbench' },
  { name: 'xf-list', user: 'xfj01', path: '/xf', table: 'petition-table' },
  { name: 'xf-list-overdue', user: 'xfj01', path: '/xf?tab=overdue', table: 'petition-table' },
  { name: 'todo-mine', user: 'xfj01', path: '/todo', table: 'todo-table' },
  { name: 'todo-unit-township', user: 'town_lc01', path: '/todo?scope=unit', table: 'todo-table' },
  { name: 'workbench-township', user: 'town_lc01', path: '/workbench' },
  { name: 'supervision-notices', user: 'xfj01', path: '/supervision/notices', table: 'supervision-notices' },
  { name: 'supervision-listed', user: 'xfj01', path: '/supervision/listed', table: 'supervision-listed' },
  { name: 'supervision-backlog', user: 'xfj01', path: '/supervision/backlog', table: 'supervision-backlog' },
  { name: 'notifications', user: 'xfj01', path: '/notifications' },
  { name: 'leaders-mine', user: 'leader01', path: '/leaders/mine', table: 'leader-cases' },
  { name: 'leaders-days', user: 'xfj01', path: '/leaders/days' },
  { name: 'leaders-records', user: 'xfj01', path: '/leaders/records' },
  { name: 'workbench-leader', user: 'leader01', path: '/workbench' },
  { name: 'audit', user: 'admin', path: '/admin/audit', table: 'audit-table' },
  { name: 'admin-users', user: 'admin', path: '/admin/users', table: 'users-table' },
  { name: 'admin-units', user: 'admin', path: '/admin/units' },
  { name: 'admin-leaders', user: 'admin', path: '/admin/leaders', table: 'leaders-table' },
  { name: 'admin-rules', user: 'admin', path: '/admin/rules' },
  { name: 'admin-calendar', user: 'admin', path: '/admin/calendar' },
  { name: 'admin-settings', user: 'admin', path: '/admin/settings' },
  { name: 'admin-outbox', user: 'admin', path: '/admin/outbox', table: 'outbox-table' },
  { name: 'admin-open311', user: 'admin', path: '/admin/open311' },
];

/** Column titles a list is read by: wherever one is shown, it must be in view. */
const KEY_COLUMNS = /^(预警|期限|最近期限|回复期限|到期日|化解时限)$/;

const settled = (page: Page) =>
  page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton, [aria-busy="true"]'), undefined, { timeout: 20_000 });

/** Headers of key and fixed columns that lie (partly) outside the viewport, in the visible tables. */
async function hiddenKeyColumns(page: Page, width: number): Promise<string[]> {
  return await page.evaluate(
    ({ width, pattern }) => {
      const re = new RegExp(pattern);
      const out: string[] = [];
      for (const th of document.querySelectorAll<HTMLElement>('.ant-table-thead th')) {
        const text = (th.innerText || '').trim();
        const fixed = /ant-table-cell-fix/.test(th.className);
        if (!fixed && !re.test(text)) continue;
        const r = th.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue; // a hidden tab, a measuring row
        // the table's own box: a column scrolled out of it is hidden even when inside the window
        const box = th.closest('.ant-table-container')?.getBoundingClientRect();
        const left = Math.max(0, box?.left ?? 0);
        const right = Math.min(width, box?.right ?? width);
        if (r.left < left - 1 || r.right > right + 1)
          out.push(`${text || '（无标题）'} [${Math.round(r.left)}–${Math.round(r.right)} / ${Math.round(left)}–${Math.round(right)}]`);
      }
      return out;
    },
    { width, pattern: KEY_COLUMNS.source },
  );
}

describe('console review: every list page at 1366 and 820 px', () => {
  let server: RunningServer;
  let browser: Browser;
  const allowed = new Set<string>();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // user names are the people's own (town_lc01, liaison_zj, an enterprise's qy_demo01): data, not codes
    for (const u of DEMO_USERS) allowed.add(u.username);
    const admin = await apiLogin(server.baseUrl, 'admin', server.adminPassword);
    const { items } = await admin.get<{ items: { username: string }[] }>('/users?pageSize=200');
    for (const u of items) allowed.add(u.username);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [width, height] of [
    [1366, 768],
    [820, 1180],
  ] as const) {
    it(`${width} px: no sideways page scroll, key columns in view, no code words`, async () => {
      const problems: string[] = [];
      const pages = new Map<string, Page>();
      const pageFor = async (user: Review['user']) => {
        let page = pages.get(user);
        if (!page) {
          page = await newPage(browser, { width, height });
          await login(page, server.baseUrl, user, user === 'admin' ? server.adminPassword : server.demoPassword!);
          pages.set(user, page);
        }
        return page;
      };
      for (const review of PAGES) {
        const page = await pageFor(review.user);
        const errors: string[] = [];
        const onError = (e: Error) => errors.push(e.message);
        page.on('pageerror', onError);
        await page.goto(`${server.baseUrl}${review.path}`);
        const main = page.locator('.ant-layout-content').first();
        await main.waitFor();
        if (review.table) await page.getByTestId(review.table).locator('.ant-table, .ant-empty').first().waitFor();
        await settled(page).catch(() => problems.push(`${review.name}@${width}: still loading after 20 s`));
        await screenshot(page, `review-${review.name}-${width}`);
        const where = `${review.name}@${width}`;

        const o = await horizontalOverflow(page);
        if (o.scrollWidth > o.innerWidth) problems.push(`${where}: the page scrolls sideways (${o.scrollWidth} > ${o.innerWidth})`);
        const text = await main.innerText();
        for (const f of offences(text, allowed)) problems.push(`${where}: ${f}`);
        for (const h of await hiddenKeyColumns(page, width)) problems.push(`${where}: column out of view at scroll start: ${h}`);
        // scrolled to the table's end: the fixed columns stay
        await page.evaluate(() => {
          for (const el of document.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body, .ant-table-header')) el.scrollLeft = el.scrollWidth;
        });
        await page.waitForTimeout(150);
        for (const h of await hiddenKeyColumns(page, width)) problems.push(`${where}: column out of view at scroll end: ${h}`);
        page.off('pageerror', onError);
        for (const e of errors) problems.push(`${where}: script error ${e}`);
      }
      for (const p of pages.values()) await p.context().close();
      expect(problems).toEqual([]);
    });
  }

  it('the audit log’s expanded rows name every field in Chinese; the raw record stays folded under 技术细节', async () => {
    const page = await newPage(browser);
    await login(page, server.baseUrl, 'admin', server.adminPassword);
    let expandedAny = 0;
    for (const action of ['petition.*', 'deadline.*', 'supervision.*', 'user.*', 'work_item.*']) {
      await page.goto(`${server.baseUrl}/admin/audit?action=${encodeURIComponent(action)}`);
      const table = page.getByTestId('audit-table');
      await table.locator('tbody tr[data-row-key], .ant-empty').first().waitFor();
      await settled(page);
      const icons = table.locator('tbody tr[data-row-key] .ant-table-row-expand-icon');
      const n = Math.min(await icons.count(), 6);
      for (let i = 0; i < n; i++) await icons.nth(i).click();
      const diffs = table.locator('[data-testid^="audit-diff-"]');
      await expect.poll(() => diffs.count()).toBe(n);
      for (let i = 0; i < n; i++) {
        const text = await diffs.nth(i).innerText();
        expect(offences(text, allowed), `${action} #${i}: ${text}`).toEqual([]);
      }
      expandedAny += n;
      if (action === 'petition.*') await screenshot(page, 'review-audit-expanded-1366');
    }
    expect(expandedAny).toBeGreaterThan(10);
    // 技术细节 opens on demand and shows the record's own keys there only
    const fold = page.getByText(/^技术细节/).first();
    if (await fold.count()) {
      await fold.click();
      await page.locator('.ant-collapse-content code').first().waitFor();
    }
    await page.close();
  });
});
