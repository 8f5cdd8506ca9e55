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
  keepProtocolSequencesTogether(server.queryQueue, db);
  await server.start();
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({ type: 'error', message: String(error?.stack ?? error) });
}

/**
 * pglite-socket 0.2.17 queues the protocol messages of all connections for the one PGlite session and,
 * outside a transaction, takes them in arrival order. Two connections sending Parse/Bind/Execute/Sync at
 * the same time can interleave: one connection's Bind then binds the other's unnamed statement ("portal
 * does not exist", or worse, the other query's rows). Measured with concurrent API requests. This
 * replaces the queue's loop with the same loop plus one rule: once a connection has started an
 * extended-protocol sequence, only that connection is served until its Sync (or simple Query).
 * Also resets `processing` when a message throws (the library returns with it still set, stalling
 * every later query).
 */
let stallTimer = null;
function watchStall(queue, owner) {
  if (stallTimer) return;
  const since = Date.now();
  stallTimer = setTimeout(() => {
    stallTimer = null;
    const waiting = queue.queue.filter((q) => q.handlerId !== owner).length;
    if (queue.lastHandlerId === owner && waiting > 0) {
      process.stderr.write(`[pglite] 连接 #${owner} 的事务已占用数据库 ${Math.round((Date.now() - since) / 1000)} 秒，${waiting} 条其他连接的请求在等待\n`);
    }
  }, 5000);
  stallTimer.unref?.();
}

function keepProtocolSequencesTogether(queue, pglite) {
  const BOUNDARY = new Set([0x53 /* Sync */, 0x51 /* Query */, 0x58 /* Terminate */]);
  let openSequence = false;
  queue.processQueue = async function processQueue() {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = this.lastHandlerId !== null && (openSequence || pglite.isInTransaction()) ? this.lastHandlerId : null;
        let item;
        if (owner !== null) {
          const at = this.queue.findIndex((q) => q.handlerId === owner);
          item = at === -1 ? null : this.queue.splice(at, 1)[0];
        } else {
          item = this.queue.shift();
        }
        if (!item) {
          // the owner's next message has not arrived yet; its enqueue restarts the loop. A transaction that stays
          // open while others wait is worth a line on stderr: it is how a request that waits on a second
          // connection inside its own transaction (a deadlock on a single-session database) shows itself.
          watchStall(this, owner);
          break;
        }
        const type = item.message[0];
        let bytes = 0;
        try {
          await pglite.runExclusive(() =>
            pglite.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          openSequence = false;
          this.lastHandlerId = item.handlerId;
          item.reject(error);
          continue;
        }
        // a startup message (first byte 0, no type) is a boundary too
        openSequence = type !== 0 && !BOUNDARY.has(type);
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    clear(handlerId);
    if (queue.lastHandlerId === handlerId && openSequence) {
      openSequence = false;
      void queue.processQueue();
    }
  };
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
