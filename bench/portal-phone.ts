/**
 * The portal on a cheap phone (issue 13): first-contentful-paint of /portal, /portal/submit and /portal/track in Debian's Chromium under the slow-phone
 * profile — Chrome DevTools' "Slow 3G" network (400 kbit/s down and up, 400 ms round trip) through CDP
 * Network.emulateNetworkConditions, and a 4× CPU slowdown (Emulation.setCPUThrottlingRate) — at 360×640.
 * Each run is a cold visit in a fresh browser context (empty cache) against the real `anwen start`; a second, warm visit
 * in the same context shows what the immutable caching of hashed assets gives back on the next visit.
 * Figures: FCP (PerformanceObserver 'paint'), the moment the page is usable (the app rendered its first control: the
 * 我要信访 link on the home page, the first 事项类型 choice of the form, the 信访件编号 field of the track page), and the
 * bytes the page transferred. The median of RUNS cold runs is reported; every run is kept. Target: FCP < 3 s.
 * Run: npx tsx bench/portal-phone.ts   → bench/results/portal-phone.json   (needs `npm run build:web` first)
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { BENCH_TMP, ensureWebBuilt, machine, startServer, writeResult } from './support/server.ts';

const TARGET_FCP_MS = 3000;
const RUNS = Number(process.env.BENCH_PORTAL_PHONE_RUNS ?? 5);
/** Chrome DevTools' "Slow 3G" preset (latency in ms, throughput in bytes per second) */
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

interface Visit {
  fcpMs: number | null;
  usableMs: number;
  transferredKiB: number;
  requests: number;
}

/** The pages measured and the control whose appearance makes each usable. */
const PAGES = [
  { name: 'home', path: '/portal', ready: '[data-testid="home-submit"]' },
  { name: 'submit', path: '/portal/submit', ready: '[data-testid="matter-appeal"]' },
  { name: 'track', path: '/portal/track', ready: '#caseNo' },
] as const;

async function visit(context: BrowserContext, url: string, ready: string): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests++;
  });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await page.locator(ready).first().waitFor({ timeout: 120_000 });
  const usableMs = Date.now() - t0;
  const fcpMs = await page.evaluate(
    () =>
      new Promise<number | null>((resolve) => {
        const entry = performance.getEntriesByName('first-contentful-paint')[0];
        if (entry) return resolve(Math.round(entry.startTime));
        new PerformanceObserver((list) => {
          const e = list.getEntriesByName('first-contentful-paint')[0];
          if (e) resolve(Math.round(e.startTime));
        }).observe({ type: 'paint', buffered: true });
        setTimeout(() => resolve(null), 5000);
      }),
  );
  // let late requests (e.g. the meta answer) finish so the byte count is the page's whole cost
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => undefined);
  await page.close();
  return { fcpMs, usableMs, transferredKiB: Math.round(bytes / 1024), requests };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Summary {
  fcpMs: number;
  usableMs: number;
  transferredKiB: number;
  requests: number;
}
const summary = (vs: Visit[]): Summary => ({
  fcpMs: median(vs.map((v) => v.fcpMs ?? Infinity)),
  usableMs: median(vs.map((v) => v.usableMs)),
  transferredKiB: median(vs.map((v) => v.transferredKiB)),
  requests: median(vs.map((v) => v.requests)),
});

ensureWebBuilt();
fs.mkdirSync(BENCH_TMP, { recursive: true });
const dataDir = fs.mkdtempSync(path.join(BENCH_TMP, 'portal-phone-'));
const server = await startServer(dataDir);
const browser = await chromium.launch({
  executablePath: process.env.ANWEN_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  // one unthrottled visit warms the server (first reads of dist/web, the first meta query)
  const warm = await browser.newContext();
  await (await warm.newPage()).goto(`${server.url}/portal`, { waitUntil: 'networkidle' });
  await warm.close();
  const measured: Record<string, { cold: Summary; repeatVisit: Summary; runs: { cold: Visit[]; repeat: Visit[] } }> = {};
  for (const target of PAGES) {
    const cold: Visit[] = [];
    const repeat: Visit[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, deviceScaleFactor: 2, locale: 'zh-CN' });
      cold.push(await visit(context, `${server.url}${target.path}`, target.ready));
      repeat.push(await visit(context, `${server.url}${target.path}`, target.ready));
      await context.close();
      console.log(`${target.path} 第 ${i + 1}/${RUNS} 次：首次 ${JSON.stringify(cold.at(-1))}；再次 ${JSON.stringify(repeat.at(-1))}`);
    }
    measured[target.name] = { cold: summary(cold), repeatVisit: summary(repeat), runs: { cold, repeat } };
  }
  const home = measured.home!;
  const pass = PAGES.every((p) => measured[p.name]!.cold.fcpMs < TARGET_FCP_MS);
  const result = {
    benchmark: 'portal-phone',
    description:
      'issue 13: /portal, /portal/submit and /portal/track first-contentful-paint and usable time on an emulated cheap phone (Slow 3G 400 kbit/s, 400 ms RTT; CPU 4× slower; 360×640), cold cache',
    profile: { network: SLOW_3G, cpuSlowdown: CPU_SLOWDOWN, viewport: '360×640' },
    targets: { fcpMs: `< ${TARGET_FCP_MS}` },
    machine: machine(),
    // the home page's figures at the top level (as before), every page's below
    cold: home.cold,
    repeatVisit: home.repeatVisit,
    pages: Object.fromEntries(PAGES.map((p) => [p.name, { path: p.path, cold: measured[p.name]!.cold, repeatVisit: measured[p.name]!.repeatVisit }])),
    runs: Object.fromEntries(PAGES.map((p) => [p.name, measured[p.name]!.runs])),
    pass,
  };
  console.log(`结果：${writeResult(process.env.BENCH_PORTAL_PHONE_NAME ?? 'portal-phone', result)}`);
  console.log(JSON.stringify({ pages: result.pages, pass: result.pass }));
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
