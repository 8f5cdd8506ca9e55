import path from 'node:path';
import { Migrator, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { MIGRATIONS, migrateToLatest, schemaVersion } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import { appendAudit, verifyAuditChain, type Actor, type VerifyResult } from '../audit/audit-chain.ts';
import { backupHeaderSchema, EXCLUDED_TABLES, fileLineSchema, sectionSchema, trailerSchema, type BackupHeader } from './backup-format.ts';
import { putAttachment, removeAttachment, sha256Hex } from '../files/attachment-store.ts';
import { loadTableGraph } from './table-order.ts';
import { gzipLines } from './read-lines.ts';
import { DERIVED_TABLE_NAMES, rebuildDerivedTables } from '../db/derived-tables.ts';

export interface RestoreResult {
  header: BackupHeader;
  restored: { name: string; rows: number }[];
  /** derived tables (core/db/derived-tables.ts) rebuilt from the restored rows, with their row counts */
  rebuilt: { name: string; rows: number }[];
  /** attachment files put into <dataDir>/attachments */
  files: { count: number; bytes: number };
  audit: VerifyResult;
  ms: number;
}

const invalid = (detail: string) => new AppError('BACKUP_INVALID', { detail });
const BATCH_ROWS = 1000;
const BATCH_CHARS = 4_000_000;

/**
 * Restores a logical backup into an EMPTY database (a fresh data dir or database, migrated or
 * not): one transaction, identity sequences reset, then the schema is brought to the latest
 * version and the audit chain is verified. Any back end to any back end. Rows are copied verbatim:
 * the tables' own triggers are off while they load, and the derived tables are rebuilt from the
 * restored rows afterwards (their rows in an older backup are read and skipped). The backup's attachment
 * files are verified against their SHA-256 and put into <dataDir>/attachments before the commit;
 * a damaged one aborts the restore (and the files this restore created are removed again).
 */
export async function restoreBackup(options: { database: Database; file: string; dataDir: string; actor: Actor }): Promise<RestoreResult> {
  const t0 = performance.now();
  const { db } = options.database;
  const lines = gzipLines(options.file)[Symbol.asyncIterator]();
  const next = async (what: string): Promise<string> => {
    let r: IteratorResult<string>;
    try {
      r = await lines.next();
    } catch (error) {
      throw invalid(`无法读取（不是 gzip 备份文件，或文件已损坏）：${error instanceof Error ? error.message : String(error)}`);
    }
    if (r.done) throw invalid(`文件在${what}处提前结束（不完整）`);
    return r.value;
  };
  const created: string[] = [];
  let committed = false;
  const files = { count: 0, bytes: 0 };
  const parse = (line: string, what: string): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      throw invalid(`${what}不是有效的 JSON`);
    }
  };

  try {
    const headerParsed = backupHeaderSchema.safeParse(parse(await next('文件头'), '文件头'));
    if (!headerParsed.success) throw invalid('文件头不是安稳备份格式');
    const header = headerParsed.data;

    // the rows must fit the schema they were taken from: bring a fresh target to that version
    let current = await schemaVersion(db);
    if (current === null) {
      if (!(header.schemaVersion in MIGRATIONS)) throw invalid(`备份来自更新版本的程序（结构版本 ${header.schemaVersion}），请先升级程序`);
      const { error } = await new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo(header.schemaVersion);
      if (error) throw error instanceof Error ? error : new Error(String(error));
      current = header.schemaVersion;
    }
    if (current !== header.schemaVersion) {
      throw invalid(`备份的结构版本 ${header.schemaVersion} 与目标库的 ${current} 不同；请恢复到新的空数据目录或空数据库`);
    }
    for (const table of ['units', 'users', 'audit_events'] as const) {
      const r = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(r.n) > 0) throw new AppError('RESTORE_TARGET_NOT_EMPTY');
    }

    const { restored, rebuilt } = await db.transaction().execute(async (trx) => {
      const graph = await loadTableGraph(trx);
      const known = new Set(graph.ordered);
      const listed = header.tables.map((t) => t.name);
      for (const name of listed) {
        if (!known.has(name) || EXCLUDED_TABLES.has(name)) throw invalid(`目标库没有表 ${name}`);
      }
      // verbatim copy: no trigger derives anything from half-loaded tables (petition_facts' triggers would
      // insert the facts the backup's own rows then collide with); transactional, so a failure re-enables them
      const triggered = await tablesWithUserTriggers(trx);
      for (const name of triggered) await sql`ALTER TABLE ${sql.table(name)} DISABLE TRIGGER USER`.execute(trx);
      // rows that migrations or first start put into the target (e.g. the audit head) give way to the backup's
      for (const name of [...graph.ordered].reverse()) {
        if (listed.includes(name)) await sql`DELETE FROM ${sql.table(name)}`.execute(trx);
      }
      const done: { name: string; rows: number }[] = [];
      for (let i = 0; i < header.tables.length; i++) {
        const section = sectionSchema.safeParse(parse(await next('表头'), '表头'));
        if (!section.success || section.data.table !== header.tables[i]!.name || section.data.rows !== header.tables[i]!.rows) {
          throw invalid(`第 ${i + 1} 个表的段落与文件头不符`);
        }
        const { table, rows } = section.data;
        if (DERIVED_TABLE_NAMES.has(table)) {
          // a backup written before the table was declared derived carries its rows: rebuilt below instead
          for (let n = 0; n < rows; n++) await next(`表 ${table} 的数据`);
          continue;
        }
        const columns = await insertableColumns(trx, table);
        let batch: string[] = [];
        let chars = 0;
        const flush = async () => {
          if (!batch.length) return;
          const cols = sql.join(columns.map((c) => sql.id(c)));
          await sql`INSERT INTO ${sql.table(table)} (${cols}) OVERRIDING SYSTEM VALUE
                    SELECT ${cols} FROM json_populate_recordset(NULL::${sql.table(table)}, ${'[' + batch.join(',') + ']'}::json)`.execute(trx);
          batch = [];
          chars = 0;
        };
        for (let n = 0; n < rows; n++) {
          const line = await next(`表 ${table} 的数据`);
          batch.push(line);
          chars += line.length;
          if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
        }
        await flush();
        done.push({ name: table, rows });
      }
      // attachment lines (format 2), then the trailer, which counts both
      for (;;) {
        const value = parse(await next('附件或文件尾'), '附件或文件尾');
        if (value !== null && typeof value === 'object' && 'file' in value) {
          const line = fileLineSchema.safeParse(value);
          if (!line.success) throw invalid(`第 ${files.count + 1} 个附件的记录格式不符`);
          const { file: sha256, size, data } = line.data;
          const bytes = Buffer.from(data, 'base64');
          if (bytes.length !== size || sha256Hex(bytes) !== sha256) {
            throw invalid(`附件 ${sha256.slice(0, 12)}… 的内容与其 SHA-256 校验值不符（备份已损坏），恢复已中止，没有写入任何数据`);
          }
          if ((await putAttachment(options.dataDir, sha256, bytes)) === 'created') created.push(sha256);
          files.count++;
          files.bytes += size;
          continue;
        }
        const trailer = trailerSchema.safeParse(value);
        if (!trailer.success || trailer.data.tables !== header.tables.length) throw invalid('文件尾缺失或不符');
        if (trailer.data.files !== files.count) throw invalid(`附件数 ${files.count} 与文件尾记录的 ${trailer.data.files} 不符（不完整）`);
        break;
      }
      for (const name of triggered) await sql`ALTER TABLE ${sql.table(name)} ENABLE TRIGGER USER`.execute(trx);
      const rebuilt = await rebuildDerivedTables(trx);
      await resetIdentitySequences(trx);
      await appendAudit(trx, options.actor, {
        action: 'backup.restore',
        entityType: 'backup',
        entityId: path.basename(options.file),
        after: {
          createdAt: header.createdAt,
          from: header.databaseKind,
          schemaVersion: header.schemaVersion,
          rows: done.reduce((s, t) => s + t.rows, 0),
          files: files.count,
          rebuilt: Object.fromEntries(rebuilt.map((t) => [t.name, t.rows])),
        },
      });
      return { restored: done, rebuilt };
    });
    committed = true;
    await migrateToLatest(db);
    const audit = await verifyAuditChain(db);
    return { header, restored, rebuilt, files, audit, ms: Math.round(performance.now() - t0) };
  } catch (error) {
    // the rows rolled back: files this restore added would be orphans
    if (!committed) for (const sha256 of created) await removeAttachment(options.dataDir, sha256);
    // PostgreSQL rejecting a row (bad JSON, wrong type) means the file is not a valid backup
    if (error instanceof AppError) throw error;
    const pgCode = (error as { code?: unknown }).code;
    if (typeof pgCode === 'string' && /^(22|23|42)/.test(pgCode)) throw invalid(`数据无法写入：${(error as Error).message}`);
    throw error;
  } finally {
    await lines.return?.(undefined);
  }
}

/** Tables of the app's schema with triggers of their own (not the internal ones behind foreign keys). */
async function tablesWithUserTriggers(trx: Transaction<DB>): Promise<string[]> {
  const r = await sql<{ name: string }>`
    SELECT DISTINCT c.relname AS name FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal AND n.nspname = 'public' ORDER BY 1`.execute(trx);
  return r.rows.map((x) => x.name);
}

async function insertableColumns(trx: Transaction<DB>, table: string): Promise<string[]> {
  const r = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ${table} AND is_generated = 'NEVER'
    ORDER BY ordinal_position`.execute(trx);
  return r.rows.map((c) => c.column_name);
}

/** After explicit ids were inserted, the next generated id must come after the largest. */
async function resetIdentitySequences(trx: Transaction<DB>): Promise<void> {
  const cols = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`.execute(trx);
  for (const { table_name, column_name } of cols.rows) {
    await sql`SELECT setval(pg_get_serial_sequence(${`public.${quoteIdent(table_name)}`}, ${column_name}),
                            COALESCE((SELECT max(${sql.id(column_name)}) FROM ${sql.table(table_name)}), 1),
                            (SELECT max(${sql.id(column_name)}) FROM ${sql.table(table_name)}) IS NOT NULL)`.execute(trx);
  }
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
