import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3934';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const sizes = { wide: [1366, 768], mid: [820, 1000], phone: [390, 844] };
for (const [name, [w, h]] of Object.entries(sizes)) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await page.goto(`${base}/login`);
  await page.fill('input[id$="username"], input[name="username"], #username', 'wwb01');
  await page.fill('input[type="password"]', 'Anwen@2026');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(2500);
  for (const path of ['/disputes/types', '/risk/settings']) {
    await page.goto(base + path);
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/tmp/d15-${name}-${path.split('/')[2]}.png`, fullPage: false });
  }
  await page.close();
}
await browser.close();
