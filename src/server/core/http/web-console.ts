import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../dist/web');

/** Hashed build output (Vite names every file under assets/ by its content): a new build never reuses a name. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** Everything else (the two HTML pages, favicon): the browser asks again each time, so a new build is seen at once. */
export const REVALIDATE_CACHE = 'no-cache';

const cacheControlFor = (file: string, root: string) => (path.relative(root, file).split(path.sep)[0] === 'assets' ? IMMUTABLE_CACHE : REVALIDATE_CACHE);

/**
 * Serves the built staff console (dist/web) with an SPA fallback for its client-side routes, and the citizens' portal
 * under /portal. The build writes a .br and a .gz beside every text asset (vite.config.ts), sent with Content-Encoding
 * when the browser accepts it (Vary: accept-encoding) — on a slow phone connection the bytes are the page's cost.
 */
export async function registerWebConsole(app: FastifyInstance, root: string = WEB_DIST): Promise<void> {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    app.log.warn('dist/web 不存在：控制台未构建（npm run build:web）');
    return;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply: FastifyReply, file: string) => void reply.header('cache-control', cacheControlFor(file, root)),
  });
  const html = (reply: FastifyReply, body: Buffer) => reply.type('text/html; charset=utf-8').header('cache-control', REVALIDATE_CACHE).send(body);
  const indexHtml = fs.readFileSync(path.join(root, 'index.html'));
  const portalIndex = path.join(root, 'portal', 'index.html');
  const portalHtml = fs.existsSync(portalIndex) ? fs.readFileSync(portalIndex) : null;
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const file = path.join(root, path.normalize(url));
    if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(root, file));
    }
    if (url.startsWith('/api/')) return reply.callNotFound();
    // a missing hashed asset is a 404, never the HTML page (a stale tab asking for an old chunk must fail visibly)
    if (url.startsWith('/assets/')) return reply.callNotFound();
    // the citizens' portal is a separate bundle with its own client-side routes under /portal
    if ((url === '/portal' || url.startsWith('/portal/')) && portalHtml) return html(reply, portalHtml);
    return html(reply, indexHtml);
  });
}
