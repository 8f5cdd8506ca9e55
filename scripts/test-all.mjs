#!/usr/bin/env node
// `npm test`: every test tier in order, streaming output, stopping at the first failure.
//   0. lint, format              eslint (boundaries: core ← kernel ← modules, module ← other module's index only,
//                                web ↛ server) and prettier --check
//   1. unit                      vitest --project unit
//   2. integration on PGlite     vitest --project integration (no database URL)
//   3. integration on PostgreSQL ANWEN_TEST_DATABASE_URL or DATABASE_URL, else a throwaway cluster
//                                started here from /usr/lib/postgresql/*/bin (stopped and deleted after)
//   4. e2e                       npm run build:web, then vitest --project e2e in /usr/bin/chromium
// Under CI=true a missing PostgreSQL or Chromium is a failure instead of a skip.
// Ends with one line per tier and a total line "N passed, M failed".
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const CI = process.env.CI === 'true' || process.env.CI === '1';
const CHROMIUM = process.env.ANWEN_CHROMIUM ?? '/usr/bin/chromium';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-test-'));
const tiers = []; // { name, status: 'passed'|'failed'|'skipped', passed, failed, note }
const cleanups = [];

function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (e) => {
      console.error(e);
      resolve(1);
    });
  });
}

/** Runs one vitest project and counts its tests from the JSON reporter. */
async function vitestTier(name, project, env, files = []) {
  const json = path.join(work, `${name}.json`);
  console.log(`\n━━━ ${name} ━━━`);
  const code = await run(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${json}`,
      ...files,
    ],
    env,
  );
  let passed = 0;
  let failed = 0;
  try {
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    passed = report.numPassedTests ?? 0;
    failed = report.numFailedTests ?? 0;
    // a file that fails to load counts as a failed suite with no failed test
    if (failed === 0 && report.numFailedTestSuites) failed = report.numFailedTestSuites;
  } catch {
    /* no report: the exit code decides */
  }
  if (code !== 0 && failed === 0) failed = 1;
  const ok = code === 0 && failed === 0;
  tiers.push({ name, status: ok ? 'passed' : 'failed', passed, failed, note: ok ? '' : `exit ${code}` });
  return ok;
}

/** The files of a tier's last JSON report that had a failing test, and how many of their tests passed. */
function failedFiles(name) {
  try {
    const report = JSON.parse(fs.readFileSync(path.join(work, `${name}.json`), 'utf8'));
    const failedResults = (report.testResults ?? []).filter((r) => r.status === 'failed');
    const passedInThem = failedResults.reduce((n, r) => n + (r.assertionResults ?? []).filter((a) => a.status === 'passed').length, 0);
    return { files: failedResults.map((r) => path.relative(ROOT, r.name)), passedInThem };
  } catch {
    return { files: [], passedInThem: 0 };
  }
}

function skip(name, note) {
  console.log(`\n━━━ ${name} ━━━\nskipped: ${note}`);
  tiers.push({ name, status: CI ? 'failed' : 'skipped', passed: 0, failed: CI ? 1 : 0, note: CI ? `${note} (CI=true: required)` : note });
  return !CI;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function findPgBin() {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : null;
}

/** Starts a throwaway cluster on 127.0.0.1 (as user postgres when we are root); returns its URL. */
async function startThrowawayPostgres(bin) {
  // its own temp dir directly under /tmp: user postgres must be able to reach it
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-ci-pg-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', dir], { stdio: 'inherit' });
  const wrap = (cmd, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  const sh = (cmd, args) => {
    const [c, a] = wrap(cmd, args);
    const r = spawnSync(c, a, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const data = path.join(dir, 'data');
  const port = await freePort();
  sh(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  cleanups.push(() => {
    try {
      sh(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      /* not running */
    }
  });
  sh(path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    path.join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  console.log(`started a throwaway PostgreSQL (${bin}) on 127.0.0.1:${port}`);
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

function summary() {
  console.log('\n━━━ summary ━━━');
  let passed = 0;
  let failed = 0;
  for (const t of tiers) {
    passed += t.passed;
    failed += t.failed;
    console.log(`${t.name.padEnd(28)} ${t.status.padEnd(8)} ${t.passed} passed, ${t.failed} failed${t.note ? `  (${t.note})` : ''}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && tiers.every((t) => t.status !== 'failed');
}

function cleanup() {
  for (const c of cleanups.reverse()) c();
  cleanups.length = 0;
  fs.rmSync(work, { recursive: true, force: true });
}

/** A tier that is one command (lint, format): passed when it exits 0. */
async function commandTier(name, cmd, args, env) {
  console.log(`\n━━━ ${name} ━━━`);
  const code = await run(cmd, args, env);
  tiers.push({
    name,
    status: code === 0 ? 'passed' : 'failed',
    passed: code === 0 ? 1 : 0,
    failed: code === 0 ? 0 : 1,
    note: code === 0 ? '' : `exit ${code}`,
  });
  return code === 0;
}

async function main() {
  const base = { ...process.env };
  delete base.ANWEN_TEST_DATABASE_URL;
  const serverUrl = process.env.ANWEN_TEST_DATABASE_URL || process.env.DATABASE_URL;
  delete base.DATABASE_URL;

  // code health first: the architecture's boundaries and typescript-eslint, then the formatting
  if (!(await commandTier('lint (ESLint)', process.execPath, [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--max-warnings=0', '.'], base))) return;
  if (
    !(await commandTier(
      'format (Prettier)',
      process.execPath,
      [path.join(ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level=warn', '.'],
      base,
    ))
  )
    return;
  if (!(await vitestTier('unit', 'unit', base))) return;
  if (!(await vitestTier('integration (PGlite)', 'integration', base))) return;

  let url = serverUrl;
  if (!url) {
    const bin = findPgBin();
    if (bin) {
      try {
        url = await startThrowawayPostgres(bin);
      } catch (error) {
        console.error(String(error));
        tiers.push({ name: 'integration (PostgreSQL)', status: 'failed', passed: 0, failed: 1, note: 'could not start PostgreSQL' });
        return;
      }
    }
  }
  if (url) {
    if (!(await vitestTier('integration (PostgreSQL)', 'integration', { ...base, ANWEN_TEST_DATABASE_URL: url }))) return;
  } else if (!skip('integration (PostgreSQL)', 'no PostgreSQL (set DATABASE_URL or install postgresql)')) return;

  if (fs.existsSync(CHROMIUM)) {
    console.log('\n━━━ build:web ━━━');
    const code = await run('npm', ['run', 'build:web'], base);
    if (code !== 0) {
      tiers.push({ name: 'e2e (Chromium)', status: 'failed', passed: 0, failed: 1, note: 'build:web failed' });
      return;
    }
    if (!(await vitestTier('e2e (Chromium)', 'e2e', base))) {
      // A browser journey runs against a real server on a real clock. Journeys have hung now and then in CI (an action's
      // request never answered) and never locally; until that is explained, a failed journey file is run once more with a
      // fresh server, and the summary says so. A journey that fails twice fails the run.
      const { files, passedInThem } = failedFiles('e2e (Chromium)');
      if (files.length > 0 && files.length <= 3) {
        const first = tiers.pop();
        console.log(`\n重试一次失败的浏览器旅程（首次：${first.passed} 通过，${first.failed} 失败）：${files.join(', ')}`);
        if (await vitestTier('e2e (Chromium) retry', 'e2e', base, files)) {
          const retry = tiers.pop();
          tiers.push({
            name: 'e2e (Chromium)',
            status: 'passed',
            passed: first.passed - passedInThem + retry.passed,
            failed: 0,
            note: `retried once: ${files.join(', ')}`,
          });
        } else {
          const retry = tiers.pop();
          tiers.push({ name: 'e2e (Chromium)', status: 'failed', passed: first.passed, failed: retry.failed, note: `failed twice: ${files.join(', ')}` });
        }
      }
    }
  } else skip('e2e (Chromium)', `no Chromium at ${CHROMIUM}`);
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}
try {
  await main();
} finally {
  cleanup();
}
process.exitCode = summary() ? 0 : 1;
