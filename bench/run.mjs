#!/usr/bin/env node
// `npm run bench`: runs each benchmark script (tsx) in turn, then prints the figures from
// bench/results/*.json. Benchmarks are never timed tests; their JSON results are committed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCRIPTS = [
  'deadline-throughput.ts',
  'startup-memory.ts',
  'stall.ts',
  'petition-registrations.ts',
  'petitions.ts',
  'portal.ts',
  'portal-phone.ts',
  'hazard-quality.ts',
  'hazard-ledger.ts',
  'dashboard.ts',
  'disputes.ts',
];
const only = process.argv.slice(2);
const tsx = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

let failed = 0;
for (const script of SCRIPTS) {
  const name = script.replace(/\.ts$/, '');
  if (only.length && !only.includes(name)) continue;
  const file = path.join(ROOT, 'bench', script);
  if (!fs.existsSync(file)) {
    console.log(`— ${name}: 脚本不存在，跳过`);
    continue;
  }
  console.log(`\n━━━ ${name} ━━━`);
  const r = spawnSync(process.execPath, [tsx, file], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`${name} 失败（退出码 ${r.status}）`);
  }
}

console.log('\n━━━ 结果汇总（bench/results） ━━━');
const dir = path.join(ROOT, 'bench/results');
for (const f of fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : []) {
  const data = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  console.log(`${f}: ${summarise(data)}`);
}
process.exitCode = failed ? 1 : 0;

function summarise(d) {
  if (d.benchmark === 'startup-memory') {
    return (
      d.runs.map((r) => `${r.label} ${r.msToHealthy} ms / ${Math.max(r.rssAfterStartMiB, r.rssAfterBurstMiB)} MiB`).join('; ') +
      (d.pass ? '  ✔ 达标' : '  ✘ 未达标')
    );
  }
  if (d.benchmark === 'stall') {
    return (
      `轻请求 p99 ${d.lightNoDatabase.latencyMs.p99} ms / 最长 ${d.lightNoDatabase.latencyMs.max} ms；触库 /healthz 最长 ${d.lightWithDatabase.latencyMs.max} ms；重查询中位 ${d.lightNoDatabase.heavyMs.median} ms` +
      (d.pass ? '  ✔ 达标' : '  ✘ 未达标')
    );
  }
  if (d.benchmark === 'petition-registrations') {
    const r = d.postgres;
    return (
      `登记 ${r.registerPetition.reqPerSec}/s（裸插入 ${r.bareInsert.reqPerSec}/s，${Math.round(r.ratio * 100)} %，p99 ${r.registerPetition.p99} ms）` +
      (d.pass ? '  ✔ 达标' : '  ✘ 未达标')
    );
  }
  if (d.benchmark === 'portal') {
    const line = (k) => (d[k] ? `${k} ${d[k].submissions.reqPerSec}/s p99 ${d[k].submissions.p99} ms` : null);
    return [line('postgres'), line('pglite')].filter(Boolean).join('；') + (d.pass === undefined ? '' : d.pass ? '  ✔ 达标' : '  ✘ 未达标');
  }
  if (d.benchmark === 'portal-phone') {
    const names = { home: '首页', submit: '填写页', track: '查询页' };
    const pages = d.pages
      ? Object.entries(d.pages)
          .map(([k, p]) => `${names[k] ?? k} 首次内容绘制 ${p.cold.fcpMs} ms / 可用 ${p.cold.usableMs} ms / ${p.cold.transferredKiB} KiB`)
          .join('；')
      : `首次内容绘制 ${d.cold.fcpMs} ms，首页可用 ${d.cold.usableMs} ms，传输 ${d.cold.transferredKiB} KiB；再次访问 ${d.repeatVisit.fcpMs} ms`;
    return `慢速 3G + 4× CPU：${pages}` + (d.pass ? '  ✔ 达标' : '  ✘ 未达标');
  }
  if (d.benchmark === 'petitions') {
    const reads = ['postgres', 'pglite'].flatMap((kind) =>
      Object.entries(d[kind]?.reads ?? {}).map(
        ([n, r]) => `${kind} ${n} 件：统计 ${r.stats.medianMs} / 超期首页 ${r.overdueFirstPage.medianMs} / 重复提示 ${r.repeatCandidates.medianMs} ms`,
      ),
    );
    return reads.join('；') + (d.pass === undefined ? '' : d.pass ? '  ✔ 达标' : '  ✘ 未达标');
  }
  if (d.benchmark === 'hazard-quality') {
    const w = d.withChecklistItem;
    return (
      `隐患描述质量判定每次 CPU p50 ${w.cpuP50Ms} / p99 ${w.cpuP99Ms} ms，墙钟 p50 ${w.p50Ms} / p99 ${w.p99Ms} ms（负载 ${d.loadAverage1m}），首次含加载 ${d.firstCallMs} ms，模型 ${d.modelFileKiB} KiB` +
      (d.pass ? '  ✔ 达标' : '  ✘ 未达标')
    );
  }
  if (d.benchmark === 'hazard-ledger') {
    const c = (n, r) => `${n} API ${r.api.p50Ms} ms / 裸 SQL ${r.raw.p50Ms} ms（${r.ratio}×）`;
    const e = d.export;
    return (
      `${d.hazards} 条隐患：${c('台账筛选首页', d.ledgerPage)}；${c('按乡镇统计', d.statsByTownship)}；${c('按级别统计', d.statsByGrade)}；导出 ${e.rows} 行 ${e.wallMs} ms、RSS 增长 ${e.rssGrowthMiB} MiB` +
      (d.pass ? '  ✔ 达标' : '  ✘ 未达标')
    );
  }
  const keys = Object.entries(d)
    .filter(([, v]) => typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string')
    .slice(0, 6);
  return keys.map(([k, v]) => `${k}=${v}`).join(' ');
}
