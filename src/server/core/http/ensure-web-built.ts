import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { WEB_DIST } from './web-console.ts';

/**
 * `npm start` on a fresh checkout: the console is built once (≈15 s) if dist/web is missing,
 * so a newcomer needs no extra command. Later starts skip this (rebuild: npm run build:web).
 */
export function ensureWebBuilt(): void {
  if (process.env.ANWEN_WEB_BUILD === '0') return; // API-only runs (tests, headless servers)
  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) return;
  const root = path.resolve(WEB_DIST, '../..');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(vite) || !fs.existsSync(path.join(root, 'vite.config.ts'))) return;
  console.log('首次启动：正在构建管理控制台（约 15 秒）…');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) console.error('控制台构建失败：API 仍可使用；请运行 npm run build:web 查看原因');
}
