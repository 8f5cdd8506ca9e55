import { openForCli } from './open.ts';
import { verifyAuditChain } from '../core/audit/audit-chain.ts';

/** `anwen audit verify`: walks the hash chain; exit 0 when intact, 1 naming the first broken event. */
export async function run(args: string[]): Promise<number> {
  if (args[0] !== 'verify' || args.length > 1) {
    console.error('用法：anwen audit verify   （校验审计链是否完整、未被篡改或删除）');
    return 2;
  }
  const { database } = await openForCli();
  try {
    const result = await verifyAuditChain(database.db);
    if (result.ok) {
      console.log(`审计链完整：${result.count} 条事件`);
      return 0;
    }
    console.error(`审计链已被破坏：${result.reason}`);
    console.error(`（前 ${result.count} 条事件完好；首个问题在第 ${result.brokenSeq} 号）`);
    return 1;
  } finally {
    await database.close();
  }
}
