import { openForCli } from './open.ts';
import { ensureInitialData } from '../seed/initial.ts';
import { ensureLegalClock } from '../kernel/deadlines/seed-legal-clock.ts';
import { checkPersonalDataKey, loadPersonalDataKeys } from '../core/personal-data/index.ts';

const USAGE = '用法：anwen seed            生成演示县数据（已存在则跳过）\n      anwen seed --bulk N   生成 N 条压测事项';

/** `anwen seed`: the demo county on demand (idempotent); `--bulk N` delegates to the bulk generator. */
export async function run(args: string[]): Promise<number> {
  const bulkAt = args.indexOf('--bulk');
  let count: number | undefined;
  if (bulkAt >= 0) {
    const raw = args[bulkAt + 1];
    count = Number(raw);
    if (!raw || !Number.isInteger(count) || count <= 0) {
      console.error(`错误：--bulk 需要一个正整数，收到“${raw ?? ''}”\n${USAGE}`);
      return 2;
    }
  } else if (args.length > 0) {
    console.error(`错误：未知参数 ${args.join(' ')}\n${USAGE}`);
    return 2;
  }

  const { database, config } = await openForCli();
  try {
    // the demo seed runs even with ANWEN_DEMO=0: asking for it explicitly is the point of this command
    await ensureLegalClock(database.db); // the demo items start deadline clocks
    // the demo petitions are encrypted with the key the server will use
    const keys = loadPersonalDataKeys({ secret: config.secretKey, dataDir: config.dataDir });
    await checkPersonalDataKey(database.db, keys, { fromEnv: Boolean(config.secretKey), dataDir: config.dataDir });
    const result = await ensureInitialData({ database, config, demo: true, keys });
    if (result.adminPassword) console.log(`管理员账号：admin  密码：${result.adminPassword}（随机生成，仅显示这一次）`);
    if (count === undefined) {
      console.log(
        `演示县数据已就绪。演示账号（密码均为 ${result.demoPassword}${result.demoPasswordChangeRequired ? '；非演示环境，首次登录须修改密码' : ''}）：`,
      );
      for (const d of result.demoLogins) console.log(`  ${d.username.padEnd(16)} ${d.description}`);
      return 0;
    }
    // bulk.ts belongs to the benchmark work; loaded only when asked for (a computed specifier so
    // this file type-checks whether or not bulk.ts has landed yet)
    const bulkUrl = new URL('../seed/bulk.ts', import.meta.url).href;
    const bulk = (await import(bulkUrl)) as { generateBulkItems: (o: { database: typeof database; count: number }) => Promise<unknown> };
    const t0 = performance.now();
    await bulk.generateBulkItems({ database, count });
    console.log(`已生成 ${count} 条压测事项，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒`);
    return 0;
  } finally {
    await database.close();
  }
}
