/**
 * Start-up to serving and resident memory of `npm start` (node bin/anwen.mjs start) on embedded
 * PGlite: (1) an empty data dir — first start: initdb, migrations, calendar and demo county;
 * (2) a data dir holding the demo county + 100,000 bulk items (anwen seed --bulk 100000), reopened.
 * Time = spawn → first 200 on /healthz. RSS of the server process (PGlite worker thread included)
 * right after start and after a 5 s burst of requests. Targets: < 10 s and < 700 MB.
 * Run: npx tsx bench/startup-memory.ts   → bench/results/startup-memory.json
 */
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { BENCH_TMP, ensureBulkDataDir, ensureWebBuilt, machine, rssMiB, startServer, writeResult } from './support/server.ts';

const BULK = Number(process.env.BENCH_BULK ?? 100_000);
const TARGET_START_MS = 10_000;
const TARGET_RSS_MIB = 700;

async function measure(label: string, dataDir: string) {
  const server = await startServer(dataDir);
  try {
    await new Promise((r) => setTimeout(r, 1000)); // let start-up work (first job ticks) settle
    const rssAfterStart = rssMiB(server.pid);
    // a bounded burst on loopback: health (DB) and public system info (DB), 10 connections, 5 s
    const burst = await Promise.all([
      autocannon({ url: `${server.url}/healthz`, connections: 5, duration: 5 }),
      autocannon({ url: `${server.url}/api/v1/system/info`, connections: 5, duration: 5 }),
    ]);
    const rssAfterBurst = rssMiB(server.pid);
    const result = {
      label,
      msToHealthy: server.msToHealthy,
      rssAfterStartMiB: rssAfterStart,
      rssAfterBurstMiB: rssAfterBurst,
      burstRequests: burst.reduce((s, b) => s + b.requests.total, 0),
      burstErrors: burst.reduce((s, b) => s + b.errors + b.non2xx, 0),
      meetsTargets: server.msToHealthy < TARGET_START_MS && Math.max(rssAfterStart, rssAfterBurst) < TARGET_RSS_MIB,
    };
    console.log(`${label}: 就绪 ${result.msToHealthy} ms，启动后 RSS ${rssAfterStart} MiB，压测后 ${rssAfterBurst} MiB（${result.burstRequests} 次请求）`);
    return result;
  } finally {
    await server.stop();
  }
}

ensureWebBuilt();
const emptyDir = path.join(BENCH_TMP, 'empty');
fs.rmSync(emptyDir, { recursive: true, force: true });
const empty = await measure('empty data dir (first start)', emptyDir);
const emptyAgain = await measure('same dir, second start', emptyDir);
fs.rmSync(emptyDir, { recursive: true, force: true });
const bulkDir = ensureBulkDataDir(BULK);
const bulk = await measure(`${BULK} items (reopen)`, bulkDir);

const file = writeResult('startup-memory', {
  benchmark: 'startup-memory',
  description: 'npm start on embedded PGlite: spawn → first /healthz 200, and RSS of the server process',
  targets: { msToHealthy: `< ${TARGET_START_MS}`, rssMiB: `< ${TARGET_RSS_MIB}` },
  machine: machine(),
  runs: [empty, emptyAgain, bulk],
  pass: [empty, emptyAgain, bulk].every((r) => r.meetsTargets),
});
console.log(`结果：${file}`);
