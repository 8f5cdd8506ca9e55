import type { Locator, Page } from 'playwright-core';

/** What staff do on the 信访 case page (/xf/:id): pick an allowed action, fill its form, read the result. */

const OK = /^确\s*定$/;

/**
 * Picks an option of the antd Select/TreeSelect behind a form label (the dropdown is portalled to body).
 * Escape is pressed only while the dropdown is still open: an Escape that reaches the modal instead
 * would cancel the whole form.
 */
export async function pickOption(page: Page, scope: Locator, label: string, option: string, search?: string, opts: { multiple?: boolean } = {}): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  if (search) await input.fill(search);
  const dropdown = page.locator('.ant-select-dropdown:visible, .ant-tree-select-dropdown:visible').last();
  const isTree = (await dropdown.getAttribute('class'))?.includes('ant-tree-select-dropdown') ?? false;
  // by title (tree nodes, plain options), or by text (options whose title is a description)
  const choice = dropdown
    .locator(`[title="${option}"]`)
    .or(dropdown.locator('.ant-select-item-option', { hasText: option }))
    .first();
  await pickUntilShown(fieldOf(page, scope, label), option, () => choice.click(), label);
  // a TreeSelect or a multiple Select stays open after a pick; a single Select closes by itself
  if (isTree || opts.multiple) await page.keyboard.press('Escape');
  else await dropdown.waitFor({ state: 'hidden' });
}

/** The .ant-select of the form item labelled `label`. */
const fieldOf = (page: Page, scope: Locator, label: string): Locator =>
  scope
    .locator('.ant-form-item')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('.ant-select')
    .first();

/**
 * A click on an option that is still being re-rendered (search filtering, the opening animation, a late search answer)
 * can be lost: the pick counts once the field shows `text`, and `pick` is tried again otherwise (three times at most).
 * Tried again only when not shown: a second click on a picked option of a multiple select would remove it.
 */
async function pickUntilShown(field: Locator, text: string, pick: () => Promise<void>, label = ''): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await pick();
    if (await shows(field, text)) return;
    if (attempt === 3) throw new Error(`${label ? `${label}：` : ''}选不中“${text}”`);
  }
}

/** Whether a select field displays `text` within two seconds. */
async function shows(field: Locator, text: string): Promise<boolean> {
  for (let waited = 0; waited < 2000; waited += 100) {
    if ((await field.innerText()).includes(text)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** Several options of a multiple select, picked from one open dropdown, which is then closed. */
export async function pickOptions(page: Page, scope: Locator, label: string, options: string[]): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  const dropdown = page.locator('.ant-select-dropdown:visible').last();
  const field = fieldOf(page, scope, label);
  for (const option of options) await pickUntilShown(field, option, () => dropdown.locator(`[title="${option}"]`).first().click(), label);
  await page.keyboard.press('Escape');
  await dropdown.waitFor({ state: 'hidden' });
}

/**
 * Picks a path (e.g. 城乡建设 → 物业管理) in the antd Cascader behind a form label; it counts once the field shows the
 * path's last step. A cascader that allows picking a parent stays open after the last pick and is closed with Escape;
 * one that does not closes by itself (an Escape then could reach a drawer or modal around it).
 */
export async function pickPath(page: Page, scope: Locator, label: string, path: string[]): Promise<void> {
  const dropdown = page.locator('.ant-cascader-dropdown:visible');
  await pickUntilShown(
    fieldOf(page, scope, label),
    path[path.length - 1]!,
    async () => {
      if ((await dropdown.count()) === 0) await scope.getByLabel(label, { exact: true }).click();
      for (const [level, name] of path.entries()) await dropdown.locator('.ant-cascader-menu').nth(level).locator(`[title="${name}"]`).click();
    },
    label,
  );
  if (
    !(await dropdown.waitFor({ state: 'hidden', timeout: 1000 }).then(
      () => true,
      () => false,
    ))
  )
    await page.keyboard.press('Escape');
}

/** Like pickOption, for options whose full label is not known in advance (e.g. "王志强（青岚县）"): typed into the search. */
export async function pickOptionContaining(page: Page, scope: Locator, label: string, text: string): Promise<void> {
  await pickSearched(page, fieldOf(page, scope, label), text);
}

/** Picks, in a select searched by typing (`field`: the .ant-select), the option containing `text`. */
export async function pickSearched(page: Page, field: Locator, text: string): Promise<void> {
  await pickUntilShown(field, text, async () => {
    await field.click();
    await field.locator('input').fill(text);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
  });
  // a multiple select stays open after a pick and is closed with Escape; a single one closes by itself (an Escape
  // then would reach the modal around it and cancel the form)
  const dropdown = page.locator('.ant-select-dropdown:visible').first();
  if ((await field.getAttribute('class'))?.includes('ant-select-multiple')) await page.keyboard.press('Escape');
  await dropdown.waitFor({ state: 'hidden' });
}

export async function waitForState(page: Page, state: string): Promise<void> {
  await page.locator(`[data-testid="petition-state"][data-state="${state}"]`).waitFor();
}

export async function openAction(page: Page, code: string): Promise<Locator> {
  await page.getByTestId('action-bar').locator(`[data-action="${code}"]`).click();
  const form = page.getByTestId(`action-form-${code}`);
  await form.waitFor();
  return form;
}

export async function submitAction(page: Page, code: string): Promise<void> {
  const modal = page.locator('.ant-modal').filter({ has: page.getByTestId(`action-form-${code}`) });
  await modal.getByRole('button', { name: OK }).click();
  // either the modal closes, or the server's refusal / a field error shows in it: fail with that message
  const problems = modal.locator('[data-testid="action-error"], .ant-form-item-explain-error');
  await Promise.race([modal.waitFor({ state: 'hidden' }), problems.first().waitFor()]);
  if (await modal.isVisible()) throw new Error(`${code} 未完成：${(await problems.allInnerTexts()).join('；')}`);
}

export async function allowedActions(page: Page): Promise<string[]> {
  return await page
    .getByTestId('action-bar')
    .locator('[data-action]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-action') ?? ''));
}

/** The deadline card of `ruleKey` that is still counting (计时中). */
export function runningClock(page: Page, ruleKey: string): Locator {
  return (
    page
      .getByTestId('deadline-card')
      // the key is not shown to people: the card carries it as data-rule-key
      .filter({ has: page.locator(`[data-rule-key="${ruleKey}"]`) })
      .filter({ hasText: '计时中' })
  );
}

/** The due date shown on the running clock of `ruleKey`. */
export async function runningDue(page: Page, ruleKey: string): Promise<string> {
  const card = runningClock(page, ruleKey);
  await card.first().waitFor();
  return (await card.first().getByTestId('deadline-due').innerText()).trim();
}

export async function decisionsText(page: Page): Promise<string> {
  return await page.getByTestId('decisions-card').innerText();
}

export async function timelineText(page: Page): Promise<string> {
  return await page.getByTestId('workitem-timeline').innerText();
}
