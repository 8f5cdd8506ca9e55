import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DIST_INDEX = path.join(ROOT, 'dist/web/index.html');

export interface RunningServer {
  baseUrl: string;
  adminPassword: string;
  /** the shared demo password printed by the first start (undefined if the seed printed none) */
  demoPassword?: string;
  /** everything the server printed so far (for failure messages) */
  output: () => string;
  stop: () => Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`服务器提前退出（退出码 ${child.exitCode}）：\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`等待 ${baseUrl}/healthz 超时（${timeoutMs} ms）：\n${output()}`);
}

/**
 * Starts the real server (`node bin/anwen.mjs start`, as `npm start` does) on a free port with a
 * throw-away embedded data dir, waits for /healthz and for the start-up banner, and returns how to reach it.
 * The console must already be built: scripts/test-all.mjs runs `npm run build:web` before this tier.
 */
export async function startServer(opts: { adminPassword?: string; timeoutMs?: number } = {}): Promise<RunningServer> {
  if (!fs.existsSync(DIST_INDEX)) {
    throw new Error(`未找到 ${path.relative(ROOT, DIST_INDEX)}：端到端测试需要已构建的控制台，请先运行 npm run build:web`);
  }
  const adminPassword = opts.adminPassword ?? 'E2e-admin-2026';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ANWEN_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ANWEN_ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL; // journeys run on the embedded database, like a newcomer's `npm start`
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/anwen.mjs'), 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  // passed straight to the test log: the embedded database's stall warnings and the server's own errors (pino level ≥ 50),
  // so a journey that hangs or fails shows what the server said
  const passThrough = (d: Buffer) => {
    for (const line of d.toString().split('\n')) {
      if (line.startsWith('[pglite]')) process.stderr.write(`${line}\n`);
      else if (/"level":(50|60)/.test(line)) process.stderr.write(`[server] ${line.slice(0, 2000)}\n`);
    }
  };
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
    passThrough(d);
  });
  child.stdout?.on('data', passThrough);
  const output = () => out;
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
      }, 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, output, opts.timeoutMs ?? 150_000);
    // the banner with the demo logins is printed right after listen()
    const bannerDeadline = Date.now() + 10_000;
    while (!out.includes('已启动') && Date.now() < bannerDeadline) await new Promise((r) => setTimeout(r, 100));
  } catch (err) {
    await stop();
    throw err;
  }
  const demoPassword = /密码均为\s*([^\s）)]+)/.exec(out)?.[1];
  return { baseUrl, adminPassword, demoPassword, output, stop };
}
