/**
 * 网上信访 portal submissions (issue 4, "Proof"): autocannon, 50 connections × 10 s on loopback (three runs after a warm-up;
 * the median run by p99 is reported, every run is kept in `runs`), POST /api/v1/portal/petitions
 * as a citizen would send it (captcha answered, Idempotency-Key per submission, notice accepted; attachments excluded), on
 * PostgreSQL and on embedded PGlite. Target on PostgreSQL: p99 < 100 ms. As deployed behind a reverse proxy: citizens' addresses
 * arrive in X-Forwarded-For (a pool of 5,000 addresses, so the per-address limits count as they would, raised for the run);
 * captchas are created beforehand through the module (each is single use), in test-answer mode. The load generator runs in
 * a worker thread (bench/support/load.ts), off the server's event loop.
 * Run: npx tsx bench/portal.ts   → bench/results/portal.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '../src/server/core/db/database.ts';
import { createCaptcha } from '../src/server/modules/petitions/portal/captcha.ts';
import { fakeName, fakePhone } from './support/bulk-petitions.ts';
import { createDatabase, PG_URL, reachable, setUp, summary } from './support/petition-bench.ts';
import { load, type PreparedRequest } from './support/load.ts';
import { BENCH_TMP, machine, writeResult } from './support/server.ts';
import { solvePow } from '../test/support/portal-captcha.ts';

const TARGET_P99_MS = 100;
const ANSWER = '7';
const WARM_UP_CAPTCHAS = 5_000;
/** measured runs per backend: on a shared 2-core VM one run's figures vary by ±15 %, so the median run is reported */
const RUNS = 3;
/** per measured run: more than 10 s can use at ~1,000/s, so no run reuses a captcha */
const RUN_CAPTCHAS = Number(process.env.BENCH_PORTAL_RUN_CAPTCHAS ?? 12_000);
const CAPTCHAS = WARM_UP_CAPTCHAS + RUNS * RUN_CAPTCHAS;

async function onBackend(kind: 'postgres' | 'pglite', database: Database) {
  // each submission comes from another address, named by X-Forwarded-For as a proxy would
  const s = await setUp(database, { captchaTestAnswer: ANSWER, trustProxy: 1 });
  try {
    const db = database.db;
    const unlimited = { max: 1_000_000_000, windowSeconds: 3600 };
    await db
      .insertInto('settings')
      .values({ key: 'portal.rate_limits', value: JSON.stringify({ submitPerIp: unlimited, submitPerPhone: unlimited, captchaPerIp: unlimited }) })
      .execute();
    const meta = (await (await fetch(`${s.url}/api/v1/portal/meta`)).json()) as { noticeVersion: string };
    console.log(`[${kind}] 预先生成 ${CAPTCHAS} 个验证码…`);
    // the benchmark measures registration, not the browser's proof of work: the smallest work the config allows
    const captchas: { id: string; nonce: string }[] = [];
    for (let i = 0; i < CAPTCHAS; i += 100) {
      const made = await Promise.all(
        Array.from({ length: Math.min(100, CAPTCHAS - i) }, () => createCaptcha(db, { now: new Date(), testAnswer: ANSWER, powBits: 8 })),
      );
      captchas.push(...made.map((c) => ({ id: c.id, nonce: solvePow(c.id, c.pow.bits) })));
    }
    let n = 0;
    const submission = (captcha: { id: string; nonce: string }): PreparedRequest => {
      const i = n++;
      return {
        method: 'POST',
        path: '/api/v1/portal/petitions',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
          'x-forwarded-for': `10.${i % 20}.${Math.floor(i / 20) % 250}.${((i * 7) % 250) + 1}`,
        },
        body: JSON.stringify({
          matterType: 'appeal',
          categoryId: s.categoryId,
          placeUnitId: s.placeUnitId,
          title: `小区供暖不达标 ${i}`,
          content: `入冬以来室内温度长期低于十六度，多次向物业反映未解决（第 ${i} 件）。`,
          anonymous: false,
          name: fakeName(i + 7),
          phone: fakePhone(i * 13 + 5),
          attachments: [],
          consent: true,
          noticeVersion: meta.noticeVersion,
          captcha: { id: captcha.id, answer: ANSWER, nonce: captcha.nonce },
        }),
      };
    };
    // each captcha is single use: the warm-up and every measured run get disjoint ones
    const warmUp = captchas.slice(0, WARM_UP_CAPTCHAS).map(submission);
    await load({ url: s.url, connections: 50, duration: 3, requests: warmUp });
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      const measured = captchas.slice(WARM_UP_CAPTCHAS + run * RUN_CAPTCHAS, WARM_UP_CAPTCHAS + (run + 1) * RUN_CAPTCHAS).map(submission);
      console.log(`[${kind}] 网上提交（50 连接 × 10 s，第 ${run + 1}/${RUNS} 轮）…`);
      const r = summary(await load({ url: s.url, connections: 50, duration: 10, requests: measured }));
      if (r.total > measured.length) console.log(`  注意：提交数 ${r.total} 超过本轮预生成验证码 ${measured.length}，超出部分会因验证码失效被拒`);
      console.log(JSON.stringify(r));
      runs.push(r);
    }
    // the median run by p99 (the target's figure)
    const median = [...runs].sort((a, b) => a.p99 - b.p99)[Math.floor(RUNS / 2)]!;
    return { backend: kind, connections: 50, durationS: 10, submissions: median, runs, captchas: captchas.length };
  } finally {
    await s.testApp.app.close();
  }
}

fs.mkdirSync(BENCH_TMP, { recursive: true });
const result: Record<string, unknown> = {
  benchmark: 'portal',
  description: 'issue 4 proof: citizen submissions through POST /api/v1/portal/petitions at 50 concurrent clients (attachments excluded)',
  targets: { postgresP99Ms: `< ${TARGET_P99_MS}` },
  machine: machine(),
};
if (await reachable()) {
  const created = await createDatabase();
  const database = await openDatabase({ databaseUrl: created.url, poolMax: 20 });
  try {
    result.postgres = await onBackend('postgres', database);
  } finally {
    await database.close();
    await created.drop();
  }
} else {
  console.log(`— portal: PostgreSQL ${PG_URL.replace(/:[^:@/]+@/, ':***@')} 不可达，只测嵌入式数据库`);
}
{
  const dataDir = fs.mkdtempSync(path.join(BENCH_TMP, 'portal-pglite-'));
  const embedded = await openDatabase({ dataDir });
  try {
    result.pglite = await onBackend('pglite', embedded);
  } finally {
    await embedded.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
const pgRun = result.postgres as { submissions: { p99: number; non2xx: number; errors: number } } | undefined;
result.pass = pgRun ? pgRun.submissions.p99 < TARGET_P99_MS && pgRun.submissions.non2xx === 0 && pgRun.submissions.errors === 0 : undefined;
console.log(`结果：${writeResult('portal', result)}`);
