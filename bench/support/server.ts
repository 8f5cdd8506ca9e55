import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BENCH_TMP = path.join(ROOT, '.tmp/bench');
export const BENCH_ADMIN_PASSWORD = 'BenchAdmin2026';

/** A free port on 127.0.0.1 — or ANWEN_BENCH_PORT for the first server a benchmark starts (a run on a shared machine keeps to its own port). */
let portTaken = false;
export function freePort(): Promise<number> {
  // a lane's own port when the machine is shared (the first server a benchmark starts takes it)
  const fixed = Number(process.env.ANWEN_BENCH_PORT ?? 0);
  if (fixed && !portTaken) {
    portTaken = true;
    return Promise.resolve(fixed);
  }
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Resident memory of a process in MiB (Linux /proc), the PGlite worker thread included. */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/** `npm start` rebuilds the console when dist/web is missing; do that once, outside any timing. */
export function ensureWebBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) return;
  const r = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build:web failed');
}

export function anwenEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ANWEN_DATA_DIR: dataDir,
    ANWEN_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...extra,
  };
  delete env.DATABASE_URL;
  return env;
}

/** Runs an `anwen` command to completion (throws on a non-zero exit). */
export function anwen(args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/anwen.mjs'), ...args], { cwd: ROOT, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`anwen ${args.join(' ')} exited ${r.status}`);
}

/** A data dir holding the demo county plus `count` bulk items, built once and cached under .tmp/. */
export function ensureBulkDataDir(count: number): string {
  const dir = path.join(BENCH_TMP, `bulk-${count}`);
  if (fs.existsSync(path.join(dir, '.bench-ready'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  console.log(`生成基准数据目录 ${dir}（${count} 条事项，只需一次）…`);
  const t0 = performance.now();
  anwen(['seed', '--bulk', String(count)], anwenEnv(dir));
  fs.writeFileSync(path.join(dir, '.bench-ready'), JSON.stringify({ count, seconds: Math.round((performance.now() - t0) / 1000) }));
  return dir;
}

export interface RunningServer {
  pid: number;
  url: string;
  /** from spawn to the first 200 on /healthz */
  msToHealthy: number;
  stop(): Promise<void>;
}

/** Spawns `node bin/anwen.mjs start` (what `npm start` runs) and waits for /healthz 200. */
export async function startServer(dataDir: string, extraEnv: Record<string, string> = {}, timeoutMs = 120_000): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin/anwen.mjs'), 'start'], {
    cwd: ROOT,
    env: anwenEnv(dataDir, { PORT: String(port), ...extraEnv }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = async () => {
    if (exited) return;
    const done = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await done;
    clearTimeout(timer);
  };
  for (;;) {
    if (exited) throw new Error(`服务器提前退出：\n${output}`);
    if (performance.now() - t0 > timeoutMs) {
      await stop();
      throw new Error(`服务器 ${timeoutMs} ms 内未就绪：\n${output}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { pid: child.pid!, url, msToHealthy: Math.round(performance.now() - t0), stop };
}

export function writeResult(name: string, data: object): string {
  const dir = path.join(ROOT, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  return file;
}

export function machine() {
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? null,
    measuredAt: new Date().toISOString(),
  };
}
