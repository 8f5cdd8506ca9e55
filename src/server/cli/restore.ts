import fs from 'node:fs';
import { openForCli } from './open.ts';
import { restoreBackup } from '../core/backup/restore-backup.ts';
import { cliActor } from '../core/audit/audit-chain.ts';
import { AppError } from '../core/errors.ts';

/**
 * `anwen restore <file>`: into an EMPTY target only (a new ANWEN_DATA_DIR, or an empty
 * database named by DATABASE_URL). A PGlite backup restores into PostgreSQL: the upgrade path.
 */
export async function run(args: string[]): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    console.error('用法：anwen restore <文件>   （目标须为空的数据目录或空数据库）');
    return 2;
  }
  if (!fs.existsSync(file)) throw new AppError('BACKUP_INVALID', { detail: `找不到文件 ${file}` });
  // not migrated here: a fresh target is brought to the backup's schema version first
  const { database, config } = await openForCli({ migrate: false });
  try {
    const result = await restoreBackup({ database, file, dataDir: config.dataDir, actor: cliActor() });
    const rows = result.restored.reduce((s, t) => s + t.rows, 0);
    console.log(`恢复完成：${result.restored.length} 张表，${rows} 行，用时 ${(result.ms / 1000).toFixed(1)} 秒`);
    console.log(`  附件 ${result.files.count} 个，已写入 ${config.dataDir}/attachments`);
    for (const t of result.rebuilt) console.log(`  派生表 ${t.name} 已按恢复的数据重建：${t.rows} 行`);
    console.log(`  备份时间 ${result.header.createdAt}，来源 ${result.header.databaseKind}，目标 ${database.kind}`);
    if (result.audit.ok) {
      console.log(`审计链完整：${result.audit.count} 条事件`);
      return 0;
    }
    console.error(`审计链校验失败：${result.audit.reason}`);
    return 1;
  } finally {
    await database.close();
  }
}
