import { loadConfig, type AppConfig } from '../core/config.ts';
import { openDatabase, type Database } from '../core/db/database.ts';
import { migrateToLatest } from '../core/db/migrate.ts';
import { loadAuditKeys } from '../core/audit/audit-key.ts';

/**
 * Opens the database the server would use (DATABASE_URL, else the embedded data dir) and
 * migrates it, so every command works on a fresh checkout before any server has run.
 */
export async function openForCli(options: { migrate?: boolean } = {}): Promise<{ database: Database; config: AppConfig }> {
  const config = loadConfig();
  // the installation's audit key (from the same secret as the personal-data key): appends and `audit verify` need it
  const auditKeys = loadAuditKeys({ secret: config.secretKey, dataDir: config.dataDir });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 4, auditKeys });
  try {
    if (options.migrate !== false) await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { database, config };
}
