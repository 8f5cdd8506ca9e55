// Runs PGlite (PostgreSQL compiled to WASM) on its own thread and serves it on a private
// Unix socket. The main thread talks to it with node-postgres exactly as it talks to a
// PostgreSQL server, so one query layer serves both back ends and a heavy report query
// never stalls the HTTP event loop (PGlite's WASM is synchronous).
// Plain JS on purpose: a worker thread does not inherit the tsx loader.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { parentPort, workerData } from 'node:worker_threads';

const { dataDir, socketPath, maxConnections } = workerData;
let db;
let server;
try {
  db = await PGlite.create(dataDir ?? 'memory://', { extensions: { pg_trgm } });
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: maxConnections ?? 20 });
  await server.start();
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({ type: 'error', message: String(error?.stack ?? error) });
}

parentPort.on('message', async (msg) => {
  if (msg?.type === 'dump') {
    try {
      const file = await db.dumpDataDir('gzip');
      const buf = Buffer.from(await file.arrayBuffer());
      parentPort.postMessage({ type: 'dumped', id: msg.id, data: buf }, [buf.buffer]);
    } catch (error) {
      parentPort.postMessage({ type: 'dumped', id: msg.id, error: String(error) });
    }
  }
  if (msg?.type === 'close') {
    try {
      await server?.stop();
      await db?.close();
    } finally {
      parentPort.postMessage({ type: 'closed' });
    }
  }
});
