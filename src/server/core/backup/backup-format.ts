import { z } from 'zod';

/**
 * The portable logical backup: gzip'd JSON lines.
 *   line 1             header (this schema)
 *   per table, in FK order:  {"table": name, "rows": n}  then n lines, one row each as
 *                      PostgreSQL's own row_to_json (so types round-trip through PostgreSQL,
 *                      not through JavaScript: int8, bytea, timestamptz, arrays, jsonb)
 *   then (version 2)   one line per stored attachment file referenced by `uploads`:
 *                      {"file": sha256, "size": n, "data": base64}
 *   last line          {"end": true, "tables": k, "files": f}  (a truncated file is detected)
 * Logical, not physical: a PGlite backup restores into PostgreSQL and back. Version 1 files
 * (no attachment lines, no "files" in the trailer) still restore.
 */
export const BACKUP_FORMAT = 'anwen-backup';
export const BACKUP_FORMAT_VERSION = 2;

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.union([z.literal(1), z.literal(BACKUP_FORMAT_VERSION)]),
  schemaVersion: z.string(),
  databaseKind: z.enum(['pglite', 'postgres']),
  createdAt: z.string(),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int().nonnegative() })),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export const sectionSchema = z.object({ table: z.string(), rows: z.number().int().nonnegative() });
/** Version 1 trailers have no "files": they carried none. */
export const trailerSchema = z.object({ end: z.literal(true), tables: z.number().int().nonnegative(), files: z.number().int().nonnegative().default(0) });
export const fileLineSchema = z.object({ file: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative(), data: z.string() });

/** Never backed up: login sessions (secrets, short-lived), migration bookkeeping (the target has its own). */
export const EXCLUDED_TABLES = new Set(['sessions', 'kysely_migration', 'kysely_migration_lock']);
