import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Vendor groups split into their own chunks so the app code stays small and caches well. */
const VENDOR_CHUNKS: [chunk: string, test: RegExp][] = [
  ['vendor-echarts', /node_modules\/(echarts|zrender)\//],
  ['vendor-react', /node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//],
  ['vendor-antd', /node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|@babel\/runtime|dayjs|classnames|@emotion|stylis)\//],
];

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes a .br (quality 11) and a .gz (level 9) beside every text file of the build, once, so the server sends
 * compressed bytes without compressing per request (web-console.ts, @fastify/static preCompressed). A compressed copy
 * that is not smaller is not written.
 */
function precompress(outDir: string): Plugin {
  return {
    name: 'anwen-precompress',
    apply: 'build',
    async closeBundle() {
      const files = (fs.readdirSync(outDir, { recursive: true }) as string[]).filter((f) => /\.(js|css|html|svg|json|txt)$/.test(f));
      await Promise.all(
        files.map(async (f) => {
          const file = path.join(outDir, f);
          const raw = fs.readFileSync(file);
          if (raw.length < 512) return;
          const [br, gz] = await Promise.all([
            brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
            gzip(raw, { level: 9 }),
          ]);
          if (br.length < raw.length) fs.writeFileSync(`${file}.br`, br);
          if (gz.length < raw.length) fs.writeFileSync(`${file}.gz`, gz);
        }),
      );
    },
  };
}

const OUT_DIR = path.join(here, 'dist/web');

/**
 * The staff console: root src/web, output dist/web (served by the API server with an SPA fallback).
 * Everything is self-hosted (CSP script-src 'self'): no CDN, no inline scripts.
 */
export default defineConfig({
  root: path.join(here, 'src/web'),
  base: '/',
  plugins: [react(), precompress(OUT_DIR)],
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    // no inline module-preload polyfill script (CSP forbids inline scripts)
    modulePreload: { polyfill: false },
    rollupOptions: {
      // two entries: the staff console (/) and the citizens' portal (/portal, its own bundle, no staff login)
      input: { console: path.join(here, 'src/web/index.html'), portal: path.join(here, 'src/web/portal/index.html') },
      onwarn(warning, warn) {
        // antd ships "use client" directives; they are meaningless in a client-only bundle
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use client')) return;
        warn(warning);
      },
      output: {
        manualChunks(id: string) {
          for (const [chunk, test] of VENDOR_CHUNKS) if (test.test(id)) return chunk;
          return undefined;
        },
      },
    },
  },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
});
