import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { installTypeParsers } from './pg-types.ts';
import type { DB } from './schema.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { AuditKeyPlugin, ephemeralAuditKeys, type AuditKeys } from '../audit/audit-key.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** An open database: the Kysely query layer plus what jobs and tools need to connect. */
export interface Database {
  kind: DatabaseKind;
  db: Kysely<DB>;
  pool: pg.Pool;
  /** Connection settings for a second pool (pg-boss), same target as `pool`. */
  connection: pg.PoolConfig;
  /** Embedded only: a gzip tarball of the PGlite data directory (physical snapshot). */
  dumpDataDir?: () => Promise<Buffer>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… — a PostgreSQL server. When absent, embedded PGlite is used. */
  databaseUrl?: string;
  /** Folder of the embedded database (created if missing). `undefined` = in memory (tests only). */
  dataDir?: string;
  /** Connections in the app pool. */
  poolMax?: number;
  /**
   * The audit chain's keys (core/audit/audit-key.ts), carried by the Kysely instance so every transaction
   * appends and verifies with them. The server and the CLI pass the installation's (`loadAuditKeys`);
   * absent = the process's ephemeral key, for throw-away databases (tests, benchmarks) only.
   */
  auditKeys?: AuditKeys;
}

/** Opens PostgreSQL (DATABASE_URL) or embedded PGlite on a worker thread; same API for both. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  installTypeParsers();
  const plugin = new AuditKeyPlugin(options.auditKeys ?? ephemeralAuditKeys());
  if (options.databaseUrl) return openServer(options.databaseUrl, options.poolMax ?? 10, plugin);
  return openEmbedded(options.dataDir, options.poolMax ?? 8, plugin);
}

/**
 * An idle pooled client can lose its connection (server restart, admin termination, network);
 * node-postgres then emits 'error' on the pool, which would crash the process if unheard. The
 * pool drops that client and the next query opens a new one, so logging is all that is needed.
 */
function keepPoolErrorsFromCrashing(pool: pg.Pool): void {
  pool.on('error', (error) => console.warn(`[db] 空闲数据库连接已断开（将自动重连）：${error.message}`));
}

/**
 * JIT off on the app's connections to a PostgreSQL server (its pool and any client opened from `connection`):
 * the statistics' plans cross the JIT cost threshold at a million rows and LLVM then spent 470–560 ms compiling a
 * query that runs in ~0.5 s (EXPLAIN, bench/results/hazard-ledger-1m-jit-explain.txt); the app's queries are short
 * and run once per request, so compiling never pays back. (PGlite has no JIT.)
 */
const SERVER_SESSION_OPTIONS = '-c jit=off';

function openServer(url: string, max: number, plugin: AuditKeyPlugin): Database {
  const connection: pg.PoolConfig = { connectionString: url, options: SERVER_SESSION_OPTIONS };
  const pool = new pg.Pool({ ...connection, max });
  keepPoolErrorsFromCrashing(pool);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [plugin] });
  return {
    kind: 'postgres',
    db,
    pool,
    connection,
    close: () => db.destroy(),
  };
}

async function openEmbedded(dataDir: string | undefined, max: number, plugin: AuditKeyPlugin): Promise<Database> {
  let lock: DataDirLock | undefined;
  let pgDataDir: string | undefined;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
    pgDataDir = path.join(dataDir, 'pgdata');
  }
  // A private socket folder (0700): only this OS user can reach the embedded database.
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-pg-'));
  fs.chmodSync(socketDir, 0o700);
  const socketPath = path.join(socketDir, '.s.PGSQL.5432');
  const worker = new Worker(new URL('./embedded-worker.mjs', import.meta.url), {
    workerData: { dataDir: pgDataDir, socketPath, maxConnections: 32 },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (msg: { type: string; message?: string }) =>
        msg.type === 'ready' ? resolve() : reject(new Error(`嵌入式数据库启动失败: ${msg.message}`)),
      );
      worker.once('error', reject);
    });
  } catch (error) {
    await worker.terminate();
    lock?.release();
    fs.rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  const connection: pg.PoolConfig = { host: socketDir, port: 5432, user: 'postgres', database: 'postgres' };
  const pool = new pg.Pool({ ...connection, max });
  keepPoolErrorsFromCrashing(pool);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [plugin] });
  let dumpSeq = 0;
  const dumpDataDir = () =>
    new Promise<Buffer>((resolve, reject) => {
      const id = ++dumpSeq;
      const onMessage = (msg: { type: string; id?: number; data?: Uint8Array; error?: string }) => {
        if (msg.type !== 'dumped' || msg.id !== id) return;
        worker.off('message', onMessage);
        if (msg.error || !msg.data) reject(new Error(msg.error ?? 'dump failed'));
        else resolve(Buffer.from(msg.data));
      };
      worker.on('message', onMessage);
      worker.postMessage({ type: 'dump', id });
    });
  let closed = false;
  return {
    kind: 'pglite',
    db,
    pool,
    connection,
    dumpDataDir,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000);
        worker.once('message', (msg: { type: string }) => {
          if (msg.type === 'closed') {
            clearTimeout(timer);
            resolve();
          }
        });
        worker.postMessage({ type: 'close' });
      });
      await worker.terminate();
      fs.rmSync(socketDir, { recursive: true, force: true });
      lock?.release();
    },
  };
}
