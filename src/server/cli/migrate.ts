import { openForCli } from './open.ts';
import { migrateToLatest, schemaVersion } from '../core/db/migrate.ts';

export async function run(): Promise<number> {
  const { database } = await openForCli({ migrate: false });
  try {
    const applied = await migrateToLatest(database.db);
    console.log(applied.length ? `已应用迁移：${applied.join(', ')}` : '数据库结构已是最新');
    console.log(`当前结构版本：${await schemaVersion(database.db)}（${database.kind}）`);
    return 0;
  } finally {
    await database.close();
  }
}
