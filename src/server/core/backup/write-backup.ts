import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { schemaVersion } from '../db/migrate.ts';
import { appendAudit, type Actor } from '../audit/audit-chain.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, EXCLUDED_TABLES, type BackupHeader } from './backup-format.ts';
import { loadTableGraph, parentsFirst } from './table-order.ts';
import { DERIVED_TABLE_NAMES } from '../db/derived-tables.ts';
import { readAttachment, sha256Hex } from '../files/attachment-store.ts';

export interface WriteBackupResult {
  file: string;
  header: BackupHeader;
  bytes: number;
  ms: number;
  /** attachment files carried; `missing` / `damaged` ones (absent, or not matching their digest) were left out */
  files: { count: number; bytes: number; missing: string[]; damaged: string[] };
}

/** base64 in slices of whole 3-byte groups, so a large file is never one giant string write */
const BASE64_SLICE = 3 * 64 * 1024;

/**
 * Writes a logical backup of every app table from one consistent snapshot (REPEATABLE READ,
 * read only), streaming rows through a cursor so a large database never sits in memory; then
 * the attachment files (<dataDir>/attachments) that the snapshot's `uploads` rows reference, one
 * at a time. Derived tables (core/db/derived-tables.ts) are left out: the restore rebuilds them.
 * The file holds every case and its attachments, so it is created 0600 (readable by its owner
 * only, whatever the umask) and appears atomically (written to .partial, then renamed).
 */
export async function writeBackup(options: { database: Database; file: string; dataDir: string; actor: Actor; now: Date }): Promise<WriteBackupResult> {
  const t0 = performance.now();
  const file = path.resolve(options.file);
  const partial = `${file}.partial`;
  const gzip = zlib.createGzip({ level: 6 });
  // a .partial left by a crashed run is replaced, never reused with its old mode
  fs.rmSync(partial, { force: true });
  const out = fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  gzip.pipe(out);
  const writeRaw = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  const write = (line: string) => writeRaw(line + '\n');
  let header: BackupHeader | undefined;
  let tableCount = 0;
  let stored: { sha256: string; size: number }[] = [];
  const files = { count: 0, bytes: 0, missing: [] as string[], damaged: [] as string[] };
  try {
    await options.database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`SET TRANSACTION READ ONLY`.execute(trx);
        const version = await schemaVersion(trx);
        if (!version) throw new Error('数据库尚未初始化（没有已应用的迁移）');
        const graph = await loadTableGraph(trx);
        const tables = graph.ordered.filter((t) => !EXCLUDED_TABLES.has(t) && !DERIVED_TABLE_NAMES.has(t));
        const counts: { name: string; rows: number }[] = [];
        for (const name of tables) {
          const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(trx);
          counts.push({ name, rows: r.rows[0]!.n });
        }
        header = {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          schemaVersion: version,
          databaseKind: options.database.kind,
          createdAt: options.now.toISOString(),
          tables: counts,
        };
        await write(JSON.stringify(header));
        for (const { name, rows } of counts) {
          await write(JSON.stringify({ table: name, rows }));
          const selfRef = graph.selfRefs.get(name);
          if (selfRef) {
            // small tree tables (units): load and order parents first so restore satisfies the FK
            const all = await sql<{ j: string }>`SELECT row_to_json(t)::text AS j FROM ${sql.table(name)} t`.execute(trx);
            for (const line of parentsFirst(
              all.rows.map((r) => r.j),
              selfRef,
            ))
              await write(line);
            continue;
          }
          await sql`DECLARE anwen_backup NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${sql.table(name)} t`.execute(trx);
          for (;;) {
            const batch = await sql<{ j: string }>`FETCH 2000 FROM anwen_backup`.execute(trx);
            for (const r of batch.rows) await write(r.j);
            if (batch.rows.length < 2000) break;
          }
          await sql`CLOSE anwen_backup`.execute(trx);
        }
        tableCount = counts.length;
        // the files the backed-up rows point at (content-addressed files never change, so they
        // may be read after the snapshot ends)
        const refs = await sql<{ sha256: string; size: number }>`SELECT sha256, max(size)::int AS size FROM uploads GROUP BY sha256 ORDER BY sha256`.execute(
          trx,
        );
        stored = refs.rows;
      });
    for (const { sha256 } of stored) {
      const bytes = await readAttachment(options.dataDir, sha256).catch((error: unknown) => {
        if ((error as { code?: unknown }).code === 'ENOENT') return null;
        throw error;
      });
      if (!bytes) {
        files.missing.push(sha256);
        continue;
      }
      // a damaged copy would make the whole backup unrestorable: leave it out and say so
      if (sha256Hex(bytes) !== sha256) {
        files.damaged.push(sha256);
        continue;
      }
      await writeRaw(`{"file":"${sha256}","size":${bytes.length},"data":"`);
      for (let at = 0; at < bytes.length; at += BASE64_SLICE) await writeRaw(bytes.subarray(at, at + BASE64_SLICE).toString('base64'));
      await write('"}');
      files.count++;
      files.bytes += bytes.length;
    }
    await write(JSON.stringify({ end: true, tables: tableCount, files: files.count }));
    gzip.end();
    await once(out, 'finish');
    fs.renameSync(partial, file);
  } catch (error) {
    gzip.destroy();
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  // a data export is worth recording (who took a copy of everything, and when)
  await options.database.db.transaction().execute((trx) =>
    appendAudit(trx, options.actor, {
      action: 'backup.create',
      entityType: 'backup',
      entityId: path.basename(file),
      after: {
        tables: header!.tables.length,
        rows: header!.tables.reduce((s, t) => s + t.rows, 0),
        files: files.count,
        missingFiles: files.missing.length,
        damagedFiles: files.damaged.length,
      },
    }),
  );
  return { file, header: header!, bytes: fs.statSync(file).size, ms: Math.round(performance.now() - t0), files };
}
