import { openForCli } from './open.ts';
import { writeBackup } from '../core/backup/write-backup.ts';
import { cliActor } from '../core/audit/audit-chain.ts';

/** `anwen backup <file>`: portable logical backup (gzip JSON lines) of the configured database. */
export async function run(args: string[]): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    console.error('用法：anwen backup <文件>   （例如 anwen backup anwen-2026-11-23.jsonl.gz）');
    return 2;
  }
  const { database, config } = await openForCli();
  try {
    const result = await writeBackup({ database, file, dataDir: config.dataDir, actor: cliActor(), now: new Date() });
    const rows = result.header.tables.reduce((s, t) => s + t.rows, 0);
    console.log(`备份完成：${result.file}`);
    console.log(`  ${result.header.tables.length} 张表，${rows} 行，${(result.bytes / 1024).toFixed(1)} KiB，用时 ${(result.ms / 1000).toFixed(1)} 秒`);
    console.log(`  附件 ${result.files.count} 个，${(result.files.bytes / 1024).toFixed(1)} KiB`);
    if (result.files.missing.length || result.files.damaged.length)
      console.error(
        `警告：${result.files.missing.length} 个附件文件缺失、${result.files.damaged.length} 个已损坏（与 SHA-256 不符），未写入备份：${[...result.files.missing, ...result.files.damaged].join(', ')}`,
      );
    console.log(`  来源：${database.kind === 'pglite' ? '嵌入式 PGlite' : 'PostgreSQL'}，结构版本 ${result.header.schemaVersion}`);
    return 0;
  } finally {
    await database.close();
  }
}
