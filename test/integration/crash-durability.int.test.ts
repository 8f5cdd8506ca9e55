import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../e2e/support/server.ts';

/**
 * "An acknowledged submission survives a crash": the real server on the embedded database is
 * killed with SIGKILL right after it answered a write; on restart the write is there and the
 * audit chain still verifies. (On PostgreSQL this is the server's own WAL guarantee.)
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN_PASSWORD = 'Crash-test-2026';
/** outside the demo the admin's ANWEN_ADMIN_PASSWORD must be changed at first sign-in: the test then uses this one */
const OWN_PASSWORD = 'Own-crash-test-2026';
let password = ADMIN_PASSWORD;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-crash-'));
const children: ChildProcess[] = [];

function env(port: number): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    ANWEN_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ANWEN_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ANWEN_DEMO: '0',
    ANWEN_WEB_BUILD: '0',
    LOG_LEVEL: 'warn',
  };
  delete e.DATABASE_URL;
  return e;
}

async function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/anwen.mjs'), 'start'], { cwd: ROOT, env: env(port), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { child, base };
    } catch {
      /* not yet listening */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy:\n${out}`);
}

async function signIn(base: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken, user } = (await res.json()) as { csrfToken: string; user: { mustChangePassword: boolean } };
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  if (user.mustChangePassword) {
    const changed = await fetch(`${base}/api/v1/auth/password`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ oldPassword: password, newPassword: OWN_PASSWORD }),
    });
    expect(changed.status).toBe(204);
    password = OWN_PASSWORD;
  }
  return headers;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(children.map(exited));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// embedded only: on a PostgreSQL server durability is the server's WAL, not ours
describe.skipIf(Boolean(process.env.ANWEN_TEST_DATABASE_URL))('crash durability on the embedded database', () => {
  it('keeps an acknowledged write across SIGKILL, and the audit chain verifies', async () => {
    const first = await startServer();
    const headers = await signIn(first.base);
    const units = (await (await fetch(`${first.base}/api/v1/units`, { headers })).json()) as { items: { id: number; parentId: number | null }[] };
    const root = units.items.find((u) => u.parentId === null)!;
    const created = await fetch(`${first.base}/api/v1/units`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ parentId: root.id, code: 'CRASH01', name: '崩溃测试镇', kind: 'township' }),
    });
    expect(created.status).toBeLessThan(300);

    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = await startServer();
    const again = await signIn(second.base);
    const after = (await (await fetch(`${second.base}/api/v1/units`, { headers: again })).json()) as { items: { name: string }[] };
    expect(after.items.map((u) => u.name)).toContain('崩溃测试镇');
    second.child.kill('SIGTERM');
    await exited(second.child);

    const verify = spawnSync(process.execPath, [path.join(ROOT, 'bin/anwen.mjs'), 'audit', 'verify'], { cwd: ROOT, env: env(0), encoding: 'utf8' });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toContain('审计链完整');
  }, 240_000);
});
