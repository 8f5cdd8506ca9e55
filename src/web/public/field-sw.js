/* global self, caches, Request, URL, fetch, Response */
/* 现场检查's service worker: keeps the console's shell (the page and its hashed assets) so that the field page
   reopens without signal; registered only by the field page and only where the browser allows it (HTTPS or
   localhost). It never touches /api, /open311 or the portal: data and records go through the page's own outbox. */
const CACHE = 'anwen-shell-v1';
const SHELL = '/safety/field';

// the page and every hashed asset it names (the scripts and styles it needs to start), kept at installation
async function keepShell() {
  const cache = await caches.open(CACHE);
  const res = await fetch(new Request(SHELL, { cache: 'reload' }));
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put(SHELL, res);
  const assets = [...new Set(html.match(/\/assets\/[^"'\s>]+/g) || [])];
  await cache.addAll(assets);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    keepShell()
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('anwen-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (/^\/(api|open311|portal)(\/|$)/.test(url.pathname)) return;
  if (req.mode === 'navigate') {
    // the network first (a new release is seen at once); the kept page only when there is no answer
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            void caches.open(CACHE).then((c) => c.put(SHELL, copy));
          }
          return res;
        })
        .catch(() => caches.match(SHELL).then((hit) => hit || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // hashed file names never change content: the kept copy first
    event.respondWith(
      caches.match(req).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            if (res.ok) {
              const copy = res.clone();
              void caches.open(CACHE).then((c) => c.put(req, copy));
            }
            return res;
          }),
      ),
    );
  }
});
