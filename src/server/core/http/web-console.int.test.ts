import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE_CACHE, registerWebConsole } from './web-console.ts';

/**
 * The built web as a cheap phone receives it: hashed assets compressed (the build's .br/.gz chosen by Accept-Encoding)
 * and cached for a year, the HTML pages revalidated every time. A throw-away dist folder stands in for dist/web.
 */
describe('static web: precompressed, immutable hashed assets, revalidated HTML', () => {
  let dir: string;
  let app: FastifyInstance;
  const js = `export const portal = ${JSON.stringify('网上信访'.repeat(200))};\n`;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.mkdirSync(path.join(dir, 'portal'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>控制台</title>');
    fs.writeFileSync(path.join(dir, 'portal', 'index.html'), '<!doctype html><title>网上信访</title>');
    const asset = path.join(dir, 'assets', 'portal-AbC123.js');
    fs.writeFileSync(asset, js);
    fs.writeFileSync(`${asset}.br`, zlib.brotliCompressSync(js));
    fs.writeFileSync(`${asset}.gz`, zlib.gzipSync(js));
    app = Fastify();
    await registerWebConsole(app, dir);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends the brotli file to a browser that accepts br, with its type, Vary and a year of immutable caching', async () => {
    const r = await app.inject({ url: '/assets/portal-AbC123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers['vary']).toMatch(/accept-encoding/i);
    expect(r.headers['cache-control']).toBe(IMMUTABLE_CACHE);
    expect(zlib.brotliDecompressSync(r.rawPayload).toString()).toBe(js);
  });

  it('sends gzip to a browser without brotli, and the plain file to one that accepts no encoding', async () => {
    const gz = await app.inject({ url: '/assets/portal-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(js);
    expect(gz.headers['cache-control']).toBe(IMMUTABLE_CACHE);
    const plain = await app.inject({ url: '/assets/portal-AbC123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
  });

  it('answers the HTML of the console and of every portal route with no-cache, so a new build is seen at once', async () => {
    for (const url of ['/', '/xf/12', '/portal', '/portal/track']) {
      const r = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toMatch(/text\/html/);
      expect(r.headers['cache-control'], url).toBe('no-cache');
      expect(r.body, url).toContain(url.startsWith('/portal') ? '网上信访' : '控制台');
    }
  });

  it('answers 404 for a hashed asset that does not exist instead of an HTML page cached for a year', async () => {
    const r = await app.inject({ url: '/assets/portal-OLD999.js' });
    expect(r.statusCode).toBe(404);
    expect(r.headers['cache-control']).not.toBe(IMMUTABLE_CACHE);
  });
});
