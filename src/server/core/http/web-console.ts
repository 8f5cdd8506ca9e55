import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../dist/web');

/** Serves the built staff console (dist/web) with an SPA fallback for its client-side routes. */
export async function registerWebConsole(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    app.log.warn('dist/web 不存在：控制台未构建（npm run build:web）');
    return;
  }
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: ['index.html'] });
  const indexHtml = fs.readFileSync(path.join(WEB_DIST, 'index.html'));
  const portalIndex = path.join(WEB_DIST, 'portal', 'index.html');
  const portalHtml = fs.existsSync(portalIndex) ? fs.readFileSync(portalIndex) : null;
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const file = path.join(WEB_DIST, path.normalize(url));
    if (file.startsWith(WEB_DIST) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(WEB_DIST, file));
    }
    if (url.startsWith('/api/')) return reply.callNotFound();
    // the citizens' portal is a separate bundle with its own client-side routes under /portal
    if ((url === '/portal' || url.startsWith('/portal/')) && portalHtml) return reply.type('text/html; charset=utf-8').send(portalHtml);
    return reply.type('text/html; charset=utf-8').send(indexHtml);
  });
}
