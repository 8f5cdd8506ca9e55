import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance } from 'fastify';

/**
 * helmet's security headers (CSP, frame and referrer policies, HSTS when the cookies are secure…) on every answer. The
 * middleware is built once: @fastify/helmet built it again for every request (parsing the CSP directives each time),
 * measured at ~5 % of the server's main thread under portal load.
 */
export function addSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const apply = helmet(options);
  app.addHook('onRequest', (request, reply, done) => {
    apply(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
}

/**
 * `Cache-Control: no-store` on every answer of the APIs (`/api/…`, `/open311/…`) that did not set its own (downloads
 * set `private, no-store`): their answers carry personal data — a revealed phone number, a petitioner's name — that
 * no browser or proxy cache may keep. Errors included. The console's static files keep their caching.
 */
export function addNoStoreToApi(app: FastifyInstance, prefixes: readonly string[] = ['/api/', '/open311/']): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control') && prefixes.some((p) => request.url.startsWith(p))) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
