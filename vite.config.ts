import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Vendor groups split into their own chunks so the app code stays small and caches well. */
const VENDOR_CHUNKS: [chunk: string, test: RegExp][] = [
  ['vendor-echarts', /node_modules\/(echarts|zrender)\//],
  ['vendor-react', /node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//],
  ['vendor-antd', /node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|@babel\/runtime|dayjs|classnames|@emotion|stylis)\//],
];

/**
 * The staff console: root src/web, output dist/web (served by the API server with an SPA fallback).
 * Everything is self-hosted (CSP script-src 'self'): no CDN, no inline scripts.
 */
export default defineConfig({
  root: path.join(here, 'src/web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist/web'),
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
